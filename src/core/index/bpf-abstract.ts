/**
 * The values a BPF register holds while a program is specialised for one kind of plain frame
 * (bpf-columns.ts), and the arithmetic and tests on them with the interpreter's semantics
 * (src/core/filter/bpf/interp.ts).
 *
 * A value is a constant, "exact" (known only when the frame is filtered, but then exactly: the
 * generated code computes it into its register), or "partial": some bits known, the rest
 * depends on bytes nobody recorded. A partial value's register in the generated code holds
 * nothing meaningful; a decision that needs its unknown bits sends the frame back to the
 * byte path.
 */
import {
  BPF_AND,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JSET,
  BPF_LSH,
  BPF_MUL,
  BPF_OR,
  BPF_RSH,
} from '../filter/bpf/insn';

export type AbsVal =
  | { t: 'c'; v: number }
  | { t: 'e' }
  /** Bits set in `m` are known and equal those of `v`; `v` has no bit outside `m`. */
  | { t: 'p'; m: number; v: number };

const ALL = 0xffffffff;
export const EXACT: AbsVal = { t: 'e' };
export const UNKNOWN: AbsVal = { t: 'p', m: 0, v: 0 };
export const konst = (v: number): AbsVal => ({ t: 'c', v: v >>> 0 });

/** A partial value, as a constant when every bit is known. */
export function partial(m: number, v: number): AbsVal {
  const mm = m >>> 0;
  const vv = (v & mm) >>> 0;
  return mm === ALL ? konst(vv) : { t: 'p', m: mm, v: vv };
}

/** Known bits of a value (exact values count as unknown here: their bits are not known yet). */
function bits(a: AbsVal): { m: number; v: number } {
  if (a.t === 'c') return { m: ALL, v: a.v };
  if (a.t === 'p') return a;
  return { m: 0, v: 0 };
}

/** What a register holds where two paths meet. */
export function join(a: AbsVal, b: AbsVal): AbsVal {
  if (a.t === 'c' && b.t === 'c' && a.v === b.v) return a;
  // Constants are written to the register too, so any mix of constants and exact values is exact.
  if (a.t !== 'p' && b.t !== 'p') return EXACT;
  if (a.t === 'e' || b.t === 'e') return UNKNOWN;
  const x = bits(a);
  const y = bits(b);
  return partial(x.m & y.m & ~(x.v ^ y.v), x.v);
}

/** Known bits of `a op k` for a partial `a` and a constant `k` (only bitwise ops and shifts). */
export function aluPartial(op: number, a: { m: number; v: number }, k: number): AbsVal {
  switch (op) {
    case BPF_AND:
      return partial(a.m | ~k, a.v & k);
    case BPF_OR:
      return partial(a.m | k, a.v | k);
    case BPF_LSH:
      return k < 32 ? partial((a.m << k) | ((1 << k) - 1), a.v << k) : konst(0);
    case BPF_RSH:
      return k < 32 ? partial((a.m >>> k) | ~(ALL >>> k), a.v >>> k) : konst(0);
    case BPF_MUL:
      return k === 0 ? konst(0) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/**
 * Outcome of a jump test when it is decided by the known bits alone: true/false, or null when
 * the frame's unknown bits decide it.
 */
export function testKnown(op: number, a: AbsVal, b: AbsVal): boolean | null {
  const x = bits(a);
  const y = bits(b);
  const loA = x.v;
  const hiA = (x.v | ~x.m) >>> 0;
  const loB = y.v;
  const hiB = (y.v | ~y.m) >>> 0;
  switch (op) {
    case BPF_JEQ:
      if (((x.v ^ y.v) & x.m & y.m) !== 0) return false;
      return x.m === ALL && y.m === ALL ? true : null;
    case BPF_JGT:
      if (loA > hiB) return true;
      if (hiA <= loB) return false;
      return null;
    case BPF_JGE:
      if (loA >= hiB) return true;
      if (hiA < loB) return false;
      return null;
    case BPF_JSET:
      if ((x.v & y.v) !== 0) return true;
      if ((hiA & hiB) === 0) return false;
      return null;
    default:
      return null;
  }
}
