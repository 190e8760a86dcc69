import { FT, integerBits, isInteger, isSigned, type FieldType } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import { ftPrettyName } from './ftypes';
import { parseAbsoluteTime } from './time-literal';
import { utf8Bytes } from './lexer-strings';

/** An IPv4 constant with its CIDR prefix length (32 for a plain address). */
export interface IPv4Const {
  addr: number;
  bits: number;
}

/** An IPv6 constant with its prefix length (128 for a plain address). */
export interface IPv6Const {
  addr: Uint8Array;
  bits: number;
}

/**
 * A filter constant, in the representation the field type's values use (FieldValue conventions),
 * except that addresses carry their prefix length.
 */
export type Const =
  number | bigint | string | Uint8Array | IPv4Const | IPv6Const | { sec: number; nsec: number };

/** A conversion result: the constant, or tshark's error message. */
export type Conv = { ok: true; value: Const } | { ok: false; message: string };

const good = (value: Const): Conv => ({ ok: true, value });
const bad = (message: string): Conv => ({ ok: false, message });

/** Largest value of an integer type (as bigint, for the messages and range checks). */
function maxOf(t: FieldType): bigint {
  const bits = BigInt(integerBits(t));
  return isSigned(t) ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
}

/** C's strtoull with base 0 (decimal, 0x hex, 0 octal), plus 0b binary; null if not a whole number. */
function parseCInteger(s: string): bigint | null {
  if (/^0[xX][0-9A-Fa-f]+$/.test(s)) return BigInt(s.toLowerCase());
  if (/^0[bB][01]+$/.test(s)) return BigInt('0b' + s.slice(2));
  if (/^0[0-7]*$/.test(s)) return BigInt('0o' + (s.slice(1) || '0'));
  if (/^[1-9][0-9]*$/.test(s)) return BigInt(s);
  return null;
}

/** An integer constant as the field type holds it: number, or bigint beyond 2^53. */
export function intConst(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

function integerFromLiteral(t: FieldType, s: string): Conv {
  const v = parseCInteger(s);
  if (v === null) return bad(`"${s}" is not a valid number.`);
  const bits = integerBits(t);
  if (bits === 64 && v > maxOf(FT.UINT64)) return bad(`"${s}" causes an integer overflow.`);
  if (bits === 64 && isSigned(t) && v > maxOf(t)) return bad(`"${s}" causes an integer overflow.`);
  if (v > maxOf(t)) return bad(`"${s}" too big for this field, maximum ${maxOf(t)}.`);
  return good(intConst(v));
}

function booleanFromLiteral(s: string): Conv {
  if (s === 'True' || s === 'TRUE') return good(1);
  if (s === 'False' || s === 'FALSE') return good(0);
  const v = parseCInteger(s);
  if (v === null) return bad(`"${s}" is not a valid boolean.`);
  return good(v === 0n ? 0 : 1);
}

function floatFromLiteral(s: string): Conv {
  let v: number;
  if (/^[-+]?(inf|infinity)$/i.test(s)) v = s.startsWith('-') ? -Infinity : Infinity;
  else if (/^[-+]?nan(\([0-9A-Za-z_]*\))?$/i.test(s)) v = NaN;
  else if (/^[-+]?0[xX]/.test(s)) v = parseHexFloat(s);
  else if (/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s)) v = Number(s);
  else return bad(`"${s}" is not a valid floating-point number.`);
  if (Number.isNaN(v) && !/nan/i.test(s)) return bad(`"${s}" is not a valid floating-point number.`);
  if (!Number.isFinite(v) && !/inf/i.test(s)) return bad(`"${s}" causes floating-point overflow.`);
  return good(v);
}

