import { formatEther, formatIPv4, formatIPv6 } from './address';
import { BASE, FT, integerBits, type FieldValue, type Timestamp } from './field-types';
import type { FieldDef } from './fields';
import type { ProtoNode } from './tree';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexBytes(b: Uint8Array, sep = ''): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i > 0 && sep ? sep : '') + HEX[b[i]];
  return s;
}

/** Seconds with 9 decimals from nanoseconds (tshark's relative-time form): 0.000061000 */
export function formatRelNs(ns: number): string {
  const neg = ns < 0;
  const a = Math.abs(ns);
  const sec = Math.floor(a / 1e9);
  const frac = a - sec * 1e9;
  return `${neg ? '-' : ''}${sec}.${String(Math.round(frac)).padStart(9, '0')}`;
}

/** Epoch seconds with 9 decimals: 1795409237.538729000 */
export function formatEpoch(t: Timestamp): string {
  if (t.sec < 0 && t.nsec > 0) {
    return `-${-t.sec - 1}.${String(1e9 - t.nsec).padStart(9, '0')}`;
  }
  return `${t.sec}.${String(t.nsec).padStart(9, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** tshark's absolute time in UTC: "Nov 23, 2026 04:47:17.538729000 UTC" (day space-padded: "Dec  3") */
export function formatAbsUtc(t: Timestamp): string {
  const d = new Date(t.sec * 1000);
  if (Number.isNaN(d.getTime())) return 'Not representable';
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return (
    `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}, ${d.getUTCFullYear()} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(t.nsec).padStart(9, '0')} UTC`
  );
}

function hexWidth(def: FieldDef): number {
  const bits = integerBits(def.type);
  return bits > 0 ? Math.ceil(bits / 4) : 2;
}

function formatInteger(def: FieldDef, v: number | bigint, base: number): string {
  const big = typeof v === 'bigint';
  const neg = big ? v < 0n : v < 0;
  const hexOf = (): string => {
    let x: bigint | number = v;
    if (neg) x = big ? (1n << 64n) + (v as bigint) : (v as number) >>> 0;
    return '0x' + x.toString(16).padStart(hexWidth(def), '0');
  };
  switch (base) {
    case BASE.HEX:
      return hexOf();
    case BASE.OCT:
      return '0' + v.toString(8);
    // tshark prints only the first form of BASE_DEC_HEX / BASE_HEX_DEC values in -T fields and
    // filters; the tree label adds the second (see displayValue).
    case BASE.DEC_HEX:
      return v.toString();
    case BASE.HEX_DEC:
      return hexOf();
    default:
      return v.toString();
  }
}

/** A value as text without value names (the filter/`-T fields` representation). */
export function formatValue(def: FieldDef, value: FieldValue): string {
  if (value === null) return '';
  switch (def.type) {
    case FT.BOOLEAN:
      return value ? '1' : '0';
    case FT.IPv4:
      return formatIPv4(value as number);
    case FT.IPv6:
      return formatIPv6(value as Uint8Array);
    case FT.ETHER:
      return formatEther(value as Uint8Array);
    // Byte fields Wireshark registers with a separator (SEP_COLON) print "02:00:..."; we mark
    // those with BASE.HEX. Everything else prints plain hex.
    case FT.BYTES:
      return value instanceof Uint8Array ? hexBytes(value, def.base === BASE.HEX ? ':' : '') : String(value);
    case FT.PROTOCOL:
    case FT.NONE:
      return value instanceof Uint8Array ? hexBytes(value) : String(value);
    case FT.RELATIVE_TIME:
      return formatRelNs(value as number);
    case FT.ABSOLUTE_TIME:
      return def.base === BASE.NONE ? formatAbsUtc(value as Timestamp) : formatEpoch(value as Timestamp);
    case FT.FLOAT:
      return Number((value as number).toPrecision(6)).toString();
    case FT.DOUBLE:
      return Number((value as number).toPrecision(15)).toString();
    case FT.STRING:
      return value as string;
    case FT.FRAMENUM:
      return String(value);
    default:
      if (typeof value === 'number' || typeof value === 'bigint') return formatInteger(def, value, def.base);
      return String(value);
  }
}

/** The bytes an item covers (for PROTOCOL/BYTES items printed as hex). */
export function nodeBytes(n: ProtoNode): Uint8Array {
  return n.source.bytes.subarray(n.pos, n.pos + n.len);
}

/** One occurrence of a field as `tshark -T fields -e` prints it. */
export function fieldsText(n: ProtoNode): string {
  const def = n.def;
  switch (def.type) {
    case FT.NONE:
      return '1';
    case FT.PROTOCOL:
      if (n.value instanceof Uint8Array) return hexBytes(n.value);
      return n.label !== undefined ? n.label : hexBytes(nodeBytes(n));
    default:
      return formatValue(def, n.value);
  }
}

/** bitString results by mask and width, then by the masked value (labels repeat endlessly). */
const bitStrings = new Map<number, Map<number, string>>();
/** Values remembered per mask and width: enough for flags and small fields, bounded for wide ones. */
const BIT_STRINGS_PER_MASK = 1024;

/** Renders `bits` of a bit field for a tree label: ".... ..1. " style. */
export function bitString(mask: number, width: number, value: number): string {
  if (width > 32 || mask > 0xffffffff || mask < 0 || value < 0) return bitStringSlow(mask, width, value);
  const masked = (value & mask) >>> 0;
  const key = mask * 64 + width;
  let byValue = bitStrings.get(key);
  if (!byValue) {
    byValue = new Map();
    bitStrings.set(key, byValue);
  }
  let s = byValue.get(masked);
  if (s === undefined) {
    s = bitStringSlow(mask, width, masked);
    if (byValue.size < BIT_STRINGS_PER_MASK) byValue.set(masked, s);
  }
  return s;
}

function bitStringSlow(mask: number, width: number, value: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? (Math.floor(value / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

/** The text of a value as the details tree shows it (value names resolved). */
export function displayValue(def: FieldDef, value: FieldValue): string {
  if (def.type === FT.BOOLEAN) {
    const t = def.strings?.get(value ? 1 : 0);
    return t ?? (value ? 'True' : 'False');
  }
  if (def.type === FT.ABSOLUTE_TIME) return formatAbsUtc(value as Timestamp);
  if (def.type === FT.RELATIVE_TIME) return `${formatRelNs(value as number)} seconds`;
  if (def.type === FT.BYTES) return hexBytes(value as Uint8Array, def.base === BASE.NONE ? '' : ':');
  let raw = formatValue(def, value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (def.base === BASE.DEC_HEX) raw = `${raw} (${formatInteger(def, value, BASE.HEX)})`;
    else if (def.base === BASE.HEX_DEC) raw = `${raw} (${value.toString()})`;
  }
  if (def.strings && typeof value === 'number') {
    const name = def.strings.get(value);
    const numeric = def.base === BASE.HEX ? raw : raw;
    return `${name ?? 'Unknown'} (${numeric})`;
  }
  return raw + (def.unit ?? '');
}

/** The label of a tree item: its explicit label, or "Name: value" (with bit pattern for bit fields). */
export function itemLabel(n: ProtoNode): string {
  let text: string;
  if (n.label !== undefined) text = n.label;
  else if (n.def.type === FT.PROTOCOL) text = n.def.name;
  else if (n.def.type === FT.NONE) text = n.def.name;
  else {
    text = `${n.def.name}: ${displayValue(n.def, n.value)}`;
    if (n.def.bitmask && n.def.bitWidth && typeof n.value === 'number') {
      const shift = Math.log2(n.def.bitmask & -n.def.bitmask);
      const raw = n.def.type === FT.BOOLEAN ? (n.value ? n.def.bitmask : 0) : n.value * 2 ** shift;
      text = `${bitString(n.def.bitmask, n.def.bitWidth, raw)} = ${text}`;
    }
  }
  return n.generated ? `[${text}]` : text;
}
