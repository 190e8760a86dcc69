import type { CaptureSession } from '../core/session';
import { frameSummary, formatTimeColumn } from '../core/summary';
import type { Colorizer } from './coloring';
import type { RowData, TimeFormat } from './types';

/**
 * The frames currently displayed, in frame order: null means every frame. Knows the previous
 * displayed frame of any frame (for the "delta displayed" time column).
 */
export class DisplaySet {
  constructor(readonly frames: Uint32Array | null = null) {}

  /** Frame number displayed before `num`, 0 when none. */
  previous(num: number): number {
    const f = this.frames;
    if (!f) return num - 1;
    let lo = 0;
    let hi = f.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (f[mid] < num) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? f[lo - 1] : 0;
  }
}

function relNs(session: CaptureSession, num: number): number {
  const ix = session.index;
  const cap = session.capture;
  return (ix.tsSec[num - 1] - cap.firstSec) * 1e9 + (ix.tsNsec[num - 1] - cap.firstNsec);
}

/** Builds the packet-list rows of the given frames (the visible window of the list). */
export function buildRows(
  session: CaptureSession,
  nums: ArrayLike<number>,
  timeFormat: TimeFormat,
  display: DisplaySet,
  colorizer: Colorizer | null,
): RowData[] {
  const out: RowData[] = [];
  for (let i = 0; i < nums.length; i++) {
    const num = nums[i];
    if (num < 1 || num > session.frameCount) continue;
    try {
      out.push(buildRow(session, num, timeFormat, display, colorizer));
    } catch (e) {
      // A dissector bug on one frame must not take the whole list down: show it in the row.
      out.push({
        num,
        time: '',
        source: '',
        destination: '',
        protocol: '',
        length: session.index.origlen[num - 1],
        info: `[Dissector bug: ${e instanceof Error ? e.message : String(e)}]`,
        color: -1,
      });
    }
  }
  return out;
}

function buildRow(
  session: CaptureSession,
  num: number,
  timeFormat: TimeFormat,
  display: DisplaySet,
  colorizer: Colorizer | null,
): RowData {
  const precision = session.info.tsPrecision;
  const d = session.dissect(num, { tree: colorizer !== null, columns: true });
  const input = session.frameInput(num);
  const s = frameSummary(d, input, session.capture, precision, timeFormat);
  let time = s.time;
  if (timeFormat === 'delta') {
    const prev = display.previous(num);
    time = formatTimeColumn(
      'delta',
      input,
      session.capture,
      precision,
      prev > 0 ? relNs(session, prev) : relNs(session, num),
    );
  }
  return {
    num,
    time,
    source: s.source,
    destination: s.destination,
    protocol: s.protocol,
    length: s.length,
    info: s.info,
    color: colorizer ? colorizer.match(d) : -1,
  };
}
