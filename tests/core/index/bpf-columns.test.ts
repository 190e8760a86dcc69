/**
 * The capture-filter fast path (programs specialised over the field columns, bytes read only
 * for the frames the columns cannot decide) selects exactly the frames of the byte path (the
 * program run on every frame's bytes), frame for frame: on every capture of the shared corpus
 * with every bpf.json expression and a list of expressions that exercise what the columns know
 * and do not know, on tcpdump's own test captures, and on synthetic captures (the bench's
 * generator and hand-made edge frames). Also: the per-frame decisions (worker) agree with the
 * batch, and a filter the columns decide entirely reads nothing from the source.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../src/core/capture/byte-source';
import type { ByteSource } from '../../../src/core/capture/types';
import { compileProgram } from '../../../src/core/filter/bpf/program';
import { ACCEPT, REJECT, UNDECIDED, columnFilterSource } from '../../../src/core/index/bpf-columns';
import {
  ColumnDecisions,
  bpfFrames,
  bpfFramesFromBytes,
  compileForInterfaces,
} from '../../../src/core/index/bpf-frames';
import { CaptureSession } from '../../../src/core/session';
import { synthesize } from '../../bench/synth-capture';
import { CAPTURES } from '../filter/bpf/frames';

const ORACLE = join(CAPTURES, 'oracle');
const TCPDUMP_TESTS = join(CAPTURES, 'tcpdump-tests');

/** Expressions over what the columns hold, what they do not, and how programs combine both. */
const EXPRESSIONS = [
  'tcp port 80 and host 192.168.1.38',
  'host 192.168.1.100',
  'src host 192.168.1.10',
  'dst host 192.168.1.100 or dst host 192.168.1.53',
  'net 192.168.0.0/16',
  'dst net 192.168.2.0/24',
  'net 10.0.0.0/8',
  'port 53',
  'src port 80',
  'dst port 443',
  'portrange 1-1024',
  'tcp portrange 20000-30000',
  'udp portrange 50-60',
  'tcp',
  'udp',
  'icmp',
  'ip',
  'ip6',
  'arp',
  'ip proto 6',
  'ip6 proto 17',
  'ip proto 1 or ip6 proto 58',
  'tcp[13] & 2 != 0',
  'tcp[tcpflags] & tcp-ack != 0',
  'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0',
  'tcp[0:2] = 80',
  'tcp[2:2] = 80 or tcp[0:2] = 443',
  'udp[0:4] = 0x00350035',
  'udp[8:2] = 0',
  'tcp[20:4] = 0',
  'tcp[100:4] = 0 or tcp[100:4] != 0',
  'ip[8] > 32',
  'ip[8] = 64',
  'ip[6:2] & 0x4000 != 0',
  'ip[6] & 0x20 != 0',
  'ip[6:2] & 0x1fff != 0',
  'ip[6:2] & 0x3fff = 0',
  'ip[0] & 0xf > 5',
  'ip[0] = 0x45',
  'ip[1] & 0xfc = 0',
  'ip[2:2] > 100',
  'ip[9] = 6',
  'ip[12:4] = 0xc0a8010a',
  'ip[16:4] & 0xffffff00 = 0xc0a80100',
  'ip[14:4] = 0',
  'ip[8] & 0 = 0',
  'ether host 02:00:00:00:00:10',
  'ether src 02:00:00:00:01:00',
  'ether broadcast',
  'ether multicast',
  'ether proto 0x86dd',
  'ether[12:2] = 0x800',
  'ether[14] = 0x45',
  'ether[20:2] & 0x1fff = 0',
  'ether[30:4] = ether[26:4]',
  'vlan',
  'vlan and tcp',
  'tcp or vlan',
  'len > 100',
  'len <= 60',
  'len - 14 > 40',
  'len >= 0',
  'greater 1000',
  'less 100',
  'not tcp',
  'not port 80 and not host 192.168.1.1',
  'tcp or udp',
  '(tcp and port 80) or (udp and port 53)',
  'ip6 host fd00:1::10',
  'ip6 and tcp port 80',
  'ip6 net fd00:1::/64',
  'host fd00:1::100 and port 443',
  'src host fd00:1::10 or dst host fd00:2::100',
  'icmp6',
  'icmp6 and ip6[40] = 128',
  'ip6[6] = 6',
  'ip6[6] = 58',
  'ip6[8:4] = 0xfd000001',
  'ip6[0] & 0xf0 = 0x60',
  'ip6[1] = 0',
  'icmp[icmptype] = icmp-echo',
  'icmp[icmptype] != 8 and icmp[icmptype] != 0',
  'ip multicast',
  'ip6 multicast',
  'tcp[0:2] * 2 > 100',
  'tcp[0:2] % 7 = 3',
  'tcp[0:2] ^ tcp[2:2] = 0',
  'tcp[0:2] >> 8 = 0',
  'tcp[0:2] << 1 > 1000',
  'tcp[0:2] & 0xff00 = 0x5000',
  'tcp[0:2] | 1 = 81',
  'tcp[0:2] / 3 > 100',
  'tcp[0:2] - tcp[2:2] > 0',
  'tcp[0:2] + len > 1500',
  'ip[2:2] - ((ip[0] & 0xf) << 2) > 20',
  'tcp port 80 and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)',
  'ip host 192.168.1.10 and len > 60',
  'protochain 6',
  'ip and not ip[6:2] & 0x1fff != 0 and tcp',
];

