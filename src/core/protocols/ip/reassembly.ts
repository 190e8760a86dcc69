import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { Tvb, type DataSource } from '../../dissect/tvb';

/** One fragment of a datagram, its payload copied out of the frame. */
export interface Fragment {
  frame: number;
  offset: number;
  bytes: Uint8Array;
}

/** A datagram put back together (Wireshark's fragment_head once FD_DEFRAGMENTED). */
export interface Reassembled {
  /** Fragments by offset, in the order the tree lists them. */
  readonly fragments: readonly Fragment[];
  readonly source: DataSource;
  /** The frame whose fragment completed the datagram. */
  readonly reassembledIn: number;
}

interface Pending {
  fragments: Fragment[];
  /** End of the fragment without "more fragments" (-1 until it is seen). */
  tailEnd: number;
}

/**
 * Fragment reassembly for one protocol, with Wireshark's first-pass semantics
 * (fragment_add_check): fragments are collected under a key until the last one is present and
 * the data is contiguous; the frame that completes the datagram gets the reassembled payload.
 * After completion the key is free again, so a later datagram with the same identification
 * starts afresh. Re-dissection (visited) only reads what the first pass stored.
 */
export class FragmentTable {
  private readonly pending = new Map<string, Pending>();
  private readonly done = new Map<string, Reassembled>();

  constructor(private readonly name: string) {}

  /**
   * Adds the fragment carried by this frame; returns the datagram once complete (in the
   * completing frame and, when re-dissected, in every frame that contributed), else null.
   */
  add(key: string, pinfo: PacketInfo, offset: number, bytes: Uint8Array, more: boolean): Reassembled | null {
    const frameKey = `${pinfo.num}|${key}`;
    if (pinfo.visited) return this.done.get(frameKey) ?? null;
    const seen = this.done.get(frameKey);
    if (seen) return seen;
    let p = this.pending.get(key);
    if (!p) {
      p = { fragments: [], tailEnd: -1 };
      this.pending.set(key, p);
    }
    p.fragments.push({ frame: pinfo.num, offset, bytes: bytes.slice() });
    if (!more) p.tailEnd = offset + bytes.length;
    if (p.tailEnd < 0) return null;
    const sorted = p.fragments.slice().sort((a, b) => a.offset - b.offset || a.frame - b.frame);
    let covered = 0;
    for (const f of sorted) {
      if (f.offset > covered) return null;
      covered = Math.max(covered, f.offset + f.bytes.length);
    }
    if (covered < p.tailEnd) return null;
    const data = new Uint8Array(p.tailEnd);
    for (const f of sorted) {
      const n = Math.min(f.bytes.length, p.tailEnd - f.offset);
      if (n > 0) data.set(f.bytes.subarray(0, n), f.offset);
    }
    const r: Reassembled = {
      fragments: sorted,
      source: { name: `Reassembled ${this.name} (${data.length} bytes)`, bytes: data },
      reassembledIn: pinfo.num,
    };
    this.pending.delete(key);
    for (const f of sorted) this.done.set(`${f.frame}|${key}`, r);
    return r;
  }
}

/** The fields a protocol shows its reassembly with (Wireshark's fragment_items). */
export interface FragmentFields {
  fragments: FieldDef;
  fragment: FieldDef;
  count: FieldDef;
  reassembledIn: FieldDef;
  reassembledLength: FieldDef;
  reassembledData: FieldDef;
  /** "IPv4", "IPv6" */
  label: string;
}

/**
 * Wireshark's process_reassembled_data for the frame being dissected: returns the tvb of the
 * reassembled payload in the frame that completed it (adding the fragment tree under `parent`),
 * otherwise null (adding "Reassembled in" when that is already known).
 */
export function processReassembled(
  r: Reassembled | null,
  pinfo: PacketInfo,
  parent: ProtoNode | null,
  tvb: Tvb,
  fields: FragmentFields,
): Tvb | null {
  if (!r) return null;
  if (r.reassembledIn !== pinfo.num) {
    if (parent) parent.add(fields.reassembledIn, tvb, 0, 0, r.reassembledIn).setGenerated();
    return null;
  }
  const next = Tvb.of(r.source);
  if (parent) {
    parent.root.addSource(r.source);
    const total = r.source.bytes.length;
    const list = r.fragments.map((f) => `#${f.frame}(${f.bytes.length})`).join(', ');
    const t = parent.add(
      fields.fragments,
      next,
      0,
      total,
      r.source.bytes,
      `${r.fragments.length} ${fields.label} Fragments (${total} bytes): ${list}`,
    );
    for (const f of r.fragments) {
      const end = f.offset + f.bytes.length - 1;
      t.add(
        fields.fragment,
        next,
        f.offset,
        f.bytes.length,
        f.frame,
        `Frame: ${f.frame}, payload: ${f.offset}-${end} (${f.bytes.length} bytes)`,
      );
    }
    t.add(fields.count, next, 0, 0, r.fragments.length);
    t.add(fields.reassembledLength, next, 0, 0, total).setGenerated();
    t.add(fields.reassembledData, next, 0, total, r.source.bytes);
  }
  return next;
}
