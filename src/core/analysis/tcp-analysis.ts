import type { CaptureState } from '../dissect/capture-state';
import { FragmentTable } from './reassembly';
import { TCP_A, TcpFrameStore, type TcpAcked } from './tcp-frame-store';
import {
  MAX_TCP_SACK_RANGES,
  TCP_MAX_UNACKED_SEGMENTS,
  TcpConversationTable,
  type MultisegmentPdu,
  type TcpConversation,
  type TcpFlow,
  type UnackedSegment,
} from './tcp-streams';

/** TCP header flag bits. */
export const TH = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PUSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100,
  RES: 0xe00,
} as const;

/** Everything TCP remembers for a capture: conversations, per-frame facts, reassembly. */
export class TcpState {
  readonly conversations = new TcpConversationTable();
  readonly frames = new TcpFrameStore();
  readonly reassembly = new FragmentTable<MultisegmentPdu>();
}

let lastCapture: CaptureState | null = null;
let lastState: TcpState | null = null;
const newTcpState = (): TcpState => new TcpState();

/** The capture's TCP state (created on first use). */
export function tcpState(capture: CaptureState): TcpState {
  // Asked for several times per segment: the last answer is kept (no Map lookup, no closure).
  if (capture === lastCapture) return lastState as TcpState;
  const s = capture.stateFor('tcp', newTcpState);
  lastCapture = capture;
  lastState = s;
  return s;
}

/** tcp.stream of frame `frame` (its first TCP segment), or -1. Needs no re-dissection. */
export function tcpStreamOf(capture: CaptureState, frame: number): number {
  return tcpState(capture).frames.streamOf(frame);
}

/** TCP_A_* analysis flags of frame `frame` (0 when none). Needs no re-dissection. */
export function tcpAnalysisFlags(capture: CaptureState, frame: number): number {
  return tcpState(capture).frames.flagsOf(frame);
}

/** Number of TCP streams seen so far. */
export function tcpStreamCount(capture: CaptureState): number {
  return tcpState(capture).conversations.streams.length;
}

/** The conversation of stream `stream`, if any. */
export function tcpConversation(capture: CaptureState, stream: number): TcpConversation | undefined {
  return tcpState(capture).conversations.streams[stream];
}

/** Sequence-number comparisons that survive wrap-around (Wireshark's LT_SEQ & co). */
export const LT_SEQ = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const GT_SEQ = (a: number, b: number): boolean => ((a - b) | 0) > 0;
export const LE_SEQ = (a: number, b: number): boolean => ((a - b) | 0) <= 0;
export const GE_SEQ = (a: number, b: number): boolean => ((a - b) | 0) >= 0;

const u32 = (x: number): number => x >>> 0;

/** The per-frame inputs of the sequence analysis (one object reused for every frame). */
export interface SegmentInput {
  num: number;
  /** Capture-relative time in ns. */
  tsNs: number;
  seq: number;
  ack: number;
  seglen: number;
  flags: number;
  /** Raw (unscaled) window. */
  window: number;
}

/**
 * Wireshark's tcp_analyze_sequence_number: classifies one segment in the first, in-order pass
 * (retransmission, fast retransmission, spurious retransmission, out-of-order, lost segment,
 * ACKed unseen segment, duplicate ACK, zero window + probes, window full/update, keep-alive),
 * measures the ACK RTT and bytes in flight, and updates both flows. Precedence and quirks
 * follow Wireshark exactly; `ta` receives the frame's record.
 */
