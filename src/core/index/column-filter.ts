/**
 * Compiles a display filter whose fields are all indexed into a predicate over a frame's column
 * slot (0-based), read straight from the typed arrays: no accessor object per frame, no value
 * buffers, no exceptions. It covers the shapes filters on addresses, ports, streams and analysis
 * flags take (and/or/not, a field's presence, a field compared with constants, `in` with
 * constants) with the same semantics as src/core/filter/compile.ts; anything else (slices,
 * functions, references, layers, constants on the left) returns null and the run evaluates the
 * compiled filter over the IndexAccessor instead.
 */
import { FT, type FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import { checkFilter } from '../filter/check';
import type { RelOp, TExpr, VExpr } from '../filter/ir';
import type { IPv4Const } from '../filter/literals';
import { parseFilter } from '../filter/parser';
import { comparatorFor, type RV } from '../filter/values';
import type { ColumnReader, IndexAccessor, NumericColumns } from './index-accessor';

/** True when frame slot i (0-based) matches. */
export type SlotPredicate = (i: number) => boolean;

const REL: Record<RelOp, (c: number) => boolean> = {
  eq: (c) => c === 0,
  // Incomparable values (NaN) differ, as in compile.ts.
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};

/** Thrown inside compile when a node has no column form; caught by compileColumnFilter. */
class Unsupported extends Error {}

/** The predicate of `text` over the index columns, or null when it has no column form. */
export function compileColumnFilter(text: string, acc: IndexAccessor): SlotPredicate | null {
  const parsed = parseFilter(text);
  if (!parsed.ok) return null;
  const checked = checkFilter(parsed.value);
  if (!checked.ok) return null;
  try {
    return compile(checked.value, acc);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function plainField(v: VExpr, acc: IndexAccessor): { def: FieldDef; r: ColumnReader } {
  if (v.k !== 'field' || v.layers) throw new Unsupported();
  const r = acc.reader(v.def);
  if (!r) throw new Unsupported();
  return { def: v.def, r };
}

/** A field's value as the filter sees it (readField of compile.ts, for the indexed types). */
function valueType(t: FieldType): void {
  if (t === FT.PROTOCOL || t === FT.BOOLEAN || t === FT.NONE) throw new Unsupported();
}

function constant(v: VExpr): RV {
  if (v.k !== 'const') throw new Unsupported();
  return v.value as RV;
}

function compile(t: TExpr, acc: IndexAccessor): SlotPredicate {
  switch (t.k) {
    case 'true':
      return () => true;
    case 'exists': {
      const { r } = plainField(t.field, acc);
      return (i) => r.count(i) > 0;
    }
    case 'not': {
      const a = compile(t.a, acc);
      return (i) => !a(i);
    }
    case 'and': {
      const a = compile(t.a, acc);
      const b = compile(t.b, acc);
      return (i) => a(i) && b(i);
    }
    case 'or': {
      const a = compile(t.a, acc);
      const b = compile(t.b, acc);
      return (i) => a(i) || b(i);
    }
    case 'cmp':
      return compileCmp(t, acc);
    case 'in':
      return compileIn(t, acc);
    default:
      throw new Unsupported();
  }
}

/** compile.ts's fast path (a plain field against one constant), column by column. */
function compileCmp(t: TExpr & { k: 'cmp' }, acc: IndexAccessor): SlotPredicate {
  const { r } = plainField(t.a, acc);
  valueType(t.a.type);
  const c = constant(t.b);
  const cmp = comparatorFor(t.a.type === FT.BYTES || t.b.type === FT.BYTES ? FT.BYTES : t.a.type);
  const rel = REL[t.op];
  const negated = t.negate;
  // Equality of a number with a plain number (ports, lengths, streams; IPv4 constants are
  // objects and take the comparator): a strict comparison is what the comparator computes.
  let pred: (x: RV) => boolean = (x) => rel(cmp(x, c));
  if (typeof c === 'number' && t.op === 'eq' && isPlainNumberType(t.a.type)) {
    pred = (x) => x === c;
  } else if (t.a.type === FT.IPv4 && t.op === 'eq' && typeof c === 'object' && 'bits' in c) {
    // cmpIPv4 against an address/prefix: equal when the masked addresses are.
    const ip = c as IPv4Const;
    const mask = ip.bits === 0 ? 0 : (0xffffffff << (32 - ip.bits)) >>> 0;
    const want = (ip.addr & mask) >>> 0;
    pred = (x) => ((x as number) & mask) >>> 0 === want;
  }
  const direct = r.columns ? directCmp(r.columns(), pred, t.match === 'any', negated) : null;
  if (direct) return direct;
  if (t.match === 'any') {
    return (i) => {
      const n = r.count(i);
      if (n === 0) return false;
      for (let k = 0; k < n; k++) if (pred(r.value(i, k) as RV)) return !negated;
      return negated;
    };
  }
  return (i) => {
    const n = r.count(i);
    if (n === 0) return false;
    for (let k = 0; k < n; k++) if (!pred(r.value(i, k) as RV)) return false;
    return true;
  };
}

/**
 * The same test read straight from the columns (one or two values, present by kind): what
 * filters on addresses and ports compile to.
 */
function directCmp(
  cols: NumericColumns,
  pred: (x: RV) => boolean,
  any: boolean,
  negated: boolean,
): SlotPredicate {
  const { kind, mask, want, a, b } = cols;
  if (b === null) {
    // One value: any and all agree; `!=` (negated any) is "present and not equal".
    if (any && negated) return (i) => (kind[i] & mask) === want && !pred(a[i]);
    return (i) => (kind[i] & mask) === want && pred(a[i]);
  }
  if (any && !negated) return (i) => (kind[i] & mask) === want && (pred(a[i]) || pred(b[i]));
  if (any) return (i) => (kind[i] & mask) === want && !pred(a[i]) && !pred(b[i]);
  return (i) => (kind[i] & mask) === want && pred(a[i]) && pred(b[i]);
}

/** Unsigned integers of at most 32 bits (no sign or bigint rules apply to their comparison). */
function isPlainNumberType(t: FieldType): boolean {
  return t === FT.UINT8 || t === FT.UINT16 || t === FT.UINT24 || t === FT.UINT32 || t === FT.FRAMENUM;
}

/** `field in {a b..c}` with constant elements (compileIn of compile.ts). */
function compileIn(t: TExpr & { k: 'in' }, acc: IndexAccessor): SlotPredicate {
  const { r } = plainField(t.a, acc);
  valueType(t.a.type);
  const cmp = comparatorFor(t.a.type);
  const any = t.match === 'any';
  const elements: SlotPredicate[] = t.set.map((el) => {
    const lo = constant(el.lo);
    if (!el.hi) {
      return (i) => {
        const n = r.count(i);
        if (n === 0) return false;
        for (let k = 0; k < n; k++) if ((cmp(r.value(i, k) as RV, lo) === 0) === any) return any;
        return !any;
      };
    }
    const hi = constant(el.hi);
    return (i) => {
      const n = r.count(i);
      if (n === 0) return false;
      for (let k = 0; k < n; k++) {
        const x = r.value(i, k) as RV;
        if ((cmp(x, lo) >= 0 && cmp(x, hi) <= 0) === any) return any;
      }
      return !any;
    };
  });
  return (i) => {
    for (const e of elements) if (e(i)) return true;
    return false;
  };
}
