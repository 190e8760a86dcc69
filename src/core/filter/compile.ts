import { FT, type FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import type { FieldAccessor } from './accessor';
import type { RangeNode } from './ast';
import { resolveRange } from './drange';
import type { Match, RelOp, TExpr, VExpr } from './ir';
import {
  absValue,
  arith,
  asciiCase,
  bytesContain,
  comparatorFor,
  isNonZero,
  latin1,
  negate,
  toBytes,
  valueLength,
  valueToString,
  type Comparator,
  type RV,
} from './values';

/** A compiled test: evaluates against one frame's fields. */
export type Test = (acc: FieldAccessor) => boolean;

/**
 * A compiled value: `run` fills `buf` with the value(s) for the current frame and returns how
 * many. Each value node owns its buffer, reused from frame to frame, so evaluation allocates only
 * where new values are made (slices, string conversions).
 */
interface Values {
  readonly buf: RV[];
  run(acc: FieldAccessor): number;
}

/** Context the compiled closures share: the reference frame for ${field} values. */
export interface CompileContext {
  reference: FieldAccessor | null;
}

/** Compiles a checked filter into a closure over a FieldAccessor. */
export function compileTest(t: TExpr, ctx: CompileContext): Test {
  switch (t.k) {
    case 'true':
      return () => true;
    case 'exists': {
      const f = t.field as VExpr & { k: 'field' };
      if (!f.layers) {
        const def = f.def;
        return (acc) => acc.count(def) > 0;
      }
      const v = compileValue(f, ctx);
      return (acc) => v.run(acc) > 0;
    }
    case 'truthy': {
      const v = compileValue(t.v, ctx);
      if (t.v.k === 'slice') return (acc) => v.run(acc) > 0;
      return (acc) => {
        const n = v.run(acc);
        for (let i = 0; i < n; i++) if (isNonZero(v.buf[i])) return true;
        return false;
      };
    }
    case 'not': {
      const a = compileTest(t.a, ctx);
      return (acc) => !a(acc);
    }
    case 'and': {
      const a = compileTest(t.a, ctx);
      const b = compileTest(t.b, ctx);
      return (acc) => a(acc) && b(acc);
    }
    case 'or': {
      const a = compileTest(t.a, ctx);
      const b = compileTest(t.b, ctx);
      return (acc) => a(acc) || b(acc);
    }
    case 'cmp':
      return compileCmp(t.op, t.match, t.negate, t.a, t.b, ctx);
    case 'contains': {
      const a = compileValue(t.a, ctx, true);
      const b = compileValue(t.b, ctx);
      const strings = t.a.type === FT.STRING;
      const pred = (x: RV, y: RV): boolean =>
        strings ? (x as string).includes(y as string) : bytesContain(x as Uint8Array, y as Uint8Array);
      return pairwise(a, b, t.match, pred);
    }
    case 'matches': {
      const a = compileValue(t.a, ctx, true);
      const re = t.re;
      const strings = t.a.type === FT.STRING;
      return quantified(a, t.match, (x) => re.test(strings ? (x as string) : latin1(x as Uint8Array)));
    }
    case 'in':
      return compileIn(t, ctx);
  }
}

const REL: Record<RelOp, (c: number) => boolean> = {
  eq: (c) => c === 0,
  // Incomparable values (NaN) differ.
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};

function compileCmp(
  op: RelOp,
  match: Match,
  negated: boolean,
  av: VExpr,
  bv: VExpr,
  ctx: CompileContext,
): Test {
  const cmp = comparatorFor(av.type === FT.BYTES || bv.type === FT.BYTES ? FT.BYTES : av.type);
  const rel = REL[op];
  const pred = (x: RV, y: RV): boolean => rel(cmp(x, y));
  // Fast path: a plain field against one constant reads the accessor directly.
  if (
    av.k === 'field' &&
    !av.layers &&
    bv.k === 'const' &&
    av.type !== FT.PROTOCOL &&
    av.type !== FT.BOOLEAN
  ) {
    const def = av.def;
    const c = bv.value as RV;
    if (match === 'any') {
      return (acc) => {
        const n = acc.count(def);
        if (n === 0) return false;
        for (let i = 0; i < n; i++) if (pred(acc.value(def, i) as RV, c)) return !negated;
        return negated;
      };
    }
    return (acc) => {
      const n = acc.count(def);
      if (n === 0) return false;
      for (let i = 0; i < n; i++) if (!pred(acc.value(def, i) as RV, c)) return false;
      return true;
    };
  }
  const a = compileValue(av, ctx);
  const b = compileValue(bv, ctx);
  const test = pairwise(a, b, match, pred);
  if (!negated) return test;
  // `!=`: no pair is equal (given both sides have values).
  return (acc) => {
    if (a.run(acc) === 0 || b.run(acc) === 0) return false;
    return !test(acc);
  };
}

/** any: some (x, y) pair satisfies pred; all: every pair does. Empty sides never match. */
function pairwise(a: Values, b: Values, match: Match, pred: (x: RV, y: RV) => boolean): Test {
  return (acc) => {
    const na = a.run(acc);
    if (na === 0) return false;
    const nb = b.run(acc);
    if (nb === 0) return false;
    const xs = a.buf;
    const ys = b.buf;
    if (match === 'any') {
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) if (pred(xs[i], ys[j])) return true;
      return false;
    }
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) if (!pred(xs[i], ys[j])) return false;
    return true;
  };
}