export function analyzeSequenceNumber(
  s: SegmentInput,
  conv: TcpConversation,
  fwd: TcpFlow,
  rev: TcpFlow,
  ta: TcpAcked,
): void {
  const { seq, ack, seglen, flags, window } = s;
  const now = s.tsNs;

  learnBaseSeq(s, fwd, rev);
  if (flags & TH.ACK) rev.validBif = 1;

  const noSynFinRst = (flags & (TH.SYN | TH.FIN | TH.RST)) === 0;
  let checkRetransmission = true;

  // Zero window probe: exactly one byte at the next expected sequence number into a zero window.
  if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
    ta.present = true;
    ta.flags |= TCP_A.ZERO_WINDOW_PROBE;
  } else {
    if (window === 0 && noSynFinRst) {
      ta.present = true;
      ta.flags |= TCP_A.ZERO_WINDOW;
    }
    // Lost segment: this one starts beyond everything seen so far in this direction.
    if (fwd.nextseq && GT_SEQ(seq, fwd.nextseq) && (flags & TH.RST) === 0) {
      ta.present = true;
      ta.flags |= TCP_A.LOST_PACKET;
      fwd.validBif = 0;
    }
    // Keep-alive: 0 or 1 byte starting one byte before the next expected sequence number.
    if ((seglen === 0 || seglen === 1) && seq === u32(fwd.nextseq - 1) && noSynFinRst) {
      ta.present = true;
      ta.flags |= TCP_A.KEEP_ALIVE;
    }
    if (
      seglen === 0 &&
      window &&
      window !== fwd.window &&
      seq === fwd.nextseq &&
      ack === fwd.lastack &&
      noSynFinRst
    ) {
      ta.present = true;
      ta.flags |= TCP_A.WINDOW_UPDATE;
    }
    if (seglen > 0 && rev.winScale !== -1 && noSynFinRst) {
      const shift = rev.isFirstAck ? 0 : rev.winScale === -2 ? 0 : rev.winScale;
      const edge = u32(rev.lastack + u32(rev.window << shift));
      if (u32(seq + seglen) === edge) {
        ta.present = true;
        ta.flags |= TCP_A.WINDOW_FULL;
      }
    }
    let finishedFwd = false;
    if (
      seglen === 0 &&
      window &&
      window === fwd.window &&
      seq === fwd.nextseq &&
      ack === fwd.lastack &&
      rev.lastsegmentflags & TCP_A.KEEP_ALIVE &&
      noSynFinRst
    ) {
      ta.present = true;
      ta.flags |= TCP_A.KEEP_ALIVE_ACK;
      finishedFwd = true;
    }
    if (
      !finishedFwd &&
      seglen === 0 &&
      window === 0 &&
      window === fwd.window &&
      seq === fwd.nextseq &&
      ack === fwd.lastack &&
      rev.lastsegmentflags & TCP_A.ZERO_WINDOW_PROBE &&
      noSynFinRst
    ) {
      ta.present = true;
      ta.flags |= TCP_A.ZERO_WINDOW_PROBE_ACK;
      finishedFwd = true;
    }
    if (
      !finishedFwd &&
      seglen === 0 &&
      window &&
      window === fwd.window &&
      seq === fwd.nextseq &&
      ack === fwd.lastack &&
      noSynFinRst
    ) {
      fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
      ta.present = true;
      ta.flags |= TCP_A.DUPLICATE_ACK;
      ta.dupackNum = fwd.dupacknum;
      ta.dupackFrame = fwd.lastnondupack;
    }
  }

  // finished_fwd: a new ACK number resets the duplicate-ACK counting.
  if (ack !== fwd.lastack) {
    fwd.lastnondupack = s.num;
    fwd.dupacknum = 0;
  }

  // ACKed unseen segment: this ACKs beyond what the other direction was seen to send.
  if (rev.maxseqtobeacked && GT_SEQ(ack, rev.maxseqtobeacked) && flags & TH.ACK) {
    ta.present = true;
    // tshark 4.0 moves the boundary (and flags) only when the other side has sent beyond it;
    // verified against tshark with hand-made captures (tests/core/protocols/tcp/scenarios).
    if (rev.maxseqtobeacked < rev.nextseq) {
      rev.maxseqtobeacked = rev.nextseq;
      ta.flags |= TCP_A.ACK_LOST_PACKET;
    } else {
      if (rev.dupacknum === 0) ta.flags |= TCP_A.ACK_LOST_PACKET;
      rev.dupacknum = -1;
    }
  }

  // Retransmission / fast retransmission / spurious retransmission / out-of-order.
  if (checkRetransmission && (seglen > 0 || flags & (TH.SYN | TH.FIN))) {
    let seqNotAdvanced = fwd.nextseq !== 0 && LT_SEQ(seq, fwd.nextseq);
    if (ta.present && ta.flags & TCP_A.KEEP_ALIVE) checkRetransmission = false;
    if (checkRetransmission) {
      if (seglen > 1 && u32(fwd.nextseq - 1) === seq) seqNotAdvanced = false;
      if (seglen > 0 && rev.lastack && LE_SEQ(u32(seq + seglen), rev.lastack)) {
        ta.present = true;
        ta.flags |= TCP_A.SPURIOUS_RETRANSMISSION;
        checkRetransmission = false;
      }
    }
    if (checkRetransmission) {
      // Fast retransmission: >= 2 duplicate ACKs for exactly this seq within 20 ms.
      const t = now - rev.lastackTimeNs;
      if (seqNotAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && t >= 0 && t < 20_000_000) {
        ta.present = true;
        ta.flags |= TCP_A.FAST_RETRANSMISSION;
        checkRetransmission = false;
      }
    }
    if (checkRetransmission) {
      // Out-of-order: arrived soon after the highest segment and does not just fill in its end.
      const t = now - fwd.nextseqTimeNs;
      const thres = conv.firstRttNs === 0 ? 3_000_000 : conv.firstRttNs;
      const extra = flags & (TH.SYN | TH.FIN) ? 1 : 0;
      if (seqNotAdvanced && t >= 0 && t < thres && fwd.nextseq !== u32(seq + seglen + extra)) {
        ta.present = true;
        ta.flags |= TCP_A.OUT_OF_ORDER;
        checkRetransmission = false;
      }
    }
    if (checkRetransmission && seqNotAdvanced) {
      ta.present = true;
      ta.flags |= TCP_A.RETRANSMISSION;
      ta.rtoNs = now - fwd.nextseqTimeNs;
      ta.rtoFrame = fwd.nextseqFrame;
      if (fwd.segments.length > 0) {
        const oldest = fwd.segments[0];
        ta.rtoNs = now - oldest.tsNs;
        ta.rtoFrame = oldest.frame;
      }
    }
  }

  // finished_checking_retransmission_type
  let nextseq = u32(seq + seglen);
  if ((seglen || flags & (TH.SYN | TH.FIN)) && fwd.segments.length < TCP_MAX_UNACKED_SEGMENTS) {
    if (flags & (TH.SYN | TH.FIN)) nextseq = u32(nextseq + 1);
    const u = segmentPool.pop() ?? { frame: 0, seq: 0, nextseq: 0, tsNs: 0 };
    u.frame = s.num;
    u.seq = seq;
    u.nextseq = nextseq;
    u.tsNs = now;
    fwd.segments.push(u);
  }
  const isZwp = ta.present && (ta.flags & TCP_A.ZERO_WINDOW_PROBE) !== 0;
  if ((GT_SEQ(nextseq, fwd.nextseq) || !fwd.nextseq) && !isZwp) {
    fwd.nextseq = nextseq;
    fwd.nextseqFrame = s.num;
    fwd.nextseqTimeNs = now;
  }
  if ((seq === fwd.maxseqtobeacked || !fwd.maxseqtobeacked) && !isZwp) {
    fwd.maxseqtobeacked = fwd.nextseq;
  }
  fwd.window = window;
  fwd.lastack = ack;
  fwd.lastackTimeNs = now;
  fwd.lastsegmentflags = ta.present ? ta.flags : 0;

  removeAcked(s, rev, ta);
  if (seglen !== 0 && fwd.segments.length > 0 && fwd.validBif) bytesInFlight(s, fwd, rev, ta);
}

