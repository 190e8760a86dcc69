/**
 * Behaviour that does not need a capture file: grammar quirks libpcap has (operator precedence,
 * qualifier inheritance), libpcap's run-time rules (short frames, `len` is the wire length,
 * frames inside a larger buffer), the "optimizer" effects, and JIT = interpreter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBpf } from '../../../../src/core/filter/bpf/index';
import { compileProgram } from '../../../../src/core/filter/bpf/program';
import { makeInterpreter, OUT_OF_BOUNDS } from '../../../../src/core/filter/bpf/interp';
import { makeJit, jitSource } from '../../../../src/core/filter/bpf/jit';
import { CAPTURES, loadFrames } from './frames';

/** 02:00:00:00:00:10 -> 02:00:00:00:01:00, IPv4 192.168.1.10:49232 -> 192.168.1.100:80, TCP SYN. */
function tcpSyn(): Uint8Array {
  const hex =
    '020000000100020000000010080045000028000140004006f76ec0a8010ac0a80164c0500050' +
    '000000000000000050020200abcd0000';
  return Uint8Array.from(hex.match(/../g) as string[], (h) => parseInt(h, 16));
}

function accepts(expr: string, pkt: Uint8Array, caplen = pkt.length, wirelen = pkt.length): boolean {
  const r = compileBpf(expr, 1);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.value.matches(pkt, 0, caplen, wirelen);
}

function message(expr: string, linktype = 1): string {
  const r = compileBpf(expr, linktype);
  return r.ok ? 'accepted' : r.error.message;
}

describe('BPF grammar', () => {
  it('inherits qualifiers across and/or/not like libpcap', () => {
    const syn = tcpSyn();
    expect(accepts('host 10.9.9.9 or 192.168.1.100', syn)).toBe(true);
    expect(accepts('port 22 or 80', syn)).toBe(true);
    expect(accepts('tcp dst port 22 or 80', syn)).toBe(true);
    // "not 192.168.1.100" is "not src host 192.168.1.100" here.
    expect(accepts('src host 192.168.1.10 and not 192.168.1.100', syn)).toBe(true);
    expect(accepts('dst host 10.0.0.1 or not 192.168.1.100', syn)).toBe(false);
    expect(accepts('host (10.1.1.1 or 192.168.1.10)', syn)).toBe(true);
    // The same expression spelled out must generate the same program.
    const a = compileBpf('host 1.2.3.4 or 5.6.7.8', 1);
    const b = compileBpf('host 1.2.3.4 or host 5.6.7.8', 1);
    expect(a.ok && b.ok && a.value.dump() === b.value.dump()).toBe(true);
  });

  it("gives '%' and '^' no precedence, as libpcap's yacc grammar does", () => {
    const syn = tcpSyn();
    expect(accepts('7 % 3 + 1 = 3', syn)).toBe(true); // 7 % (3 + 1)
    expect(message('7 % 3 + 1 = 2')).toBe('expression rejects all packets');
    expect(accepts('1 + 6 ^ 2 = 5', syn)).toBe(true); // 1 + (6 ^ 2)
    expect(accepts('2 * 3 + 4 = 10 and 10 - 4 - 3 = 3 and 1 << 2 + 1 = 8', syn)).toBe(true);
    expect(accepts('-1 = 4294967295', syn)).toBe(true);
  });

  it('knows the named constants', () => {
    const syn = tcpSyn();
    expect(accepts('tcp[tcpflags] & tcp-syn != 0 and tcp[tcpflags] & tcp-ack = 0', syn)).toBe(true);
    expect(accepts('icmp[icmptype] = icmp-echo', syn)).toBe(false);
  });

  it('reports rejected expressions with libpcap messages and positions for syntax errors', () => {
    expect(message('host foo')).toBe("unknown host 'foo'");
    expect(message('tcp port 80 and')).toBe("can't parse filter expression: syntax error");
    expect(message('tcp and 80')).toBe('syntax error in filter expression');
    expect(message('host ::1.2.3.400')).toBe('bogus IPv6 address ::1.2.3.400');
    expect(message('host 1::2::3:4:5:6:7:8')).toBe('bogus ethernet address 1::2::3:4:5:6:7:');
    expect(message('host fe80::1::2')).toBe("can't parse filter expression: syntax error");
    expect(message('len = 4294967296')).toBe('number 4294967296 overflows 32 bits');
    expect(message('vlan', 276)).toBe('no VLAN support for Linux cooked v2');
    expect(message('ether broadcast', 276)).toBe('not a broadcast link');
    expect(message('ip and ip6')).toBe('expression rejects all packets');
    expect(message('ip', 229)).toBe('expression rejects all packets');
    const r = compileBpf('port 80 and )', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.from, r.error.to]).toEqual([12, 13]);
    // Rejected constructs are located too.
    const where = (expr: string): string => {
      const c = compileBpf(expr, 1);
      return c.ok || c.error.from === undefined ? '' : expr.slice(c.error.from, c.error.to);
    };
    expect(where('tcp and host foo')).toBe('foo');
    expect(where('ip or port 99999 and udp')).toBe('99999');
    expect(where('tcp[1:3] = 1 and ip')).toBe('tcp[1:3] = 1');
  });

  it('accepts everything with an empty expression', () => {
    expect(accepts('', tcpSyn())).toBe(true);
    expect(accepts('  ', new Uint8Array(0), 0, 0)).toBe(true);
  });
});