function strictSource(bytes: Uint8Array): ByteSource & { reads: number } {
  const inner = memoryByteSource(bytes);
  const src = {
    size: bytes.length,
    reads: 0,
    read(offset: number, length: number): Uint8Array {
      src.reads++;
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new Error(`read past the end: ${offset}+${length} of ${bytes.length}`);
      }
      return inner.read(offset, length);
    },
  };
  return src;
}

function load(bytes: Uint8Array): { session: CaptureSession; source: ByteSource & { reads: number } } {
  const source = strictSource(bytes);
  const session = new CaptureSession({ source, firstPass: { tree: false, columns: false } });
  session.push(bytes);
  session.finish();
  return { session, source };
}

/**
 * Compares the fast path with the byte path for every expression that compiles; returns how
 * many frames the columns decided (so tests can check the fast path is used at all).
 */
function compareAll(session: CaptureSession, source: ByteSource, exprs: readonly string[]): number {
  let decided = 0;
  const ix = session.index;
  for (const expr of exprs) {
    let slow: number[] | null = null;
    // Generated code, then the interpreter used where generating code is not allowed.
    for (const codegen of [true, false]) {
      const filters = compileForInterfaces(expr, session.info.interfaces, codegen);
      if (!filters.ok) break;
      slow ??= [
        ...bpfFramesFromBytes(
          filters.value.map((f) => f.program),
          ix,
          source,
        ),
      ];
      const fast = [...bpfFrames(filters.value, ix, source, session.fieldColumns)];
      expect({ expr, codegen, frames: fast }).toEqual({ expr, codegen, frames: slow });
      // Frame by frame (the worker's frames loaded after its batch): every decision of the
      // columns is the program's answer on the frame's bytes.
      const decisions = new ColumnDecisions(filters.value, ix, session.fieldColumns);
      const accepted = new Set(slow);
      const wrong: number[] = [];
      for (let num = 1; num <= ix.count; num++) {
        const r = decisions.decide(num);
        if (r === UNDECIDED) continue;
        decided++;
        if ((r === ACCEPT) !== accepted.has(num)) wrong.push(num);
      }
      expect({ expr, codegen, wrong }).toEqual({ expr, codegen, wrong: [] });
      // A sub-range gives the frames of that range.
      if (ix.count > 4) {
        const a = 2;
        const z = ix.count - 2;
        expect({
          expr,
          codegen,
          frames: [...bpfFrames(filters.value, ix, source, session.fieldColumns, a, z)],
        }).toEqual({
          expr,
          codegen,
          frames: slow.filter((n) => n >= a && n <= z),
        });
      }
    }
  }
  return decided;
}

function captureOf(name: string): string {
  for (const ext of ['.pcap', '.pcapng'])
    if (existsSync(join(CAPTURES, name + ext))) return join(CAPTURES, name + ext);
  throw new Error(`no capture for oracle ${name}`);
}

const oracleNames = existsSync(ORACLE)
  ? readdirSync(ORACLE).filter((n) => existsSync(join(ORACLE, n, 'bpf.json')))
  : [];

