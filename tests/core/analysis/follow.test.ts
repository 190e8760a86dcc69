/**
 * Follow TCP/UDP Stream against tshark 4.0.17: every oracle follow/*.json (raw mode, chunk by
 * chunk) through the core API the UI uses, and tshark's exact text (ascii/hex/raw) for a few
 * streams through the CLI tap (fixtures/make-follow-fixtures.sh made them).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followHandler } from '../../../src/cli/z/follow';
import type { ZTap } from '../../../src/cli/z/types';
import { followStream } from '../../../src/core/analysis/follow';
import { tcpStreamCount } from '../../../src/core/analysis/tcp-analysis';
import { memoryByteSource } from '../../../src/core/capture/index';
import { CaptureSession } from '../../../src/core/session';
import { loadedSession } from '../../tools/loaded-session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../shared/captures');
const haveCorpus = existsSync(join(DIR, 'oracle'));

function captureFile(name: string): string {
  const f = ['pcap', 'pcapng'].map((e) => join(DIR, `${name}.${e}`)).find((p) => existsSync(p));
  if (!f) throw new Error(`capture ${name} not found in ${DIR}`);
  return f;
}

function open(name: string): CaptureSession {
  return loadedSession(new Uint8Array(readFileSync(captureFile(name))));
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface OracleFollow {
  proto: 'tcp' | 'udp';
  stream: number;
  client: string;
  server: string;
  bytes: { c2s: number; s2c: number };
  chunks: { dir: 'c2s' | 's2c'; hex: string; missing?: number }[];
}

describe.skipIf(!haveCorpus)('followStream matches every tshark follow,raw oracle', () => {
  const caps = haveCorpus
    ? readdirSync(join(DIR, 'oracle')).filter((c) => existsSync(join(DIR, 'oracle', c, 'follow')))
    : [];
  for (const cap of caps) {
    it(cap, () => {
      const session = open(cap);
      const dir = join(DIR, 'oracle', cap, 'follow');
      const files = readdirSync(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const o = JSON.parse(readFileSync(join(dir, f), 'utf8')) as OracleFollow;
        const r = followStream(session, o.proto, o.stream);
        const label = `${cap}/${f}`;
        expect(r.client || ':0', label).toBe(o.client);
        expect(r.server || ':0', label).toBe(o.server);
        const got = r.chunks.map((c) => ({
          dir: c.dir,
          hex: hex(c.bytes),
          ...(c.missing !== undefined ? { missing: c.missing } : {}),
        }));
        expect(got, label).toEqual(o.chunks);
        expect([r.bytesC2S, r.bytesS2C], label).toEqual([o.bytes.c2s, o.bytes.s2c]);
      }
    });
  }
});

/** Runs `-z <arg>` the way the CLI does: one pass, the tap sees every frame. */
function cliFollow(cap: string, arg: string): string {
  const tap = followHandler.create(arg) as ZTap;
  const bytes = new Uint8Array(readFileSync(captureFile(cap)));
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: tap.needsTree, columns: false, onFrame: (d, input) => tap.onFrame(d, input) },
  });
  s.push(bytes);
  s.finish();
  return tap.finish(s);
}

const FIXTURES: [string, string, string][] = [
  ['http-basic-tcp1-ascii', 'http-basic', 'follow,tcp,ascii,1'],
  ['http-basic-tcp0-hex', 'http-basic', 'follow,tcp,hex,0'],
  ['http-basic-tcp7-raw', 'http-basic', 'follow,tcp,raw,7'],
  ['tls-tcp0-ascii', 'tls', 'follow,tcp,ascii,0'],
  ['tls-tcp3-hex', 'tls', 'follow,tcp,hex,3'],
  ['ipv6-http-tcp3-ascii', 'ipv6-http', 'follow,tcp,ascii,3'],
  ['tcp-failures-tcp3-ascii', 'tcp-failures', 'follow,tcp,ascii,3'],
  ['http-loss-tcp0-ascii', 'http-loss', 'follow,tcp,ascii,0'],
  ['http-loss-tcp1-hex', 'http-loss', 'follow,tcp,hex,1'],
  ['http-basic-tcp99-ascii', 'http-basic', 'follow,tcp,ascii,99'],
  ['dns-udp0-ascii', 'dns', 'follow,udp,ascii,0'],
  ['dns-udp9-hex', 'dns', 'follow,udp,hex,9'],
  ['mixed-udp9-raw', 'mixed', 'follow,udp,raw,9'],
];

