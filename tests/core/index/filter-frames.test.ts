/**
 * The index-backed filter path (src/core/index) must select exactly what dissecting every
 * frame again and evaluating the filter on its tree selects:
 * - where the field columns claim to be exact, every indexed field has the same occurrences
 *   and values as in the frame's tree;
 * - a protocol's fields only appear in frames whose first-pass protocol list has one of the
 *   layers the protocol pre-filter lists for it (mayHold), for every protocol it may rule out;
 * - session.filterFrames gives the same frames as the brute-force path for the oracle's
 *   filters and for filters written to hit every strategy (index, protocols, fallbacks).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../src/core/capture/byte-source';
import { allFields, type FieldDef } from '../../../src/core/dissect/fields';
import type { ProtoNode } from '../../../src/core/dissect/tree';
import { compileDisplayFilter, TreeAccessor, type DisplayFilter } from '../../../src/core/filter/index';
import { compileColumnFilter } from '../../../src/core/index/column-filter';
import { isIndexedField } from '../../../src/core/index/index-accessor';
import { canRuleOut, mayHold } from '../../../src/core/index/protocol-sets';
import { CaptureSession } from '../../../src/core/session';
import { loadedSession } from '../../tools/loaded-session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../shared/captures');
const TCPDUMP = join(DIR, 'tcpdump-tests');

function mainCaptures(): string[] {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => join(DIR, f));
}

/** A spread of tcpdump's test captures: odd link layers, tunnels, malformed headers. */
function tcpdumpCaptures(): string[] {
  if (!existsSync(TCPDUMP)) return [];
  return readdirSync(TCPDUMP)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort()
    .filter((_, i) => i % 5 === 0)
    .map((f) => join(TCPDUMP, f))
    .filter((f) => statSync(f).size < 500_000);
}