function quantified(a: Values, match: Match, pred: (x: RV) => boolean): Test {
  return (acc) => {
    const n = a.run(acc);
    if (n === 0) return false;
    for (let i = 0; i < n; i++) if (pred(a.buf[i]) === (match === 'any')) return match === 'any';
    return match === 'all';
  };
}

/** x in {a, b..c}: one element at a time; with `all`, every value must fit the same element. */
function compileIn(t: TExpr & { k: 'in' }, ctx: CompileContext): Test {
  const a = compileValue(t.a, ctx);
  const cmp = comparatorFor(t.a.type);
  const eq = (x: RV, y: RV): boolean => cmp(x, y) === 0;
  const elements: Test[] = t.set.map((el) => {
    const lo = compileValue(el.lo, ctx);
    if (!el.hi) return pairwise(a, lo, t.match, eq);
    const hi = compileValue(el.hi, ctx);
    const any = t.match === 'any';
    return (acc) => {
      const n = a.run(acc);
      const nl = lo.run(acc);
      const nh = hi.run(acc);
      if (n === 0 || nl === 0 || nh === 0) return false;
      for (let i = 0; i < n; i++) {
        if (inRange(cmp, a.buf[i], lo.buf, nl, hi.buf, nh) === any) return any;
      }
      return !any;
    };
  });
  return (acc) => {
    for (const e of elements) if (e(acc)) return true;
    return false;
  };
}

/** Whether x lies between some lower bound and some upper bound (bounds may have several values). */
function inRange(cmp: Comparator, x: RV, lo: RV[], nl: number, hi: RV[], nh: number): boolean {
  for (let j = 0; j < nl; j++) {
    if (!(cmp(x, lo[j]) >= 0)) continue;
    for (let k = 0; k < nh; k++) if (cmp(x, hi[k]) <= 0) return true;
  }
  return false;
}

/**
 * A field's value as a filter sees it: protocols are their bytes (for contains/matches, the bytes
 * up to the end of their data), booleans 0 or 1.
 */
function readField(acc: FieldAccessor, def: FieldDef, i: number, search: boolean): RV {
  switch (def.type) {
    case FT.PROTOCOL:
      return search ? acc.tail(def, i) : acc.bytes(def, i);
    case FT.BOOLEAN:
      return acc.value(def, i) ? 1 : 0;
    case FT.NONE:
      return 1;
    default:
      return acc.value(def, i) as RV;
  }
}

/** Whether layer `layer` (1-based, of `count`) is in the #[...] selection; negative numbers count from the last. */
function layerSelected(layers: RangeNode[], layer: number, count: number): boolean {
  const at = (x: number): number => (x < 0 ? count + 1 + x : x);
  for (const r of layers) {
    const start = at(r.start);
    const end = r.form === 'len' ? start + r.len - 1 : r.form === 'end' ? at(r.end) : Infinity;
    if (layer >= start && layer <= end) return true;
  }
  return false;
}

