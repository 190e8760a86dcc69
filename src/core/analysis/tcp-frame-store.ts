/**
 * What the first pass learned about each frame's TCP segment, stored column-wise by frame
 * number so that re-dissection, display filters and graphs can read it without recomputing
 * (Wireshark keeps the same facts in per-packet proto data and the tcp_acked table).
 */

/** Analysis flags (Wireshark's TCP_A_*). */
export const TCP_A = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

/** The per-segment analysis record (Wireshark's tcp_acked), built during the first pass. */
export class TcpAcked {
  /** Whether the record exists at all (tcp.analysis is shown only then). */
  present = false;
  flags = 0;
  frameAcked = 0;
  ackRttNs = 0;
  bytesInFlight = 0;
  pushBytesSent = 0;
  dupackNum = 0;
  dupackFrame = 0;
  rtoNs = 0;
  rtoFrame = 0;

  reset(): void {
    this.present = false;
    this.flags = 0;
    this.frameAcked = 0;
    this.ackRttNs = 0;
    this.bytesInFlight = 0;
    this.pushBytesSent = 0;
    this.dupackNum = 0;
    this.dupackFrame = 0;
    this.rtoNs = 0;
    this.rtoFrame = 0;
  }

  copyFrom(o: TcpAcked): void {
    this.present = o.present;
    this.flags = o.flags;
    this.frameAcked = o.frameAcked;
    this.ackRttNs = o.ackRttNs;
    this.bytesInFlight = o.bytesInFlight;
    this.pushBytesSent = o.pushBytesSent;
    this.dupackNum = o.dupackNum;
    this.dupackFrame = o.dupackFrame;
    this.rtoNs = o.rtoNs;
    this.rtoFrame = o.rtoFrame;
  }
}

/**
 * Everything about one frame's TCP segment that depends on the frames before it. (What
 * depends on the whole capture, like the final completeness, is read from the conversation.)
 */
export class TcpFrameFacts {
  /** Stream index, -1 when the frame has no (analysed) TCP segment. */
  stream = -1;
  readonly ta = new TcpAcked();
  /** tcp.completeness as shown for this frame. */
  completeness = 0;
  /** tcp.time_delta in ns. */
  deltaNs = 0;
}

const HAS_TA = 0x8000_0000;
/** The frame's dissection got as far as showing its analysis (not cut short before). */
const SHOWN = 0x4000_0000;

