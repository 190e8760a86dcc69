/**
 * The conversation and endpoint tables read from the first-pass index (feedIndexed) must be the
 * tables the dissection path builds (feedFrames: every frame dissected again without its tree,
 * and with its tree through frameTapEvents): same rows, same order, same counts and times. Checked
 * on every capture of the corpus (the main captures, tcpdump's test captures, the stats fixtures),
 * on synthetic captures like the benchmark's and on a synthetic capture with corrupted headers;
 * and against tshark's conv/endpoints reports in the oracle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderConversations } from '../../../src/cli/z/conversations';
import { renderEndpoints } from '../../../src/cli/z/endpoints';
import { memoryByteSource } from '../../../src/core/capture/index';
import { CaptureSession } from '../../../src/core/session';
import {
  CaptureTablesBuilder,
  feedFrames,
  feedIndexed,
  type CaptureTables,
} from '../../../src/core/stats/capture-tables';
import { TAP_KINDS, type TapKind } from '../../../src/core/stats/frame-taps';
import { writeCapture } from '../../bench/capture-writer';
import { Rng } from '../../bench/rng';
import { synthesize, type SynthOptions } from '../../bench/synth-capture';
import { synthesizeWeb } from '../../bench/synth-web';
import { CAPTURES, ORACLE } from './helpers';

const TCPDUMP = join(CAPTURES, 'tcpdump-tests');
const FIXTURES = join(__dirname, '../../conformance/stats-fixtures');

function captures(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function load(bytes: Uint8Array): CaptureSession {
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: false, columns: false },
  });
  for (let o = 0; o < bytes.length; o += 1 << 20) s.push(bytes.subarray(o, o + (1 << 20)));
  s.finish();
  return s;
}

type Feed = typeof feedFrames;

/** Builds all ten tables with `feed`, in slices of `step` frames as the worker does. */
function build(s: CaptureSession, feed: Feed, step = 256): { b: CaptureTablesBuilder; t: CaptureTables } {
  const b = new CaptureTablesBuilder(s, {});
  for (let f = 1; f <= s.frameCount; f += step) feed(b, s, f, Math.min(s.frameCount, f + step - 1));
  return { b, t: b.result() };
}

/** The tables of the tree path: every frame dissected with its tree (frameTapEvents). */
function buildWithTree(s: CaptureSession): CaptureTables {
  const b = new CaptureTablesBuilder(s, { hierarchy: true });
  feedFrames(b, s, 1, s.frameCount);
  return b.result();
}

interface Compared {
  /** Frames whose events the index gave. */
  indexed: number;
  frames: number;
  indexedTables: CaptureTablesBuilder;
  /** Whether the tree path (frameTapEvents on every frame) gave the same tables too. */
  treeAgrees: boolean;
}

const sameTables = (a: CaptureTables, b: CaptureTables): boolean =>
  JSON.stringify([a.conversations, a.endpoints]) === JSON.stringify([b.conversations, b.endpoints]);

/**
 * Asserts the index path builds the dissection path's tables (every table, row order, counts and
 * times), and tells whether the tree path agrees as well.
 */
function compare(s: CaptureSession, what: string): Compared {
  const { b, t: idx } = build(s, feedIndexed);
  const { t: dis } = build(s, feedFrames);
  for (const k of TAP_KINDS) {
    expect(idx.conversations[k], `${what} conv,${k}`).toEqual(dis.conversations[k]);
    expect(idx.endpoints[k], `${what} endpoints,${k}`).toEqual(dis.endpoints[k]);
  }
  expect(idx.framesWithTree).toBe(dis.framesWithTree);
  const treeAgrees = sameTables(idx, buildWithTree(s));
  return { indexed: b.indexTaps?.indexed ?? 0, frames: s.frameCount, indexedTables: b, treeAgrees };
}

function compareFile(path: string): Compared {
  return compare(load(new Uint8Array(readFileSync(path))), path);
}

/**
 * Captures where dissecting every frame again WITH its tree (frameTapEvents) gives other tables
 * than without (frameTapEventsFast, the path the index follows); tshark agrees with the latter.
 */
const TREE_DIFFERS = new Set(['ip_printroute_asan.pcap']);

