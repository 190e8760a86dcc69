import { SEVERITY, type ExpertItem, type Severity } from '../dissect/expert';
import type { FrameTree, ProtoNode } from '../dissect/tree';
import { tcpStreamOf } from '../analysis/tcp-analysis';
import type { CaptureSession } from '../session';

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

/**
 * How many expert items of each field a frame's tree shows inside the packets quoted by ICMP
 * errors. Wireshark hands taps nothing raised while dissecting a quoted packet, so its expert
 * statistics leave those items out; ExpertItem does not say where it was raised, but its tree
 * item does: everything from the quoted IP header on inside a top-level ICMP/ICMPv6 item.
 */
export function quotedExpertFields(
  tree: FrameTree,
  items: readonly ExpertItem[],
): Map<string, number> | null {
  let out: Map<string, number> | null = null;
  const fields = new Set(items.map((e) => e.field));
  const walk = (n: ProtoNode): void => {
    if (fields.has(n.def.abbrev)) (out ??= new Map()).set(n.def.abbrev, (out.get(n.def.abbrev) ?? 0) + 1);
    if (n.children) for (const c of n.children) walk(c);
  };
  for (const top of tree.top) {
    if ((top.def.abbrev !== 'icmp' && top.def.abbrev !== 'icmpv6') || !top.children) continue;
    let quoted = false;
    for (const c of top.children) {
      if (c.def.abbrev === 'ip' || c.def.abbrev === 'ipv6') quoted = true;
      if (quoted) walk(c);
    }
  }
  return out;
}

/** A frame's expert items without those raised inside ICMP-quoted packets (see quotedExpertFields). */
export function tappedExpertItems(
  items: readonly ExpertItem[],
  tree: FrameTree | null,
): readonly ExpertItem[] {
  if (!tree || items.length === 0) return items;
  const quoted = quotedExpertFields(tree, items);
  if (!quoted) return items;
  // The quoted packet is dissected after the outer headers: drop the last items of each field.
  const keep: boolean[] = items.map(() => true);
  for (let i = items.length - 1; i >= 0; i--) {
    const n = quoted.get(items[i].field) ?? 0;
    if (n > 0) {
      keep[i] = false;
      quoted.set(items[i].field, n - 1);
    }
  }
  return items.filter((_, i) => keep[i]);
}

/**
 * The expert rows of a loaded session for the UI, as `-z expert` counts them: the first
 * pass's items, minus those raised inside ICMP-quoted packets (found by dissecting again, with
 * a tree, only the frames that have items and quote a packet).
 */
export function sessionExpertRows(
  session: CaptureSession,
  minSeverity: Severity = SEVERITY.COMMENT,
): ExpertGroupRow[] {
  const s = new ExpertSummary(minSeverity);
  const items = session.expert;
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j < items.length && items[j].frame === items[i].frame) j++;
    const mine = items.slice(i, j);
    let tapped: readonly ExpertItem[] = mine;
    // A frame with an analysed TCP segment is no ICMP error (quoted segments are not
    // analysed): only the other frames with items need a look at their layers.
    if (tcpStreamOf(session.capture, items[i].frame) < 0) {
      const d = session.dissect(items[i].frame, { tree: false, columns: false });
      const layers = d.pinfo.layers;
      const icmp = layers.findIndex((l) => l === 'icmp' || l === 'icmpv6');
      if (icmp >= 0 && layers.slice(icmp + 1).some((l) => l === 'ip' || l === 'ipv6')) {
        tapped = tappedExpertItems(
          mine,
          session.dissect(items[i].frame, { tree: true, columns: false }).tree,
        );
      }
    }
    for (const e of tapped) s.add(e);
    i = j;
  }
  return s.all();
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
