import { AT, addressEquals, addressKey, compareAddress, copyAddress, type Address } from '../dissect/address';
import type { Dissector } from '../dissect/tables';
import { U32SortedMap } from './u32-sorted-map';

/** An unacknowledged segment of a flow (Wireshark's tcp_unacked_t). */
export interface UnackedSegment {
  frame: number;
  seq: number;
  nextseq: number;
  /** Capture-relative time in ns. */
  tsNs: number;
}

/** A higher-level PDU spanning several segments (Wireshark's tcp_multisegment_pdu). */
export interface MultisegmentPdu {
  seq: number;
  nxtpdu: number;
  firstFrame: number;
  firstFrameWithSeq: number;
  lastFrame: number;
  lastFrameTimeNs: number;
  flags: number;
}

/** MSP flags. */
export const MSP = {
  REASSEMBLE_ENTIRE_SEGMENT: 0x01,
  MISSING_FIRST_SEGMENT: 0x04,
} as const;

/** Flow flags. */
export const FLOW_REASSEMBLE_UNTIL_FIN = 0x0001;

/** Static flags (TCP_S_*). */
export const TCP_S = { BASE_SEQ_SET: 0x01, SAW_SYN: 0x03, SAW_SYNACK: 0x05 } as const;

/** Most SACK blocks kept for bytes-in-flight (Wireshark stores blocks 1..3 of a 4-slot array). */
export const MAX_TCP_SACK_RANGES = 4;
/** The most unacked segments remembered per flow. */
export const TCP_MAX_UNACKED_SEGMENTS = 10000;

/** One direction of a TCP conversation (Wireshark's tcp_flow_t + tcp_analyze_seq_flow_info_t). */
export class TcpFlow {
  staticFlags = 0;
  baseSeq = 0;
  /** -1 unknown, -2 no scaling, else the shift count. */
  winScale = -1;
  /** Last window seen (raw, unscaled); 0xffffffff before any. */
  window = 0xffffffff;
  /** Unacked segments, oldest first (Wireshark keeps newest first; we iterate backwards). */
  readonly segments: UnackedSegment[] = [];
  nextseq = 0;
  nextseqFrame = 0;
  nextseqTimeNs = NaN;
  maxseqtobeacked = 0;
  lastack = 0;
  lastackTimeNs = NaN;
  lastnondupack = 0;
  dupacknum = 0;
  numSackRanges = 0;
  readonly sackLeft = new Uint32Array(MAX_TCP_SACK_RANGES);
  readonly sackRight = new Uint32Array(MAX_TCP_SACK_RANGES);
  lastsegmentflags = 0;
  validBif = 1;
  pushBytesSent = 0;
  pushSetLast = false;
  closingInitiator = false;
  isFirstAck = false;
  /** Frame number of the FIN that ended this flow's data (for reassemble-until-FIN). */
  fin = 0;
  flags = 0;
  readonly multisegmentPdus = new U32SortedMap<MultisegmentPdu>();
}

/** Conversation completeness bits (tcp.completeness). */
export const COMPLETENESS = { SYNSENT: 1, SYNACK: 2, ACK: 4, DATA: 8, FIN: 16, RST: 32 } as const;

/** One TCP conversation = one tcp.stream (Wireshark's tcp_analysis). */
export class TcpConversation {
  readonly flow1 = new TcpFlow();
  readonly flow2 = new TcpFlow();
  completeness = 0;
  /** Completeness bits of the frame that created the conversation (added on later passes). */
  firstFrameBits = 0;
  serverPort = 0;
  /** Capture-relative times in ns. */
  tsFirstNs: number;
  tsPrevNs: number;
  tsMruSynNs = 0;
  hasMruSyn = false;
  firstRttNs = 0;
  /** Frame in which firstRttNs was last set (iRTT is shown from there on). */
  firstRttFrame = 0;
  tfoSynData = false;
  /** Frames of this stream in order (for Follow Stream and stream views). */
  frames = new Uint32Array(16);
  frameCount = 0;
  /** Dissectors attached to the conversation from a frame on (Wireshark's conversation dissector). */
  dissectors: { fromFrame: number; dissector: Dissector }[] | null = null;

  constructor(
    readonly stream: number,
    /** The endpoints as first seen: addrA:portA sent the first frame. */
    readonly addrA: Address,
    readonly portA: number,
    readonly addrB: Address,
    readonly portB: number,
    readonly setupFrame: number,
    tsNs: number,
  ) {
    this.tsFirstNs = tsNs;
    this.tsPrevNs = tsNs;
  }

