import type { FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import type { RangeNode } from './ast';
import type { ArithOp } from './ftypes';
import type { Const } from './literals';

/**
 * The checked form of a filter: every value has a type and every literal has been converted to
 * a constant of the type it is compared with. The compiler turns this into closures.
 */
export type VExpr =
  | { k: 'field'; type: FieldType; def: FieldDef; layers: RangeNode[] | null }
  /** ${field}: the field's values in the reference (selected) frame. */
  | { k: 'ref'; type: FieldType; def: FieldDef }
  | { k: 'const'; type: FieldType; value: Const }
  /** A value taken whole as a byte sequence (to be compared with a slice). */
  | { k: 'bytes'; type: FieldType; src: VExpr }
  | { k: 'slice'; type: FieldType; src: VExpr; ranges: RangeNode[] }
  | { k: 'func'; type: FieldType; name: string; args: VExpr[] }
  | { k: 'neg'; type: FieldType; a: VExpr }
  | { k: 'arith'; type: FieldType; op: ArithOp; a: VExpr; b: VExpr };

export type RelOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** 'any': some pair of values satisfies the test; 'all': every pair does. */
export type Match = 'any' | 'all';

export type TExpr =
  | { k: 'true' }
  | { k: 'exists'; field: VExpr }
  /** A value used as a test: true when it has a non-zero value (arithmetic) or any value (slice). */
  | { k: 'truthy'; v: VExpr }
  | { k: 'not'; a: TExpr }
  | { k: 'and' | 'or'; a: TExpr; b: TExpr }
  /** `negate` implements `!=`: "no pair is equal" (which differs from "all pairs differ" for incomparable values). */
  | { k: 'cmp'; op: RelOp; match: Match; negate: boolean; a: VExpr; b: VExpr }
  | { k: 'contains'; match: Match; a: VExpr; b: VExpr }
  | { k: 'matches'; match: Match; a: VExpr; re: RegExp }
  | { k: 'in'; match: Match; a: VExpr; set: { lo: VExpr; hi: VExpr | null }[] };
