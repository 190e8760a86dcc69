import { FT, isInteger, isSigned, type FieldType } from '../dissect/field-types';

/**
 * What each field type can do in a display filter, after Wireshark 4.0's ftype tables
 * (checked operation by operation against `tshark -Y`). The checker turns a missing
 * capability into tshark's error message.
 */

/** Wireshark's ftype_pretty_name (as `tshark -G ftypes` prints it; used in error messages). */
const PRETTY: Record<FieldType, string> = {
  [FT.NONE]: 'Label',
  [FT.PROTOCOL]: 'Protocol',
  [FT.BOOLEAN]: 'Boolean',
  [FT.UINT8]: 'Unsigned integer (1 byte)',
  [FT.UINT16]: 'Unsigned integer (2 bytes)',
  [FT.UINT24]: 'Unsigned integer (3 bytes)',
  [FT.UINT32]: 'Unsigned integer (4 bytes)',
  [FT.UINT64]: 'Unsigned integer (8 bytes)',
  [FT.INT8]: 'Signed integer (1 byte)',
  [FT.INT16]: 'Signed integer (2 bytes)',
  [FT.INT32]: 'Signed integer (4 bytes)',
  [FT.INT64]: 'Signed integer (8 bytes)',
  [FT.FLOAT]: 'Floating point (single-precision)',
  [FT.DOUBLE]: 'Floating point (double-precision)',
  [FT.ABSOLUTE_TIME]: 'Date and time',
  [FT.RELATIVE_TIME]: 'Time offset',
  [FT.STRING]: 'Character string',
  [FT.BYTES]: 'Byte sequence',
  [FT.ETHER]: 'Ethernet or other MAC address',
  [FT.IPv4]: 'IPv4 address',
  [FT.IPv6]: 'IPv6 address',
  [FT.FRAMENUM]: 'Frame number',
  [FT.UINT40]: 'Unsigned integer (5 bytes)',
  [FT.UINT48]: 'Unsigned integer (6 bytes)',
  [FT.CHAR]: 'Character (1 byte)',
  [FT.GUID]: 'Globally Unique Identifier',
  [FT.OID]: 'ASN.1 object identifier',
};

/** Wireshark's enum names (FT_UINT32 ...), which some error messages print. */
const ENUM_NAME: Record<FieldType, string> = {
  [FT.NONE]: 'FT_NONE',
  [FT.PROTOCOL]: 'FT_PROTOCOL',
  [FT.BOOLEAN]: 'FT_BOOLEAN',
  [FT.UINT8]: 'FT_UINT8',
  [FT.UINT16]: 'FT_UINT16',
  [FT.UINT24]: 'FT_UINT24',
  [FT.UINT32]: 'FT_UINT32',
  [FT.UINT64]: 'FT_UINT64',
  [FT.INT8]: 'FT_INT8',
  [FT.INT16]: 'FT_INT16',
  [FT.INT32]: 'FT_INT32',
  [FT.INT64]: 'FT_INT64',
  [FT.FLOAT]: 'FT_FLOAT',
  [FT.DOUBLE]: 'FT_DOUBLE',
  [FT.ABSOLUTE_TIME]: 'FT_ABSOLUTE_TIME',
  [FT.RELATIVE_TIME]: 'FT_RELATIVE_TIME',
  [FT.STRING]: 'FT_STRING',
  [FT.BYTES]: 'FT_BYTES',
  [FT.ETHER]: 'FT_ETHER',
  [FT.IPv4]: 'FT_IPv4',
  [FT.IPv6]: 'FT_IPv6',
  [FT.FRAMENUM]: 'FT_FRAMENUM',
  [FT.UINT40]: 'FT_UINT40',
  [FT.UINT48]: 'FT_UINT48',
  [FT.CHAR]: 'FT_CHAR',
  [FT.GUID]: 'FT_GUID',
  [FT.OID]: 'FT_OID',
};

export function ftPrettyName(t: FieldType): string {
  return PRETTY[t];
}

export function ftEnumName(t: FieldType): string {
  return ENUM_NAME[t];
}