function grow<T extends Uint32Array | Float64Array | Int32Array>(a: T, need: number): T {
  if (need < a.length) return a;
  let n = a.length * 2;
  while (n <= need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Column store of TcpFrameFacts indexed by frame number (first TCP layer of each frame). */
export class TcpFrameStore {
  private stream = new Int32Array(1024).fill(-1);
  private flags = new Uint32Array(1024);
  private frameAcked = new Uint32Array(1024);
  private ackRtt = new Float64Array(1024);
  private bif = new Uint32Array(1024);
  private pushBytes = new Uint32Array(1024);
  private delta = new Float64Array(1024);
  /** Rare values kept sparse: duplicate-ACK number/frame and RTO. */
  private readonly dup = new Map<number, [number, number]>();
  private readonly rto = new Map<number, [number, number]>();
  /** Further TCP layers of a frame (tunnels): keyed frame * 16 + layer. */
  private readonly extra = new Map<number, TcpFrameFacts>();

  private ensure(frame: number): void {
    if (frame < this.stream.length) return;
    const old = this.stream.length;
    this.stream = grow(this.stream, frame);
    this.stream.fill(-1, old);
    this.flags = grow(this.flags, frame);
    this.frameAcked = grow(this.frameAcked, frame);
    this.ackRtt = grow(this.ackRtt, frame);
    this.bif = grow(this.bif, frame);
    this.pushBytes = grow(this.pushBytes, frame);
    this.delta = grow(this.delta, frame);
  }

  /** Records the facts of frame `frame`'s TCP layer number `layer` (0 = first). */
  write(frame: number, layer: number, f: TcpFrameFacts): void {
    if (layer > 0) {
      const copy = new TcpFrameFacts();
      copy.stream = f.stream;
      copy.ta.copyFrom(f.ta);
      copy.deltaNs = f.deltaNs;
      this.extra.set(frame * 16 + Math.min(layer, 15), copy);
      return;
    }
    this.ensure(frame);
    const ta = f.ta;
    this.stream[frame] = f.stream;
    this.flags[frame] = (ta.present ? HAS_TA : 0) | ta.flags;
    this.frameAcked[frame] = ta.frameAcked;
    this.ackRtt[frame] = ta.ackRttNs;
    this.bif[frame] = ta.bytesInFlight;
    this.pushBytes[frame] = ta.pushBytesSent;
    if (ta.dupackNum) this.dup.set(frame, [ta.dupackNum, ta.dupackFrame]);
    if (ta.rtoNs || ta.rtoFrame) this.rto.set(frame, [ta.rtoNs, ta.rtoFrame]);
    this.delta[frame] = f.deltaNs;
  }

  /** Fills `out` with what was recorded; false when nothing was. */
  read(frame: number, layer: number, out: TcpFrameFacts): boolean {
    if (layer > 0) {
      const f = this.extra.get(frame * 16 + Math.min(layer, 15));
      if (!f) return false;
      out.stream = f.stream;
      out.ta.copyFrom(f.ta);
      out.deltaNs = f.deltaNs;
      return true;
    }
    if (frame >= this.stream.length || this.stream[frame] < 0) return false;
    const ta = out.ta;
    const fl = this.flags[frame];
    out.stream = this.stream[frame];
    ta.present = (fl & HAS_TA) !== 0;
    ta.flags = fl & 0xffff;
    ta.frameAcked = this.frameAcked[frame];
    ta.ackRttNs = this.ackRtt[frame];
    ta.bytesInFlight = this.bif[frame];
    ta.pushBytesSent = this.pushBytes[frame];
    const d = this.dup.get(frame);
    ta.dupackNum = d ? d[0] : 0;
    ta.dupackFrame = d ? d[1] : 0;
    const r = this.rto.get(frame);
    ta.rtoNs = r ? r[0] : 0;
    ta.rtoFrame = r ? r[1] : 0;
    out.deltaNs = this.delta[frame];
    return true;
  }

  /** Notes that frame `frame`'s first TCP layer reached the analysis display (first pass). */
  markShown(frame: number): void {
    if (frame < this.flags.length) this.flags[frame] |= SHOWN;
  }

  /**
   * Whether frame `frame`'s first TCP segment was dissected past its header and options in the
   * first pass (markShown): not so for a bogus header length or a header cut short, which tshark
   * does not hand to the TCP tap either (the conversation tables).
   */
  isShown(frame: number): boolean {
    return frame < this.flags.length && (this.flags[frame] & SHOWN) !== 0;
  }

  /**
   * What the tree of frame `frame` shows of its first TCP segment's analysis: -1 when it shows
   * none (no analysis record, or the dissection stopped before), else the TCP_A_* flags.
   */
  shownFlags(frame: number): number {
    if (frame >= this.flags.length) return -1;
    const fl = this.flags[frame];
    return (fl & (SHOWN | HAS_TA)) === (SHOWN | HAS_TA) ? fl & 0xffff : -1;
  }

  /** Stream index of the frame's first TCP segment, or -1. */
  streamOf(frame: number): number {
    return frame < this.stream.length ? this.stream[frame] : -1;
  }

  /** TCP_A_* flags of the frame's first TCP segment (0 when none). */
  flagsOf(frame: number): number {
    return frame < this.flags.length ? this.flags[frame] & 0xffff : 0;
  }

  /** Bytes in flight recorded for the frame (0 when none). */
  bytesInFlightOf(frame: number): number {
    return frame < this.bif.length ? this.bif[frame] : 0;
  }

  /** ACK RTT in ns recorded for the frame (0 when none). */
  ackRttOf(frame: number): number {
    return frame < this.ackRtt.length ? this.ackRtt[frame] : 0;
  }
}
