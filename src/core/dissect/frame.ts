import { registerFields, registerProtocol, tfs } from './fields';
import { BASE, FT } from './field-types';
import { Columns } from './columns';
import { dissectorTable, type TreeParent } from './tables';
import { FrameTree, type ProtoNode } from './tree';
import { BoundsError, Tvb, type DataSource } from './tvb';
import { PacketInfo } from './packet-info';
import type { CaptureState } from './capture-state';
import { SEVERITY, SEVERITY_NAMES, type ExpertGroup, type Severity } from './expert';
import type { FieldDef } from './fields';

export const proto = {
  frame: registerProtocol('frame', 'Frame', 'Frame'),
  data: registerProtocol('data', 'Data', 'Data'),
  malformed: registerProtocol('_ws.malformed', 'Malformed Packet', 'Malformed'),
  text: registerProtocol('_ws.text', 'Text item', 'Text'),
  short: registerProtocol('_ws.short', 'Short Frame', 'Short frame'),
};

export const hf = registerFields({
  interfaceId: { abbrev: 'frame.interface_id', name: 'Interface id', type: FT.UINT32 },
  interfaceName: { abbrev: 'frame.interface_name', name: 'Interface name', type: FT.STRING },
  encapType: { abbrev: 'frame.encap_type', name: 'Encapsulation type', type: FT.INT16 },
  time: { abbrev: 'frame.time', name: 'Arrival Time', type: FT.ABSOLUTE_TIME, base: BASE.NONE },
  timeEpoch: { abbrev: 'frame.time_epoch', name: 'Epoch Time', type: FT.ABSOLUTE_TIME, base: BASE.DEC },
  timeDelta: {
    abbrev: 'frame.time_delta',
    name: 'Time delta from previous captured frame',
    type: FT.RELATIVE_TIME,
  },
  timeDeltaDisplayed: {
    abbrev: 'frame.time_delta_displayed',
    name: 'Time delta from previous displayed frame',
    type: FT.RELATIVE_TIME,
  },
  timeRelative: {
    abbrev: 'frame.time_relative',
    name: 'Time since reference or first frame',
    type: FT.RELATIVE_TIME,
  },
  number: { abbrev: 'frame.number', name: 'Frame Number', type: FT.UINT32 },
  len: { abbrev: 'frame.len', name: 'Frame length on the wire', type: FT.UINT32, unit: ' bytes' },
  capLen: {
    abbrev: 'frame.cap_len',
    name: 'Frame length stored into the capture file',
    type: FT.UINT32,
    unit: ' bytes',
  },
  marked: {
    abbrev: 'frame.marked',
    name: 'Frame is marked',
    type: FT.BOOLEAN,
    strings: tfs('True', 'False'),
  },
  ignored: {
    abbrev: 'frame.ignored',
    name: 'Frame is ignored',
    type: FT.BOOLEAN,
    strings: tfs('True', 'False'),
  },
  protocols: { abbrev: 'frame.protocols', name: 'Protocols in frame', type: FT.STRING },
  comment: { abbrev: 'frame.comment', name: 'Comment', type: FT.STRING },
  dataData: { abbrev: 'data.data', name: 'Data', type: FT.BYTES },
  dataLen: { abbrev: 'data.len', name: 'Length', type: FT.UINT32 },
  expert: { abbrev: '_ws.expert', name: 'Expert Info', type: FT.NONE },
  expertMessage: { abbrev: '_ws.expert.message', name: 'Message', type: FT.STRING },
  expertSeverity: { abbrev: '_ws.expert.severity', name: 'Severity level', type: FT.UINT32 },
  expertGroup: { abbrev: '_ws.expert.group', name: 'Group', type: FT.UINT32 },
  malformedExpert: {
    abbrev: '_ws.malformed.expert',
    name: 'Malformed Packet (Exception occurred)',
    type: FT.NONE,
  },
});

/** Wireshark's numeric severity values (PI_*), shown by _ws.expert.severity. */
const SEVERITY_VALUE: Record<Severity, number> = {
  [SEVERITY.COMMENT]: 0x00100000,
  [SEVERITY.CHAT]: 0x00200000,
  [SEVERITY.NOTE]: 0x00400000,
  [SEVERITY.WARN]: 0x00600000,
  [SEVERITY.ERROR]: 0x00800000,
};

