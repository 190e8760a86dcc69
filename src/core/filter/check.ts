import { err, ok, type Result } from '../../base/result';
import { FT, type FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import type { CmpOp, Quantifier, TestNode, ValueNode } from './ast';
import { CheckFailure, convOrFail, display, fail, fieldExpr, lhsFieldExpr, unwrap } from './check-common';
import { checkArith, checkFunction, checkSlice } from './check-values';
import {
  canCmp,
  canContains,
  canEq,
  canMatches,
  canSlice,
  compatible,
  ftPrettyName,
  isBytesType,
} from './ftypes';
import type { Match, RelOp, TExpr, VExpr } from './ir';
import { fromCharConst, fromLiteral, fromString, fromValueName, type Conv } from './literals';
import { translatePcre } from './pcre';
import type { FilterError } from './types';

type CanFunc = (t: FieldType) => boolean;

/**
 * Semantic check: resolves every value against the field registry's types, converts literals to
 * constants of the type they meet, and reports what tshark 4.0 rejects with its message and the
 * span of the offending node. The rules follow Wireshark's semcheck (LHS must be a field, function,
 * slice or arithmetic; literals take the type of the field they are compared with, falling back on
 * value names; slices turn whole fields into bytes).
 */
export function checkFilter(root: TestNode | null): Result<TExpr, FilterError> {
  try {
    return ok(root ? checkTest(root) : { k: 'true' });
  } catch (e) {
    if (e instanceof CheckFailure) return err(e.error);
    throw e;
  }
}

function checkTest(n: TestNode): TExpr {
  switch (n.k) {
    case 'and':
    case 'or':
      return { k: n.k, a: checkTest(n.a), b: checkTest(n.b) };
    case 'not':
      return { k: 'not', a: checkTest(n.arg) };
    case 'value':
      return checkValueTest(n.v);
    case 'cmp':
      return checkComparison(n.op, n.opText, n.quant, n.a, n.b);
    case 'contains':
      return checkContains(n.opText, n.quant, n.a, n.b);
    case 'matches':
      return checkMatches(n.opText, n.quant, n.a, n.b);
    case 'in':
      return checkIn(n.quant, n.a, n.set);
  }
}

function checkValueTest(v0: ValueNode): TExpr {
  const v = unwrap(v0);
  switch (v.k) {
    case 'field':
      return { k: 'exists', field: fieldExpr(v) };
    case 'func':
      return fail('You cannot test whether a function is present.', v);
    case 'slice':
      return { k: 'truthy', v: checkSlice(v, FT.NONE) };
    case 'neg':
    case 'arith':
      return { k: 'truthy', v: checkArith(v, FT.NONE) };
    default:
      return fail(`${display(v)} is neither a field nor a protocol name.`, v);
  }
}

const REL: Record<CmpOp, { op: RelOp; match: Match; negate: boolean }> = {
  any_eq: { op: 'eq', match: 'any', negate: false },
  all_ne: { op: 'eq', match: 'any', negate: true },
  all_eq: { op: 'eq', match: 'all', negate: false },
  any_ne: { op: 'ne', match: 'any', negate: false },
  gt: { op: 'gt', match: 'any', negate: false },
  ge: { op: 'ge', match: 'any', negate: false },
  lt: { op: 'lt', match: 'any', negate: false },
  le: { op: 'le', match: 'any', negate: false },
};

function relation(op: CmpOp, quant: Quantifier): { op: RelOp; match: Match; negate: boolean } {
  const r = REL[op];
  if (quant === null) return r;
  // An explicit any/all overrides the operator's own quantifier; != then means "a pair differs".
  const base = op === 'all_ne' || op === 'any_ne' ? 'ne' : op === 'all_eq' || op === 'any_eq' ? 'eq' : r.op;
  return { op: base, match: quant, negate: false };
}

function checkComparison(op: CmpOp, opText: string, quant: Quantifier, a0: ValueNode, b0: ValueNode): TExpr {
  const can: CanFunc =
    op === 'any_eq' || op === 'all_ne' || op === 'all_eq' || op === 'any_ne' ? canEq : canCmp;
  const [a, b] = checkRelation(`"${opText}"`, opText, can, false, a0, b0, true);
  const r = relation(op, quant);
  return { k: 'cmp', op: r.op, match: r.match, negate: r.negate, a, b };
}

function checkContains(opText: string, quant: Quantifier, a0: ValueNode, b0: ValueNode): TExpr {
  const [a, b] = checkRelation(opText, opText, canContains, true, a0, b0, false);
  return { k: 'contains', match: quant ?? 'any', a, b };
}

function checkMatches(opText: string, quant: Quantifier, a0: ValueNode, b0: ValueNode): TExpr {
  const b = unwrap(b0);
  if (b.k !== 'string') return fail('Matches requires a double quoted string on the right side.', b);
  const re = translatePcre(b.value);
  if (typeof re === 'string') {
    return fail(`Regex compilation error: ${re}.`, { from: b.from, to: b.to, noLocation: true });
  }
  const a = checkRelationLhsOnly(opText, canMatches, a0);
  return { k: 'matches', match: quant ?? 'any', a, re };
}

function checkIn(quant: Quantifier, a0: ValueNode, set: { lo: ValueNode; hi: ValueNode | null }[]): TExpr {
  const a = unwrap(a0);
  if (a.k !== 'field') return fail('Only a field may be tested for membership in a set.', a);
  const lhs = fieldExpr(a);
  const out: { lo: VExpr; hi: VExpr | null }[] = [];
  for (const el of set) {
    const lo = unwrap(el.lo);
    if (lo.k === 'slice') fail('A slice may not appear inside a set.', lo);
    if (el.hi) {
      const l = fieldRhs('in', canCmp, false, a, lhs, lo);
      const h = fieldRhs('in', canCmp, false, a, lhs, unwrap(el.hi));
      out.push({ lo: l[1], hi: h[1] });
    } else {
      out.push({ lo: fieldRhs('in', canEq, false, a, lhs, lo)[1], hi: null });
    }
  }
  return { k: 'in', match: quant ?? 'any', a: lhs, set: out };
}

/**
 * Checks `a OP b` (OP a comparison or contains). `quotedOp` is how the "Left side of ..." message
 * shows the operator (comparisons quote it, contains does not).
 */
function checkRelation(
  quotedOp: string,
  opText: string,
  can: CanFunc,
  partial: boolean,
  a0: ValueNode,
  b0: ValueNode,
  allowArith: boolean,
): [VExpr, VExpr] {
  const a = unwrap(a0);
  const b = unwrap(b0);
  switch (a.k) {
    case 'field':
    case 'reference':
      return fieldRhs(opText, can, partial, a, lhsFieldExpr(a), b);
    case 'slice':
      return sliceRhs(can, partial, a, b);
    case 'func':
      return funcRhs(opText, can, partial, a, b);
    case 'neg':
    case 'arith':
      if (allowArith) return arithRhs(opText, can, partial, a, b);
      break;
    default:
      break;
  }
  return fail(`Left side of ${quotedOp} expression must be a field or function, not ${display(a)}.`, a);
}

/** matches: the right side is the regex; only the left side needs checking. */
function checkRelationLhsOnly(opText: string, can: CanFunc, a0: ValueNode): VExpr {
  const a = unwrap(a0);
  switch (a.k) {
    case 'field':
    case 'reference': {
      if (!can(a.def.type)) {
        fail(
          `${a.def.abbrev} (type=${ftPrettyName(a.def.type)}) cannot participate in ${opText} comparison.`,
          a,
        );
      }
      return lhsFieldExpr(a);
    }
    case 'slice':
      return checkSlice(a, FT.NONE);
    case 'func': {
      const f = checkFunction(a, FT.NONE);
      if (!can(f.type)) {
        fail(
          `Function ${a.name} (type=${ftPrettyName(f.type)}) cannot participate in ${opText} comparison.`,
          a,
        );
      }
      return f;
    }
    default:
      return fail(`Left side of ${opText} expression must be a field or function, not ${display(a)}.`, a);
  }
}

/** A constant of type t from a literal-like node, with value-name fallback for `def`. */
function constant(t: FieldType, n: ValueNode, partial: boolean, def: FieldDef | null): VExpr {
  let c: Conv;
  switch (n.k) {
    case 'string':
      c = fromString(t, n.value, n.bytes);
      if (!c.ok && def) c = fromValueName(def, n.value) ?? c;
      break;
    case 'unparsed':
    case 'literal':
      c = fromLiteral(t, n.text, partial);
      if (!c.ok && def) c = fromValueName(def, n.text) ?? c;
      break;
    case 'charconst':
      c = fromCharConst(t, n.value, n.text);
      break;
    default:
      return fail(`${display(n)} is not a valid value.`, n);
  }
  const v = convOrFail(c, n);
  return { ...v, type: t };
}

/** The left side is a field: convert or check the right side against its type. */
function fieldRhs(
  opText: string,
  can: CanFunc,
  partial: boolean,
  a: ValueNode & { k: 'field' | 'reference' },
  lhs: VExpr,
  b: ValueNode,
): [VExpr, VExpr] {
  const t1 = a.def.type;
  if (!can(t1)) {
    fail(`${a.def.abbrev} (type=${ftPrettyName(t1)}) cannot participate in ${opText} comparison.`, a);
  }
  switch (b.k) {
    case 'field':
    case 'reference': {
      const t2 = b.def.type;
      if (!compatible(t1, t2)) fail(`${a.def.abbrev} and ${b.def.abbrev} are not of compatible types.`, b);
      if (!can(t2)) {
        fail(`${b.def.abbrev} (type=${ftPrettyName(t2)}) cannot participate in specified comparison.`, b);
      }
      return [lhs, lhsFieldExpr(b)];
    }
    case 'string':
    case 'unparsed':
    case 'literal':
    case 'charconst':
      return [lhs, constant(t1, b, partial, a.def)];
    case 'slice': {
      const s = checkSlice(b, t1);
      if (isBytesType(t1)) return [lhs, s];
      if (!canSlice(t1)) {
        fail(
          `"${a.def.abbrev}" is a ${ftPrettyName(t1)} and cannot be converted into a sequence of bytes.`,
          a,
        );
      }
      return [{ k: 'bytes', type: FT.BYTES, src: lhs }, s];
    }
    case 'func': {
      const f = checkFunction(b, t1);
      if (!compatible(t1, f.type)) {
        fail(
          `${a.def.abbrev} (type=${ftPrettyName(t1)}) and return value of ${b.name}() (type=${ftPrettyName(f.type)}) are not of compatible types.`,
          b,
        );
      }
      if (!can(f.type)) {
        fail(
          `return value of ${b.name}() (type=${ftPrettyName(f.type)}) cannot participate in specified comparison.`,
          b,
        );
      }
      return [lhs, f];
    }
    case 'neg':
    case 'arith': {
      const e = checkArith(b, t1);
      if (!compatible(t1, e.type)) fail(`${display(a)} and ${display(b)} are not of compatible types.`, b);
      if (!can(e.type)) {
        fail(`${display(b)} (type=${ftPrettyName(e.type)}) cannot participate in specified comparison.`, b);
      }
      return [lhs, e];
    }
    case 'group':
      return fieldRhs(opText, can, partial, a, lhs, unwrap(b));
  }
}

/** The left side is a slice (bytes): the right side must be bytes too. */
function sliceRhs(
  can: CanFunc,
  partial: boolean,
  a: ValueNode & { k: 'slice' },
  b: ValueNode,
): [VExpr, VExpr] {
  const lhs = checkSlice(a, FT.NONE);
  switch (b.k) {
    case 'field':
    case 'reference': {
      const t2 = b.def.type;
      const rhs = lhsFieldExpr(b);
      if (isBytesType(t2)) return [lhs, rhs];
      if (!canSlice(t2)) {
        fail(`"${display(b)}" is a ${ftPrettyName(t2)} and cannot be converted into a sequence of bytes.`, b);
      }
      return [lhs, { k: 'bytes', type: FT.BYTES, src: rhs }];
    }
    case 'string':
    case 'unparsed':
    case 'literal':
    case 'charconst':
      return [lhs, constant(FT.BYTES, b, partial, null)];
    case 'slice':
      return [lhs, checkSlice(b, FT.BYTES)];
    case 'func': {
      const f = checkFunction(b, FT.BYTES);
      if (isBytesType(f.type)) return [lhs, f];
      if (!canSlice(f.type)) {
        fail(
          `Return value of function "${b.name}" is a ${ftPrettyName(f.type)} and cannot be converted into a sequence of bytes.`,
          b,
        );
      }
      return [lhs, { k: 'bytes', type: FT.BYTES, src: f }];
    }
    case 'neg':
    case 'arith': {
      const e = checkArith(b, FT.BYTES);
      if (!compatible(FT.BYTES, e.type))
        fail(`${display(a)} and ${display(b)} are not of compatible types.`, b);
      if (!can(e.type)) {
        fail(`${display(b)} (type=${ftPrettyName(e.type)}) cannot participate in specified comparison.`, b);
      }
      return [lhs, e];
    }
    case 'group':
      return sliceRhs(can, partial, a, unwrap(b));
  }
}

/** The left side is a function call. */
function funcRhs(
  opText: string,
  can: CanFunc,
  partial: boolean,
  a: ValueNode & { k: 'func' },
  b: ValueNode,
): [VExpr, VExpr] {
  const lhs = checkFunction(a, FT.NONE);
  const t1 = lhs.type;
  if (!can(t1)) {
    fail(`Function ${a.name} (type=${ftPrettyName(t1)}) cannot participate in ${opText} comparison.`, a);
  }
  switch (b.k) {
    case 'field':
    case 'reference': {
      const t2 = b.def.type;
      // tshark prints the field's display name where the function name belongs (a bug we mirror).
      if (!compatible(t1, t2))
        fail(`Function ${b.def.name} and ${b.def.abbrev} are not of compatible types.`, b);
      if (!can(t2)) {
        fail(`${b.def.abbrev} (type=${ftPrettyName(t2)}) cannot participate in specified comparison.`, b);
      }
      return [lhs, lhsFieldExpr(b)];
    }
    case 'string':
    case 'unparsed':
    case 'literal':
    case 'charconst':
      return [lhs, constant(t1, b, partial, null)];
    case 'slice': {
      const s = checkSlice(b, t1);
      if (isBytesType(t1)) return [lhs, s];
      if (!canSlice(t1)) {
        fail(
          `Function "${a.name}" is a ${ftPrettyName(t1)} and cannot be converted into a sequence of bytes.`,
          a,
        );
      }
      return [{ k: 'bytes', type: FT.BYTES, src: lhs }, s];
    }
    case 'func': {
      const f = checkFunction(b, t1);
      if (!compatible(t1, f.type)) {
        fail(
          `Return values of function ${a.name} (type=${ftPrettyName(t1)}) and function ${b.name} (type=${ftPrettyName(f.type)}) are not of compatible types.`,
          b,
        );
      }
      if (!can(f.type)) {
        fail(
          `Return value of ${b.name} (type=${ftPrettyName(f.type)}) cannot participate in specified comparison.`,
          b,
        );
      }
      return [lhs, f];
    }
    case 'neg':
    case 'arith': {
      const e = checkArith(b, t1);
      if (!compatible(t1, e.type)) fail(`${display(a)} and ${display(b)} are not of compatible types.`, b);
      if (!can(e.type)) {
        fail(`${display(b)} (type=${ftPrettyName(e.type)}) cannot participate in specified comparison.`, b);
      }
      return [lhs, e];
    }
    case 'group':
      return funcRhs(opText, can, partial, a, unwrap(b));
  }
}

/** The left side is arithmetic: the right side is checked against its first operand. */
function arithRhs(
  opText: string,
  can: CanFunc,
  partial: boolean,
  a: ValueNode & { k: 'neg' | 'arith' },
  b: ValueNode,
): [VExpr, VExpr] {
  const lhs = checkArith(a, FT.NONE);
  const first = unwrap(a.k === 'neg' ? a.arg : a.a);
  let rhs: VExpr;
  switch (first.k) {
    case 'field':
    case 'reference':
      rhs = fieldRhs(opText, can, partial, first, lhsFieldExpr(first), b)[1];
      break;
    case 'func':
      rhs = funcRhs(opText, can, partial, first, b)[1];
      break;
    case 'slice':
      rhs = sliceRhs(can, partial, first, b)[1];
      break;
    case 'neg':
    case 'arith':
      rhs = arithRhs(opText, can, partial, first, b)[1];
      break;
    default:
      return fail(`${display(first)} is not a valid arithmetic operand.`, first);
  }
  return [lhs, rhs];
}