/**
 * The flows' initial sequence numbers for relative numbers: the first segment of each direction
 * (or the first ACK of the other one). Part of the analysis; called alone when it is switched off.
 */
export function learnBaseSeq(s: SegmentInput, fwd: TcpFlow, rev: TcpFlow): void {
  const { seq, ack, flags } = s;
  if (!(fwd.staticFlags & 0x01)) {
    if (flags & TH.SYN) {
      fwd.baseSeq = seq;
      fwd.staticFlags |= flags & TH.ACK ? 0x05 : 0x03;
    } else {
      fwd.baseSeq = u32(seq - 1);
    }
    fwd.staticFlags |= 0x01;
  }
  if (!(rev.staticFlags & 0x01) && flags & TH.ACK) {
    rev.baseSeq = u32(ack - 1);
    rev.staticFlags |= 0x01;
  }
}

/** Drops the reverse flow's segments this ACK covers and records which one it ACKs (and the RTT). */
function removeAcked(s: SegmentInput, rev: TcpFlow, ta: TcpAcked): void {
  const segs = rev.segments;
  const ack = s.ack;
  let removed = 0;
  // Wireshark walks newest to oldest; the last (oldest) exact match names the acked frame.
  for (let i = segs.length - 1; i >= 0; i--) {
    const u = segs[i];
    if (ack === u.nextseq) {
      ta.present = true;
      ta.frameAcked = u.frame;
      ta.ackRttNs = s.tsNs - u.tsNs;
      u.frame = -1;
      removed++;
    } else if (GT_SEQ(ack, u.seq) && LE_SEQ(ack, u.nextseq)) {
      u.seq = ack;
    } else if (GT_SEQ(u.nextseq, ack)) {
      // Not yet acknowledged.
    } else {
      u.frame = -1;
      removed++;
    }
  }
  if (removed === 0) return;
  let w = 0;
  for (let i = 0; i < segs.length; i++) {
    const u = segs[i];
    if (u.frame !== -1) segs[w++] = u;
    else if (segmentPool.length < 4096) segmentPool.push(u);
  }
  segs.length = w;
}