  /** The flow of segments sent by src: flow1 when src sorts higher (Wireshark's cmp_address >= 0). */
  fwdFlow(src: Address, srcPort: number, dst: Address, dstPort: number): TcpFlow {
    let direction = compareAddress(src, dst);
    if (direction === 0) direction = srcPort > dstPort ? 1 : -1;
    return direction >= 0 ? this.flow1 : this.flow2;
  }

  /** The other direction's flow. */
  other(flow: TcpFlow): TcpFlow {
    return flow === this.flow1 ? this.flow2 : this.flow1;
  }

  addFrame(num: number): void {
    if (this.frameCount > 0 && this.frames[this.frameCount - 1] === num) return;
    if (this.frameCount === this.frames.length) {
      const f = new Uint32Array(this.frames.length * 2);
      f.set(this.frames);
      this.frames = f;
    }
    this.frames[this.frameCount++] = num;
  }

  /** The conversation dissector in effect at frame `num`, if any. */
  dissectorAt(num: number): Dissector | undefined {
    const list = this.dissectors;
    if (!list) return undefined;
    let found: Dissector | undefined;
    for (const d of list) if (d.fromFrame <= num) found = d.dissector;
    return found;
  }
}

/** A well-mixed 32-bit hash of an IPv4 endpoint. */
function endpointHash(v4: number, port: number): number {
  let h = Math.imul(v4 ^ Math.imul(port + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function matches(c: TcpConversation, a: Address, pa: number, b: Address, pb: number): boolean {
  return (
    (c.portA === pa && c.portB === pb && addressEquals(c.addrA, a) && addressEquals(c.addrB, b)) ||
    (c.portA === pb && c.portB === pa && addressEquals(c.addrA, b) && addressEquals(c.addrB, a))
  );
}

/**
 * All TCP conversations of a capture, found by their endpoints in either direction
 * (Wireshark's conversation table for ENDPOINT_TCP). Several conversations may share the
 * same endpoints (port reuse); the newest one wins a lookup.
 */
export class TcpConversationTable {
  private readonly v4 = new Map<number, TcpConversation[]>();
  private readonly other = new Map<string, TcpConversation[]>();
  /** By stream index. */
  readonly streams: TcpConversation[] = [];

  private bucket(
    a: Address,
    pa: number,
    b: Address,
    pb: number,
    create: boolean,
  ): TcpConversation[] | undefined {
    if (a.type === AT.IPv4 && b.type === AT.IPv4) {
      // Order-independent 30-bit hash (a small integer key keeps the Map lookup fast);
      // collisions are resolved by `matches`.
      const h = (endpointHash(a.v4, pa) + endpointHash(b.v4, pb)) & 0x3fffffff;
      let list = this.v4.get(h);
      if (!list && create) this.v4.set(h, (list = []));
      return list;
    }
    const ka = `${addressKey(a)}/${pa}`;
    const kb = `${addressKey(b)}/${pb}`;
    const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
    let list = this.other.get(k);
    if (!list && create) this.other.set(k, (list = []));
    return list;
  }

  /** The last conversation found: consecutive segments mostly belong to the same one. */
  private last: TcpConversation | null = null;
  private lastIsNewest = false;

  /** The newest conversation between these endpoints, or undefined. */
  find(a: Address, pa: number, b: Address, pb: number): TcpConversation | undefined {
    const last = this.last;
    if (last && this.lastIsNewest && matches(last, a, pa, b, pb)) return last;
    const list = this.bucket(a, pa, b, pb, false);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      if (matches(list[i], a, pa, b, pb)) {
        this.last = list[i];
        this.lastIsNewest = i === list.length - 1;
        return list[i];
      }
    }
    return undefined;
  }

  /** Creates a new conversation (and stream index) between these endpoints. */
  create(
    src: Address,
    srcPort: number,
    dst: Address,
    dstPort: number,
    frame: number,
    tsNs: number,
  ): TcpConversation {
    const c = new TcpConversation(
      this.streams.length,
      copyAddress(src),
      srcPort,
      copyAddress(dst),
      dstPort,
      frame,
      tsNs,
    );
    this.streams.push(c);
    (this.bucket(src, srcPort, dst, dstPort, true) as TcpConversation[]).push(c);
    this.last = c;
    this.lastIsNewest = true;
    return c;
  }
}
