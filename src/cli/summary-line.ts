import { formatAddress } from '../core/dissect/address';
import type { CaptureState } from '../core/dissect/capture-state';
import type { DissectedFrame, FrameInput } from '../core/dissect/frame';
import type { CaptureInfo } from '../core/capture/types';
import { formatTimeColumn, type FrameSummary } from '../core/summary';

function padLeft(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function padRight(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/**
 * tshark's default one-line output: the number right-aligned to 5, the time right-aligned to 10,
 * the source right-aligned and the destination left-aligned to 12, joined by " → ".
 */
export function summaryLine(s: FrameSummary): string {
  return (
    `${padLeft(String(s.num), 5)} ${padLeft(s.time, 10)} ${padLeft(s.source, 12)} → ` +
    `${padRight(s.destination, 12)} ${s.protocol} ${s.length} ${s.info}`
  );
}

/**
 * summaryLine(frameSummary(...)) for the one-pass loop, read straight from the frame: the same
 * text without the intermediate FrameSummary object per frame.
 */
export function summaryLineOf(
  d: DissectedFrame,
  input: FrameInput,
  capture: CaptureState,
  precision: CaptureInfo['tsPrecision'],
): string {
  const time = formatTimeColumn('relative', input, capture, precision);
  const cols = d.cols;
  return (
    `${padLeft(String(input.num), 5)} ${padLeft(time, 10)} ${padLeft(formatAddress(d.pinfo.src), 12)} → ` +
    `${padRight(formatAddress(d.pinfo.dst), 12)} ${cols?.protocol ?? ''} ${input.origlen} ${cols?.info ?? ''}`
  );
}
