import { FT, FT_NAMES, isInteger, type FieldType } from '../dissect/field-types';
import { allFields, type FieldDef } from '../dissect/fields';
import { filterFieldByName } from './field-names';
import { canArith, canCmp, canContains, canEq, canMatches } from './ftypes';
import { tokenize } from './lexer';
import { COMPARISON_KINDS, type Token } from './tokens';

export type CompletionKind = 'field' | 'protocol' | 'operator' | 'value' | 'function' | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** What the item is: a description and, for fields, the type name. */
  detail: string;
  /** The text that replaces [from, to). */
  insert: string;
}

export interface Completions {
  /** The span of the text the items replace (the word being typed). */
  from: number;
  to: number;
  items: CompletionItem[];
}

/** At most this many field names are offered at once (a protocol can have hundreds). */
const MAX_FIELDS = 200;

const FUNCTIONS: readonly [string, string][] = [
  ['len', 'len(field): byte length of a string or bytes field'],
  ['count', 'count(field): number of occurrences of a field'],
  ['lower', 'lower(string field): converts to lower case'],
  ['upper', 'upper(string field): converts to upper case'],
  ['string', 'string(field): converts a non-string field to a string'],
  ['abs', 'abs(field): absolute value'],
  ['min', 'min(a, b, ...): smallest value'],
  ['max', 'max(a, b, ...): largest value'],
];

interface OperatorInfo {
  label: string;
  detail: string;
  applies: (t: FieldType) => boolean;
}

const OPERATORS: readonly OperatorInfo[] = [
  { label: '==', detail: 'Equal (any occurrence)', applies: canEq },
  { label: '!=', detail: 'Not equal (no occurrence is equal)', applies: canEq },
  { label: '>', detail: 'Greater than', applies: canCmp },
  { label: '<', detail: 'Less than', applies: canCmp },
  { label: '>=', detail: 'Greater than or equal to', applies: canCmp },
  { label: '<=', detail: 'Less than or equal to', applies: canCmp },
  { label: 'contains', detail: 'Contains a string or byte sequence', applies: canContains },
  { label: 'matches', detail: 'Matches a case-insensitive regular expression', applies: canMatches },
  { label: 'in', detail: 'Is one of a set: in {a, b, c..d}', applies: canEq },
  { label: '&', detail: 'Bitwise AND (non-zero is true)', applies: (t) => canArith(t, '&') },
  { label: '===', detail: 'Equal (every occurrence)', applies: canEq },
  { label: '!==', detail: 'Not equal (some occurrence differs)', applies: canEq },
];

const KEYWORDS: readonly [string, string][] = [
  ['and', 'Logical AND'],
  ['or', 'Logical OR'],
  ['not', 'Logical NOT'],
];

const WORD_CHAR = /[A-Za-z0-9_.-]/;

function fieldDetail(def: FieldDef): string {
  const desc = def.type === FT.PROTOCOL ? def.name : def.blurb ? `${def.name} (${def.blurb})` : def.name;
  return `${desc} — ${FT_NAMES[def.type]}`;
}

function fieldItem(def: FieldDef): CompletionItem {
  return {
    label: def.abbrev,
    kind: def.type === FT.PROTOCOL ? 'protocol' : 'field',
    detail: fieldDetail(def),
    insert: def.abbrev,
  };
}

/** Fields and protocols whose names start with `prefix`: protocols only until a dot is typed. */
function fieldItems(prefix: string): CompletionItem[] {
  const dotted = prefix.includes('.');
  const found = allFields().filter(
    (d) =>
      d.abbrev.startsWith(prefix) &&
      !d.abbrev.startsWith('_ws.text') &&
      (dotted || d.type === FT.PROTOCOL || !d.abbrev.includes('.')),
  );
  // Nearer names first: "tcp." lists tcp.port before tcp.analysis.flags.
  const depth = (s: string): number => s.split('.').length;
  found.sort((a, b) => depth(a.abbrev) - depth(b.abbrev) || (a.abbrev < b.abbrev ? -1 : 1));
  return found.slice(0, MAX_FIELDS).map(fieldItem);
}

function functionItems(prefix: string): CompletionItem[] {
  return FUNCTIONS.filter(([n]) => n.startsWith(prefix)).map(([label, detail]) => ({
    label,
    kind: 'function' as const,
    detail,
    insert: `${label}(`,
  }));
}

