import type { DisplayFilter } from '../core/filter/index';
import type { FilterRun } from '../core/index/filter-frames';
import type { CaptureSession } from '../core/session';
import { Slice, Throttle, type CancelToken } from './scheduling';
import type { ScanProgress } from './types';

/** Frames per step at the start; the budget then follows how long steps take. */
const FIRST_BUDGET = 64;
const MAX_BUDGET = 1 << 20;

/**
 * Runs a display filter over the frames read so far through the session's FilterRun (index
 * columns where they answer, dissection where they cannot), in steps sized so that each time
 * slice gives the event loop a turn: row requests and "cancel" get answered while a filter that
 * must dissect runs, and one that the index answers finishes in a few slices. Progress is
 * reported about ten times a second. Returns the matching frames, or null when cancelled.
 * `onRun` sees the run before it starts (tests read its counters).
 */
export async function runDisplayFilter(
  session: CaptureSession,
  filter: DisplayFilter,
  token: CancelToken,
  onProgress?: (p: ScanProgress) => void,
  onRun?: (run: FilterRun) => void,
): Promise<Uint32Array | null> {
  const run = session.filterRun(filter);
  onRun?.(run);
  const total = run.total;
  const slice = new Slice(30);
  const throttle = new Throttle(100);
  let budget = FIRST_BUDGET;
  while (!run.done) {
    const t0 = performance.now();
    run.step(budget);
    const ms = performance.now() - t0;
    // Aim for steps of a few milliseconds, whatever a frame costs on this path.
    if (ms < 2 && budget < MAX_BUDGET) budget *= 2;
    else if (ms > 8 && budget > 1) budget = Math.max(1, budget >> 1);
    if (slice.due() && !run.done) {
      if (onProgress && throttle.ready()) onProgress({ done: run.position, total });
      await slice.yield();
      if (token.cancelled) return null;
    }
  }
  onProgress?.({ done: total, total });
  return run.frames();
}
