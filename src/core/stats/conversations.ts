import { copyAddress, formatAddress, type Address } from '../dissect/address';
import { EndpointIds, MAX_ENDPOINT_IDS } from './endpoint-ids';
import type { TapKind } from './frame-taps';
import { nsCompare, nsToSeconds, type NsTime } from './rel-time';

/** One conversation between two endpoints, as Wireshark's conversation table keeps it. */
export interface Conversation {
  /** "A" is the source of the conversation's first frame; "B" its destination. */
  addrA: Address;
  addrB: Address;
  portA: number;
  portB: number;
  /** Stream id (tcp.stream) for TCP, -1 otherwise: TCP conversations that reuse ports stay apart. */
  convId: number;
  /** Frames/bytes sent by A to B (tshark's "->" columns). */
  txFrames: number;
  txBytes: number;
  /** Frames/bytes sent by B to A ("<-"). */
  rxFrames: number;
  rxBytes: number;
  /** Earliest and latest frame, relative to the capture's first frame. */
  start: NsTime;
  stop: NsTime;
  /** Absolute time of the earliest frame. */
  startAbs: NsTime;
  /** First frame number (for "follow it" / "filter on it" in the UI). */
  firstFrame: number;
}

/**
 * Accumulates conversations in first-seen order (tshark prints ties in that order). A frame
 * belongs to a conversation whatever its direction: the key is direction-independent. TCP
 * conversations are told apart by their stream (convId), others by their endpoints.
 */
export class ConversationTable {
  readonly items: Conversation[] = [];
  /** Unordered endpoint pair -> item (convId < 0). */
  private readonly byPair = new Map<number, number>();
  /** convId -> items with that id (usually one). */
  private readonly byConv = new Map<number, number[]>();
  /** Endpoint ids of each item's A and B, to tell the direction of a frame. */
  private readonly idA: number[] = [];
  private readonly idB: number[] = [];

  constructor(
    readonly kind: TapKind,
    private readonly ids: EndpointIds = new EndpointIds(),
  ) {}

  add(
    src: Address,
    dst: Address,
    srcPort: number,
    dstPort: number,
    convId: number,
    bytes: number,
    rel: NsTime,
    abs: NsTime,
    frame: number,
    /** ids.idOf(src, srcPort) and ids.idOf(dst, dstPort) when the caller has them already. */
    is = this.ids.idOf(src, srcPort),
    id = this.ids.idOf(dst, dstPort),
  ): void {
    let idx: number | undefined;
    if (convId >= 0) {
      const list = this.byConv.get(convId);
      if (list) {
        for (const i of list) {
          if ((this.idA[i] === is && this.idB[i] === id) || (this.idA[i] === id && this.idB[i] === is))
            idx = i;
        }
      }
    } else {
      idx = this.byPair.get(is < id ? is * MAX_ENDPOINT_IDS + id : id * MAX_ENDPOINT_IDS + is);
    }
    if (idx === undefined) {
      idx = this.items.length;
      if (convId >= 0) {
        const list = this.byConv.get(convId);
        if (list) list.push(idx);
        else this.byConv.set(convId, [idx]);
      } else {
        this.byPair.set(is < id ? is * MAX_ENDPOINT_IDS + id : id * MAX_ENDPOINT_IDS + is, idx);
      }
      this.idA.push(is);
      this.idB.push(id);
      this.items.push({
        addrA: copyAddress(src),
        addrB: copyAddress(dst),
        portA: srcPort,
        portB: dstPort,
        convId,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
        start: rel,
        stop: rel,
        startAbs: abs,
        firstFrame: frame,
      });
    }
    const c = this.items[idx];
    if (is === this.idA[idx] && id === this.idB[idx]) {
      c.txFrames++;
      c.txBytes += bytes;
    } else {
      c.rxFrames++;
      c.rxBytes += bytes;
    }
    if (nsCompare(rel, c.stop) > 0) c.stop = rel;
    else if (nsCompare(rel, c.start) < 0) {
      c.start = rel;
      c.startAbs = abs;
    }
  }

  /** Items by total frames, descending; ties keep first-seen order (tshark's order). */
  sorted(): Conversation[] {
    return sortByFrames(this.items, (c) => c.txFrames + c.rxFrames);
  }
}

/** Stable sort by a count, descending. */
export function sortByFrames<T>(items: readonly T[], total: (x: T) => number): T[] {
  return items
    .map((x, i) => ({ x, i, n: total(x) }))
    .sort((p, q) => q.n - p.n || p.i - q.i)
    .map((p) => p.x);
}

/** A conversation as plain data for the UI's table (strings ready to show and to filter on). */
export interface ConversationRow {
  a: string;
  b: string;
  portA: number;
  portB: number;
  /** tcp.stream for TCP conversations, -1 otherwise. */
  stream: number;
  framesAtoB: number;
  bytesAtoB: number;
  framesBtoA: number;
  bytesBtoA: number;
  frames: number;
  bytes: number;
  /** Seconds from the first frame of the capture. */
  relStart: number;
  duration: number;
  firstFrame: number;
}

export function conversationRows(table: ConversationTable): ConversationRow[] {
  return table.sorted().map((c) => ({
    a: formatAddress(c.addrA),
    b: formatAddress(c.addrB),
    portA: c.portA,
    portB: c.portB,
    stream: c.convId,
    framesAtoB: c.txFrames,
    bytesAtoB: c.txBytes,
    framesBtoA: c.rxFrames,
    bytesBtoA: c.rxBytes,
    frames: c.txFrames + c.rxFrames,
    bytes: c.txBytes + c.rxBytes,
    relStart: nsToSeconds(c.start),
    duration: nsToSeconds(c.stop) - nsToSeconds(c.start),
    firstFrame: c.firstFrame,
  }));
}
