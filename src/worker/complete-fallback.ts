import { allFields } from '../core/dissect/fields';
import { FT, FT_NAMES } from '../core/dissect/field-types';
import type { Completion } from './types';

const WORD = /[A-Za-z0-9_.-]/;

/**
 * Field-name completion straight from the field registry, used until the filter engine's own
 * completer (operators and values too) is available: the word around the cursor is matched as
 * a prefix of field names, protocols first.
 */
export function completeFieldNames(text: string, cursor: number, limit = 50): Completion {
  let from = cursor;
  while (from > 0 && WORD.test(text[from - 1])) from--;
  let to = cursor;
  while (to < text.length && WORD.test(text[to])) to++;
  const word = text.slice(from, cursor).toLowerCase();
  if (word.length === 0) return { from, to, items: [] };
  const items: Completion['items'] = [];
  for (const f of allFields()) {
    if (!f.abbrev.startsWith(word) || f.abbrev.startsWith('_ws.') || f.abbrev === word) continue;
    const protocol = f.type === FT.PROTOCOL;
    items.push({
      text: f.abbrev,
      detail: protocol ? f.name : `${f.name} (${FT_NAMES[f.type]})`,
      kind: protocol ? 'protocol' : 'field',
    });
  }
  items.sort((a, b) => {
    // Shorter names (fewer dots) first: "tcp", "tcp.port" before "tcp.options.sack.le".
    const da = a.text.split('.').length;
    const db = b.text.split('.').length;
    return da - db || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  });
  return { from, to, items: items.slice(0, limit) };
}
