import { groupDigits } from '../lib/units';

/** Seconds with a fixed number of decimals ("1.025616"). */
export function formatSeconds(v: number, decimals: number): string {
  return Number.isFinite(v) ? v.toFixed(decimals) : '';
}

const SI: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** A value with an SI prefix and three significant digits: 1234567 → "1.23 M". */
export function formatSi(v: number, unit = ''): string {
  if (!Number.isFinite(v)) return 'N/A';
  const sep = unit ? ' ' : '';
  for (const [p, name] of SI) {
    if (Math.abs(v) >= p) {
      const text = (v / p).toPrecision(3);
      // "1.50" → "1.5", but "750" stays "750".
      return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text} ${name}${unit}`;
    }
  }
  const r = Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(3);
  return `${r}${sep}${unit}`;
}

/**
 * Bits per second of `bytes` over `seconds`, as the conversation table shows it; "N/A" when the
 * duration is zero (a one-frame conversation has no rate).
 */
export function bitsPerSecond(bytes: number, seconds: number): number {
  return seconds > 0 ? (bytes * 8) / seconds : NaN;
}

/** 0.0123 → "1.23%". */
export function formatPercent(share: number, decimals = 2): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(decimals)}%` : '';
}

/** Integer counts with thousands separators. */
export const formatCount = groupDigits;

/** An I/O graph interval: 1000 → "1 ms", 1e6 → "1 s", 6e7 → "1 min". */
export function formatInterval(us: number): string {
  if (us >= 6e7 && us % 6e7 === 0) return `${us / 6e7} min`;
  if (us >= 1e6) return `${us / 1e6} s`;
  if (us >= 1e3) return `${us / 1e3} ms`;
  return `${us} µs`;
}

/** Axis tick for a number that may be large (sequence numbers, bytes, bits/s). */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Math.abs(v) >= 1e4) return formatSi(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}
