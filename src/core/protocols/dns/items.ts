/**
 * Adding DNS items the way Wireshark's proto_tree_add_item does: the bytes are checked (and a
 * cut-short or malformed record raises the usual exception) whether or not a tree is built.
 */
import type { FieldDef } from '../../dissect/fields';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { asciiString, utf8String } from '../media/text';

/** The length an item really gets: -1 runs to the end of the captured data, below that is malformed. */
export function itemLength(tvb: Tvb, offset: number, len: number): number {
  if (len === -1) {
    tvb.ensure(offset, 0);
    return tvb.remaining(offset);
  }
  if (len < 0) throw new BoundsError('reported', `negative item length ${len} at offset ${offset}`);
  tvb.ensure(offset, len);
  return len;
}

/** An unsigned integer item of 1, 2 or 4 bytes; returns the value. */
export function addUint(
  t: ProtoNode | null,
  def: FieldDef,
  tvb: Tvb,
  offset: number,
  len: 1 | 2 | 4,
): number {
  const v = len === 1 ? tvb.u8(offset) : len === 2 ? tvb.u16(offset) : tvb.u32(offset);
  t?.add(def, tvb, offset, len, v);
  return v;
}

/**
 * A byte-string item. tshark prints a zero-length one as "<MISSING>" (tree and -T fields).
 */
export function addBytes(t: ProtoNode | null, def: FieldDef, tvb: Tvb, offset: number, len: number): void {
  const n = itemLength(tvb, offset, len);
  if (!t) return;
  if (n === 0) t.add(def, tvb, offset, 0, '<MISSING>', `${def.name}: <MISSING>`);
  else t.add(def, tvb, offset, n, tvb.view(offset, n));
}

/** An ENC_ASCII string item; returns the string. */
export function addAscii(t: ProtoNode | null, def: FieldDef, tvb: Tvb, offset: number, len: number): string {
  const n = itemLength(tvb, offset, len);
  const s = asciiString(tvb.view(offset, n));
  t?.add(def, tvb, offset, n, s);
  return s;
}

/** An ENC_UTF_8 string item; returns the string. */
export function addUtf8(t: ProtoNode | null, def: FieldDef, tvb: Tvb, offset: number, len: number): string {
  const n = itemLength(tvb, offset, len);
  const s = utf8String(tvb.view(offset, n));
  t?.add(def, tvb, offset, n, s);
  return s;
}

/** An IPv4 item (host-order value); returns it. */
export function addIPv4(t: ProtoNode | null, def: FieldDef, tvb: Tvb, offset: number): number {
  const v = tvb.u32(offset);
  t?.add(def, tvb, offset, 4, v);
  return v;
}

/** An IPv6 item; returns the 16 bytes. */
export function addIPv6(t: ProtoNode | null, def: FieldDef, tvb: Tvb, offset: number): Uint8Array {
  tvb.ensure(offset, 16);
  const b = tvb.view(offset, 16);
  t?.add(def, tvb, offset, 16, b);
  return b;
}
