import { err, ok, type Result } from '../../base/result';
import { FT, type FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import type { CmpOp, Quantifier, Span, TestNode, ValueNode } from './ast';
import {
  canAbs,
  canArith,
  canCmp,
  canContains,
  canEq,
  canMatches,
  canNegate,
  canSlice,
  canStringify,
  compatible,
  ftEnumName,
  ftPrettyName,
  isBytesType,
} from './ftypes';
import type { Match, RelOp, TExpr, VExpr } from './ir';
import { fromCharConst, fromLiteral, fromString, fromValueName, type Conv } from './literals';
import { negateConst } from './const-ops';
import { translatePcre } from './pcre';
import type { FilterError } from './types';

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

class CheckFailure {
  constructor(readonly error: FilterError) {}
}

function fail(message: string, at: Span): never {
  throw new CheckFailure({
    message,
    from: at.from,
    to: at.to,
    ...(at.noLocation ? { noLocation: true } : {}),
  });
}

type CanFunc = (t: FieldType) => boolean;

/** What tshark prints for a node in messages. */
function display(n: ValueNode): string {
  switch (n.k) {
    case 'field':
    case 'reference':
      return n.def.abbrev;
    case 'unparsed':
    case 'literal':
    case 'string':
    case 'charconst':
      return n.text;
    case 'func':
      return n.name;
    case 'slice':
      return display(n.entity);
    case 'neg':
      return `-${display(n.arg)}`;
    case 'arith':
      return `${display(n.a)} ${n.op} ${display(n.b)}`;
    case 'group':
      return display(n.arg);
  }
}

/** Braces and unary plus only group; they do not change the value. */
function unwrap(n: ValueNode): ValueNode {
  return n.k === 'group' ? unwrap(n.arg) : n;
}

function isConstant(n: ValueNode): boolean {
  const u = unwrap(n);
  return u.k === 'unparsed' || u.k === 'literal' || u.k === 'string' || u.k === 'charconst';
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
      return checkMatches(n.opText, n.quant, n.a, n.b, n);
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

function fieldExpr(n: ValueNode & { k: 'field' }): VExpr {
  return { k: 'field', type: n.def.type, def: n.def, layers: n.layers };
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

function checkMatches(opText: string, quant: Quantifier, a0: ValueNode, b0: ValueNode, at: Span): TExpr {
  const b = unwrap(b0);
  if (b.k !== 'string') return fail('Matches requires a double quoted string on the right side.', b);
  const re = translatePcre(b.value);
  if (typeof re === 'string') {
    return fail(`Regex compilation error: ${re}.`, { from: b.from, to: b.to, noLocation: true });
  }
  void at;
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

function lhsFieldExpr(a: ValueNode & { k: 'field' | 'reference' }): VExpr {
  return a.k === 'field' ? fieldExpr(a) : { k: 'ref', type: a.def.type, def: a.def };
}

function convOrFail(c: Conv, at: Span): VExpr & { k: 'const' } {
  if (!c.ok) fail(c.message, at);
  return { k: 'const', type: FT.NONE, value: c.value };
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

/** A slice: its entity must be sliceable. */
function checkSlice(n: ValueNode & { k: 'slice' }, lhsType: FieldType): VExpr {
  const e = unwrap(n.entity);
  let src: VExpr;
  switch (e.k) {
    case 'field':
    case 'reference':
      if (!canSlice(e.def.type)) {
        fail(
          `"${e.def.abbrev}" is a ${ftPrettyName(e.def.type)} and cannot be sliced into a sequence of bytes.`,
          e,
        );
      }
      src = lhsFieldExpr(e);
      break;
    case 'func':
      src = checkFunction(e, lhsType);
      if (!canSlice(src.type)) {
        fail(
          `Return value of function "${e.name}" is a ${ftPrettyName(src.type)} and cannot be converted into a sequence of bytes.`,
          e,
        );
      }
      break;
    case 'slice':
      src = checkSlice(e, lhsType);
      break;
    default:
      return fail(`Range is not supported for entity ${display(e)}`, e);
  }
  return { k: 'slice', type: FT.BYTES, src, ranges: n.ranges };
}

/** An operand of arithmetic: literals take the type of the other side. */
function checkArithEntity(n0: ValueNode, lhsType: FieldType): VExpr {
  const n = unwrap(n0);
  switch (n.k) {
    case 'unparsed':
    case 'literal': {
      const c = fromLiteral(lhsType, n.text, false);
      return { ...convOrFail(c, n), type: lhsType };
    }
    case 'field':
    case 'reference':
      return lhsFieldExpr(n);
    case 'func':
      return checkFunction(n, lhsType);
    case 'slice':
      return checkSlice(n, lhsType);
    case 'neg':
    case 'arith':
      return checkArith(n, lhsType);
    default:
      return fail(`${display(n)} is not a valid arithmetic operand.`, n);
  }
}

const OP_TEXT = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '&': '&' } as const;

/** Arithmetic (binary or unary minus); lhsType is FT.NONE on the left side of a relation. */
function checkArith(n0: ValueNode, lhsType: FieldType): VExpr {
  const n = unwrap(n0);
  if (n.k !== 'neg' && n.k !== 'arith') return checkArithEntity(n, lhsType);
  if (n.k === 'neg') {
    if (lhsType === FT.NONE && isConstant(n.arg)) {
      fail('Constant arithmetic expression on the LHS is invalid.', unwrap(n.arg));
    }
    const a = checkArithEntity(n.arg, lhsType);
    if (!canNegate(a.type)) fail(`${ftEnumName(a.type)} cannot -.`, unwrap(n.arg));
    if (a.k === 'const') {
      const v = negateConst(a.type, a.value);
      if (typeof v === 'string') fail(`${display(n.arg)}: ${v}`, unwrap(n.arg));
      return { k: 'const', type: a.type, value: v };
    }
    return { k: 'neg', type: a.type, a };
  }
  if (lhsType === FT.NONE && isConstant(n.a)) {
    fail('Constant arithmetic expression on the LHS is invalid.', unwrap(n.a));
  }
  const opText = OP_TEXT[n.op];
  const a = checkArith(n.a, lhsType);
  if (!canArith(a.type, n.op)) fail(`${ftEnumName(a.type)} cannot ${opText}.`, unwrap(n.a));
  const b = checkArith(n.b, a.type);
  if (!canArith(b.type, n.op)) fail(`${ftEnumName(b.type)} cannot ${opText}.`, unwrap(n.b));
  if (!compatible(a.type, b.type))
    fail(`${display(n.a)} and ${display(n.b)} are not type compatible.`, unwrap(n.b));
  return { k: 'arith', type: a.type, op: n.op, a, b };
}

const ARG_COUNTS: Record<string, [number, number]> = {
  lower: [1, 1],
  upper: [1, 1],
  len: [1, 1],
  count: [1, 1],
  string: [1, 1],
  max: [1, 0],
  min: [1, 0],
  abs: [1, 1],
};

/** A function call: argument count and types, and the type of what it returns. */
function checkFunction(f: ValueNode & { k: 'func' }, lhsType: FieldType): VExpr & { k: 'func' } {
  const [min, max] = ARG_COUNTS[f.name];
  if (f.args.length < min) fail(`Function ${f.name} needs at least ${min} arguments.`, f);
  if (max > 0 && f.args.length > max) fail(`Function ${f.name} can only accept ${max} arguments.`, f);
  const call = (type: FieldType, args: VExpr[]): VExpr & { k: 'func' } => ({
    k: 'func',
    type,
    name: f.name,
    args,
  });
  const arg = unwrap(f.args[0]);
  switch (f.name) {
    case 'lower':
    case 'upper':
      if (arg.k === 'field' && arg.def.type === FT.STRING) return call(FT.STRING, [fieldExpr(arg)]);
      return fail(`Only string type fields can be used as parameter for ${f.name}()`, arg);
    case 'len':
    case 'count':
      if (arg.k === 'field') return call(FT.UINT32, [fieldExpr(arg)]);
      return fail(`Only fields can be used as parameter for ${f.name}()`, arg);
    case 'string':
      if (arg.k === 'field') {
        if (canStringify(arg.def.type)) return call(FT.STRING, [fieldExpr(arg)]);
        return fail(`String conversion for field "${arg.def.abbrev}" is not supported`, arg);
      }
      return fail(`Only fields can be used as parameter for ${f.name}()`, arg);
    case 'abs': {
      let a: VExpr | null = null;
      if (arg.k === 'neg' || arg.k === 'arith') a = checkArith(arg, lhsType);
      else if (arg.k === 'unparsed' || arg.k === 'literal') {
        if (lhsType === FT.NONE) fail('Need a field or field-like value on the LHS.', arg);
        a = checkArithEntity(arg, lhsType);
      } else if (arg.k === 'func') a = checkFunction(arg, lhsType);
      else if (arg.k === 'field' || arg.k === 'reference') a = lhsFieldExpr(arg);
      if (!a || a.type === FT.NONE) fail(`Type ${nodeTypeName(arg)} is not valid for ${f.name}`, arg);
      if (!canAbs(a.type)) fail(`'${display(arg)}' is not a valid argument to '${f.name}'()`, arg);
      return call(a.type, [a]);
    }
    default:
      return checkMinMax(f, lhsType);
  }
}

function checkMinMax(f: ValueNode & { k: 'func' }, lhsType: FieldType): VExpr & { k: 'func' } {
  let type = lhsType;
  const args: VExpr[] = [];
  for (const raw of f.args) {
    const arg = unwrap(raw);
    let v: VExpr;
    if (arg.k === 'neg' || arg.k === 'arith') v = checkArith(arg, type);
    else if ((arg.k === 'unparsed' || arg.k === 'literal') && type !== FT.NONE)
      v = checkArithEntity(arg, type);
    else if (arg.k === 'func') v = checkFunction(arg, type);
    else if (arg.k === 'field' || arg.k === 'reference') v = lhsFieldExpr(arg);
    else return fail(`Argument '${display(arg)}' is not valid for ${f.name}()`, arg);
    if (type === FT.NONE) type = v.type;
    if (v.type !== FT.NONE && v.type !== type) {
      fail(
        `Arguments to '${f.name}' must have the same type (expected ${ftEnumName(type)}, got ${ftEnumName(v.type)})`,
        arg,
      );
    }
    args.push(v);
  }
  return { k: 'func', type, name: f.name, args };
}

/** Wireshark's syntax-node type names (for "Type X is not valid for abs"). */
function nodeTypeName(n: ValueNode): string {
  switch (n.k) {
    case 'field':
      return 'FIELD';
    case 'reference':
      return 'REFERENCE';
    case 'unparsed':
    case 'literal':
      return 'LITERAL';
    case 'string':
      return 'STRING';
    case 'charconst':
      return 'CHARCONST';
    case 'slice':
      return 'SLICE';
    case 'func':
      return 'FUNCTION';
    default:
      return 'ARITHMETIC';
  }
}
