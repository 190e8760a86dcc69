import { FT, type FieldValue } from '../dissect/field-types';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { FrameTree, ProtoNode } from '../dissect/tree';

/**
 * Where a compiled filter reads field occurrences from. The tree-backed accessor below serves
 * dissected frames; an index-backed one (fields kept in columns per frame) can answer filters on
 * indexed fields without building trees. Indices are 0-based occurrence numbers in tshark's
 * occurrence order. Nothing here allocates per call except `bytes` for protocol items.
 */
export interface FieldAccessor {
  /** Number of occurrences of the field in the frame. */
  count(def: FieldDef): number;
  /** Value of occurrence i (FieldValue conventions). */
  value(def: FieldDef, i: number): FieldValue;
  /** The bytes occurrence i covers (what a protocol's value is in a filter). */
  bytes(def: FieldDef, i: number): Uint8Array;
  /**
   * The bytes from occurrence i to the end of the data its protocol was dissected from: what
   * `contains` and `matches` search in a protocol (tshark's `udp contains "x"` sees the payload).
   */
  tail(def: FieldDef, i: number): Uint8Array;
  /** Length in bytes of the item (len() of protocols and labels). */
  length(def: FieldDef, i: number): number;
  /** 1-based layer of occurrence i: which occurrence of its protocol in the frame contains it. */
  layer(def: FieldDef, i: number): number;
  /** How many layers of the field's protocol the frame has (for negative layer numbers). */
  layerCount(def: FieldDef): number;
}

const NONE: readonly ProtoNode[] = [];

/** Reads a dissected frame's protocol tree. Reset it with `use(tree)` for each frame. */
export class TreeAccessor implements FieldAccessor {
  private tree: FrameTree | null = null;
  private layers: Map<ProtoNode, number> | null = null;

  use(tree: FrameTree | null): this {
    if (tree !== this.tree) {
      this.tree = tree;
      this.layers = null;
    }
    return this;
  }

  private nodes(def: FieldDef): readonly ProtoNode[] {
    return this.tree ? this.tree.occurrences(def) : NONE;
  }

  count(def: FieldDef): number {
    return this.nodes(def).length;
  }

  value(def: FieldDef, i: number): FieldValue {
    return this.nodes(def)[i].value;
  }

  bytes(def: FieldDef, i: number): Uint8Array {
    const n = this.nodes(def)[i];
    if (n.def.type === FT.PROTOCOL && n.len === 0 && n.value instanceof Uint8Array) return n.value;
    return n.source.bytes.subarray(n.pos, n.pos + n.len);
  }

  tail(def: FieldDef, i: number): Uint8Array {
    const n = this.nodes(def)[i];
    // Protocol items named like fields (tcp.options.sack_perm) sit inside their parent's data.
    if (n.def.type !== FT.PROTOCOL || n.def.abbrev.includes('.') || !this.tree) return this.bytes(def, i);
    const end = dataEnd(this.tree, n);
    return n.source.bytes.subarray(n.pos, Math.min(end, n.source.bytes.length));
  }

  length(def: FieldDef, i: number): number {
    return this.nodes(def)[i].len;
  }

  layer(def: FieldDef, i: number): number {
    this.layers ??= layerNumbers(this.tree);
    return this.layers.get(this.nodes(def)[i]) ?? 1;
  }

  layerCount(def: FieldDef): number {
    const proto = fieldByAbbrev(def.proto);
    return proto ? this.count(proto) : 0;
  }
}

/**
 * Layer number of every item: items belong to the innermost enclosing item of their protocol,
 * whose layer is its rank among that protocol's items (ip.src#2 is the inner IP header's source).
 */
function layerNumbers(tree: FrameTree | null): Map<ProtoNode, number> {
  const out = new Map<ProtoNode, number>();
  if (!tree) return out;
  const seen = new Map<string, number>();
  const current = new Map<string, number>();
  const visit = (n: ProtoNode): void => {
    const proto = n.def.proto;
    let saved: number | undefined;
    const isProto = n.def.type === FT.PROTOCOL;
    if (isProto) {
      const num = (seen.get(n.def.abbrev) ?? 0) + 1;
      seen.set(n.def.abbrev, num);
      saved = current.get(n.def.abbrev);
      current.set(n.def.abbrev, num);
    }
    out.set(n, current.get(proto) ?? 1);
    if (n.children) for (const c of n.children) visit(c);
    if (isProto) {
      if (saved === undefined) current.delete(n.def.abbrev);
      else current.set(n.def.abbrev, saved);
    }
  };
  for (const n of tree.top) visit(n);
  return out;
}

/**
 * Where the data a protocol was dissected from ends. The tree does not record tvb bounds, so this
 * takes the furthest byte (in the same data source) covered by the item, its descendants and the
 * items that follow it at its level: a protocol's payload is dissected after it, and trailers that
 * a lower layer shows as its own children stay outside.
 */
function dataEnd(tree: FrameTree, n: ProtoNode): number {
  const siblings = siblingsOf(tree.top, n) ?? [n];
  let end = n.pos + n.len;
  for (let k = siblings.indexOf(n); k < siblings.length; k++)
    end = Math.max(end, subtreeEnd(siblings[k], n.source));
  return end;
}

function subtreeEnd(n: ProtoNode, source: ProtoNode['source']): number {
  let end = n.source === source ? n.pos + n.len : 0;
  if (n.children) for (const c of n.children) end = Math.max(end, subtreeEnd(c, source));
  return end;
}

/** The list of items `n` belongs to (the top level or its parent's children). */
function siblingsOf(list: readonly ProtoNode[], n: ProtoNode): readonly ProtoNode[] | null {
  if (list.includes(n)) return list;
  for (const c of list) {
    const found = c.children ? siblingsOf(c.children, n) : null;
    if (found) return found;
  }
  return null;
}
