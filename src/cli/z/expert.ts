import { SEVERITY, type Severity } from '../../core/dissect/expert';
import { EXPERT_SECTIONS, ExpertSummary, tappedExpertItems } from '../../core/stats/expert-summary';
import { padStart } from './format-size';
import { tapFilter } from './tap-filter';
import type { ZHandler, ZTap } from './types';

/** tshark's `-z expert` report: one section per severity that has items, most severe first. */
export function renderExpert(summary: ExpertSummary): string {
  let s = '';
  for (const [sev, title] of EXPERT_SECTIONS) {
    const rows = summary.rowsOf(sev);
    if (rows.length === 0) continue;
    const total = rows.reduce((n, r) => n + r.count, 0);
    s += `\n${title} (${total})\n=============\n`;
    s += '   Frequency      Group           Protocol  Summary\n';
    for (const r of rows) {
      s += `${padStart(String(r.count), 12)} ${padStart(r.group, 10)} ${padStart(r.protocol, 18)}  ${r.summary}\n`;
    }
  }
  return s;
}

const LEVELS: Record<string, Severity> = {
  error: SEVERITY.ERROR,
  warn: SEVERITY.WARN,
  note: SEVERITY.NOTE,
  chat: SEVERITY.CHAT,
  comment: SEVERITY.COMMENT,
};

/** "expert[,error|warn|note|chat|comment][,FILTER]" */
function parse(arg: string): { level: Severity; filter: string | null } | null {
  if (arg === 'expert') return { level: SEVERITY.COMMENT, filter: null };
  if (!arg.startsWith('expert,')) return null;
  const rest = arg.slice('expert,'.length);
  for (const [name, level] of Object.entries(LEVELS)) {
    if (rest === name) return { level, filter: null };
    if (rest.startsWith(`${name},`)) return { level, filter: rest.slice(name.length + 1) };
  }
  return { level: SEVERITY.COMMENT, filter: rest };
}

export const expertHandler: ZHandler = {
  matches: (arg) => arg === 'expert' || arg.startsWith('expert,'),
  create(arg): ZTap | { error: string } {
    const p = parse(arg);
    if (!p) return { error: `invalid -z argument "${arg}"` };
    const f = tapFilter(p.filter);
    if ('error' in f) return f;
    const summary = new ExpertSummary(p.level);
    return {
      // The tree tells which items were raised inside ICMP-quoted packets (not counted).
      needsTree: true,
      onFrame(d) {
        if (f.filter && !f.filter.matches(d)) return;
        for (const e of tappedExpertItems(d.pinfo.expert, d.tree)) summary.add(e);
      },
      finish() {
        return renderExpert(summary);
      },
    };
  },
};