describe.skipIf(oracleNames.length === 0)('BPF fast path equals the byte path on the corpus', () => {
  for (const name of oracleNames) {
    it(name, () => {
      const { session, source } = load(new Uint8Array(readFileSync(captureOf(name))));
      const oracle = JSON.parse(readFileSync(join(ORACLE, name, 'bpf.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const decided = compareAll(session, source, [...Object.keys(oracle), ...EXPRESSIONS]);
      // Only Ethernet frames have plain columns; other link types always use their bytes.
      if (session.info.interfaces.some((i) => i.linktype === 1)) expect(decided).toBeGreaterThan(0);
      else expect(decided).toBe(0);
    });
  }
});

const tcpdumpTests = existsSync(TCPDUMP_TESTS)
  ? readdirSync(TCPDUMP_TESTS)
      .filter((n) => /\.pcap(ng)?$/.test(n) && statSync(join(TCPDUMP_TESTS, n)).size < 400_000)
      .sort()
  : [];

describe.skipIf(tcpdumpTests.length === 0)(
  "BPF fast path equals the byte path on tcpdump's test captures",
  () => {
    // Groups of captures per test keep the report readable and the run short.
    const GROUP = 60;
    for (let g = 0; g < tcpdumpTests.length; g += GROUP) {
      const names = tcpdumpTests.slice(g, g + GROUP);
      it(`${names[0]} .. ${names[names.length - 1]}`, () => {
        for (const name of names) {
          let loaded: ReturnType<typeof load>;
          try {
            loaded = load(new Uint8Array(readFileSync(join(TCPDUMP_TESTS, name))));
          } catch {
            continue; // Captures the reader rejects have no frames to filter.
          }
          const { session, source } = loaded;
          // Other link types never reach the columns (the corpus checks that on a Linux SLL2 capture).
          if (session.index.count === 0 || !session.info.interfaces.some((i) => i.linktype === 1)) continue;
          compareAll(session, source, EXPRESSIONS);
        }
      });
    }
  },
);

/** A classic pcap (Ethernet, µs timestamps) holding `frames` in memory. */
function pcap(frames: { bytes: Uint8Array; origlen?: number }[], snaplen = 65535): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.bytes.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, snaplen, true);
  dv.setUint32(20, 1, true);
  let pos = 24;
  frames.forEach((f, i) => {
    dv.setUint32(pos, 1_700_000_000 + i, true);
    dv.setUint32(pos + 8, f.bytes.length, true);
    dv.setUint32(pos + 12, f.origlen ?? f.bytes.length, true);
    out.set(f.bytes, pos + 16);
    pos += 16 + f.bytes.length;
  });
  return out;
}

function synthetic(packets: number, snaplen: number, seed: number): Uint8Array {
  const frames: { bytes: Uint8Array; origlen: number }[] = [];
  synthesize({ packets, snaplen, seed, format: 'pcap', loss: 0.02, mss: 1200 }, (frame, len, origLen) => {
    frames.push({ bytes: frame.slice(0, len), origlen: origLen });
  });
  return pcap(frames, snaplen);
}

const MAC_A = [2, 0, 0, 0, 1, 0];
const MAC_B = [2, 0, 0, 0, 0, 0x10];

/** Ethernet + IPv4 (+ options) + a transport header; every header field can be varied. */
function v4Frame(o: {
  proto: number;
  src?: number[];
  dst?: number[];
  sport?: number;
  dport?: number;
  ttl?: number;
  flags?: number;
  fragOff?: number;
  options?: number;
  tcpFlags?: number;
  payload?: number;
  vlan?: number;
  dstMac?: number[];
}): Uint8Array {
  const opt = o.options ?? 0;
  const th = o.proto === 6 ? 20 : o.proto === 17 ? 8 : 8;
  const pay = o.payload ?? 0;
  const ipLen = 20 + opt + th + pay;
  const vl = o.vlan !== undefined ? 4 : 0;
  const b = new Uint8Array(14 + vl + ipLen);
  b.set(o.dstMac ?? MAC_A, 0);
  b.set(MAC_B, 6);
  let p = 12;
  if (o.vlan !== undefined) {
    b.set([0x81, 0x00, o.vlan >> 8, o.vlan & 255], 12);
    p = 16;
  }
  b.set([0x08, 0x00], p);
  const ip = p + 2;
  b[ip] = 0x40 | ((20 + opt) >> 2);
  b[ip + 2] = ipLen >> 8;
  b[ip + 3] = ipLen & 255;
  const frag = ((o.flags ?? 0x2) << 13) | (o.fragOff ?? 0);
  b[ip + 6] = frag >> 8;
  b[ip + 7] = frag & 255;
  b[ip + 8] = o.ttl ?? 64;
  b[ip + 9] = o.proto;
  b.set(o.src ?? [192, 168, 1, 10], ip + 12);
  b.set(o.dst ?? [192, 168, 1, 100], ip + 16);
  const t = ip + 20 + opt;
  b[t] = (o.sport ?? 40000) >> 8;
  b[t + 1] = (o.sport ?? 40000) & 255;
  b[t + 2] = (o.dport ?? 80) >> 8;
  b[t + 3] = (o.dport ?? 80) & 255;
  if (o.proto === 6) {
    b[t + 12] = 0x50;
    b[t + 13] = o.tcpFlags ?? 0x10;
  }
  if (o.proto === 1) b[t] = 8;
  return b;
}

function v6Frame(o: {
  nxt: number;
  src?: number;
  dst?: number;
  sport?: number;
  dport?: number;
  type?: number;
}): Uint8Array {
  const th = o.nxt === 6 ? 20 : 8;
  const b = new Uint8Array(54 + th);
  b.set(MAC_A, 0);
  b.set(MAC_B, 6);
  b.set([0x86, 0xdd, 0x60], 12);
  b[19] = th;
  b[20] = o.nxt;
  b[21] = 64;
  b.set([0xfd, 0, 0, 1], 22);
  b[37] = o.src ?? 0x10;
  b.set([0xfd, 0, 0, 1], 38);
  b[53] = o.dst ?? 0x00;
  b[52] = o.dst === undefined ? 1 : 0;
  if (o.nxt === 58) {
    b[54] = o.type ?? 128;
  } else {
    b[54] = (o.sport ?? 40000) >> 8;
    b[55] = (o.sport ?? 40000) & 255;
    b[56] = (o.dport ?? 443) >> 8;
    b[57] = (o.dport ?? 443) & 255;
    if (o.nxt === 6) b[66] = 0x50;
  }
  return b;
}

/** Frames at the edges of what the columns call plain, and just beyond. */
function edgeFrames(): { bytes: Uint8Array; origlen?: number }[] {
  const f: { bytes: Uint8Array; origlen?: number }[] = [];
  for (const proto of [6, 17, 1]) {
    f.push({ bytes: v4Frame({ proto }) });
    f.push({ bytes: v4Frame({ proto, ttl: 1, flags: 0 }) });
    f.push({ bytes: v4Frame({ proto, flags: 4 }) });
    f.push({ bytes: v4Frame({ proto, flags: 1 }) });
    f.push({ bytes: v4Frame({ proto, fragOff: 100, flags: 0 }) });
    f.push({ bytes: v4Frame({ proto, options: 4 }) });
    f.push({ bytes: v4Frame({ proto, vlan: 5 }) });
    f.push({ bytes: v4Frame({ proto, dstMac: [255, 255, 255, 255, 255, 255] }) });
    f.push({ bytes: v4Frame({ proto, src: [10, 1, 2, 3], dst: [192, 168, 1, 38], sport: 80, dport: 80 }) });
    f.push({ bytes: v4Frame({ proto, payload: 2000 }), origlen: 2100 });
    // Truncated: headers cut short, and a capture shorter than the wire length.
    const full = v4Frame({ proto, payload: 40 });
    for (const cut of [13, 20, 30, 34, 37, 38, 41, 42, 50, 53, 54, 60]) {
      if (cut < full.length) f.push({ bytes: full.slice(0, cut), origlen: full.length });
    }
  }
  for (const nxt of [6, 17, 58]) {
    f.push({ bytes: v6Frame({ nxt }) });
    f.push({ bytes: v6Frame({ nxt, src: 0x20, dst: 0x10, sport: 443, dport: 80 }) });
    f.push({ bytes: v6Frame({ nxt, type: 1 }) });
    const full = v6Frame({ nxt, type: 129 });
    for (const cut of [40, 54, 55, 57, 58, 61, 62, 73]) {
      if (cut < full.length) f.push({ bytes: full.slice(0, cut), origlen: full.length });
    }
  }
  // ARP and a bare Ethernet frame.
  const arp = new Uint8Array(42);
  arp.set([255, 255, 255, 255, 255, 255, ...MAC_B, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1], 0);
  arp.set([192, 168, 1, 10], 28);
  arp.set([192, 168, 1, 100], 38);
  f.push({ bytes: arp });
  f.push({ bytes: new Uint8Array(60) });
  return f;
}

describe('BPF column filters as generated code', () => {
  it('compile for every expression (a syntax error would silently fall back to the interpreter)', () => {
    const exprs = new Set(EXPRESSIONS);
    for (const name of oracleNames) {
      const oracle = JSON.parse(readFileSync(join(ORACLE, name, 'bpf.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const e of Object.keys(oracle)) exprs.add(e);
    }
    let compiled = 0;
    for (const expr of exprs) {
      const p = compileProgram(expr, 1, 262144);
      if (!p.ok) continue;
      const src = columnFilterSource(p.value.program);
      if (src === null) continue; // protochain: no specialisation
      // The Function constructor is what makeColumnFilter uses; the source holds only numbers.
      expect(() => new Function(src), expr).not.toThrow();
      compiled++;
    }
    expect(compiled).toBeGreaterThan(EXPRESSIONS.length / 2);
  });
});

describe('BPF fast path equals the byte path on synthetic captures', () => {
  it('the bench generator, headers only and full payloads', () => {
    for (const [packets, snaplen, seed] of [
      [3000, 96, 1],
      [2000, 65535, 7],
      [1500, 54, 3],
    ]) {
      const { session, source } = load(synthetic(packets, snaplen, seed));
      expect(compareAll(session, source, EXPRESSIONS)).toBeGreaterThan(0);
    }
  });

  it('hand-made edge frames (options, fragments, VLAN, truncation, IPv6, ARP)', () => {
    const { session, source } = load(pcap(edgeFrames()));
    expect(compareAll(session, source, EXPRESSIONS)).toBeGreaterThan(0);
  });
});

describe('BPF fast path reads only the frames the columns cannot decide', () => {
  it('decides every plain frame of the bench capture for "tcp port 80 and host X" without reading', () => {
    const { session, source } = load(synthetic(5000, 96, 11));
    const expr = 'tcp port 80 and host 192.168.1.38';
    const filters = compileForInterfaces(expr, session.info.interfaces);
    if (!filters.ok) throw new Error(filters.error.message);
    const decisions = new ColumnDecisions(filters.value, session.index, session.fieldColumns);
    for (let num = 1; num <= session.index.count; num++) expect(decisions.decide(num)).not.toBe(UNDECIDED);
    source.reads = 0;
    const fast = bpfFrames(filters.value, session.index, source, session.fieldColumns);
    expect(source.reads).toBe(0);
    const slow = bpfFramesFromBytes(
      filters.value.map((f) => f.program),
      session.index,
      source,
    );
    expect([...fast]).toEqual([...slow]);
  });

  it('leaves frames the source no longer holds entirely to the byte path (which does not match them)', () => {
    const bytes = synthetic(300, 96, 5);
    const { session } = load(bytes);
    const short = strictSource(bytes.subarray(0, bytes.length - 30));
    for (const expr of ['tcp', 'not arp', 'len > 0']) {
      const filters = compileForInterfaces(expr, session.info.interfaces);
      if (!filters.ok) throw new Error(filters.error.message);
      const slow = bpfFramesFromBytes(
        filters.value.map((f) => f.program),
        session.index,
        short,
      );
      expect(slow.length).toBeLessThan(session.index.count);
      expect([...bpfFrames(filters.value, session.index, short, session.fieldColumns)]).toEqual([...slow]);
    }
  });

  it('sends a test on the TTL (not in the columns) to the bytes, and decides ports and addresses', () => {
    const frames = [
      { bytes: v4Frame({ proto: 6, ttl: 10 }) },
      { bytes: v4Frame({ proto: 6, ttl: 100 }) },
      { bytes: v4Frame({ proto: 17, dport: 53 }) },
    ];
    const { session } = load(pcap(frames));
    const decide = (expr: string): number[] => {
      const out: number[][] = [];
      for (const codegen of [true, false]) {
        const filters = compileForInterfaces(expr, session.info.interfaces, codegen);
        if (!filters.ok) throw new Error(filters.error.message);
        const d = new ColumnDecisions(filters.value, session.index, session.fieldColumns);
        out.push([1, 2, 3].map((n) => d.decide(n)));
      }
      expect(out[1]).toEqual(out[0]);
      return out[0];
    };
    expect(decide('ip[8] > 32')).toEqual([UNDECIDED, UNDECIDED, UNDECIDED]);
    expect(decide('tcp and ip[8] > 32')).toEqual([UNDECIDED, UNDECIDED, REJECT]);
    expect(decide('udp port 53')).toEqual([REJECT, REJECT, ACCEPT]);
    expect(decide('ether host 02:00:00:00:01:00')).toEqual([UNDECIDED, UNDECIDED, UNDECIDED]);
    expect(decide('len > 60')).toEqual([REJECT, REJECT, REJECT]);
  });
});
