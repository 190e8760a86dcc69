import { formatEther, formatIPv4, formatIPv6 } from '../dissect/address';
import { FT, integerBits, isInteger, isSigned, type FieldType, type Timestamp } from '../dissect/field-types';
import type { ArithOp } from './ftypes';
import { utf8Bytes } from './lexer-strings';
import type { IPv4Const, IPv6Const } from './literals';

/**
 * Runtime values of a filter: field values (FieldValue conventions, protocols as their bytes) and
 * constants (addresses with their prefix length). Comparison and arithmetic follow Wireshark 4.0's
 * ftype rules; the functions here are chosen once per comparison when the filter is compiled.
 */
export type RV = number | bigint | string | Uint8Array | Timestamp | IPv4Const | IPv6Const;

/** <0, 0, >0, or NaN when the two values cannot be compared (tshark then answers false). */
export type Comparator = (a: RV, b: RV) => number;

function cmpNum(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Integers compare by value, except that an unsigned value cannot be compared with a negative
 * one (Wireshark fails the conversion, so `frame.len > -1` is false and `frame.len != -1` true).
 */
function integerComparator(lhsUnsigned: boolean): Comparator {
  return (a, b) => {
    const x = a as number | bigint;
    const y = b as number | bigint;
    if (lhsUnsigned && x >= 0 && y < 0) return NaN;
    return cmpNum(x, y);
  };
}

const cmpFloat: Comparator = (a, b) => {
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
};

/** Byte sequences order by length first, then by content (Wireshark's bytes cmp_order). */
export function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

const cmpString: Comparator = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const cmpAbsTime: Comparator = (a, b) => {
  const x = a as Timestamp;
  const y = b as Timestamp;
  return x.sec !== y.sec ? (x.sec < y.sec ? -1 : 1) : x.nsec < y.nsec ? -1 : x.nsec > y.nsec ? 1 : 0;
};

function v4(v: RV): IPv4Const | null {
  return typeof v === 'number' ? null : (v as IPv4Const);
}

/** IPv4 addresses compare under the shorter of the two prefixes (192.168.1.0/24 equals any host in it). */
const cmpIPv4: Comparator = (a, b) => {
  const ca = v4(a);
  const cb = v4(b);
  const x = ca ? ca.addr : (a as number);
  const y = cb ? cb.addr : (b as number);
  const bits = Math.min(ca ? ca.bits : 32, cb ? cb.bits : 32);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const mx = (x & mask) >>> 0;
  const my = (y & mask) >>> 0;
  return mx < my ? -1 : mx > my ? 1 : 0;
};

function v6(v: RV): IPv6Const {
  return v instanceof Uint8Array ? { addr: v, bits: 128 } : (v as IPv6Const);
}

const cmpIPv6: Comparator = (a, b) => {
  const x = v6(a);
  const y = v6(b);
  const bits = Math.min(x.bits, y.bits);
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff00 >> keep) & 0xff;
    const p = x.addr[i] & mask;
    const q = y.addr[i] & mask;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
};

const cmpBytesRV: Comparator = (a, b) => cmpBytes(a as Uint8Array, b as Uint8Array);

/** The comparator for values whose left side has type t. */
export function comparatorFor(t: FieldType): Comparator {
  if (isInteger(t)) return integerComparator(!isSigned(t));
  switch (t) {
    case FT.BOOLEAN:
      return integerComparator(true);
    case FT.FLOAT:
    case FT.DOUBLE:
    case FT.RELATIVE_TIME:
      return cmpFloat;
    case FT.IPv4:
      return cmpIPv4;
    case FT.IPv6:
      return cmpIPv6;
    case FT.STRING:
      return cmpString;
    case FT.ABSOLUTE_TIME:
      return cmpAbsTime;
    default:
      return cmpBytesRV;
  }
}

/** Whether `hay` contains `needle` as a contiguous run. */
export function bytesContain(hay: Uint8Array, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const first = needle[0];
  const last = hay.length - n;
  outer: for (let i = 0; i <= last; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < n; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** One character per byte (how PCRE sees a byte sequence in non-UTF mode). */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) {
    s += String.fromCharCode.apply(null, Array.from(b.subarray(i, i + 4096)));
  }
  return s;
}

/** A value as a byte sequence (for slices and bytes comparisons). */
export function toBytes(t: FieldType, v: RV): Uint8Array {
  if (v instanceof Uint8Array) return v;
  switch (t) {
    case FT.STRING:
      return utf8Bytes(v as string);
    case FT.IPv4: {
      const x = typeof v === 'number' ? v : (v as IPv4Const).addr;
      return Uint8Array.of(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
    }
    case FT.IPv6:
      return (v as IPv6Const).addr;
    default:
      return new Uint8Array(0);
  }
}

/** Length in bytes of a value for len(): its size for fixed-size types, its length otherwise. */
export function valueLength(t: FieldType, v: RV): number {
  if (isInteger(t)) return t === FT.CHAR ? 1 : Math.ceil(integerBits(t) / 8);
  switch (t) {
    case FT.STRING: {
      const s = v as string;
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff) {
          n += 4;
          i++;
        } else n += 3;
      }
      return n;
    }
    case FT.IPv4:
      return 4;
    case FT.IPv6:
      return 16;
    case FT.FLOAT:
      return 4;
    case FT.DOUBLE:
      return 8;
    case FT.BOOLEAN:
    case FT.ABSOLUTE_TIME:
    case FT.RELATIVE_TIME:
      return 0;
    default:
      return v instanceof Uint8Array ? v.length : 0;
  }
}

