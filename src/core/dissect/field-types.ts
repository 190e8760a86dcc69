/**
 * Field types and display bases, after Wireshark's ftypes (FT_*) and BASE_*.
 * They drive the tshark `-T fields` formatting, the details tree labels and the filter type checker.
 */
export const FT = {
  NONE: 0,
  PROTOCOL: 1,
  BOOLEAN: 2,
  UINT8: 3,
  UINT16: 4,
  UINT24: 5,
  UINT32: 6,
  UINT64: 7,
  INT8: 8,
  INT16: 9,
  INT32: 10,
  INT64: 11,
  FLOAT: 12,
  DOUBLE: 13,
  ABSOLUTE_TIME: 14,
  RELATIVE_TIME: 15,
  STRING: 16,
  BYTES: 17,
  ETHER: 18,
  IPv4: 19,
  IPv6: 20,
  FRAMENUM: 21,
  UINT40: 22,
  UINT48: 23,
  CHAR: 24,
  GUID: 25,
  OID: 26,
} as const;
export type FieldType = (typeof FT)[keyof typeof FT];

export const BASE = {
  NONE: 0,
  DEC: 1,
  HEX: 2,
  OCT: 3,
  DEC_HEX: 4,
  HEX_DEC: 5,
} as const;
export type Base = (typeof BASE)[keyof typeof BASE];

/** Human names of field types, as Wireshark's documentation names them (used by autocompletion). */
export const FT_NAMES: Record<FieldType, string> = {
  0: 'Label',
  1: 'Protocol',
  2: 'Boolean',
  3: 'Unsigned integer (8 bits)',
  4: 'Unsigned integer (16 bits)',
  5: 'Unsigned integer (24 bits)',
  6: 'Unsigned integer (32 bits)',
  7: 'Unsigned integer (64 bits)',
  8: 'Signed integer (8 bits)',
  9: 'Signed integer (16 bits)',
  10: 'Signed integer (32 bits)',
  11: 'Signed integer (64 bits)',
  12: 'Floating point (single-precision)',
  13: 'Floating point (double-precision)',
  14: 'Date and time',
  15: 'Time offset',
  16: 'Character string',
  17: 'Byte sequence',
  18: 'Ethernet or other MAC address',
  19: 'IPv4 address',
  20: 'IPv6 address',
  21: 'Frame number',
  22: 'Unsigned integer (40 bits)',
  23: 'Unsigned integer (48 bits)',
  24: 'Character (8 bits)',
  25: 'Globally Unique Identifier',
  26: 'ASN.1 object identifier',
};

/** Bit width of integer types (0 for non-integers). */
export function integerBits(t: FieldType): number {
  switch (t) {
    case FT.UINT8:
    case FT.INT8:
    case FT.CHAR:
      return 8;
    case FT.UINT16:
    case FT.INT16:
      return 16;
    case FT.UINT24:
      return 24;
    case FT.UINT32:
    case FT.INT32:
    case FT.FRAMENUM:
      return 32;
    case FT.UINT40:
      return 40;
    case FT.UINT48:
      return 48;
    case FT.UINT64:
    case FT.INT64:
      return 64;
    default:
      return 0;
  }
}

export function isInteger(t: FieldType): boolean {
  return integerBits(t) > 0;
}

export function isSigned(t: FieldType): boolean {
  return t === FT.INT8 || t === FT.INT16 || t === FT.INT32 || t === FT.INT64;
}

/** An absolute timestamp with nanosecond precision (a double cannot hold epoch nanoseconds). */
export interface Timestamp {
  sec: number;
  nsec: number;
}

/**
 * The value a tree item carries:
 * integers/booleans/frame numbers → number (bigint for 64-bit values beyond 2^53),
 * IPv4 → number (host order uint32), ETHER/IPv6/BYTES → Uint8Array, STRING → string,
 * ABSOLUTE_TIME → Timestamp, RELATIVE_TIME → nanoseconds as a number, NONE/PROTOCOL → null
 * (PROTOCOL items may carry a Uint8Array when tshark prints their bytes).
 */
export type FieldValue = number | bigint | string | Uint8Array | Timestamp | null;
