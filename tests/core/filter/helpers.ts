import { BASE, FT, type FieldValue } from '../../../src/core/dissect/field-types';
import { registerFields, registerProtocol, tfs, vals, type FieldDef } from '../../../src/core/dissect/fields';
import type { DissectedFrame } from '../../../src/core/dissect/frame';
import type { PacketInfo } from '../../../src/core/dissect/packet-info';
import { FrameTree, type ProtoNode } from '../../../src/core/dissect/tree';
import { Tvb, type DataSource } from '../../../src/core/dissect/tvb';
import { compileDisplayFilter, type DisplayFilter } from '../../../src/core/filter/index';

/**
 * Test protocols with one field of every type, so the filter tests do not depend on what the
 * real dissectors register. Names follow Wireshark's conventions (proto.field).
 */
export const tproto = registerProtocol('tp', 'Test Protocol', 'TP');
export const tinner = registerProtocol('tq', 'Inner Test Protocol', 'TQ');
export const tf = registerFields({
  u8: { abbrev: 'tp.u8', name: 'U8', type: FT.UINT8 },
  u16: { abbrev: 'tp.u16', name: 'U16', type: FT.UINT16 },
  u32: { abbrev: 'tp.u32', name: 'U32', type: FT.UINT32 },
  u64: { abbrev: 'tp.u64', name: 'U64', type: FT.UINT64 },
  i32: { abbrev: 'tp.i32', name: 'I32', type: FT.INT32 },
  flag: {
    abbrev: 'tp.flag',
    name: 'Flag',
    type: FT.BOOLEAN,
    strings: tfs('Set', 'Not set'),
    bitWidth: 8,
    bitmask: 0x40,
  },
  bool: { abbrev: 'tp.bool', name: 'Bool', type: FT.BOOLEAN },
  code: {
    abbrev: 'tp.code',
    name: 'Code',
    type: FT.UINT16,
    strings: vals({ 0: 'No error', 3: 'No such name', 5: 'Refused' }),
  },
  kind: { abbrev: 'tp.kind', name: 'Kind', type: FT.UINT16, base: BASE.HEX },
  str: { abbrev: 'tp.str', name: 'Str', type: FT.STRING },
  bytes: { abbrev: 'tp.bytes', name: 'Bytes', type: FT.BYTES },
  ether: { abbrev: 'tp.ether', name: 'Ether', type: FT.ETHER },
  ip: { abbrev: 'tp.ip', name: 'IPv4', type: FT.IPv4 },
  ip6: { abbrev: 'tp.ip6', name: 'IPv6', type: FT.IPv6 },
  abs: { abbrev: 'tp.abs', name: 'Time', type: FT.ABSOLUTE_TIME },
  rel: { abbrev: 'tp.rel', name: 'Delta', type: FT.RELATIVE_TIME },
  dbl: { abbrev: 'tp.dbl', name: 'Double', type: FT.DOUBLE },
  none: { abbrev: 'tp.none', name: 'Label', type: FT.NONE },
  other: { abbrev: 'tp.other', name: 'Never present', type: FT.UINT32 },
  qu16: { abbrev: 'tq.u16', name: 'Inner U16', type: FT.UINT16 },
});

/** An item to put in a test frame: a field with a value, optionally with children. */
export interface Item {
  def: FieldDef;
  value?: FieldValue;
  /** Byte range in the frame (protocol items: what they cover). */
  at?: [number, number];
  children?: Item[];
}

/** A frame whose tree holds `items` (in order) over `bytes`. */
export function frame(items: Item[], bytes: Uint8Array = new Uint8Array(64)): DissectedFrame {
  const source: DataSource = { name: 'Frame', bytes };
  const tvb = Tvb.of(source);
  const tree = new FrameTree(source, tf.none);
  const add = (parent: FrameTree | ProtoNode, it: Item): void => {
    const [off, len] = it.at ?? [0, 0];
    const n = parent.add(it.def, tvb, off, len, it.value ?? null);
    for (const c of it.children ?? []) add(n, c);
  };
  for (const it of items) add(tree, it);
  // The filter reads only the tree; these frames have no packet info.
  return { pinfo: null as unknown as PacketInfo, bytes, tree, cols: null };
}

export function compile(text: string): DisplayFilter {
  const r = compileDisplayFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

/** Whether `text` matches the frame. */
export function matches(text: string, f: DissectedFrame): boolean {
  return compile(text).matches(f);
}

/** The error message for a rejected filter. */
export function rejection(text: string): string {
  const r = compileDisplayFilter(text);
  if (r.ok) throw new Error(`${text} was accepted`);
  return r.error.message;
}