/** C99 hexadecimal floating point ("0x1.8p3"). */
function parseHexFloat(s: string): number {
  const m = /^([-+]?)0[xX]([0-9A-Fa-f]*)(?:\.([0-9A-Fa-f]*))?(?:[pP]([-+]?[0-9]+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return NaN;
  const frac = m[3] ?? '';
  const mant = parseInt((m[2] || '0') + frac, 16);
  const v = mant * 2 ** (Number(m[4] ?? 0) - 4 * frac.length);
  return m[1] === '-' ? -v : v;
}

/** Dotted-quad IPv4 (inet_pton's strict form). */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = v * 256 + n;
  }
  return v;
}

function ipv4FromLiteral(s: string): Conv {
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  const addr = parseIPv4(addrText);
  if (addr === null) return bad(`"${addrText}" is not a valid hostname or IPv4 address.`);
  if (slash < 0) return good({ addr, bits: 32 });
  const bitsText = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(bitsText)) return bad(`"${s}" is not a valid hostname or IPv4 address.`);
  const bits = Number(bitsText);
  if (bits > 32) return bad(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`);
  return good({ addr, bits });
}

/** RFC 4291 text form, with an embedded dotted quad allowed in the last 32 bits. */
export function parseIPv6(text: string): Uint8Array | null {
  let s = text;
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    // An embedded dotted quad stands for the last two groups.
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null || lastColon < 0) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const groups = (txt: string): number[] | null => {
    if (txt === '') return [];
    const out: number[] = [];
    for (const g of txt.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let words: number[];
  if (dbl >= 0) {
    const left = groups(s.slice(0, dbl));
    const right = groups(s.slice(dbl + 2));
    if (!left || !right) return null;
    const fill = 8 - left.length - right.length;
    if (fill < 1) return null;
    words = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else {
    const all = groups(s);
    if (!all) return null;
    words = all;
  }
  if (words.length !== 8) return null;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

function ipv6FromLiteral(s: string): Conv {
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  const addr = parseIPv6(addrText);
  if (addr === null) return bad(`"${addrText}" is not a valid hostname or IPv6 address.`);
  if (slash < 0) return good({ addr, bits: 128 });
  const bits = Number(s.slice(slash + 1));
  if (!Number.isInteger(bits)) return bad(`"${s}" is not a valid hostname or IPv6 address.`);
  if (bits > 128) return bad(`Prefix in a IPv6 address should be <= 128, not ${bits}`);
  return good({ addr, bits });
}

/**
 * Byte strings: hex digit groups separated by ':', '.' or '-' (each group read in pairs from the
 * left, an odd last digit being a byte of its own), or 0xNN for one byte. A leading ':' is dropped.
 */
export function parseBytes(text: string): Uint8Array | null {
  const s = text.startsWith(':') ? text.slice(1) : text;
  if (/^0[xX][0-9A-Fa-f]{2}$/.test(s)) return Uint8Array.of(parseInt(s.slice(2), 16));
  if (s === '') return null;
  const out: number[] = [];
  for (const g of s.split(/[:.-]/)) {
    if (!/^[0-9A-Fa-f]+$/.test(g)) return null;
    for (let i = 0; i < g.length; i += 2) out.push(parseInt(g.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

function etherFromLiteral(s: string, partial: boolean): Conv {
  const b = parseBytes(s);
  if (!b) return bad(`"${s}" is not a valid Ethernet address.`);
  // contains accepts part of an address, never more than one.
  if (b.length > 6) return bad(`"${s}" contains too many bytes to be a valid Ethernet address.`);
  if (!partial && b.length < 6) return bad(`"${s}" contains too few bytes to be a valid Ethernet address.`);
  return good(b);
}

/**
 * Relative time "[-]seconds[.fraction]": the fraction may have at most 9 digits and, as in tshark,
 * anything after its digits is ignored.
 */
function relTimeFromLiteral(s: string): Conv {
  const m = /^(-?)([0-9]*)(?:\.([0-9]*).*)?$/.exec(s);
  const fail = bad(`"${s}" is not a valid time.`);
  if (!m) return fail;
  if (m[2] === '' && m[3] === undefined) return fail;
  const frac = m[3] ?? '';
  if (frac.length > 9 || (m[3] !== undefined && frac === '' && m[2] === '')) return fail;
  const ns = Number(m[2] || '0') * 1e9 + Number(frac.padEnd(9, '0') || '0');
  return good(m[1] === '-' ? -ns : ns);
}

/** A literal (unquoted word or address) as a constant of type t. */
export function fromLiteral(t: FieldType, text: string, partial: boolean): Conv {
  if (isInteger(t)) return integerFromLiteral(t, text);
  switch (t) {
    case FT.BOOLEAN:
      return booleanFromLiteral(text);
    case FT.FLOAT:
    case FT.DOUBLE:
      return floatFromLiteral(text);
    case FT.IPv4:
      return ipv4FromLiteral(text);
    case FT.IPv6:
      return ipv6FromLiteral(text);
    case FT.ETHER:
      return etherFromLiteral(text, partial);
    case FT.BYTES:
    case FT.PROTOCOL:
    case FT.GUID:
    case FT.OID: {
      const b = parseBytes(text);
      return b ? good(b) : bad(`"${text}" is not a valid byte string.`);
    }
    case FT.STRING:
      return good(text);
    case FT.ABSOLUTE_TIME: {
      const r = parseAbsoluteTime(text);
      return typeof r === 'string' ? bad(r) : good(r);
    }
    case FT.RELATIVE_TIME:
      return relTimeFromLiteral(text);
    default:
      return bad(`"${text}" is not a valid value.`);
  }
}

/** A quoted string as a constant of type t. */
export function fromString(t: FieldType, value: string, bytes: Uint8Array): Conv {
  switch (t) {
    case FT.STRING:
      return good(value);
    case FT.BYTES:
    case FT.PROTOCOL:
      return good(bytes);
    case FT.ABSOLUTE_TIME: {
      const r = parseAbsoluteTime(value);
      return typeof r === 'string' ? bad(r) : good(r);
    }
    default:
      return bad(`${ftPrettyName(t)} cannot be converted from a string ("${value}").`);
  }
}

/** A character constant ('a', '\x41') as a constant of type t. */
export function fromCharConst(t: FieldType, value: number, text: string): Conv {
  if (isInteger(t)) return good(value);
  switch (t) {
    case FT.BOOLEAN:
      return good(value === 0 ? 0 : 1);
    case FT.BYTES:
    case FT.PROTOCOL:
    case FT.STRING:
      // tshark reads these through its literal path, which chokes on '\n' alone.
      if (value === 0x0a) return bad(`${text} is too long to be a valid character constant.`);
      return good(t === FT.STRING ? String.fromCharCode(value) : Uint8Array.of(value & 0xff));
    default:
      return bad(
        `Character constant ${text} (0x${value.toString(16)}) cannot be converted to ${ftPrettyName(t)}.`,
      );
  }
}

/**
 * Wireshark's fallback when a value does not parse: integer and boolean fields accept the names of
 * their values (value strings, true/false texts), compared case-insensitively. Returns null when the
 * field has no names to offer (the original error stands).
 */
export function fromValueName(def: FieldDef, s: string): Conv | null {
  const notFound = bad(`"${s}" cannot be found among the possible values for ${def.abbrev}.`);
  const lower = s.toLowerCase();
  if (def.type === FT.BOOLEAN) {
    const trueText = def.strings?.get(1) ?? 'True';
    const falseText = def.strings?.get(0) ?? 'False';
    if (lower === trueText.toLowerCase()) return good(1);
    if (lower === falseText.toLowerCase()) return good(0);
    return notFound;
  }
  if (!isInteger(def.type) || def.type === FT.FRAMENUM) return null;
  if (!def.strings) return null;
  for (const [v, name] of def.strings) if (name.toLowerCase() === lower) return good(v);
  return notFound;
}

/** Bytes of a constant that is a string (for slices compared with strings). */
export function stringConstBytes(s: string): Uint8Array {
  return utf8Bytes(s);
}