/** `search`: the value feeds contains/matches (a protocol then extends to the end of its data). */
function compileValue(v: VExpr, ctx: CompileContext, search = false): Values {
  const buf: RV[] = [];
  switch (v.k) {
    case 'field': {
      const def = v.def;
      const layers = v.layers;
      return {
        buf,
        run(acc) {
          const n = acc.count(def);
          let k = 0;
          const total = layers ? acc.layerCount(def) : 0;
          for (let i = 0; i < n; i++) {
            if (layers && !layerSelected(layers, acc.layer(def, i), total)) continue;
            buf[k++] = readField(acc, def, i, search);
          }
          return k;
        },
      };
    }
    case 'ref': {
      const def = v.def;
      return {
        buf,
        run() {
          const ref = ctx.reference;
          if (!ref) return 0;
          const n = ref.count(def);
          for (let i = 0; i < n; i++) buf[i] = readField(ref, def, i, search);
          return n;
        },
      };
    }
    case 'const':
      buf[0] = v.value as RV;
      return { buf, run: () => 1 };
    case 'bytes': {
      const src = compileValue(v.src, ctx);
      const t = v.src.type;
      return {
        buf,
        run(acc) {
          const n = src.run(acc);
          for (let i = 0; i < n; i++) buf[i] = toBytes(t, src.buf[i]);
          return n;
        },
      };
    }
    case 'slice':
      return compileSlice(v.src, v.ranges, ctx);
    case 'neg': {
      const a = compileValue(v.a, ctx);
      const t = v.type;
      return mapValues(a, (x) => negate(t, x));
    }
    case 'arith': {
      const a = compileValue(v.a, ctx);
      const b = compileValue(v.b, ctx);
      const t = v.type;
      const op = v.op;
      return {
        buf,
        run(acc) {
          const na = a.run(acc);
          if (na === 0) return 0;
          const nb = b.run(acc);
          let k = 0;
          for (let i = 0; i < na; i++) {
            for (let j = 0; j < nb; j++) {
              const r = arith(t, op, a.buf[i], b.buf[j]);
              if (r !== null) buf[k++] = r;
            }
          }
          return k;
        },
      };
    }
    case 'func':
      return compileFunc(v, ctx);
  }
}

function mapValues(a: Values, f: (x: RV) => RV | null): Values {
  const buf: RV[] = [];
  return {
    buf,
    run(acc) {
      const n = a.run(acc);
      let k = 0;
      for (let i = 0; i < n; i++) {
        const r = f(a.buf[i]);
        if (r !== null) buf[k++] = r;
      }
      return k;
    },
  };
}

function compileSlice(srcExpr: VExpr, ranges: RangeNode[], ctx: CompileContext): Values {
  const src = compileValue(srcExpr, ctx);
  const t: FieldType = srcExpr.type;
  const scratch = { start: 0, end: 0 };
  return mapValues(src, (x) => {
    const bytes = toBytes(t, x);
    if (ranges.length === 1) {
      return resolveRange(ranges[0], bytes.length, scratch)
        ? bytes.subarray(scratch.start, scratch.end)
        : null;
    }
    // Several ranges concatenate; ranges outside the value contribute nothing.
    const parts: Uint8Array[] = [];
    let total = 0;
    for (const r of ranges) {
      if (!resolveRange(r, bytes.length, scratch)) continue;
      parts.push(bytes.subarray(scratch.start, scratch.end));
      total += scratch.end - scratch.start;
    }
    if (total === 0) return null;
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  });
}

function compileFunc(v: VExpr & { k: 'func' }, ctx: CompileContext): Values {
  const buf: RV[] = [];
  const args = v.args.map((a) => compileValue(a, ctx));
  const argType = v.args[0].type;
  switch (v.name) {
    case 'lower':
    case 'upper': {
      const upper = v.name === 'upper';
      return mapValues(args[0], (x) => asciiCase(x as string, upper));
    }
    case 'string':
      return mapValues(args[0], (x) => valueToString(argType, x));
    case 'abs':
      return mapValues(args[0], (x) => absValue(argType, x));
    case 'len': {
      const f = v.args[0] as VExpr & { k: 'field' };
      const def = f.def;
      if (def.type === FT.PROTOCOL || def.type === FT.NONE) {
        // The length of a protocol or label is the length of its item.
        return {
          buf,
          run(acc) {
            const n = acc.count(def);
            for (let i = 0; i < n; i++) buf[i] = acc.length(def, i);
            return n;
          },
        };
      }
      return mapValues(args[0], (x) => valueLength(argType, x));
    }
    case 'count': {
      const a = args[0];
      return {
        buf,
        run(acc) {
          const n = a.run(acc);
          if (n === 0) return 0;
          buf[0] = n;
          return 1;
        },
      };
    }
    default: {
      // min / max over every value of every argument.
      const cmp: Comparator = comparatorFor(v.type);
      const wantMax = v.name === 'max';
      return {
        buf,
        run(acc) {
          let best: RV | null = null;
          for (const a of args) {
            const n = a.run(acc);
            for (let i = 0; i < n; i++) {
              const x = a.buf[i];
              if (best === null) best = x;
              else {
                const c = cmp(x, best);
                if (wantMax ? c > 0 : c < 0) best = x;
              }
            }
          }
          if (best === null) return 0;
          buf[0] = best;
          return 1;
        },
      };
    }
  }
}
