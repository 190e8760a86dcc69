import { formatAddress } from '../dissect/address';
import type { CaptureState } from '../dissect/capture-state';
import { FT, type FieldValue } from '../dissect/field-types';
import { hf as frameHf, type DissectedFrame, type FrameInput } from '../dissect/frame';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import { fieldsText, formatValue } from '../dissect/format';
import type { PacketInfo } from '../dissect/packet-info';
import type { CaptureInfo } from '../capture/types';
import { isIndexedField, type IndexAccessor } from '../index/index-accessor';
import { formatTimeColumn, type FrameSummary } from '../summary';

/** tshark's `-T fields` options (`-e`, `-E header/separator/occurrence/aggregator/quote`). */
export interface FieldsOptions {
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: 'f' | 'l' | 'a';
  aggregator: string;
  quote: 'n' | 'd' | 's';
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = {
  fields: [],
  header: false,
  separator: '\t',
  occurrence: 'a',
  aggregator: ',',
  quote: 'n',
};

/** What a column is read from in the one-pass CLI, where no FrameSummary object is made. */
type ColumnReader = (
  d: DissectedFrame,
  input: FrameInput,
  capture: CaptureState,
  precision: CaptureInfo['tsPrecision'],
) => string;

interface ColumnField {
  /** The member of a FrameSummary (callers that built one). */
  get: (s: FrameSummary) => string;
  /** The same text straight from the frame (the same functions frameSummary calls). */
  read: ColumnReader;
}

/** Column pseudo-fields (`_ws.col.Info`). */
const COLUMN_FIELDS: Record<string, ColumnField> = {
  '_ws.col.No.': { get: (s) => String(s.num), read: (_d, i) => String(i.num) },
  '_ws.col.Time': {
    get: (s) => s.time,
    read: (_d, i, c, p) => formatTimeColumn('relative', i, c, p),
  },
  '_ws.col.Source': { get: (s) => s.source, read: (d) => formatAddress(d.pinfo.src) },
  '_ws.col.Destination': { get: (s) => s.destination, read: (d) => formatAddress(d.pinfo.dst) },
  '_ws.col.Protocol': { get: (s) => s.protocol, read: (d) => d.cols?.protocol ?? '' },
  '_ws.col.Length': { get: (s) => String(s.length), read: (_d, i) => String(i.origlen) },
  '_ws.col.Info': { get: (s) => s.info, read: (d) => d.cols?.info ?? '' },
};

/** A frame.* value as the frame item holds it, read without a tree. */
type RecordValue = (input: FrameInput, pinfo: PacketInfo) => FieldValue;

/**
 * The frame.* fields whose items take their value straight from the record and the frame's
 * timing (see addFrameFields in dissect/frame.ts), exactly once per frame: a line that asks only
 * for these and for columns needs no tree. frame.time_delta_displayed (depends on what -Y or -f
 * displayed before), frame.protocols, frame.comment and frame.interface_name stay tree fields.
 */
const RECORD_FIELDS = new Map<FieldDef, RecordValue>([
  [frameHf.interfaceId, (i) => i.interfaceId],
  [frameHf.encapType, (i) => i.encapType],
  [frameHf.time, (i) => ({ sec: i.tsSec, nsec: i.tsNsec })],
  [frameHf.timeEpoch, (i) => ({ sec: i.tsSec, nsec: i.tsNsec })],
  [frameHf.timeDelta, (_i, p) => p.deltaNs],
  [frameHf.timeRelative, (_i, p) => p.relNs],
  [frameHf.number, (i) => i.num],
  [frameHf.len, (i) => i.origlen],
  [frameHf.capLen, (i) => i.caplen],
  [frameHf.marked, () => 0],
  [frameHf.ignored, () => 0],
]);

type PlanColumn =
  { kind: 'field'; def: FieldDef; fromRecord: RecordValue | null } | ({ kind: 'column' } & ColumnField);

/** A compiled field list: resolved once, used for every frame. */
export interface FieldsPlan {
  columns: PlanColumn[];
  needsColumns: boolean;
  /** False when every field is a column or a record-valued frame.* field (FieldsLineWriter). */
  needsTree: boolean;
  /**
   * True when every field that needs a tree is one the first pass's index columns hold
   * (IndexAccessor: ip/ipv6 addresses, tcp/udp ports, tcp.stream...): frames whose columns are
   * exact can then be printed without a tree.
   */
  indexedOnly: boolean;
}

/** A tree field the index columns answer with the tree's values (protocols and FT_NONE excluded). */
function answeredByIndex(def: FieldDef): boolean {
  return isIndexedField(def) && def.type !== FT.PROTOCOL && def.type !== FT.NONE;
}

/** Resolves field names; returns the unknown ones so the CLI can report them like tshark. */
export function planFields(names: string[]): { plan: FieldsPlan; unknown: string[] } {
  const unknown: string[] = [];
  const columns: FieldsPlan['columns'] = [];
  let needsColumns = false;
  let needsTree = false;
  let indexedOnly = true;
  for (const name of names) {
    const col = COLUMN_FIELDS[name];
    if (col) {
      columns.push({ kind: 'column', ...col });
      needsColumns = true;
      continue;
    }
    const def = fieldByAbbrev(name);
    if (!def) {
      unknown.push(name);
      continue;
    }
    const fromRecord = RECORD_FIELDS.get(def) ?? null;
    if (!fromRecord) {
      needsTree = true;
      if (!answeredByIndex(def)) indexedOnly = false;
    }
    columns.push({ kind: 'field', def, fromRecord });
  }
  return { plan: { columns, needsColumns, needsTree, indexedOnly: needsTree && indexedOnly }, unknown };
}

function quoteValue(v: string, q: FieldsOptions['quote']): string {
  if (q === 'd') return `"${v}"`;
  if (q === 's') return `'${v}'`;
  return v;
}

/** The -E header=y line: the field names as given, never quoted (tshark 4.0 quotes values only). */
export function fieldsHeader(opts: FieldsOptions): string {
  return opts.fields.join(opts.separator);
}

/** The -E occurrence text of a tree field, or null when the frame has none. */
function treeFieldText(frame: DissectedFrame, def: FieldDef, opts: FieldsOptions): string | null {
  const occ = frame.tree ? frame.tree.occurrences(def) : [];
  if (occ.length === 0) return null;
  if (opts.occurrence === 'f') return fieldsText(occ[0]);
  if (opts.occurrence === 'l') return fieldsText(occ[occ.length - 1]);
  let text = '';
  for (let i = 0; i < occ.length; i++) text += (i > 0 ? opts.aggregator : '') + fieldsText(occ[i]);
  return text;
}

/**
 * The protocols whose tree items the plan reads (DissectOptions.treeProtocols: other protocols'
 * subtrees may be left out and are not indexed), or null when every item is needed: a _ws.*
 * field (expert and malformed items sit inside any protocol's subtree).
 */
export function treeProtocolsOf(plan: FieldsPlan): ReadonlySet<string> | null {
  const protocols = new Set<string>();
  for (const c of plan.columns) {
    if (c.kind !== 'field' || c.fromRecord) continue;
    if (c.def.proto.startsWith('_ws')) return null;
    protocols.add(c.def.proto);
  }
  return protocols;
}

/** treeFieldText from the index columns (the accessor pointed at an exact frame). */
function indexFieldText(ix: IndexAccessor, def: FieldDef, opts: FieldsOptions): string | null {
  const n = ix.count(def);
  if (n === 0) return null;
  if (opts.occurrence === 'f') return formatValue(def, ix.value(def, 0));
  if (opts.occurrence === 'l') return formatValue(def, ix.value(def, n - 1));
  let text = '';
  for (let k = 0; k < n; k++) text += (k > 0 ? opts.aggregator : '') + formatValue(def, ix.value(def, k));
  return text;
}

/**
 * One output line for a frame (without the newline), every field read from the tree and the
 * columns from a FrameSummary: the reference that FieldsLineWriter must equal.
 */
export function fieldsLine(
  frame: DissectedFrame,
  plan: FieldsPlan,
  opts: FieldsOptions,
  summary: FrameSummary | null,
): string {
  const out: string[] = [];
  for (const c of plan.columns) {
    if (c.kind === 'column') {
      out.push(summary ? quoteValue(c.get(summary), opts.quote) : '');
      continue;
    }
    const text = treeFieldText(frame, c.def, opts);
    out.push(text === null ? '' : quoteValue(text, opts.quote));
  }
  return out.join(opts.separator);
}

/**
 * The one-pass writer of `-T fields` lines: columns are read from the frame (no FrameSummary),
 * record-valued frame.* fields from the record (so a plan without needsTree runs without a
 * tree), the rest from the tree. Same text as fieldsLine with the tree and frameSummary.
 */
export class FieldsLineWriter {
  constructor(
    private readonly plan: FieldsPlan,
    private readonly opts: FieldsOptions,
    private readonly capture: CaptureState,
  ) {}

  /**
   * One output line (without the newline). `hasColumns` says `d` was dissected with columns;
   * tree fields are read from `index` when given (pointed at this frame, which must be exact
   * there, and every tree field indexed: plan.indexedOnly), else from `treeFrame`'s tree.
   */
  line(
    d: DissectedFrame,
    input: FrameInput,
    precision: CaptureInfo['tsPrecision'],
    hasColumns: boolean,
    index: IndexAccessor | null = null,
    treeFrame: DissectedFrame = d,
  ): string {
    const { columns } = this.plan;
    const { separator, quote } = this.opts;
    let s = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) s += separator;
      const c = columns[i];
      if (c.kind === 'column') {
        if (hasColumns) s += quoteValue(c.read(d, input, this.capture, precision), quote);
      } else if (c.fromRecord) {
        s += quoteValue(formatValue(c.def, c.fromRecord(input, d.pinfo)), quote);
      } else {
        const text = index
          ? indexFieldText(index, c.def, this.opts)
          : treeFieldText(treeFrame, c.def, this.opts);
        if (text !== null) s += quoteValue(text, quote);
      }
    }
    return s;
  }
}
