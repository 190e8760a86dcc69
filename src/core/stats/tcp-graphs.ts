import { TCP_A, TcpFrameFacts } from '../analysis/tcp-frame-store';
import { tcpConversation, tcpState } from '../analysis/tcp-analysis';
import { fieldByAbbrev } from '../dissect/fields';
import type { CaptureSession } from '../session';
import { nsDelta, nsToSeconds } from './rel-time';
import { DIR_A_TO_B, DIR_B_TO_A, tcpSegments, type TcpSegmentTable } from './tcp-segments';

/** Which half of a TCP stream a graph shows: data sent by A (the stream's first sender) or by B. */
export type TcpDirection = 'AtoB' | 'BtoA';

const RETRANS = TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION;

/** Every point names its frame, so a click can select the packet. */
export interface TcpGraphPoint {
  frame: number;
  /** Seconds since the capture's first frame. */
  t: number;
}

export interface StevensPoint extends TcpGraphPoint {
  /** Relative sequence number of the segment's first byte, and the one after its last. */
  seq: number;
  nextSeq: number;
  retransmission: boolean;
}

export type SegmentBar = StevensPoint;
export interface AckPoint extends TcpGraphPoint {
  ack: number;
}
export interface WindowEdgePoint extends TcpGraphPoint {
  /** ack + receive window: the highest sequence number the receiver accepts. */
  edge: number;
}
export interface SackPoint extends TcpGraphPoint {
  left: number;
  right: number;
}

export interface TcptraceData {
  /** Data segments of the direction (drawn as vertical bars seq..nextSeq). */
  segments: SegmentBar[];
  /** ACKs from the other side. */
  acks: AckPoint[];
  /** Receive window edge advertised by the other side. */
  window: WindowEdgePoint[];
  /** SACK blocks from the other side. */
  sacks: SackPoint[];
}

export interface ThroughputPoint extends TcpGraphPoint {
  /** Payload bytes of this segment. */
  bytes: number;
  /** Payload bits per second over the moving-average window ending at this segment. */
  bitsPerSecond: number;
}

export interface RttPoint extends TcpGraphPoint {
  /** ACK number of the acknowledging segment (x of Wireshark's RTT graph). */
  ack: number;
  rttMs: number;
  /** The data segment this ACK acknowledged. */
  ackedFrame: number;
}

export interface ValuePoint extends TcpGraphPoint {
  value: number;
}

export interface WindowScalingData {
  /** Receive window advertised by the other side (scaled). */
  receiveWindow: ValuePoint[];
  /** Bytes in flight of this direction (tcp.analysis.bytes_in_flight). */
  bytesInFlight: ValuePoint[];
}

interface StreamFrames {
  /** Frames of the stream in this direction, and in the other. */
  mine: number[];
  theirs: number[];
}

function streamFrames(session: CaptureSession, stream: number, dir: TcpDirection): StreamFrames | null {
  const conv = tcpConversation(session.capture, stream);
  if (!conv) return null;
  const segs = tcpSegments(session);
  const want = dir === 'AtoB' ? DIR_A_TO_B : DIR_B_TO_A;
  const out: StreamFrames = { mine: [], theirs: [] };
  for (let i = 0; i < conv.frameCount; i++) {
    const f = conv.frames[i];
    if (segs.lenOf(f) < 0) continue;
    (segs.dir[f] === want ? out.mine : out.theirs).push(f);
  }
  return out;
}

function timeOf(session: CaptureSession, frame: number): number {
  const ix = session.index;
  return nsToSeconds(nsDelta(ix.tsSec[frame - 1], ix.tsNsec[frame - 1], ix.tsSec[0], ix.tsNsec[0]));
}

/**
 * Time/Sequence (Stevens): one point per data segment of the direction, at its relative
 * sequence number; retransmissions marked. No tree is built.
 */
export function stevensGraph(session: CaptureSession, stream: number, dir: TcpDirection): StevensPoint[] {
  const sf = streamFrames(session, stream, dir);
  if (!sf) return [];
  const segs = tcpSegments(session);
  const out: StevensPoint[] = [];
  for (const f of sf.mine) {
    const len = segs.seglen[f];
    if (len <= 0) continue;
    out.push({
      frame: f,
      t: timeOf(session, f),
      seq: segs.seq[f],
      nextSeq: (segs.seq[f] + len) >>> 0,
      retransmission: (tcpState(session.capture).frames.flagsOf(f) & RETRANS) !== 0,
    });
  }
  return out;
}

/**
 * SACK blocks of a frame's first TCP header: from the segment table, or from the frame's tree
 * when the segment had more blocks than the table keeps (rare: three or four blocks).
 */
