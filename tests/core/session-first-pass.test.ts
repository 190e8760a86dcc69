/**
 * The tree-less, consumer-less first pass reuses one PacketInfo and per-frame scratch objects
 * (src/core/session.ts, PacketInfo.scratch). That must not change anything the first pass
 * learns: a session loaded that way and a session whose first pass allocates fresh objects
 * (an onFrame consumer disables the reuse) must re-dissect every frame identically (tree
 * labels and values, columns, expert items) and collect the same first-pass expert items.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../src/core/capture/byte-source';
import { fieldsText, itemLabel } from '../../src/core/dissect/format';
import type { ProtoNode } from '../../src/core/dissect/tree';
import { CaptureSession } from '../../src/core/session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');
const TCPDUMP = join(DIR, 'tcpdump-tests');

function load(bytes: Uint8Array, scratch: boolean): CaptureSession {
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: scratch
      ? { tree: false, columns: false }
      : { tree: false, columns: false, onFrame: () => undefined },
  });
  s.push(bytes);
  s.finish();
  return s;
}

/** Tree lines (at most 5000: a few fuzzed DNS frames carry huge trees). */
function dump(nodes: readonly ProtoNode[] | null, out: string[], depth: number): void {
  if (!nodes) return;
  for (const n of nodes) {
    if (out.length > 5000) return;
    out.push(`${' '.repeat(depth)}${n.def.abbrev}=${fieldsText(n)} | ${itemLabel(n)}`);
    dump(n.children, out, depth + 1);
  }
}

function frameText(s: CaptureSession, num: number): string {
  const d = s.dissect(num, { tree: true, columns: true });
  const out = [`${d.cols?.protocol} | ${d.cols?.info}`];
  dump(d.tree ? d.tree.top : null, out, 0);
  for (const e of d.pinfo.expert) out.push(`expert ${e.severity} ${e.group} ${e.protocol} ${e.summary}`);
  return out.join('\n');
}

function captures(): string[] {
  if (!existsSync(DIR)) return [];
  const main = readdirSync(DIR)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => join(DIR, f));
  // A spread of link layers, tunnels, ICMP errors and malformed packets from tcpdump's tests.
  const extra = existsSync(TCPDUMP)
    ? readdirSync(TCPDUMP)
        .filter((f) => /\.(pcap|pcapng)$/.test(f))
        .sort()
        .filter((_, i) => i % 9 === 0)
        .map((f) => join(TCPDUMP, f))
        .filter((f) => statSync(f).size < 1_000_000)
    : [];
  return [...main, ...extra];
}

describe('scratch first pass', () => {
  const files = captures();
  it.runIf(files.length > 0)(
    'learns the same state as a first pass with fresh objects',
    () => {
      for (const file of files) {
        const bytes = new Uint8Array(readFileSync(file));
        const a = load(bytes, true);
        const b = load(bytes, false);
        expect(a.frameCount, file).toBe(b.frameCount);
        expect(a.expert, file).toEqual(b.expert);
        const n = Math.min(a.frameCount, file.startsWith(TCPDUMP) ? 300 : 1500);
        for (let i = 1; i <= n; i++) {
          const ta = frameText(a, i);
          const tb = frameText(b, i);
          if (ta !== tb) expect(ta, `${file} #${i}`).toBe(tb);
        }
      }
    },
    600_000,
  );
});