function load(file: string): CaptureSession {
  return loadedSession(new Uint8Array(readFileSync(file)));
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

const indexed = (): FieldDef[] => allFields().filter(isIndexedField);

function walk(nodes: readonly ProtoNode[] | null, f: (n: ProtoNode) => void): void {
  if (!nodes) return;
  for (const n of nodes) {
    f(n);
    walk(n.children, f);
  }
}

function bruteForce(s: CaptureSession, filters: DisplayFilter[]): number[][] {
  const hits = filters.map(() => [] as number[]);
  for (let num = 1; num <= s.frameCount; num++) {
    let d;
    try {
      d = s.dissect(num, { tree: true, columns: false });
    } catch {
      continue;
    }
    filters.forEach((f, k) => {
      try {
        if (f.matches(d)) hits[k].push(num);
      } catch {
        // no match, as in filterFrames
      }
    });
  }
  return hits;
}

const HAND_WRITTEN = [
  'ip.addr == 192.168.1.10 && tcp.port == 80',
  'ip.src == 192.168.1.100 || udp.port == 53',
  'tcp.analysis.retransmission',
  '!tcp.analysis.retransmission',
  'tcp.analysis.flags && !tcp.analysis.window_update',
  'tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission',
  'tcp.analysis.duplicate_ack',
  'tcp.stream == 1',
  'tcp.stream in {0 2 4}',
  'tcp.srcport >= 40000',
  'ipv6.addr == fd00:1::10',
  'ipv6.src == fd00:1::100 && tcp',
  'ip.proto == 17',
  'ip && !tcp && !udp',
  'udp',
  'tcp',
  'frame.len > 1000',
  'frame.number <= 10 || frame.cap_len < 60',
  'frame.time_relative > 1',
  'http.request.uri contains "a"',
  'http.request',
  'not http',
  'dns.qry.name contains "example"',
  'tls.handshake.type == 1',
  'tcp contains "HTTP"',
  'ip[0] == 0x45 && tcp.port == 443',
  'eth.addr == 02:00:00:00:00:10',
  'icmp || icmpv6',
  'tcp.len > 0',
  'ip.src#1 == 192.168.1.1',
];

describe('index columns', () => {
  const files = [...mainCaptures(), ...tcpdumpCaptures()];
  it.runIf(files.length > 0)(
    'agree with the tree wherever they claim to be exact',
    () => {
      const defs = indexed();
      let exactFrames = 0;
      for (const file of files) {
        const s = load(file);
        const acc = s.indexAccessor();
        if (!acc) throw new Error(`${file}: the session kept no field columns`);
        const tree = new TreeAccessor();
        for (let num = 1; num <= s.frameCount; num++) {
          const d = s.dissect(num, { tree: true, columns: false });
          tree.use(d.tree);
          const exact = acc.exact(num);
          if (exact) exactFrames++;
          acc.use(num);
          for (const def of defs) {
            let n: number;
            try {
              n = acc.count(def);
            } catch {
              continue; // not answerable for this frame: filterFrames dissects it
            }
            const where = `${file} #${num} ${def.abbrev}`;
            expect(n, where).toBe(tree.count(def));
            for (let k = 0; k < n; k++) {
              const a = acc.value(def, k);
              const b = tree.value(def, k);
              if (!same(a, b)) expect(a, `${where}[${k}]`).toEqual(b);
            }
          }
        }
      }
      expect(exactFrames).toBeGreaterThan(0);
    },
    900_000,
  );

  it.runIf(files.length > 0)(
    "hold a protocol's fields only in frames whose protocol list has one of its carriers",
    () => {
      const violations = new Set<string>();
      for (const file of files) {
        const s = load(file);
        const cols = s.fieldColumns;
        for (let num = 1; num <= s.frameCount; num++) {
          const set = cols.sets.get(cols.protoSet[num - 1]);
          const d = s.dissect(num, { tree: true, columns: false });
          walk(d.tree ? d.tree.top : null, (n) => {
            const p = n.def.proto;
            if (!canRuleOut(p) || mayHold(set, p)) return;
            violations.add(`${p} (${n.def.abbrev}) in ${file} #${num} [${set.layers.join(':')}]`);
          });
        }
      }
      expect([...violations]).toEqual([]);
    },
    900_000,
  );
});

describe('session.filterFrames', () => {
  const files = mainCaptures();
  it.runIf(files.length > 0)(
    'selects what dissecting every frame selects',
    () => {
      const strategies = new Map<string, number>();
      for (const file of files) {
        const s = load(file);
        const name = file.replace(/^.*\//, '').replace(/\.pcapn?g?$/, '');
        const oraclePath = ['filters.nokeys.json', 'filters.json']
          .map((f) => join(DIR, 'oracle', name, f))
          .find((p) => existsSync(p));
        const oracle = oraclePath ? Object.keys(JSON.parse(readFileSync(oraclePath, 'utf8'))) : [];
        const filters: DisplayFilter[] = [];
        for (const text of [...HAND_WRITTEN, ...oracle]) {
          const r = compileDisplayFilter(text);
          if (r.ok) filters.push(r.value);
        }
        // Large captures: only the filters the index answers (the others re-dissect anyway).
        const big = s.frameCount > 3000;
        const chosen = big ? filters.filter((f) => s.filterRun(f).strategy === 'index') : filters;
        const want = bruteForce(s, chosen);
        chosen.forEach((f, k) => {
          const run = s.filterRun(f);
          strategies.set(run.strategy, (strategies.get(run.strategy) ?? 0) + 1);
          run.step(s.frameCount);
          expect([...run.frames()], `${file}: ${f.text}`).toEqual(want[k]);
        });
      }
      expect(strategies.get('index') ?? 0).toBeGreaterThan(0);
      expect(strategies.get('protocols') ?? 0).toBeGreaterThan(0);
    },
    900_000,
  );
});

describe('sessions without field columns', () => {
  const file = join(DIR, 'http-basic.pcap');
  it.runIf(existsSync(file))('dissect every frame when the first pass stops at transports', () => {
    const bytes = new Uint8Array(readFileSync(file));
    const s = new CaptureSession({
      source: memoryByteSource(bytes),
      firstPass: { tree: false, columns: false, layers: 'transport' },
    });
    s.push(bytes);
    s.finish();
    expect(s.indexAccessor()).toBeNull();
    const r = compileDisplayFilter('http.request || tcp.port == 80');
    if (!r.ok) throw new Error(r.error.message);
    const run = s.filterRun(r.value);
    expect(run.strategy).toBe('dissect');
    run.step(s.frameCount);
    expect(run.dissected).toBe(s.frameCount);
    expect([...run.frames()]).toEqual(bruteForce(s, [r.value])[0]);
    expect(run.frames().length).toBeGreaterThan(0);
  });
});

describe('column predicates', () => {
  const files = mainCaptures();
  it.runIf(files.length > 0)('agree with the compiled filter over the index accessor', () => {
    let compiledCount = 0;
    for (const file of files) {
      const s = load(file);
      const acc = s.indexAccessor();
      if (!acc) throw new Error(`${file}: the session kept no field columns`);
      for (const text of HAND_WRITTEN.concat([
        'tcp.port in {80 443 1000..2000}',
        'tcp.stream != 1',
        'ip.src == 192.168.1.0/24',
        'frame.time_delta > 0.0001',
        'tcp.port !== 80',
      ])) {
        const r = compileDisplayFilter(text);
        if (!r.ok) continue;
        const pred = compileColumnFilter(text, acc);
        if (!pred) continue;
        compiledCount++;
        for (let num = 1; num <= s.frameCount; num++) {
          if (!acc.exact(num)) continue;
          expect(pred(num - 1), `${file} #${num}: ${text}`).toBe(r.value.evaluate(acc.use(num)));
        }
      }
    }
    expect(compiledCount).toBeGreaterThan(10);
    const acc = load(files[0]).indexAccessor();
    if (!acc) throw new Error('no field columns');
    expect(compileColumnFilter('ip.addr == 192.168.1.10 && tcp.port == 80', acc)).not.toBeNull();
    expect(compileColumnFilter('tcp.analysis.retransmission', acc)).not.toBeNull();
    expect(compileColumnFilter('ip.src == ${ip.src}', acc)).toBeNull();
    expect(compileColumnFilter('ip.src#1 == 192.168.1.1', acc)).toBeNull();
  });
});
