import { addressEquals } from '../dissect/address';
import type { CaptureState } from '../dissect/capture-state';
import type { DissectedFrame } from '../dissect/frame';
import { tcpStreamOf } from '../analysis/tcp-analysis';
import { headersOf } from '../protocols/tcp/tcp-info';
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
 * analysis store: payload length, relative seq/ack, flags, direction, the window as shown
 * (scaled) and SACK blocks. Column arrays indexed by frame number; about 19 bytes per frame,
 * SACK blocks kept sparse. Filled from the first pass when the loader feeds `recordTcpSegment`,
 * else on first use by dissecting the TCP frames again without a tree.
 */
export class TcpSegmentTable {
  /** -1 when the frame has no TCP segment. */
  seglen = new Int32Array(1024).fill(-1);
  seq = new Uint32Array(1024);
  ack = new Uint32Array(1024);
  flags = new Uint16Array(1024);
  dir = new Uint8Array(1024);
  /** tcp.window_size: the advertised window, scaled when the scale is known. */
  win = new Uint32Array(1024);
  /** SACK blocks (relative left, right, left, right ...) of frames that carry them. */
  readonly sacks = new Map<number, number[]>();
  /**
   * Frames with more SACK blocks than the segment header keeps (it keeps two): their blocks
   * must be read from the frame's tree.
   */
  readonly sacksCut = new Set<number>();
  /** Frames 1..recordedUpTo have been looked at. */
  recordedUpTo = 0;

  private ensure(frame: number): void {
    if (frame < this.seglen.length) return;
    this.seglen = grow(this.seglen, frame, -1);
    this.seq = grow(this.seq, frame);
    this.ack = grow(this.ack, frame);
    this.flags = grow(this.flags, frame);
    this.dir = grow(this.dir, frame);
    this.win = grow(this.win, frame);
  }

  /** Records a dissected frame (tree not needed). Frames must come in order. */
  record(d: DissectedFrame): void {
    const num = d.pinfo.num;
    if (num <= this.recordedUpTo) return;
    this.recordedUpTo = num;
    const hs = headersOf(d.pinfo);
    // The first segment that reached its payload (the one Follow TCP Stream would use).
    let h = null;
    for (let i = 0; i < hs.length; i++) {
      if (hs[i].payloadTvb) {
        h = hs[i];
        break;
      }
    }
    if (!h) return;
    this.ensure(num);
    this.seglen[num] = h.seglen;
    this.seq[num] = h.seq >>> 0;
    this.ack[num] = h.ack >>> 0;
    this.flags[num] = h.flags;
    this.win[num] = h.win >>> 0;
    const conv = h.conv;
    const aToB = !conv || (h.sport === conv.portA && addressEquals(h.src, conv.addrA));
    this.dir[num] = aToB ? DIR_A_TO_B : DIR_B_TO_A;
    const n = h.numSackRanges;
    if (n > 0) {
      const blocks = [h.sackLeft0 >>> 0, h.sackRight0 >>> 0];
      if (n > 1) blocks.push(h.sackLeft1 >>> 0, h.sackRight1 >>> 0);
      this.sacks.set(num, blocks);
      if (n > 2) this.sacksCut.add(num);
    }
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

/**
 * For a loader's first-pass hook: records the frame just dissected (no extra cost). It copies
 * numbers out and keeps nothing of the frame, so it may run with `onFrameTransient` (the
 * session then reuses its PacketInfo and addresses for the next frame).
 */
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