/** Acknowledged segment records are reused for new segments (one record per data segment). */
const segmentPool: UnackedSegment[] = [];

/** Bytes in flight after this segment (payload-based method, minus SACKed blocks) and PSH bytes. */
function bytesInFlight(s: SegmentInput, fwd: TcpFlow, rev: TcpFlow, ta: TcpAcked): void {
  const segs = fwd.segments;
  const base = fwd.baseSeq;
  const head = segs[segs.length - 1];
  let firstSeq = u32(head.seq - base);
  let lastSeq = u32(head.nextseq - base);
  for (let i = segs.length - 1; i >= 0; i--) {
    const ns = u32(segs[i].nextseq - base);
    const sq = u32(segs[i].seq - base);
    if (ns > lastSeq) lastSeq = ns;
    if (sq < firstSeq) firstSeq = sq;
  }
  let inFlight = u32(lastSeq - firstSeq);
  if (rev.numSackRanges > 0) {
    let delivered = 0;
    for (let i = 0; i < rev.numSackRanges; i++) {
      delivered = u32(delivered + u32(rev.sackRight[i + 1] - rev.sackLeft[i + 1]));
    }
    inFlight = u32(inFlight - delivered);
  }
  if (inFlight > 0 && inFlight < 2_000_000_000) {
    ta.present = true;
    ta.bytesInFlight = inFlight;
    if (s.flags & (TH.SYN | TH.FIN)) ta.bytesInFlight = u32(ta.bytesInFlight - 1);
  }
  const push = (s.flags & TH.PUSH) !== 0;
  if (push && !fwd.pushSetLast) {
    fwd.pushBytesSent = u32(fwd.pushBytesSent + s.seglen);
    fwd.pushSetLast = true;
  } else if (push && fwd.pushSetLast) {
    fwd.pushBytesSent = s.seglen;
    fwd.pushSetLast = true;
  } else if (fwd.pushSetLast) {
    fwd.pushBytesSent = s.seglen;
    fwd.pushSetLast = false;
  } else {
    fwd.pushBytesSent = u32(fwd.pushBytesSent + s.seglen);
  }
  ta.present = true;
  ta.pushBytesSent = fwd.pushBytesSent;
}

/** Records the SACK blocks of a segment for the bytes-in-flight of the reverse direction. */
export function storeSackBlock(fwd: TcpFlow, index: number, left: number, right: number): void {
  if (index < MAX_TCP_SACK_RANGES) {
    fwd.numSackRanges = index;
    fwd.sackLeft[index] = left;
    fwd.sackRight[index] = right;
  }
}
