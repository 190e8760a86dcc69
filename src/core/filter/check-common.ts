import { FT } from '../dissect/field-types';
import type { Span, ValueNode } from './ast';
import type { VExpr } from './ir';
import type { Conv } from './literals';
import type { FilterError } from './types';

/** The semantic checker's shared helpers: failing with tshark's message, and node display. */

export class CheckFailure {
  constructor(readonly error: FilterError) {}
}

export function fail(message: string, at: Span): never {
  throw new CheckFailure({
    message,
    from: at.from,
    to: at.to,
    ...(at.noLocation ? { noLocation: true } : {}),
  });
}

/** What tshark prints for a node in messages. */
export function display(n: ValueNode): string {
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
export function unwrap(n: ValueNode): ValueNode {
  return n.k === 'group' ? unwrap(n.arg) : n;
}

export function isConstant(n: ValueNode): boolean {
  const u = unwrap(n);
  return u.k === 'unparsed' || u.k === 'literal' || u.k === 'string' || u.k === 'charconst';
}

export function fieldExpr(n: ValueNode & { k: 'field' }): VExpr {
  return { k: 'field', type: n.def.type, def: n.def, layers: n.layers };
}

export function lhsFieldExpr(a: ValueNode & { k: 'field' | 'reference' }): VExpr {
  return a.k === 'field' ? fieldExpr(a) : { k: 'ref', type: a.def.type, def: a.def };
}

export function convOrFail(c: Conv, at: Span): VExpr & { k: 'const' } {
  if (!c.ok) fail(c.message, at);
  return { k: 'const', type: FT.NONE, value: c.value };
}