/** string(): the value as tshark's filter syntax writes it (integers in decimal). */
export function valueToString(t: FieldType, v: RV): string {
  switch (t) {
    case FT.IPv4:
      return formatIPv4(typeof v === 'number' ? v : (v as IPv4Const).addr);
    case FT.IPv6:
      return formatIPv6(v6(v).addr);
    case FT.ETHER:
      return formatEther(v as Uint8Array);
    case FT.FLOAT:
      return Number((v as number).toPrecision(6)).toString();
    case FT.DOUBLE:
      return Number((v as number).toPrecision(15)).toString();
    default:
      if (v instanceof Uint8Array) return Array.from(v, (x) => x.toString(16).padStart(2, '0')).join(':');
      return String(v);
  }
}

/** Whether a value counts as true when an expression is used as a test (non-zero). */
export function isNonZero(v: RV): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof Uint8Array) {
    for (let i = 0; i < v.length; i++) if (v[i] !== 0) return true;
    return false;
  }
  if (typeof v === 'string') return v.length > 0;
  if ('bits' in v) return v.addr instanceof Uint8Array ? isNonZero(v.addr) : v.addr !== 0;
  return v.sec !== 0 || v.nsec !== 0;
}

/** Limits of integer arithmetic results: 32-bit types compute in 32 bits, wider ones in 64. */
function intLimits(t: FieldType): { min: bigint; max: bigint } {
  const wide = integerBits(t) > 32;
  const bits = wide ? 64n : 32n;
  return {
    min: -(1n << (bits - 1n)),
    max: isSigned(t) ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n,
  };
}

function fromBig(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * Integer arithmetic of the left type t; null when Wireshark has no result (overflow, division by
 * zero, a negative operand for an unsigned left side).
 */
function intArith(t: FieldType, op: ArithOp, a: number | bigint, b: number | bigint): number | bigint | null {
  if (!isSigned(t) && a >= 0 && b < 0) return null;
  const x = BigInt(a);
  const y = BigInt(b);
  let r: bigint;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      if (y === 0n) return null;
      r = x / y;
      break;
    case '%':
      if (y === 0n) return null;
      r = x % y;
      break;
    case '&':
      r = BigInt.asIntN(64, x) & BigInt.asIntN(64, y);
      if (!isSigned(t)) r = BigInt.asUintN(integerBits(t) > 32 ? 64 : 32, r);
      break;
  }
  const lim = intLimits(t);
  if (r < lim.min || r > lim.max) return null;
  return fromBig(r);
}

/** Binary arithmetic on two values of left type t; null when there is no result. */
export function arith(t: FieldType, op: ArithOp, a: RV, b: RV): RV | null {
  if (isInteger(t)) {
    if (typeof a === 'number' && typeof b === 'number' && op !== '&' && op !== '/' && op !== '%') {
      // Fast path: small integers need no bigint.
      const r = op === '+' ? a + b : op === '-' ? a - b : a * b;
      if (Number.isSafeInteger(r) && (isSigned(t) || !(a >= 0 && b < 0))) {
        const lim = intLimits(t);
        return BigInt(r) >= lim.min && BigInt(r) <= lim.max ? r : null;
      }
    }
    return intArith(t, op, a as number | bigint, b as number | bigint);
  }
  switch (t) {
    case FT.FLOAT:
    case FT.DOUBLE:
    case FT.RELATIVE_TIME: {
      const x = a as number;
      const y = b as number;
      return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
    }
    case FT.IPv4: {
      const x = typeof a === 'number' ? a : (a as IPv4Const).addr;
      const y = typeof b === 'number' ? b : (b as IPv4Const).addr;
      return (x & y) >>> 0;
    }
    default: {
      const x = t === FT.IPv6 ? v6(a).addr : (a as Uint8Array);
      const y = t === FT.IPv6 ? v6(b).addr : (b as Uint8Array);
      const n = Math.min(x.length, y.length);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] & y[i];
      return out;
    }
  }
}

/** Unary minus (unsigned values become signed, as in Wireshark). */
export function negate(t: FieldType, v: RV): RV | null {
  if (typeof v === 'bigint') return -v;
  if (typeof v === 'number') {
    if (isInteger(t) && integerBits(t) <= 32 && (v > 0x7fffffff || -v > 0x80000000)) return null;
    return -v;
  }
  return null;
}

/** abs(): negative values negated, others unchanged. */
export function absValue(t: FieldType, v: RV): RV | null {
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  if (typeof v === 'number') return v < 0 ? negate(t, v) : v;
  return v;
}

/** ASCII-only case mapping (g_ascii_toupper/tolower). */
export function asciiCase(s: string, upper: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (upper && c >= 0x61 && c <= 0x7a) out += String.fromCharCode(c - 32);
    else if (!upper && c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 32);
    else out += s[i];
  }
  return out;
}
