import type { ExpertGroupRow } from '../../core/stats/expert-summary';

/** Severity names as Wireshark's Expert Information dialog shows them, most severe first. */
export const SEVERITY_ORDER: readonly [number, string][] = [
  [5, 'Error'],
  [4, 'Warning'],
  [3, 'Note'],
  [2, 'Chat'],
  [1, 'Comment'],
];

export interface ExpertGroupBlock {
  group: string;
  count: number;
  rows: ExpertGroupRow[];
}

export interface ExpertSeverityBlock {
  severity: number;
  name: string;
  count: number;
  groups: ExpertGroupBlock[];
}

/** Rows grouped by severity (most severe first), then by expert group in first-seen order. */
export function groupExpert(rows: readonly ExpertGroupRow[]): ExpertSeverityBlock[] {
  const out: ExpertSeverityBlock[] = [];
  for (const [severity, name] of SEVERITY_ORDER) {
    const mine = rows.filter((r) => r.severity === severity);
    if (mine.length === 0) continue;
    const groups: ExpertGroupBlock[] = [];
    for (const r of mine) {
      let g = groups.find((x) => x.group === r.group);
      if (!g) {
        g = { group: r.group, count: 0, rows: [] };
        groups.push(g);
      }
      g.count += r.count;
      g.rows.push(r);
    }
    out.push({ severity, name, count: groups.reduce((n, g) => n + g.count, 0), groups });
  }
  return out;
}
