import { SEVERITY, type ExpertItem, type Severity } from '../dissect/expert';

export interface ExpertGroupRow {
  severity: Severity;
  /** The group of the first item of this row (tshark groups by protocol and summary only). */
  group: string;
  protocol: string;
  summary: string;
  count: number;
  /** Frames carrying this item, in order (clicking an item selects its packet). */
  frames: number[];
}

/** Severities from the most to the least severe, with tshark's section titles. */
export const EXPERT_SECTIONS: readonly [Severity, string][] = [
  [SEVERITY.ERROR, 'Errors'],
  [SEVERITY.WARN, 'Warns'],
  [SEVERITY.NOTE, 'Notes'],
  [SEVERITY.CHAT, 'Chats'],
  [SEVERITY.COMMENT, 'Comments'],
];

/**
 * Expert items grouped as tshark's `-z expert` groups them: per severity, one row per
 * (protocol, summary) in first-seen order; items below `minSeverity` are left out.
 */
export class ExpertSummary {
  private readonly rows: ExpertGroupRow[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly minSeverity: Severity = SEVERITY.COMMENT) {}

  add(e: ExpertItem): void {
    if (e.severity < this.minSeverity) return;
    const key = `${e.severity}\u0000${e.protocol}\u0000${e.summary}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.rows.length;
      this.index.set(key, i);
      this.rows.push({
        severity: e.severity,
        group: e.group,
        protocol: e.protocol,
        summary: e.summary,
        count: 0,
        frames: [],
      });
    }
    this.rows[i].count++;
    this.rows[i].frames.push(e.frame);
  }

  /** Rows of one severity, in first-seen order. */
  rowsOf(severity: Severity): ExpertGroupRow[] {
    return this.rows.filter((r) => r.severity === severity);
  }

  /** Every row, most severe first, first-seen order within a severity (the UI's table). */
  all(): ExpertGroupRow[] {
    return EXPERT_SECTIONS.flatMap(([sev]) => this.rowsOf(sev));
  }
}

/** Groups a list of expert items (e.g. `session.expert`) for the UI. */
export function summarizeExpert(
  items: readonly ExpertItem[],
  minSeverity: Severity = SEVERITY.COMMENT,
): ExpertGroupRow[] {
  const s = new ExpertSummary(minSeverity);
  for (const e of items) s.add(e);
  return s.all();
}