describe.skipIf(!haveCorpus)('-z follow prints exactly what tshark prints', () => {
  for (const [name, cap, arg] of FIXTURES) {
    it(`${name} (${arg})`, () => {
      const out = cliFollow(cap, arg);
      const txt = new URL(`./fixtures/${name}.txt`, import.meta.url);
      if (existsSync(txt)) {
        expect(out).toBe(readFileSync(txt, 'utf8'));
      } else {
        const [sha, size] = readFileSync(new URL(`./fixtures/${name}.sha256`, import.meta.url), 'utf8')
          .trim()
          .split(' ');
        expect(Buffer.byteLength(out)).toBe(Number(size));
        expect(createHash('sha256').update(out).digest('hex')).toBe(sha);
      }
    });
  }
});

describe('-z follow argument errors use tshark texts', () => {
  it.each([
    ['follow,tcp,bogus,0', 'follow - Invalid display mode.'],
    ['follow,tcp,ascii,x', 'follow - Invalid address.'],
    ['follow,tcp,ascii,0,5-2', 'follow - Invalid range value.'],
    ['follow,tcp,ascii,0,1,2', 'follow - Invalid parameter.'],
    ['follow,udp,hex,10.0.0.1:1,[fd00::1]:2', 'follow - Mismatched IP address types.'],
  ])('%s', (arg, message) => {
    expect(followHandler.create(arg)).toEqual({ error: message });
  });
});

/**
 * Follow dissects a frame only down to its TCP layer when the first pass's protocol list
 * proves that reaches every TCP segment of the frame; tunnels (TCP in UDP, GRE, IP in IP),
 * VLANs, ICMP quotes and cut-short frames must give exactly what dissecting the whole frame
 * gives (a session without field columns always dissects whole frames).
 */
describe.skipIf(!existsSync(join(DIR, 'tcpdump-tests')))('followStream on tcpdump test captures', () => {
  it('gives the same chunks with and without the first-pass protocol lists', () => {
    const tdir = join(DIR, 'tcpdump-tests');
    let streams = 0;
    for (const f of readdirSync(tdir).sort()) {
      if (!/\.(pcap|pcapng)$/.test(f)) continue;
      const bytes = new Uint8Array(readFileSync(join(tdir, f)));
      if (bytes.length > 400_000) continue;
      const load = (fieldColumns: boolean): CaptureSession => {
        const s = new CaptureSession({
          source: memoryByteSource(bytes),
          firstPass: { tree: false, columns: false },
          fieldColumns,
        });
        s.push(bytes);
        s.finish();
        return s;
      };
      const fast = load(true);
      const whole = load(false);
      const count = Math.min(20, tcpStreamCount(fast.capture));
      for (let st = 0; st < count; st++) {
        const a = followStream(fast, 'tcp', st);
        const b = followStream(whole, 'tcp', st);
        const flat = (r: typeof a): string[] =>
          r.chunks.map((c) => `${c.dir} ${c.frame} ${c.missing ?? ''} ${hex(c.bytes)}`);
        expect(flat(a), `${f} stream ${st}`).toEqual(flat(b));
        expect([a.client, a.server, a.bytesC2S, a.bytesS2C]).toEqual([
          b.client,
          b.server,
          b.bytesC2S,
          b.bytesS2C,
        ]);
        streams++;
      }
    }
    expect(streams).toBeGreaterThan(100);
  }, 600_000);
});
