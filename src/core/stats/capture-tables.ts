import { tcpStreamOf } from '../analysis/tcp-analysis';
import type { DissectedFrame } from '../dissect/frame';
import type { CaptureSession } from '../session';
import { ConversationTable, conversationRows, type ConversationRow } from './conversations';
import { EndpointIds } from './endpoint-ids';
import { EndpointTable, endpointRows, type EndpointRow } from './endpoints';
import { sessionExpertRows, type ExpertGroupRow } from './expert-summary';
import { frameTapEvents, frameTapEventsFast, TAP_KINDS, type TapEvent, type TapKind } from './frame-taps';
import { ProtocolHierarchy, type HierarchyNode } from './hierarchy';
import { IndexTaps } from './index-taps';
import { nsDelta } from './rel-time';

export interface TableOptions {
  /** Conversation tables to build (default: all five). */
  conversations?: readonly TapKind[];
  /** Endpoint tables to build (default: all five). */
  endpoints?: readonly TapKind[];
  /** Build the protocol hierarchy (needs every frame's tree: the slow part). Default false. */
  hierarchy?: boolean;
}

/** The statistics tables of a capture as plain data (structured-clone friendly) for the UI. */
export interface CaptureTables {
  conversations: Partial<Record<TapKind, ConversationRow[]>>;
  endpoints: Partial<Record<TapKind, EndpointRow[]>>;
  hierarchy: HierarchyNode | null;
  expert: ExpertGroupRow[];
  /** Frames that needed their tree for the conversation/endpoint taps (tunnels), for profiling. */
  framesWithTree: number;
}

/**
 * Accumulates the tables frame by frame, with the same table classes as the CLI's -z reports.
 * Frames may come with or without a tree: without one, the taps are read from PacketInfo when
 * that is exact (frameTapEventsFast) and the frame is dissected again with its tree otherwise.
 */
export class CaptureTablesBuilder {
  readonly conv = new Map<TapKind, ConversationTable>();
  readonly ends = new Map<TapKind, EndpointTable>();
  readonly hierarchy: ProtocolHierarchy | null;
  framesWithTree = 0;
  /** Endpoint numbering shared by all the tables (an id is looked up once per header). */
  readonly ids = new EndpointIds();
  /** The index reader of feedIndexed (made on first use, kept across slices). */
  indexTaps: IndexTaps | null = null;

  constructor(
    private readonly session: CaptureSession,
    opts: TableOptions = {},
  ) {
    for (const k of opts.conversations ?? TAP_KINDS) this.conv.set(k, new ConversationTable(k, this.ids));
    for (const k of opts.endpoints ?? TAP_KINDS) this.ends.set(k, new EndpointTable(k, this.ids));
    this.hierarchy = opts.hierarchy ? new ProtocolHierarchy() : null;
  }

  /** Whether frames must be fed with their tree (the hierarchy needs it). */
  get needsTree(): boolean {
    return this.hierarchy !== null;
  }

  add(d: DissectedFrame): void {
    const num = d.pinfo.num;
    const len = d.pinfo.origlen;
    if (this.hierarchy) this.hierarchy.add(d, len);
    if (this.conv.size === 0 && this.ends.size === 0) return;
    let events: TapEvent[] | null = d.tree
      ? frameTapEvents(d)
      : frameTapEventsFast(d, tcpStreamOf(d.pinfo.capture, num));
    if (events === null) {
      this.framesWithTree++;
      events = frameTapEvents(this.session.dissect(num, { tree: true, columns: false }));
    }
    if (events.length === 0) return;
    const ix = this.session.index;
    const rel = nsDelta(ix.tsSec[num - 1], ix.tsNsec[num - 1], ix.tsSec[0], ix.tsNsec[0]);
    const abs = { sec: ix.tsSec[num - 1], nsec: ix.tsNsec[num - 1] };
    for (const e of events) {
      const conv = this.conv.get(e.kind);
      const ends = this.ends.get(e.kind);
      if (!conv && !ends) continue;
      // Keys are built once per header and shared by both tables (the hot part of this loop).
      const ks = this.ids.idOf(e.src, e.srcPort);
      const kd = this.ids.idOf(e.dst, e.dstPort);
      conv?.add(e.src, e.dst, e.srcPort, e.dstPort, e.convId, len, rel, abs, num, ks, kd);
      ends?.add(e.src, e.dst, e.srcPort, e.dstPort, len, num, ks, kd);
    }
  }

  result(): CaptureTables {
    const conversations: Partial<Record<TapKind, ConversationRow[]>> = {};
    const endpoints: Partial<Record<TapKind, EndpointRow[]>> = {};
    for (const [k, t] of this.conv) conversations[k] = conversationRows(t);
    for (const [k, t] of this.ends) endpoints[k] = endpointRows(t);
    return {
      conversations,
      endpoints,
      hierarchy: this.hierarchy ? this.hierarchy.root : null,
      expert: sessionExpertRows(this.session),
      framesWithTree: this.framesWithTree,
    };
  }
}

/**
 * Builds the tables over every frame of a loaded session, from the index where it vouches for
 * a frame and by dissecting the frame again otherwise (with its tree if the hierarchy is wanted). `from`/`to` (1-based, inclusive) let a caller
 * slice the work between event-loop turns with one builder.
 */
export function computeCaptureTables(session: CaptureSession, opts: TableOptions = {}): CaptureTables {
  const b = new CaptureTablesBuilder(session, opts);
  feedIndexed(b, session, 1, session.frameCount);
  return b.result();
}

/** Feeds frames from..to by dissecting each of them again (the reference path). */
export function feedFrames(b: CaptureTablesBuilder, session: CaptureSession, from: number, to: number): void {
  const tree = b.needsTree;
  for (let f = from; f <= to; f++) b.add(session.dissect(f, { tree, columns: false }));
}

/**
 * Feeds frames from..to with the same result as feedFrames, reading the taps of the frames the
 * first-pass index vouches for from the index (index-taps.ts) and dissecting only the others.
 * Slices must come in order and cover every frame once, as for feedFrames.
 */
export function feedIndexed(
  b: CaptureTablesBuilder,
  session: CaptureSession,
  from: number,
  to: number,
): void {
  (b.indexTaps ??= new IndexTaps(b, session)).feed(from, to);
}
