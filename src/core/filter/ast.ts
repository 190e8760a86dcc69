import type { FieldDef } from '../dissect/fields';
import type { ArithOp } from './ftypes';

/**
 * The syntax tree of a display filter. Every node carries the source span [from, to) that
 * tshark would point at in an error about it; `noLocation` marks nodes tshark has no location
 * for (slices, sets), so errors about them print no caret.
 */
export interface Span {
  from: number;
  to: number;
  noLocation?: boolean;
}

/** One range of a slice or layer selection: [start:len], [start-end], [start], [start:], [:len]. */
export interface RangeNode extends Span {
  text: string;
  start: number;
  /** 'len': start:len; 'end': start-end (inclusive); 'toEnd': start: */
  form: 'len' | 'end' | 'toEnd';
  len: number;
  end: number;
}

export interface FieldNode extends Span {
  k: 'field';
  def: FieldDef;
  /** As written (with a '.' prefix if any). */
  text: string;
  layers: RangeNode[] | null;
}

/** A word that is not a registered field: a value for the checker to interpret. */
export interface UnparsedNode extends Span {
  k: 'unparsed';
  text: string;
}

/** A value recognized by its shape (address, byte string, ':'-prefixed). */
export interface LiteralNode extends Span {
  k: 'literal';
  text: string;
  value: string;
}

export interface StringNode extends Span {
  k: 'string';
  text: string;
  value: string;
  bytes: Uint8Array;
}

export interface CharNode extends Span {
  k: 'charconst';
  text: string;
  value: number;
}

export interface ReferenceNode extends Span {
  k: 'reference';
  def: FieldDef;
  text: string;
}

export interface SliceNode extends Span {
  k: 'slice';
  entity: ValueNode;
  ranges: RangeNode[];
}

export interface FuncNode extends Span {
  k: 'func';
  name: string;
  args: ValueNode[];
}

export interface NegNode extends Span {
  k: 'neg';
  arg: ValueNode;
}

export interface ArithNode extends Span {
  k: 'arith';
  op: ArithOp;
  a: ValueNode;
  b: ValueNode;
}

/** Unary plus or {braces}: an arithmetic expression that is just its operand. */
export interface GroupNode extends Span {
  k: 'group';
  arg: ValueNode;
}

export type ValueNode =
  | FieldNode
  | UnparsedNode
  | LiteralNode
  | StringNode
  | CharNode
  | ReferenceNode
  | SliceNode
  | FuncNode
  | NegNode
  | ArithNode
  | GroupNode;

export type CmpOp = 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Quantifier = 'any' | 'all' | null;

export interface CmpNode extends Span {
  k: 'cmp';
  op: CmpOp;
  /** The operator as written ("==", "eq"), for messages. */
  opText: string;
  a: ValueNode;
  b: ValueNode;
  quant: Quantifier;
}

export interface ContainsNode extends Span {
  k: 'contains' | 'matches';
  opText: string;
  a: ValueNode;
  b: ValueNode;
  quant: Quantifier;
}

export interface SetElement {
  lo: ValueNode;
  hi: ValueNode | null;
}

export interface InNode extends Span {
  k: 'in';
  a: ValueNode;
  set: SetElement[];
  quant: Quantifier;
}

export interface NotNode extends Span {
  k: 'not';
  arg: TestNode;
}

export interface LogicNode extends Span {
  k: 'and' | 'or';
  a: TestNode;
  b: TestNode;
}

/** A value used as a test: existence of a field, non-zero arithmetic, a slice that exists. */
export interface ValueTestNode extends Span {
  k: 'value';
  v: ValueNode;
}

export type TestNode = CmpNode | ContainsNode | InNode | NotNode | LogicNode | ValueTestNode;
