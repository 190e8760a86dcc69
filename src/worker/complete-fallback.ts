import { allFields, fieldByAbbrev, type FieldDef } from '../core/dissect/fields';
import { FT, FT_NAMES } from '../core/dissect/field-types';
import type { Completion } from './types';

const WORD = /[A-Za-z0-9_.:-]/;
const COMPARISONS = ['==', '!=', '>', '<', '>=', '<=', 'eq', 'ne', 'gt', 'lt', 'ge', 'le'];

type Item = Completion['items'][number];

function isComparable(def: FieldDef): boolean {
  return def.type !== FT.NONE && def.type !== FT.PROTOCOL;
}

/** Operators that make sense after a field of this type. */
function operatorsFor(def: FieldDef): Item[] {
  const items: Item[] = [];
  if (!isComparable(def)) {
    return ['&&', '||', 'and', 'or'].map((t) => ({ text: t, kind: 'operator' as const }));
  }
  const ordered = def.type !== FT.BOOLEAN && def.type !== FT.ETHER;
  for (const op of ['==', '!=']) items.push({ text: op, kind: 'operator' });
  if (ordered) for (const op of ['>', '<', '>=', '<=']) items.push({ text: op, kind: 'operator' });
  if (def.type === FT.STRING || def.type === FT.BYTES || def.type === FT.PROTOCOL) {
    items.push({ text: 'contains', kind: 'operator' }, { text: 'matches', kind: 'operator' });
  }
  items.push({ text: 'in', kind: 'operator', detail: 'set membership: in {a, b, c}' });
  return items;
}

/** Known values of a field: its value names (numbers shown with their meaning), or 0/1. */
function valuesFor(def: FieldDef): Item[] {
  if (def.type === FT.BOOLEAN) {
    return [
      { text: '1', kind: 'value', detail: def.strings?.get(1) ?? 'True' },
      { text: '0', kind: 'value', detail: def.strings?.get(0) ?? 'False' },
    ];
  }
  if (!def.strings) return [];
  const items: Item[] = [];
  for (const [v, name] of def.strings) items.push({ text: String(v), kind: 'value', detail: name });
  return items.slice(0, 100);
}

/** The tokens before `at`, split on spaces (enough to see "field op" before the cursor). */
function previousTokens(text: string, at: number): string[] {
  return text
    .slice(0, at)
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/**
 * Completion from the field registry, used until the filter engine's own completer is
 * available: field and protocol names for the word at the cursor, comparison operators after
 * a field, and the field's known values after "field ==".
 */
export function completeFieldNames(text: string, cursor: number, limit = 50): Completion {
  let from = cursor;
  while (from > 0 && WORD.test(text[from - 1])) from--;
  let to = cursor;
  while (to < text.length && WORD.test(text[to])) to++;
  const word = text.slice(from, cursor).toLowerCase();
  const before = previousTokens(text, from);
  const last = before[before.length - 1] ?? '';
  const lastField = fieldByAbbrev(last.replace(/^[!(]+/, ''));
  const prevField =
    before.length >= 2 ? fieldByAbbrev(before[before.length - 2].replace(/^[!(]+/, '')) : undefined;

  if (prevField && COMPARISONS.includes(last)) {
    const items = valuesFor(prevField).filter((i) => i.text.startsWith(word));
    return { from, to, items: items.slice(0, limit) };
  }
  if (word.length === 0 && lastField) return { from, to, items: operatorsFor(lastField) };
  if (word.length === 0) return { from, to, items: [] };

  const items: Item[] = [];
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