describe('BPF run-time semantics', () => {
  it('rejects a frame when a needed load is past the captured bytes', () => {
    const syn = tcpSyn();
    expect(accepts('tcp port 80', syn)).toBe(true);
    expect(accepts('tcp port 80', syn, 36)).toBe(false); // cut inside the TCP header
    expect(accepts('ip', syn, 13)).toBe(false);
  });

  it('does not need loads whose outcome is settled, like tcpdump with its optimizer', () => {
    const syn = tcpSyn();
    expect(accepts('tcp[100:4] = 0 or tcp[100:4] != 0', syn)).toBe(true);
    expect(accepts('ether[127] = 1 or not ether[127] = 1', syn)).toBe(true);
    expect(accepts('tcp[100:4] = 0 or tcp[100:4] = 1', syn)).toBe(false);
    // protochain is never optimized: a load past the end rejects.
    expect(accepts('protochain 6 and (tcp[100:4] = 0 or tcp[100:4] != 0)', syn)).toBe(false);
  });

  it('uses the wire length for len/greater/less', () => {
    const syn = tcpSyn();
    expect(accepts('greater 1000', syn, syn.length, 1500)).toBe(true);
    expect(accepts('len = 1500', syn, syn.length, 1500)).toBe(true);
    expect(accepts('less 100', syn, syn.length, 1500)).toBe(false);
  });

  it('reads frames in place inside a larger buffer and never past caplen', () => {
    const syn = tcpSyn();
    const buf = new Uint8Array(300).fill(0xee);
    buf.set(syn, 100);
    const r = compileBpf('tcp dst port 80 and tcp[tcpflags] = tcp-syn', 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.matches(buf, 100, syn.length, syn.length)).toBe(true);
    // The bytes after caplen exist in the buffer but are not part of the frame.
    const far = compileBpf('ether[60] = 0xee', 1);
    expect(far.ok && far.value.matches(buf, 100, syn.length, syn.length)).toBe(false);
    expect(far.ok && far.value.matches(buf, 100, 61, 61)).toBe(true);
  });
});

describe('BPF JIT', () => {
  it('only ever interpolates numbers into generated code', () => {
    const c = compileProgram('host 1.2.3.4 and tcp[13] & 2 != 0 or len > 100', 1, 65535);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const src = jitSource(c.value.program) ?? '';
    expect(src).not.toMatch(/[^\w\s;,{}()[\]=!<>&|^+\-*/%.:"'?]/);
    expect(src).not.toContain('1.2.3.4');
  });

  it.skipIf(!existsSync(CAPTURES))(
    'agrees with the interpreter on every frame of the corpus for many expressions',
    () => {
      const fixture = JSON.parse(
        readFileSync(new URL('./fixtures/tcpdump-cases.json', import.meta.url), 'utf8'),
      ) as { cases: { file: string; expr: string; frames?: number[] }[] };
      let compared = 0;
      const cache = new Map<string, ReturnType<typeof loadFrames>>();
      for (const c of fixture.cases) {
        if (!c.frames) continue;
        let frames = cache.get(c.file);
        if (!frames) {
          frames = loadFrames(join(CAPTURES, c.file));
          cache.set(c.file, frames);
        }
        const compiled = compileProgram(c.expr, frames[0].linktype, 65535);
        if (!compiled.ok) throw new Error(c.expr);
        const jit = makeJit(compiled.value.program);
        const interp = makeInterpreter(compiled.value.program);
        if (!jit) continue; // protochain loops run on the interpreter only
        for (const f of frames) {
          const a = jit(f.data, 0, f.caplen, f.origlen);
          const b = interp(f.data, 0, f.caplen, f.origlen);
          if (a !== b) throw new Error(`${c.file} frame ${f.number} ${c.expr}: jit ${a} interpreter ${b}`);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(10000);
      expect(OUT_OF_BOUNDS).toBeLessThan(0);
    },
  );
});
