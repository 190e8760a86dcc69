import type { IoGraphResult } from '../../worker/stats-api';
import type { IoMetric } from './stats-store';

/** One point of the I/O graph for the chart: time and one value per series (`s0`, `s1`, …). */
export interface IoRow {
  t: number;
  [series: string]: number;
}

/** Chart rows of a worker result for one metric. */
export function ioRows(g: IoGraphResult, metric: IoMetric): IoRow[] {
  const rows: IoRow[] = [];
  for (let p = 0; p < g.time.length; p++) {
    const row: IoRow = { t: g.time[p] };
    g.series.forEach((s, k) => {
      row[`s${k}`] = s[metric][p];
    });
    rows.push(row);
  }
  return rows;
}

/** The packet a click on point `p` selects: the first frame of that interval in the first series that has one. */
export function frameAtPoint(g: IoGraphResult, p: number): number {
  for (const s of g.series) {
    const f = s.firstFrame[p];
    if (f) return f;
  }
  return 0;
}
