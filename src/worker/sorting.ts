import type { CaptureSession } from '../core/session';
import { frameSummary } from '../core/summary';
import type { DisplaySet } from './rows';
import type { CancelToken } from './scheduling';
import { Slice, Throttle } from './scheduling';
import type { ScanProgress, SortColumn } from './types';

/** The displayed frames in frame order, as a fresh array. */
function displayed(session: CaptureSession, display: DisplaySet): Uint32Array {
  if (display.frames) return display.frames.slice();
  const all = new Uint32Array(session.frameCount);
  for (let i = 0; i < all.length; i++) all[i] = i + 1;
  return all;
}

/**
 * Orders the displayed frames by a column. Numbers and times come from the frame index;
 * address, protocol and info columns need every displayed frame's summary, built in slices.
 * Ties keep frame order. Returns null when cancelled.
 */
export async function sortFrames(
  session: CaptureSession,
  display: DisplaySet,
  column: SortColumn,
  descending: boolean,
  token: CancelToken,
  onProgress?: (p: ScanProgress) => void,
): Promise<Uint32Array | null> {
  const frames = displayed(session, display);
  const ix = session.index;
  const sign = descending ? -1 : 1;
  let compare: (a: number, b: number) => number;
  if (column === 'num') {
    compare = (a, b) => sign * (a - b);
  } else if (column === 'length') {
    compare = (a, b) => sign * (ix.origlen[a - 1] - ix.origlen[b - 1]) || a - b;
  } else if (column === 'time') {
    compare = (a, b) =>
      sign * (ix.tsSec[a - 1] - ix.tsSec[b - 1] || ix.tsNsec[a - 1] - ix.tsNsec[b - 1]) || a - b;
  } else {
    const keys = new Map<number, string>();
    const slice = new Slice(30);
    const throttle = new Throttle(100);
    const precision = session.info.tsPrecision;
    for (let i = 0; i < frames.length; i++) {
      const num = frames[i];
      const d = session.dissect(num, { tree: false, columns: true });
      const s = frameSummary(d, session.frameInput(num), session.capture, precision, 'relative');
      keys.set(num, s[column]);
      if ((i & 63) === 0 && slice.due()) {
        if (onProgress && throttle.ready()) onProgress({ done: i, total: frames.length });
        await slice.yield();
        if (token.cancelled) return null;
      }
    }
    compare = (a, b) => {
      const ka = keys.get(a) as string;
      const kb = keys.get(b) as string;
      return (ka < kb ? -sign : ka > kb ? sign : 0) || a - b;
    };
  }
  frames.sort(compare);
  return frames;
}
