import type { ExpertItem, Severity } from '../dissect/expert';

export interface ExpertGroupRow {
  severity: Severity;
  group: string;
  protocol: string;
  summary: string;
  count: number;
  /** Frames carrying this item, in order (clicking an item selects its packet). */
  frames: number[];
}

/** Groups expert items by (severity, group, protocol, summary) in first-seen order, as tshark's -z expert does. */
export function summarizeExpert(items: readonly ExpertItem[]): ExpertGroupRow[] {
  const rows: ExpertGroupRow[] = [];
  const index = new Map<string, number>();
  for (const e of items) {
    const key = `${e.severity}\u0000${e.group}\u0000${e.protocol}\u0000${e.summary}`;
    let i = index.get(key);
    if (i === undefined) {
      i = rows.length;
      index.set(key, i);
      rows.push({ severity: e.severity, group: e.group, protocol: e.protocol, summary: e.summary, count: 0, frames: [] });
    }
    rows[i].count++;
    rows[i].frames.push(e.frame);
  }
  return rows;
}
