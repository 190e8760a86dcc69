import { addressEquals } from '../dissect/address';
import type { CaptureState } from '../dissect/capture-state';
import type { DissectedFrame } from '../dissect/frame';
import { tcpConversation, tcpStreamOf } from '../analysis/tcp-analysis';
import { followSegmentsOf } from '../protocols/tcp/follow-record';
import type { CaptureSession } from '../session';

/** Direction of a segment within its stream: sent by the stream's first sender (A) or by B. */
export const DIR_A_TO_B = 0;
export const DIR_B_TO_A = 1;

const STATE_KEY = 'stats.tcpSegments';

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  a: T,
  need: number,
  fill = 0,
): T {
  if (need < a.length) return a;
  let n = a.length * 2;
  while (n <= need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill !== 0) b.fill(fill as never, a.length);
  return b;
}

/**
 * Per-frame facts of each frame's (first) TCP segment that the statistics need besides the TCP
 * analysis store: payload length, relative seq/ack, flags and direction. Column arrays indexed
 * by frame number; about 15 bytes per frame. Filled from the first pass when the loader feeds
 * `recordTcpSegment`, else on first use by dissecting the TCP frames again without a tree.
 */
export class TcpSegmentTable {
  /** -1 when the frame has no TCP segment. */
  seglen = new Int32Array(1024).fill(-1);
  seq = new Uint32Array(1024);
  ack = new Uint32Array(1024);
  flags = new Uint16Array(1024);
  dir = new Uint8Array(1024);
  /** Frames 1..recordedUpTo have been looked at. */
  recordedUpTo = 0;

  private ensure(frame: number): void {
    if (frame < this.seglen.length) return;
    this.seglen = grow(this.seglen, frame, -1);
    this.seq = grow(this.seq, frame);
    this.ack = grow(this.ack, frame);
    this.flags = grow(this.flags, frame);
    this.dir = grow(this.dir, frame);
  }

  /** Records a dissected frame (tree not needed). Frames must come in order. */
  record(d: DissectedFrame): void {
    const num = d.pinfo.num;
    if (num <= this.recordedUpTo) return;
    this.recordedUpTo = num;
    const segs = followSegmentsOf(d.pinfo);
    if (segs.length === 0) return;
    const s = segs[0];
    this.ensure(num);
    this.seglen[num] = s.seglen;
    this.seq[num] = s.seq >>> 0;
    this.ack[num] = s.ack >>> 0;
    this.flags[num] = s.flags;
    const conv = s.stream >= 0 ? tcpConversation(d.pinfo.capture, s.stream) : undefined;
    const aToB = !conv || (s.srcPort === conv.portA && addressEquals(s.src, conv.addrA));
    this.dir[num] = aToB ? DIR_A_TO_B : DIR_B_TO_A;
  }

  /** Payload length of frame `num`'s segment, -1 without TCP. */
  lenOf(num: number): number {
    return num < this.seglen.length ? this.seglen[num] : -1;
  }
}

/** The capture's table (created empty on first use). */
export function tcpSegmentTableOf(capture: CaptureState): TcpSegmentTable {
  return capture.stateFor(STATE_KEY, () => new TcpSegmentTable());
}

/** For a loader's first-pass hook: records the frame just dissected (no extra cost). */
export function recordTcpSegment(d: DissectedFrame): void {
  tcpSegmentTableOf(d.pinfo.capture).record(d);
}

/**
 * The segment table of a session, completed up to its last frame: frames the first pass did
 * not record are dissected again (without tree, and only those TCP analysed).
 */
export function tcpSegments(session: CaptureSession): TcpSegmentTable {
  const t = tcpSegmentTableOf(session.capture);
  const n = session.frameCount;
  for (let f = t.recordedUpTo + 1; f <= n; f++) {
    if (tcpStreamOf(session.capture, f) < 0) {
      t.recordedUpTo = f;
      continue;
    }
    t.record(session.dissect(f, { tree: false, columns: false }));
  }
  return t;
}
