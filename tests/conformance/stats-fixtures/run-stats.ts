import { readFileSync } from 'node:fs';
import { memoryByteSource } from '../../../src/core/capture/index';
import { CaptureSession } from '../../../src/core/session';
import { Z_HANDLERS } from '../../../src/cli/z/index';
import type { ZTap } from '../../../src/cli/z/types';

/** Where the corpus lives: beside the repository (CI), else the workplace copy. */
export const CAPTURES = '/work/shared/captures';

/** What one -z argument produced: its report, or the error tshark-style argument checking gave. */
export type StatOutcome = { output: string } | { error: string };

/**
 * Runs several -z statistics over one capture in one pass, in-process, through the same code
 * path as `wirelight -r FILE -q -z ARG` (the CLI's handlers, one pass with the tree when a tap
 * needs it), and returns each report separately.
 */
export function runStats(path: string, args: readonly string[]): Map<string, StatOutcome> {
  const out = new Map<string, StatOutcome>();
  const taps: [string, ZTap][] = [];
  for (const a of args) {
    const h = Z_HANDLERS.find((x) => x.matches(a));
    if (!h) {
      out.set(a, { error: `no handler for -z ${a}` });
      continue;
    }
    const t = h.create(a);
    if ('error' in t) out.set(a, { error: t.error });
    else taps.push([a, t]);
  }
  if (taps.length === 0) return out;
  const bytes = new Uint8Array(readFileSync(path));
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: taps.some(([, t]) => t.needsTree),
      columns: taps.some(([, t]) => t.needsColumns === true),
      onFrame: (d, input) => {
        for (const [, t] of taps) t.onFrame(d, input);
      },
    },
  });
  for (let off = 0; off < bytes.length; off += 1 << 20) session.push(bytes.subarray(off, off + (1 << 20)));
  session.finish();
  for (const [a, t] of taps) out.set(a, { output: t.finish(session) });
  return out;
}