function keywordItems(prefix: string, which: readonly string[]): CompletionItem[] {
  return KEYWORDS.filter(([k]) => which.includes(k) && k.startsWith(prefix)).map(([label, detail]) => ({
    label,
    kind: 'keyword' as const,
    detail,
    insert: `${label} `,
  }));
}

function operatorItems(def: FieldDef, prefix: string): CompletionItem[] {
  return OPERATORS.filter((o) => o.applies(def.type) && o.label.startsWith(prefix)).map((o) => ({
    label: o.label,
    kind: 'operator' as const,
    detail: o.detail,
    insert: `${o.label} `,
  }));
}

/** Value names a field accepts in place of numbers (value strings, true/false texts). */
function valueItems(def: FieldDef, prefix: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  const add = (name: string, detail: string): void => {
    if (!name.toLowerCase().startsWith(prefix.toLowerCase())) return;
    const bare = /^[A-Za-z_][\w-]*$/.test(name);
    out.push({ label: name, kind: 'value', detail, insert: bare ? name : JSON.stringify(name) });
  };
  if (def.type === FT.BOOLEAN) {
    add('True', '1');
    add('False', '0');
    const t = def.strings?.get(1);
    const f = def.strings?.get(0);
    if (t && t !== 'True') add(t, '1');
    if (f && f !== 'False') add(f, '0');
    return out;
  }
  if (isInteger(def.type) && def.type !== FT.FRAMENUM && def.strings) {
    for (const [v, name] of def.strings) add(name, String(v));
  }
  return out;
}

/** The field a token names, if it is a field or protocol name. */
function fieldOf(t: Token | undefined): FieldDef | undefined {
  if (!t) return undefined;
  if (t.kind === 'UNPARSED') return filterFieldByName(t.text);
  if (t.kind === 'FIELD') return filterFieldByName(t.name ?? '');
  return undefined;
}

/**
 * What could come at `cursor` in a display filter: field and protocol names by prefix (a
 * protocol's fields once "proto." is typed), functions, operators that suit the field just
 * written, value names after `field ==`, and and/or after a complete test.
 */
export function complete(text: string, cursor: number): Completions {
  let from = cursor;
  while (from > 0 && WORD_CHAR.test(text[from - 1])) from--;
  let to = cursor;
  while (to < text.length && WORD_CHAR.test(text[to])) to++;
  const word = text.slice(from, cursor);
  const toks = tokenize(text.slice(0, from)).filter((t) => t.kind !== 'EOF');
  const result = (items: CompletionItem[]): Completions => ({ from, to, items });
  if (toks.some((t) => t.kind === 'ERROR')) return result([]);
  const last = toks[toks.length - 1];
  const beforeLast = toks[toks.length - 2];

  // Start of a test: names, functions, "not".
  if (!last || ['AND', 'OR', 'NOT', 'LPAREN', 'ANY', 'ALL'].includes(last.kind)) {
    const items = [...fieldItems(word), ...functionItems(word)];
    if (word !== '') items.push(...keywordItems(word, ['not']));
    return result(items);
  }

  // After a field: its operators, or and/or.
  const field = fieldOf(last);
  if (field) {
    return result([...operatorItems(field, word), ...keywordItems(word, ['and', 'or'])]);
  }

  // After an operator: value names of the field on its left, then names (field-to-field tests).
  if (COMPARISON_KINDS.has(last.kind) || last.kind === 'LBRACE' || last.kind === 'COMMA') {
    const lhs = last.kind === 'LBRACE' || last.kind === 'COMMA' ? setField(toks) : fieldOf(beforeLast);
    const values = lhs ? valueItems(lhs, word) : [];
    return result(word === '' ? values : [...values, ...fieldItems(word), ...functionItems(word)]);
  }
  if (['CONTAINS', 'MATCHES', 'PLUS', 'MINUS', 'STAR', 'SLASH', 'PERCENT', 'BITAND'].includes(last.kind)) {
    return result(word === '' ? [] : [...fieldItems(word), ...functionItems(word)]);
  }

  // After a complete value: combine with and/or.
  return result(keywordItems(word, ['and', 'or']));
}

/** The field of `field in {...` when the cursor is inside the set. */
function setField(toks: Token[]): FieldDef | undefined {
  for (let i = toks.length - 1; i > 0; i--) {
    if (toks[i].kind === 'LBRACE') return toks[i - 1].kind === 'IN' ? fieldOf(toks[i - 2]) : undefined;
    if (toks[i].kind === 'RBRACE') return undefined;
  }
  return undefined;
}