describe('conversation/endpoint tables from the index', () => {
  const main = captures(CAPTURES);
  for (const file of main) {
    it(`${file}: same tables as dissecting every frame, nearly every frame from the index`, () => {
      const r = compareFile(file);
      expect(r.treeAgrees).toBe(true);
      // Plain Ethernet/IP traffic but for icmp (IP fragments, ICMP errors quoting headers, ARP)
      // and tcp-failures (a Linux cooked capture: the columns cover Ethernet only).
      if (file.endsWith('tcp-failures.pcap')) expect(r.indexed).toBe(0);
      else if (file.endsWith('icmp.pcapng')) expect(r.indexed).toBeGreaterThan(0);
      else expect(r.indexed / r.frames).toBeGreaterThan(0.9);
    });
  }

  const fixtures = captures(join(FIXTURES, 'captures'));
  it('stats fixtures (tunnels, IPv6 extension headers, edge-case times): same tables', () => {
    for (const file of fixtures) expect(compareFile(file).treeAgrees, file).toBe(true);
  });

  // tcpdump's test captures: odd link layers, tunnels, malformed and truncated headers.
  const tcpdump = captures(TCPDUMP);
  const GROUPS = 8;
  for (let g = 0; g < GROUPS; g++) {
    const part = tcpdump.filter((_, i) => i % GROUPS === g);
    it(`tcpdump test captures, part ${g + 1}/${GROUPS} (${part.length} files): same tables`, () => {
      const treeDiffers: string[] = [];
      for (const file of part) if (!compareFile(file).treeAgrees) treeDiffers.push(file.replace(/^.*\//, ''));
      expect(treeDiffers).toEqual(treeDiffers.filter((f) => TREE_DIFFERS.has(f)));
    });
  }
});

describe('conversation/endpoint tables from the index against tshark', () => {
  const REPORTS: [string, 'conv' | 'endpoints', TapKind][] = [
    ['conv_tcp', 'conv', 'tcp'],
    ['conv_udp', 'conv', 'udp'],
    ['conv_ip', 'conv', 'ip'],
    ['endpoints_ip', 'endpoints', 'ip'],
  ];
  for (const file of captures(CAPTURES)) {
    const name = file.replace(/^.*\//, '').replace(/\.(pcap|pcapng)$/, '');
    const dir = existsSync(join(ORACLE, name, 'stats.nokeys'))
      ? join(ORACLE, name, 'stats.nokeys')
      : join(ORACLE, name, 'stats');
    if (!existsSync(dir)) continue;
    it(`${name}: conv,tcp conv,udp conv,ip endpoints,ip as tshark prints them`, () => {
      const s = load(new Uint8Array(readFileSync(file)));
      const { b } = build(s, feedIndexed);
      for (const [report, type, kind] of REPORTS) {
        const expected = readFileSync(join(dir, `${report}.txt`), 'utf8');
        const conv = b.conv.get(kind);
        const ends = b.ends.get(kind);
        if (!conv || !ends) throw new Error('missing table');
        const text = type === 'conv' ? renderConversations(conv, null) : renderEndpoints(ends, null);
        expect(text, `${name} ${report}`).toBe(expected);
      }
    });
  }

  interface StatCase {
    capture: string;
    arg: string;
    status: number;
    output: string;
  }
  const fixture = JSON.parse(readFileSync(join(FIXTURES, 'tshark-stats.json'), 'utf8')) as {
    cases: StatCase[];
  };
  const cases = fixture.cases.filter(
    (c) => c.status === 0 && /^(conv|endpoints),(eth|ip|ipv6|tcp|udp)$/.test(c.arg),
  );
  /** Reports where the dissection path itself differs from tshark (see PENDING in tests/conformance/stats.test.ts). */
  const PENDING = [
    /^tcpdump-tests\/gso-ipv4-vxlan-ipv6\.pcap (conv|endpoints),(eth|ipv6|tcp)$/,
    /^tcpdump-tests\/various_gre\.pcap (conv|endpoints),ip$/,
    /^tcpdump-tests\/erspan-type-ii-3\.pcap (conv|endpoints),eth$/,
    /^tcpdump-tests\/pim-packet-assortment\.pcap (conv|endpoints),(ip|ipv6|udp)$/,
  ];
  it(`the stats fixtures' ${cases.length} conv/endpoints reports as tshark prints them`, () => {
    const byCapture = new Map<string, StatCase[]>();
    for (const c of cases) byCapture.set(c.capture, [...(byCapture.get(c.capture) ?? []), c]);
    let checked = 0;
    for (const [capture, list] of byCapture) {
      const path = [join(CAPTURES, capture), join(FIXTURES, 'captures', capture)].find((p) => existsSync(p));
      if (!path) continue;
      const s = load(new Uint8Array(readFileSync(path)));
      const { b } = build(s, feedIndexed);
      for (const c of list) {
        if (PENDING.some((p) => p.test(`${capture} ${c.arg}`))) continue;
        const [type, kind] = c.arg.split(',') as ['conv' | 'endpoints', TapKind];
        const conv = b.conv.get(kind);
        const ends = b.ends.get(kind);
        if (!conv || !ends) throw new Error('missing table');
        const text = type === 'conv' ? renderConversations(conv, null) : renderEndpoints(ends, null);
        expect(text, `${capture} -z ${c.arg}`).toBe(c.output);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** SHA-256 of the corrupted capture below (the generator and its seeds are deterministic). */
const CORRUPT_SHA256 = '40716e162737ce06c3ff8232b7d7a8fc69855a3354cd0a8cfa9aeecef53e6bb0';
/** SHA-256 of `tshark -n -r corrupt.pcap -q -z REPORT` (TShark 4.0.17) for that capture. */
const CORRUPT_TSHARK: [string, string][] = [
  ['conv,eth', '8bc3a04730e32b00e0108da29f6c48236a30cf4d25402d8996dd0446ffd10d48'],
  ['conv,ip', '9957823c88b622181d1a765a683d7b2be4ed366bec38ff9e5c58dd7ecb2cf729'],
  ['conv,ipv6', 'b1f8b63db0b39c4fcd6510b7c70bdc2b07a9997629ce7e503133b427209eb2d1'],
  ['conv,tcp', '4a2f8a2d911ed11f281590ed078a189a1724f0b4e3346e7c7acdeb832d868e8d'],
  ['conv,udp', '86fcc43c6dda546fdb432940f5f8d6dc871cf14e160400224e080e0a76ca9a2f'],
  ['endpoints,eth', 'fda5e26f602e9bd1e7185f78798f889a6988b22e4e99bd9b37d4b5f18493bd38'],
  ['endpoints,ip', 'cf93698fee17df30c480403fca1528cab002e7b8adb4c87dfcfb0a44485a6e3c'],
  ['endpoints,ipv6', 'cc225ae2efe548ee39fa1b18bfd11e56c07ec06117335ace27d5f13e4b2c3398'],
  ['endpoints,tcp', '9e7079461c12e2a56e8cb044c708db4b02497bcd8aa9046d79c8e8d1565f2463'],
  ['endpoints,udp', '039c844ea02595676bef4b8b98323f6d9fa5538d227603e0b0cdb936f2da6ab0'],
];

describe('conversation/endpoint tables from the index on synthetic captures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-index-taps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const synth = (name: string, opts: SynthOptions): string => {
    const path = join(dir, name);
    writeCapture(path, opts.format, opts.snaplen, (emit) => synthesize(opts, emit));
    return path;
  };

  it('headers-only capture like synth-1m-headers: same tables, every frame from the index', () => {
    const path = synth('headers.pcap', {
      packets: 20_000,
      snaplen: 96,
      seed: 7,
      format: 'pcap',
      loss: 0.01,
      mss: 1460,
    });
    const r = compareFile(path);
    expect(r.indexed).toBe(r.frames);
  });

  it('full-payload pcapng capture: same tables, every frame from the index', () => {
    const path = synth('full.pcapng', {
      packets: 8_000,
      snaplen: 65535,
      seed: 11,
      format: 'pcapng',
      loss: 0.02,
      mss: 1200,
    });
    const r = compareFile(path);
    expect(r.indexed).toBe(r.frames);
  });

  it('web capture (HTTP/TLS, IPv4 and IPv6, DNS): same tables', () => {
    const path = join(dir, 'web.pcapng');
    writeCapture(path, 'pcapng', 65535, (emit) =>
      synthesizeWeb({ connections: 40, seed: 3, format: 'pcapng', loss: 0.01 }, emit),
    );
    const r = compareFile(path);
    expect(r.indexed / r.frames).toBeGreaterThan(0.9);
    const ipv6 = r.indexedTables.conv.get('ipv6');
    expect(ipv6?.items.length).toBeGreaterThan(0);
  });

  it('headers with random corruption (lengths, versions, protocols, flags): same tables, equal to tshark', () => {
    const path = join(dir, 'corrupt.pcap');
    const rng = new Rng(99);
    const opts: SynthOptions = {
      packets: 6_000,
      snaplen: 128,
      seed: 5,
      format: 'pcap',
      loss: 0.01,
      mss: 1460,
    };
    writeCapture(path, 'pcap', opts.snaplen, (emit) =>
      synthesize(opts, (frame, caplen, origlen, ts) => {
        const b = frame.slice(0, caplen);
        let n = caplen;
        const r = rng.next();
        if (r < 0.3) {
          // One to three random bytes of the Ethernet/IP/transport headers.
          const hits = 1 + Math.floor(rng.next() * 3);
          for (let h = 0; h < hits; h++)
            b[Math.floor(rng.next() * Math.min(n, 60))] = Math.floor(rng.next() * 256);
        } else if (r < 0.35) {
          // Cut anywhere in the headers.
          n = Math.floor(rng.next() * Math.min(n, 64));
        }
        emit(b, n, Math.max(origlen, n), ts);
      }),
    );
    const bytes = new Uint8Array(readFileSync(path));
    expect(sha256(bytes)).toBe(CORRUPT_SHA256);
    const r = compare(load(bytes), path);
    expect(r.indexed).toBeLessThan(r.frames);
    expect(r.indexed / r.frames).toBeGreaterThan(0.5);
    // Truncated TCP headers, bogus TCP header lengths and UDP lengths are not tapped, as in tshark.
    for (const [report, hash] of CORRUPT_TSHARK) {
      const [type, kind] = report.split(',') as ['conv' | 'endpoints', TapKind];
      const conv = r.indexedTables.conv.get(kind);
      const ends = r.indexedTables.ends.get(kind);
      if (!conv || !ends) throw new Error('missing table');
      const text = type === 'conv' ? renderConversations(conv, null) : renderEndpoints(ends, null);
      expect(sha256(new TextEncoder().encode(text)), `-z ${report}`).toBe(hash);
    }
  });
});
