/** The ways "Apply/Prepare as Filter" combine the selected item with the current filter. */
export type CombineOp = 'selected' | 'not' | 'and' | 'or' | 'and-not' | 'or-not';

export const COMBINE_LABELS: Record<CombineOp, string> = {
  selected: 'Selected',
  not: 'Not Selected',
  and: '…and Selected',
  or: '…or Selected',
  'and-not': '…and not Selected',
  'or-not': '…or not Selected',
};

/**
 * Builds the new filter text. Operands are parenthesised so the combination keeps its meaning
 * whatever operators the parts contain; with no current filter the "…and/…or" forms reduce to
 * the selected item alone.
 */
export function combineFilter(current: string, selected: string, op: CombineOp): string {
  const cur = current.trim();
  const sel = selected.trim();
  const notSel = `!(${sel})`;
  if (op === 'selected') return sel;
  if (op === 'not') return notSel;
  if (cur === '') return op === 'and' || op === 'or' ? sel : notSel;
  switch (op) {
    case 'and':
      return `(${cur}) && (${sel})`;
    case 'or':
      return `(${cur}) || (${sel})`;
    case 'and-not':
      return `(${cur}) && ${notSel}`;
    case 'or-not':
      return `(${cur}) || ${notSel}`;
  }
}