/** Integers of every width plus characters and frame numbers (the integer arithmetic family). */
export function isIntegerLike(t: FieldType): boolean {
  return isInteger(t);
}

export function isUnsignedInteger(t: FieldType): boolean {
  return isInteger(t) && !isSigned(t);
}

/** Types whose values are held as 64-bit integers (bigint beyond 2^53). */
export function isWide(t: FieldType): boolean {
  return t === FT.UINT64 || t === FT.INT64 || t === FT.UINT40 || t === FT.UINT48;
}

export function canEq(t: FieldType): boolean {
  return t !== FT.NONE;
}

export function canCmp(t: FieldType): boolean {
  return t !== FT.NONE;
}

export function canContains(t: FieldType): boolean {
  return t === FT.PROTOCOL || t === FT.STRING || t === FT.BYTES || t === FT.ETHER || t === FT.OID;
}

export function canMatches(t: FieldType): boolean {
  return t === FT.PROTOCOL || t === FT.STRING || t === FT.BYTES || t === FT.ETHER;
}

/** Whether a value of this type can be taken as a sequence of bytes (sliced). */
export function canSlice(t: FieldType): boolean {
  return (
    t === FT.PROTOCOL ||
    t === FT.STRING ||
    t === FT.BYTES ||
    t === FT.ETHER ||
    t === FT.IPv4 ||
    t === FT.IPv6 ||
    t === FT.OID
  );
}

/** Types that are already byte sequences (Wireshark's is_bytes_type, for the types we have). */
export function isBytesType(t: FieldType): boolean {
  return t === FT.BYTES || t === FT.ETHER || t === FT.IPv6 || t === FT.GUID || t === FT.OID;
}

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&';

export function canArith(t: FieldType, op: ArithOp): boolean {
  if (isInteger(t)) return true;
  switch (op) {
    case '&':
      return t === FT.BYTES || t === FT.ETHER || t === FT.IPv4 || t === FT.IPv6 || t === FT.OID;
    case '+':
    case '-':
      return t === FT.FLOAT || t === FT.DOUBLE || t === FT.RELATIVE_TIME;
    case '*':
    case '/':
      return t === FT.FLOAT || t === FT.DOUBLE;
    case '%':
      return false;
  }
}

/** Whether unary minus applies (Wireshark's ftype_can_unary_minus). */
export function canNegate(t: FieldType): boolean {
  return isInteger(t) || t === FT.FLOAT || t === FT.DOUBLE || t === FT.RELATIVE_TIME;
}

/** Whether abs() accepts the type (Wireshark's ftype_can_is_negative). */
export function canAbs(t: FieldType): boolean {
  return canNegate(t) || t === FT.BOOLEAN;
}

/** Whether string() can convert the type. */
export function canStringify(t: FieldType): boolean {
  if (isInteger(t)) return t !== FT.CHAR;
  return (
    t === FT.IPv4 ||
    t === FT.IPv6 ||
    t === FT.FLOAT ||
    t === FT.DOUBLE ||
    t === FT.ETHER ||
    t === FT.GUID ||
    t === FT.OID
  );
}

function isStringType(t: FieldType): boolean {
  return t === FT.STRING;
}

function isBytesFamily(t: FieldType): boolean {
  return t === FT.ETHER || t === FT.BYTES || t === FT.GUID || t === FT.OID;
}

/** Wireshark's compatible_ftypes: whether two types can be compared with each other. */
export function compatible(a: FieldType, b: FieldType): boolean {
  switch (a) {
    case FT.NONE:
    case FT.BOOLEAN:
    case FT.PROTOCOL:
    case FT.ABSOLUTE_TIME:
    case FT.RELATIVE_TIME:
    case FT.IPv4:
    case FT.IPv6:
      return a === b;
    case FT.FLOAT:
    case FT.DOUBLE:
      return b === FT.FLOAT || b === FT.DOUBLE;
    case FT.STRING:
      return isStringType(b);
    default:
      if (isBytesFamily(a)) return isBytesFamily(b);
      // Integers of any width and sign compare with each other and with booleans.
      if (isInteger(a)) return isInteger(b) || b === FT.BOOLEAN;
      return a === b;
  }
}