/** Wireshark's numeric group values (PI_*), shown by _ws.expert.group. */
const GROUP_VALUE: Record<ExpertGroup, number> = {
  Checksum: 0x01000000,
  Sequence: 0x02000000,
  'Response Code': 0x03000000,
  'Request Code': 0x04000000,
  Undecoded: 0x05000000,
  Reassemble: 0x06000000,
  Malformed: 0x07000000,
  Debug: 0x08000000,
  Protocol: 0x09000000,
  Security: 0x0a000000,
  Comment: 0x0b000000,
  Decryption: 0x0c000000,
  Assumption: 0x0d000000,
  Deprecated: 0x0e000000,
};

/**
 * The tree part of Wireshark's expert_add_info: under `parent`, a generated
 * "[Expert Info (Severity/Group): summary]" item (`_ws.expert`) holding the expert field
 * itself, the hidden `_ws.expert.message` and the severity and group; an item of the
 * Malformed group also adds a hidden `_ws.malformed` next to it, as tshark does.
 */
export function addExpertTree(
  parent: ProtoNode,
  def: FieldDef,
  severity: Severity,
  group: ExpertGroup,
  summary: string,
): ProtoNode {
  const e = parent.addGenerated(
    hf.expert,
    null,
    `Expert Info (${SEVERITY_NAMES[severity]}/${group}): ${summary}`,
  );
  e.addGenerated(def, null, summary);
  e.addGenerated(hf.expertMessage, summary).setHidden();
  e.addGenerated(hf.expertSeverity, SEVERITY_VALUE[severity], `Severity level: ${SEVERITY_NAMES[severity]}`);
  e.addGenerated(hf.expertGroup, GROUP_VALUE[group], `Group: ${group}`);
  if (group === 'Malformed') parent.addGenerated(proto.malformed, null).setHidden();
  return e;
}

/** Link-layer dissectors register here under their LINKTYPE_* number. */
export const linktypeTable = dissectorTable('wtap_encap', 'Link type (LINKTYPE_*)');

/** What the caller of dissectFrame wants built. */
export interface DissectOptions {
  tree: boolean;
  columns: boolean;
  /**
   * How far to dissect: 'all' (default) or 'transport', which stops after TCP/UDP/ICMP (their
   * payload goes to the data dissector) — for measuring and for loads that need no more.
   */
  layers?: 'all' | 'transport';
  /** TCP sequence analysis (tshark's tcp.analyze_sequence_numbers preference); default on. */
  tcpAnalysis?: boolean;
  /**
   * A tree for a display filter that names only these protocols' fields: dissectors may leave
   * out a subtree of other protocols when that changes nothing else (the same layers, expert
   * items and exceptions), as Wireshark fakes the items no filter asked for. Unset: every item.
   */
  treeProtocols?: ReadonlySet<string>;
}

/** Everything needed to dissect one frame. */
export interface FrameInput {
  num: number;
  tsSec: number;
  tsNsec: number;
  /** Timestamp of the previous captured frame (for frame.time_delta); NaN for frame 1. */
  prevSec: number;
  prevNsec: number;
  caplen: number;
  origlen: number;
  linktype: number;
  interfaceId: number;
  comments?: string[];
  /** Wireshark encapsulation number for frame.encap_type. */
  encapType: number;
}

export interface DissectedFrame {
  pinfo: PacketInfo;
  /** The frame's captured bytes. */
  bytes: Uint8Array;
  tree: FrameTree | null;
  cols: Columns | null;
}

function diffNs(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (aSec - bSec) * 1e9 + (aNsec - bNsec);
}

/** Dissects the data no other dissector claimed (Wireshark's "data" protocol). */
export function dissectData(tvb: Tvb, pinfo: PacketInfo, parent: TreeParent): number {
  // Like Wireshark's data dissector: it shows (and counts) the captured bytes, and with none
  // captured it declines the payload, so "data" does not appear in frame.protocols.
  const n = tvb.length;
  if (n === 0) return 0;
  pinfo.addLayer('data');
  if (parent) {
    const p = parent.add(proto.data, tvb, 0, n, null, `Data (${n} byte${n === 1 ? '' : 's'})`);
    p.add(hf.dataData, tvb, 0, n, tvb.view(0, n));
    p.add(hf.dataLen, tvb, 0, 0, n).setGenerated();
  }
  return n;
}

/**
 * dissectData on `tvb.sub(offset)` (offset within the captured bytes), without making the
 * sub-tvb when there is no tree to show it in (transport-only first passes).
 */
export function dissectDataAt(tvb: Tvb, offset: number, pinfo: PacketInfo, parent: TreeParent): number {
  if (parent) return dissectData(tvb.sub(offset), pinfo, parent);
  const n = tvb.remaining(offset);
  if (n !== 0) pinfo.addLayer('data');
  return n;
}

