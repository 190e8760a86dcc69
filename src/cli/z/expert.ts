import { SEVERITY, type Severity } from '../../core/dissect/expert';
import { summarizeExpert } from '../../core/stats/expert-summary';
import { padStart } from './format-size';
import type { ZHandler } from './types';

const SECTIONS: [Severity, string][] = [
  [SEVERITY.ERROR, 'Errors'],
  [SEVERITY.WARN, 'Warns'],
  [SEVERITY.NOTE, 'Notes'],
  [SEVERITY.CHAT, 'Chats'],
  [SEVERITY.COMMENT, 'Comments'],
];

/** tshark's `-z expert` report from the expert items of the frames that passed the filters. */
export function renderExpert(items: Parameters<typeof summarizeExpert>[0]): string {
  const rows = summarizeExpert(items);
  let s = '';
  for (const [sev, title] of SECTIONS) {
    const mine = rows.filter((r) => r.severity === sev);
    if (mine.length === 0) continue;
    const total = mine.reduce((n, r) => n + r.count, 0);
    s += `\n${title} (${total})\n${'='.repeat(title.length + String(total).length + 3)}\n`;
    s += '   Frequency      Group           Protocol  Summary\n';
    for (const r of mine) {
      s += `${padStart(String(r.count), 12)} ${padStart(r.group, 10)} ${padStart(r.protocol, 18)}  ${r.summary}\n`;
    }
  }
  return s;
}

export const expertHandler: ZHandler = {
  matches: (arg) => arg === 'expert',
  create() {
    const items: Parameters<typeof summarizeExpert>[0][number][] = [];
    return {
      needsTree: false,
      onFrame(d) {
        for (const e of d.pinfo.expert) items.push(e);
      },
      finish() {
        return renderExpert(items);
      },
    };
  },
};
