import { FT } from '../core/dissect/field-types';
import { formatAbsUtc, formatValue, hexBytes } from '../core/dissect/format';
import type { Timestamp } from '../core/dissect/field-types';
import type { ProtoNode } from '../core/dissect/tree';

/** Quotes a string for a display filter: backslash escapes for quotes, backslashes and controls. */
export function quoteFilterString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * The filter expression that selects this item's value, as "Apply as Filter › Selected"
 * builds it: `abbrev == value` in the filter syntax of the field type, or the bare field name
 * for protocols, labels and items without a value. '' for text-only lines.
 */
export function filterForNode(n: ProtoNode): string {
  const def = n.def;
  if (def.abbrev.startsWith('_ws.text') || def === n.root.textField) return '';
  const name = def.abbrev;
  const v = n.value;
  switch (def.type) {
    case FT.PROTOCOL:
    case FT.NONE:
      return name;
    default:
      break;
  }
  if (v === null || v === undefined) return name;
  switch (def.type) {
    case FT.STRING:
      return `${name} == ${quoteFilterString(String(v))}`;
    case FT.BYTES:
      return v instanceof Uint8Array && v.length > 0 ? `${name} == ${hexBytes(v, ':')}` : name;
    case FT.ABSOLUTE_TIME:
      return `${name} == ${quoteFilterString(formatAbsUtc(v as Timestamp))}`;
    case FT.BOOLEAN:
      return `${name} == ${v ? 1 : 0}`;
    default:
      return `${name} == ${formatValue(def, v)}`;
  }
}
