import type { RangeNode } from './ast';

/**
 * Slice and layer ranges ("0:3", "1-4", "-1", "2:", ":4"), with tshark's messages for the ones
 * it rejects. Offsets may be negative (counted from the end).
 */
export function parseRange(text: string, from: number, to: number): RangeNode | string {
  // Blanks around the numbers are allowed (tshark reads them with strtol).
  const s = text.trim().replace(/\s*([:-])\s*/g, '$1');
  const node = (start: number, form: RangeNode['form'], len = 0, end = 0): RangeNode => ({
    text: s,
    from,
    to,
    start,
    form,
    len,
    end,
  });
  const notRange = `"${s}" is not a valid range.`;
  if (s.startsWith(':')) {
    const rest = s.slice(1);
    if (rest === '') return node(0, 'toEnd');
    const len = parseInteger(rest);
    if (len === null) return notRange;
    if (len <= 0) return `Range ${s} isn't valid because length ${len} isn't positive`;
    return node(0, 'len', len);
  }
  const m = /^[-+]?[0-9]+/.exec(s);
  if (!m) return `"${s}" is not a valid number.`;
  const start = Number(m[0]);
  const rest = s.slice(m[0].length);
  if (rest === '') return node(start, 'len', 1);
  if (rest === ':') return node(start, 'toEnd');
  if (rest.startsWith(':')) {
    const len = parseInteger(rest.slice(1));
    if (len === null) return notRange;
    if (len <= 0) return `Range ${s} isn't valid because length ${len} isn't positive`;
    return node(start, 'len', len);
  }
  if (rest.startsWith('-')) {
    const end = parseInteger(rest.slice(1));
    if (end === null) return notRange;
    if (start < 0 !== end < 0) {
      return `Range ${s} isn't valid because ${m[0]} and ${rest.slice(1)} have different signs`;
    }
    if (start >= end) {
      return `Range ${s} isn't valid because ${m[0]} is greater or equal than ${rest.slice(1)}`;
    }
    return node(start, 'end', 0, end);
  }
  return notRange;
}

function parseInteger(s: string): number | null {
  return /^[-+]?[0-9]+$/.test(s) ? Number(s) : null;
}

/**
 * Resolves a range against a sequence of `length` items: writes [start, end) into out and returns
 * true, or returns false when the range falls outside the sequence (the slice has no value).
 */
export function resolveRange(r: RangeNode, length: number, out: { start: number; end: number }): boolean {
  let start = r.start;
  if (start < 0) start += length;
  if (start < 0 || start > length) return false;
  let end: number;
  switch (r.form) {
    case 'len':
      end = start + r.len;
      break;
    case 'end':
      end = (r.end < 0 ? r.end + length : r.end) + 1;
      break;
    case 'toEnd':
      end = length;
      break;
  }
  if (end > length || end <= start) return false;
  out.start = start;
  out.end = end;
  return true;
}
