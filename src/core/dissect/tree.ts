import type { FieldDef } from './fields';
import type { FieldValue } from './field-types';
import type { DataSource, Tvb } from './tvb';

/**
 * One item of a frame's protocol tree. Built only when a tree is wanted (the selected
 * frame, `-T fields`, filters on deep fields); the first pass dissects with `tree = null`.
 */
export class ProtoNode {
  children: ProtoNode[] | null = null;
  /** Full label text; when undefined the label is derived from the field and value. */
  label: string | undefined;
  /** Set for items computed by analysis rather than read from the bytes (shown in [brackets]). */
  generated = false;
  /** Hidden items are filterable but not shown in the tree (Wireshark's PROTO_ITEM_SET_HIDDEN). */
  hidden = false;

  constructor(
    readonly root: FrameTree,
    readonly def: FieldDef,
    readonly source: DataSource,
    /** Offset in source.bytes. */
    readonly pos: number,
    public len: number,
    public value: FieldValue,
  ) {}

  /** Adds a child item covering tvb[offset, offset+length). */
  add(def: FieldDef, tvb: Tvb, offset: number, length: number, value: FieldValue, label?: string): ProtoNode {
    const n = new ProtoNode(this.root, def, tvb.source, tvb.pos(offset), length, value);
    if (label !== undefined) n.label = label;
    (this.children ??= []).push(n);
    this.root.index(n);
    return n;
  }

  /** Adds a generated (analysis) child; it points at the same bytes as this item. */
  addGenerated(def: FieldDef, value: FieldValue, label?: string): ProtoNode {
    const n = new ProtoNode(this.root, def, this.source, this.pos, 0, value);
    n.generated = true;
    if (label !== undefined) n.label = label;
    (this.children ??= []).push(n);
    this.root.index(n);
    return n;
  }

  /** Adds a hidden child (filterable, not displayed), e.g. `ip.addr`, `tcp.port`. */
  addHidden(def: FieldDef, tvb: Tvb, offset: number, length: number, value: FieldValue): ProtoNode {
    const n = this.add(def, tvb, offset, length, value);
    n.hidden = true;
    return n;
  }

  /** Adds a text-only line (no field), like proto_tree_add_text/expert text. */
  addText(tvb: Tvb | null, offset: number, length: number, text: string): ProtoNode {
    const n = new ProtoNode(
      this.root,
      this.root.textField,
      tvb ? tvb.source : this.source,
      tvb ? tvb.pos(offset) : this.pos,
      tvb ? length : 0,
      null,
    );
    n.label = text;
    (this.children ??= []).push(n);
    return n;
  }

  /** Mark generated and return this (chaining). */
  setGenerated(): this {
    this.generated = true;
    return this;
  }

  setHidden(): this {
    this.hidden = true;
    return this;
  }

  /** Adjusts the length once a protocol knows how much it consumed. */
  setLength(len: number): this {
    this.len = len;
    return this;
  }

  appendLabel(text: string): this {
    this.label = (this.label ?? '') + text;
    return this;
  }
}

/** The root of a frame's tree, with an index of items by field id in the order they were added. */
export class FrameTree {
  readonly top: ProtoNode[] = [];
  private readonly byField = new Map<number, ProtoNode[]>();
  /** Every data source referenced by the tree; [0] is the frame itself. */
  readonly sources: DataSource[];

  constructor(
    frame: DataSource,
    /** A placeholder field for text-only lines. */
    readonly textField: FieldDef,
    /**
     * For a display filter's tree (DissectOptions.treeProtocols): the only protocols whose items
     * `occurrences` must find; other items are built but not indexed. Null: all of them.
     */
    private readonly indexed: ReadonlySet<string> | null = null,
  ) {
    this.sources = [frame];
  }

  /** Adds a top-level item (a protocol) covering tvb[offset, offset+length). */
  add(def: FieldDef, tvb: Tvb, offset: number, length: number, value: FieldValue, label?: string): ProtoNode {
    const n = new ProtoNode(this, def, tvb.source, tvb.pos(offset), length, value);
    if (label !== undefined) n.label = label;
    this.top.push(n);
    this.index(n);
    return n;
  }

  addSource(ds: DataSource): void {
    if (!this.sources.includes(ds)) this.sources.push(ds);
  }

  /** @internal */
  index(n: ProtoNode): void {
    if (this.indexed !== null && !this.indexed.has(n.def.proto)) return;
    const list = this.byField.get(n.def.id);
    if (list) list.push(n);
    else this.byField.set(n.def.id, [n]);
  }

  /**
   * All occurrences of a field, in the order they were added (tshark's occurrence order). A
   * filter's tree finds only the items of its protocols (see the constructor).
   */
  occurrences(def: FieldDef): readonly ProtoNode[] {
    return this.byField.get(def.id) ?? EMPTY;
  }

  has(def: FieldDef): boolean {
    return this.byField.has(def.id);
  }
}

const EMPTY: readonly ProtoNode[] = [];
