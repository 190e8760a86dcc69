import { FT, type FieldType } from '../dissect/field-types';
import type { ValueNode } from './ast';
import { convOrFail, display, fail, fieldExpr, isConstant, lhsFieldExpr, unwrap } from './check-common';
import { negateConst } from './const-ops';
import {
  canAbs,
  canArith,
  canNegate,
  canSlice,
  canStringify,
  compatible,
  ftEnumName,
  ftPrettyName,
} from './ftypes';
import type { VExpr } from './ir';
import { fromLiteral } from './literals';

/** Semantic checks of values: slices, arithmetic and function calls, with tshark's messages. */

/** A slice: its entity must be sliceable. */
export function checkSlice(n: ValueNode & { k: 'slice' }, lhsType: FieldType): VExpr {
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
export function checkArithEntity(n0: ValueNode, lhsType: FieldType): VExpr {
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
export function checkArith(n0: ValueNode, lhsType: FieldType): VExpr {
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
export function checkFunction(f: ValueNode & { k: 'func' }, lhsType: FieldType): VExpr & { k: 'func' } {
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