/**
 * Shows a bounds error the way Wireshark's show_exception does, instead of letting it escape:
 * a frame cut short by the snaplen gets "[Packet size limited during capture]", a packet that
 * claims more bytes than it has gets "[Malformed Packet]" plus an expert item. Dissectors that
 * catch exceptions from their payload (ethertype, 802.3, TCP PDUs) call this too.
 */
export function showException(e: BoundsError, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): void {
  if (e.kind === 'captured') {
    pinfo.cols?.appendInfo('[Packet size limited during capture]');
    tree?.add(
      proto.short,
      tvb,
      0,
      0,
      null,
      `[Packet size limited during capture: ${pinfo.currentProto} truncated]`,
    );
    return;
  }
  pinfo.cols?.appendInfo('[Malformed Packet]');
  pinfo.expert.push({
    frame: pinfo.num,
    severity: SEVERITY.ERROR,
    group: 'Malformed',
    protocol: pinfo.currentProto,
    summary: 'Malformed Packet (Exception occurred)',
    field: '_ws.malformed.expert',
  });
  if (tree) {
    const m = tree.add(proto.malformed, tvb, 0, 0, null, `[Malformed Packet: ${pinfo.currentProto}]`);
    addExpertTree(
      m,
      hf.malformedExpert,
      SEVERITY.ERROR,
      'Malformed',
      'Malformed Packet (Exception occurred)',
    );
  }
}

/**
 * Dissects one frame: the frame pseudo-protocol, then the link layer by link type, down to
 * whatever claims the payload. Never throws for bad packet data.
 */
export function dissectFrame(
  capture: CaptureState,
  input: FrameInput,
  bytes: Uint8Array,
  opts: DissectOptions,
  visited: boolean,
  /**
   * A PacketInfo to reset and reuse (a first pass whose frames nobody reads afterwards); without
   * a tree, the frame's tvb and data source are then reused too.
   */
  reuse: PacketInfo | null = null,
  /** Where the frame starts in `bytes` (saves a per-frame view when the caller reads a chunk). */
  start = 0,
): DissectedFrame {
  let pinfo: PacketInfo;
  if (reuse) {
    reuse.reset();
    pinfo = reuse;
  } else {
    pinfo = new PacketInfo(capture);
  }
  pinfo.num = input.num;
  pinfo.tsSec = input.tsSec;
  pinfo.tsNsec = input.tsNsec;
  pinfo.caplen = input.caplen;
  pinfo.origlen = input.origlen;
  pinfo.linktype = input.linktype;
  pinfo.interfaceId = input.interfaceId;
  pinfo.visited = visited;
  pinfo.payloadDissection = opts.layers !== 'transport';
  pinfo.tcpAnalysis = opts.tcpAnalysis !== false;
  pinfo.treeProtocols = opts.treeProtocols ?? null;
  if (Number.isNaN(capture.firstSec)) {
    capture.firstSec = input.tsSec;
    capture.firstNsec = input.tsNsec;
  }
  pinfo.relNs = diffNs(input.tsSec, input.tsNsec, capture.firstSec, capture.firstNsec);
  pinfo.deltaNs = Number.isNaN(input.prevSec)
    ? 0
    : diffNs(input.tsSec, input.tsNsec, input.prevSec, input.prevNsec);
  const cols = opts.columns ? new Columns() : null;
  pinfo.cols = cols;

  const length = Math.min(input.caplen, bytes.length - start);
  const reported = Math.max(input.origlen, input.caplen);
  const scratch = reuse !== null && !opts.tree;
  let source: DataSource;
  let tvb: Tvb;
  if (scratch) {
    source = scratchSource.point(bytes, start, length, input.caplen);
    tvb = scratchTvb.repoint(bytes, start, length, reported, source, 0);
  } else {
    const frame = start === 0 ? bytes : bytes.subarray(start, start + input.caplen);
    source = new FrameSource(frame, input.caplen);
    tvb = new Tvb(frame, 0, length, reported, source, 0);
  }
  const tree = opts.tree ? new FrameTree(source, proto.text, opts.treeProtocols ?? null) : null;
  const frameItem = tree ? addFrameItem(tree, tvb, input, pinfo) : null;

  const link = linktypeTable.get(input.linktype);
  try {
    if (link) link(tvb, pinfo, tree);
    else dissectUnknownLink(tvb, pinfo, tree, input.encapType);
  } catch (e) {
    if (e instanceof BoundsError) showException(e, tvb, pinfo, tree);
    else throw e;
  }

  if (frameItem) {
    frameItem.add(hf.protocols, tvb, 0, 0, pinfo.layers.join(':')).setGenerated();
  }
  if (scratch) {
    // Whoever passes a PacketInfo to reuse reads the result before the next frame.
    const r = (scratchResult ??= new ScratchFrame(scratchSource, pinfo));
    r.pinfo = pinfo;
    r.cols = cols;
    return r;
  }
  return { pinfo, bytes: source.bytes, tree, cols };
}

