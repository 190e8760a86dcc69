import { FT, integerBits, isInteger, isSigned, type FieldType } from '../dissect/field-types';
import type { Const } from './literals';

/**
 * Unary minus of a constant, computed when the filter is checked. As in Wireshark, a negated
 * unsigned value becomes a signed one (so it never equals an unsigned field value).
 */
export function negateConst(t: FieldType, v: Const): Const | string {
  if (isInteger(t)) {
    const big = typeof v === 'bigint' ? v : BigInt(v as number);
    const bits = integerBits(t) > 32 ? 64 : 32;
    const limit = 1n << BigInt(bits - 1);
    if (!isSigned(t) && big > limit - 1n) return `${big} overflows gint${bits}`;
    const r = -big;
    if (r < -limit || r > limit - 1n) return `${big} overflows gint${bits}`;
    return r >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(r) : r;
  }
  if (t === FT.FLOAT || t === FT.DOUBLE || t === FT.RELATIVE_TIME) return -(v as number);
  return 'cannot be negated';
}