function sackBlocks(session: CaptureSession, segs: TcpSegmentTable, frame: number): readonly number[] {
  if (!segs.sacksCut.has(frame)) return segs.sacks.get(frame) ?? [];
  const tree = session.dissect(frame, { tree: true, columns: false }).tree;
  const le = fieldByAbbrev('tcp.options.sack_le');
  const re = fieldByAbbrev('tcp.options.sack_re');
  if (!tree || !le || !re) return [];
  const l = tree.occurrences(le);
  const r = tree.occurrences(re);
  const out: number[] = [];
  for (let i = 0; i < Math.min(l.length, r.length); i++) {
    const a = l[i].value;
    const b = r[i].value;
    if (typeof a === 'number' && typeof b === 'number') out.push(a, b);
  }
  return out;
}

/**
 * tcptrace: the direction's data segments, and the other side's ACK line, receive-window
 * line (ack + window) and SACK blocks, all from the first pass's segment table.
 */
export function tcptraceGraph(session: CaptureSession, stream: number, dir: TcpDirection): TcptraceData {
  const out: TcptraceData = { segments: stevensGraph(session, stream, dir), acks: [], window: [], sacks: [] };
  const sf = streamFrames(session, stream, dir);
  if (!sf) return out;
  const segs = tcpSegments(session);
  const ACK = 0x010;
  for (const f of sf.theirs) {
    if (!(segs.flags[f] & ACK)) continue;
    const t = timeOf(session, f);
    const ack = segs.ack[f];
    out.acks.push({ frame: f, t, ack });
    out.window.push({ frame: f, t, edge: ack + segs.win[f] });
    const blocks = sackBlocks(session, segs, f);
    for (let i = 0; i + 1 < blocks.length; i += 2) {
      out.sacks.push({ frame: f, t, left: blocks[i], right: blocks[i + 1] });
    }
  }
  return out;
}

/**
 * Throughput: each data segment of the direction with its payload size and the payload rate
 * over the `windowSeconds` before it (a moving average; Wireshark's default window is 1 s).
 */
export function throughputGraph(
  session: CaptureSession,
  stream: number,
  dir: TcpDirection,
  windowSeconds = 1,
): ThroughputPoint[] {
  const pts = stevensGraph(session, stream, dir);
  const out: ThroughputPoint[] = [];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const bytes = p.nextSeq - p.seq >= 0 ? p.nextSeq - p.seq : p.nextSeq - p.seq + 2 ** 32;
    sum += bytes;
    while (start < i && pts[start].t <= p.t - windowSeconds) {
      const q = pts[start];
      sum -= q.nextSeq - q.seq >= 0 ? q.nextSeq - q.seq : q.nextSeq - q.seq + 2 ** 32;
      start++;
    }
    // Until a full window has passed, average over the time since the first segment.
    const span = Math.min(windowSeconds, p.t - pts[0].t) || windowSeconds;
    out.push({ frame: p.frame, t: p.t, bytes, bitsPerSecond: (sum * 8) / span });
  }
  return out;
}

/**
 * Round-trip time per ACK: the other side's ACKs that acknowledged data of this direction,
 * with tcp.analysis.ack_rtt (from the first pass's analysis; no tree).
 */
export function rttGraph(session: CaptureSession, stream: number, dir: TcpDirection): RttPoint[] {
  const sf = streamFrames(session, stream, dir);
  if (!sf) return [];
  const segs = tcpSegments(session);
  const store = tcpState(session.capture).frames;
  const facts = new TcpFrameFacts();
  const out: RttPoint[] = [];
  for (const f of sf.theirs) {
    if (!store.read(f, 0, facts) || !facts.ta.present || facts.ta.ackRttNs <= 0) continue;
    out.push({
      frame: f,
      t: timeOf(session, f),
      ack: segs.ack[f],
      rttMs: facts.ta.ackRttNs / 1e6,
      ackedFrame: facts.ta.frameAcked,
    });
  }
  return out;
}

/**
 * Window scaling: the receive window the other side advertises (from the segment table) and
 * this direction's bytes in flight (from the first pass's analysis).
 */
export function windowScalingGraph(
  session: CaptureSession,
  stream: number,
  dir: TcpDirection,
): WindowScalingData {
  const out: WindowScalingData = { receiveWindow: [], bytesInFlight: [] };
  const sf = streamFrames(session, stream, dir);
  if (!sf) return out;
  const store = tcpState(session.capture).frames;
  for (const f of sf.mine) {
    const bif = store.bytesInFlightOf(f);
    if (bif > 0) out.bytesInFlight.push({ frame: f, t: timeOf(session, f), value: bif });
  }
  const segs = tcpSegments(session);
  for (const f of sf.theirs) out.receiveWindow.push({ frame: f, t: timeOf(session, f), value: segs.win[f] });
  return out;
}
