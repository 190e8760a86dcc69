import type { FrameSummary } from '../core/summary';

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
