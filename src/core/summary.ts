import { formatAddress } from './dissect/address';
import type { CaptureState } from './dissect/capture-state';
import type { DissectedFrame, FrameInput } from './dissect/frame';
import type { CaptureInfo } from './capture/types';

/** Time column formats (Wireshark's View → Time Display Format). */
export type TimeFormat = 'relative' | 'delta' | 'absolute' | 'utc' | 'epoch';

/** One packet-list row as tshark prints it. */
export interface FrameSummary {
  num: number;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
}

function decimalsFor(precision: CaptureInfo['tsPrecision']): number {
  switch (precision) {
    case 'sec':
      return 0;
    case 'msec':
      return 3;
    case 'usec':
      return 6;
    default:
      return 9;
  }
}

/** Seconds from nanoseconds, truncated to `decimals` places like Wireshark's time columns. */
export function formatSeconds(ns: number, decimals: number): string {
  const neg = ns < 0;
  const a = Math.abs(ns);
  const sec = Math.floor(a / 1e9);
  const frac = Math.floor((a - sec * 1e9) / 10 ** (9 - decimals));
  const s = decimals > 0 ? `${sec}.${String(frac).padStart(decimals, '0')}` : String(sec);
  return neg ? `-${s}` : s;
}

export function formatTimeColumn(
  format: TimeFormat,
  input: FrameInput,
  capture: CaptureState,
  precision: CaptureInfo['tsPrecision'],
  prevDisplayedNs?: number,
): string {
  const decimals = decimalsFor(precision);
  const nsOf = (sec: number, nsec: number): number =>
    (sec - capture.firstSec) * 1e9 + (nsec - capture.firstNsec);
  switch (format) {
    case 'delta': {
      const cur = nsOf(input.tsSec, input.tsNsec);
      const prev =
        prevDisplayedNs ?? (Number.isNaN(input.prevSec) ? cur : nsOf(input.prevSec, input.prevNsec));
      return formatSeconds(cur - prev, decimals);
    }
    case 'epoch':
      return `${input.tsSec}.${String(Math.floor(input.tsNsec / 10 ** (9 - decimals))).padStart(decimals, '0')}`;
    case 'utc': {
      const d = new Date(input.tsSec * 1000);
      const p2 = (n: number): string => String(n).padStart(2, '0');
      return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(Math.floor(input.tsNsec / 10 ** (9 - decimals))).padStart(decimals, '0')}`;
    }
    case 'absolute': {
      const d = new Date(input.tsSec * 1000);
      const p2 = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(Math.floor(input.tsNsec / 10 ** (9 - decimals))).padStart(decimals, '0')}`;
    }
    default:
      return formatSeconds(nsOf(input.tsSec, input.tsNsec), decimals);
  }
}

export function frameSummary(
  d: DissectedFrame,
  input: FrameInput,
  capture: CaptureState,
  precision: CaptureInfo['tsPrecision'],
  timeFormat: TimeFormat,
): FrameSummary {
  return {
    num: input.num,
    time: formatTimeColumn(timeFormat, input, capture, precision),
    source: formatAddress(d.pinfo.src),
    destination: formatAddress(d.pinfo.dst),
    protocol: d.cols?.protocol ?? '',
    length: input.origlen,
    info: d.cols?.info ?? '',
  };
}
