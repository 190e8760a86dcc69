import type { CancelToken } from './scheduling';
import { Slice, Throttle } from './scheduling';
import type { ScanProgress } from './types';

/**
 * Tests frames `from..to` (inclusive, in order) against `keep` in time slices, reporting
 * progress about ten times a second; returns the kept frame numbers, or null when cancelled.
 */
export async function scanFrames(
  from: number,
  to: number,
  keep: (num: number) => boolean,
  token: CancelToken,
  onProgress?: (p: ScanProgress) => void,
): Promise<Uint32Array | null> {
  let out = new Uint32Array(Math.min(Math.max(to - from + 1, 0), 1 << 16));
  let n = 0;
  const slice = new Slice(30);
  const throttle = new Throttle(100);
  const total = Math.max(to - from + 1, 0);
  for (let num = from; num <= to; num++) {
    if (keep(num)) {
      if (n === out.length) {
        const grown = new Uint32Array(Math.min(out.length * 2, total));
        grown.set(out);
        out = grown;
      }
      out[n++] = num;
    }
    if ((num & 63) === 0 && slice.due()) {
      if (onProgress && throttle.ready()) onProgress({ done: num - from + 1, total });
      await slice.yield();
      if (token.cancelled) return null;
    }
  }
  onProgress?.({ done: total, total });
  return out.slice(0, n);
}