/**
 * The frame as a data source. Its tab name is only built when asked for: the first pass makes
 * one per frame and never shows it.
 */
class FrameSource implements DataSource {
  constructor(
    readonly bytes: Uint8Array,
    private readonly caplen: number,
  ) {}

  get name(): string {
    return `Frame (${this.caplen} bytes)`;
  }
}

/**
 * The frame as a data source in a scratch first pass (no tree): one object re-pointed at each
 * frame, whose byte view is only made when asked for (the first pass rarely does).
 */
class ScratchFrameSource implements DataSource {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private length = 0;
  private caplen = 0;

  point(buf: Uint8Array, start: number, length: number, caplen: number): this {
    this.buf = buf;
    this.start = start;
    this.length = length;
    this.caplen = caplen;
    return this;
  }

  get bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.start + this.length);
  }

  get name(): string {
    return `Frame (${this.caplen} bytes)`;
  }
}

/** The one result of first passes that reuse their PacketInfo; its bytes are the frame's. */
class ScratchFrame implements DissectedFrame {
  tree: FrameTree | null = null;
  cols: Columns | null = null;

  constructor(
    private readonly source: ScratchFrameSource,
    public pinfo: PacketInfo,
  ) {}

  get bytes(): Uint8Array {
    return this.source.bytes;
  }
}

const scratchSource = new ScratchFrameSource();
const scratchTvb = new Tvb(new Uint8Array(0), 0, 0, 0, scratchSource, 0);
let scratchResult: ScratchFrame | null = null;

/** A link type no dissector is registered for: Wireshark's "WTAP_ENCAP = n" data frame. */
function dissectUnknownLink(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, encapType: number): void {
  pinfo.cols?.setProtocol(`WTAP_ENCAP = ${encapType}`);
  pinfo.cols?.setInfo(`WTAP_ENCAP = ${encapType}`);
  dissectData(tvb, pinfo, tree);
}

/** The "Frame N: ..." item with its fields (kept out of dissectFrame, which stays small). */
function addFrameItem(tree: FrameTree, tvb: Tvb, input: FrameInput, pinfo: PacketInfo): ProtoNode {
  const frameItem = tree.add(
    proto.frame,
    tvb,
    0,
    tvb.length,
    null,
    `Frame ${input.num}: ${input.origlen} bytes on wire (${input.origlen * 8} bits), ${input.caplen} bytes captured (${input.caplen * 8} bits)`,
  );
  addFrameFields(frameItem, tvb, input, pinfo);
  return frameItem;
}

function addFrameFields(f: ProtoNode, tvb: Tvb, input: FrameInput, pinfo: PacketInfo): void {
  f.add(hf.interfaceId, tvb, 0, 0, input.interfaceId);
  f.add(hf.encapType, tvb, 0, 0, input.encapType);
  const ts = { sec: input.tsSec, nsec: input.tsNsec };
  f.add(hf.time, tvb, 0, 0, ts);
  f.add(hf.timeEpoch, tvb, 0, 0, ts);
  f.add(hf.timeDelta, tvb, 0, 0, pinfo.deltaNs);
  const shown = pinfo.capture.prevDisplayed;
  const deltaDisplayed = !pinfo.capture.filtering
    ? pinfo.deltaNs
    : shown
      ? diffNs(input.tsSec, input.tsNsec, shown.sec, shown.nsec)
      : 0;
  f.add(hf.timeDeltaDisplayed, tvb, 0, 0, deltaDisplayed);
  f.add(hf.timeRelative, tvb, 0, 0, pinfo.relNs);
  f.add(hf.number, tvb, 0, 0, input.num);
  f.add(hf.len, tvb, 0, 0, input.origlen);
  f.add(hf.capLen, tvb, 0, 0, input.caplen);
  f.add(hf.marked, tvb, 0, 0, 0);
  f.add(hf.ignored, tvb, 0, 0, 0);
  if (input.comments) for (const c of input.comments) f.add(hf.comment, tvb, 0, 0, c);
}
