/**
 * One TCP connection of the synthetic web capture, seen at the client: the handshake (MSS,
 * SACK, window scale), data sent in congestion-window rounds and ACKed every second segment,
 * server segments lost between the capture point and the client (duplicate ACKs with SACK
 * blocks, then a fast retransmission), client segments lost (retransmitted after a timeout), window updates, and the
 * close (FIN both ways, or RST). Sending methods are generators that yield the µs to wait.
 */
import type { Emit } from './capture-writer';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, tcpFrame, type Endpoints } from './packets';
import type { Rng } from './rng';

const MSS = 1460;
/** MSS 1460, NOP, window scale 8, NOP, NOP, SACK permitted. */
const SYN_OPTS = new Uint8Array([2, 4, 5, 180, 1, 3, 3, 8, 1, 1, 4, 2]);
/** MSS 1460, NOP, NOP, SACK permitted, NOP, window scale 7. */
const SYNACK_OPTS = new Uint8Array([2, 4, 5, 180, 1, 1, 4, 2, 1, 3, 3, 7]);
const EMPTY = new Uint8Array(0);

/** Writes a frame at the capture's current time and advances it by the frame's wire time. */
export interface Clock {
  out(frame: Uint8Array): void;
}

export function makeClock(emit: Emit, now: () => number, advance: (us: number) => void): Clock {
  return {
    out(f) {
      emit(f, f.length, f.length, now());
      // ~1 Gbit/s serialisation plus a little spacing.
      advance(2 + (f.length >> 7));
    },
  };
}

export class TcpConnection {
  private cseq: number;
  private sseq: number;
  /** Next server byte the client expects (its ACK number). */
  private cRcv = 0;
  /** Next client byte the server expects. */
  private sRcv = 0;
  private cId: number;
  private sId: number;
  /** Raw advertised windows (scaled by 2^8 for the client, 2^7 for the server). */
  private cWin = 502;
  private sWin = 501;
  private cwnd = 10;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly c2s: Endpoints,
    private readonly s2c: Endpoints,
    private readonly cport: number,
    private readonly sport: number,
    readonly rtt: number,
    private readonly loss: number,
  ) {
    this.cseq = rng.int(2 ** 32);
    this.sseq = rng.int(2 ** 32);
    this.cId = rng.int(65536);
    this.sId = rng.int(65536);
  }

  private client(flags: number, data: Uint8Array, seq = this.cseq, options?: Uint8Array): void {
    const h = {
      sport: this.cport,
      dport: this.sport,
      seq,
      ack: flags & TCP_ACK ? this.cRcv : 0,
      flags,
      win: this.cWin,
      options,
    };
    this.clock.out(tcpFrame(this.c2s, this.cId++, h, data));
  }

  private server(flags: number, data: Uint8Array, seq = this.sseq, options?: Uint8Array): void {
    const h = { sport: this.sport, dport: this.cport, seq, ack: this.sRcv, flags, win: this.sWin, options };
    this.clock.out(tcpFrame(this.s2c, this.sId++, h, data));
  }

  *handshake(): Generator<number, void, void> {
    this.client(TCP_SYN, EMPTY, this.cseq, SYN_OPTS);
    this.cseq = (this.cseq + 1) >>> 0;
    this.sRcv = this.cseq;
    yield this.rtt;
    this.server(TCP_SYN | TCP_ACK, EMPTY, this.sseq, SYNACK_OPTS);
    this.sseq = (this.sseq + 1) >>> 0;
    this.cRcv = this.sseq;
    this.cWin = 502;
    yield 40;
    this.client(TCP_ACK, EMPTY);
  }

  /** The client sends `data`; a segment lost after the capture point is sent again after a timeout. */
  *clientSend(data: Uint8Array): Generator<number, void, void> {
    const lost: [number, Uint8Array][] = [];
    for (let o = 0; o < data.length; o += MSS) {
      const seg = data.subarray(o, Math.min(data.length, o + MSS));
      const last = o + MSS >= data.length;
      if (this.rng.chance(this.loss)) lost.push([this.cseq, seg]);
      this.client(TCP_ACK | (last ? TCP_PSH : 0), seg);
      this.cseq = (this.cseq + seg.length) >>> 0;
    }
    for (const [seq, seg] of lost) {
      yield 200_000 + this.rtt;
      this.client(TCP_ACK | TCP_PSH, seg, seq);
    }
    this.sRcv = this.cseq;
  }

  /** The server ACKs what it has received without data (a delayed ACK before a slow answer). */
  serverAck(): void {
    this.server(TCP_ACK, EMPTY);
  }

  private sack(left: number, right: number): Uint8Array {
    const o = new Uint8Array(12);
    const dv = new DataView(o.buffer);
    o[0] = 1;
    o[1] = 1;
    o[2] = 5;
    o[3] = 10;
    dv.setUint32(4, left >>> 0);
    dv.setUint32(8, right >>> 0);
    return o;
  }

  /**
   * The server sends `data` in rounds of `cwnd` segments (slow start, bounded by the client's
   * window); the client ACKs every second segment. A segment lost after the capture point (the
   * capture sees it, the client does not) makes each later segment draw a duplicate ACK with a
   * SACK block, and the server retransmits it a round trip later. (Losses before the capture
   * point would leave holes that tshark cannot reassemble across, as on real captures; the
   * benchmark wants the application layer intact.)
   */
  *serverSend(data: Uint8Array, finAfter = false): Generator<number, void, void> {
    let o = 0;
    while (o < data.length) {
      const windowSegs = Math.max(2, Math.floor((this.cWin * 256) / MSS));
      const segs = Math.min(this.cwnd, windowSegs);
      let lostAt = -1;
      let lostSeg: Uint8Array = EMPTY;
      let received = 0;
      let sackRight = 0;
      for (let k = 0; k < segs && o < data.length; k++) {
        const seg = data.subarray(o, Math.min(data.length, o + MSS));
        o += seg.length;
        const last = o >= data.length;
        const seq = this.sseq;
        this.sseq = (this.sseq + seg.length) >>> 0;
        this.server(TCP_ACK | (last ? TCP_PSH : 0), seg, seq);
        if (lostAt < 0 && !last && this.rng.chance(this.loss)) {
          lostAt = seq;
          lostSeg = seg;
          continue;
        }
        received++;
        if (lostAt >= 0) {
          sackRight = this.sseq;
          this.client(TCP_ACK, EMPTY, this.cseq, this.sack(lostAt + lostSeg.length, sackRight));
        } else {
          this.cRcv = this.sseq;
          if (received % 2 === 0 || last) this.ackWithWindow();
        }
      }
      if (lostAt >= 0) {
        // The duplicate ACKs reach the server, which retransmits a round trip later (at least 20 ms
        // after the last duplicate ACK, so tshark calls it a retransmission, not a fast one).
        yield Math.max(this.rtt, 20_000) + this.rng.range(1_000, 20_000);
        this.server(TCP_ACK, lostSeg, lostAt);
        this.cRcv = this.sseq;
        this.ackWithWindow();
        this.cwnd = Math.max(2, this.cwnd >> 1);
      } else {
        this.cwnd = Math.min(64, this.cwnd * 2);
      }
      if (o < data.length) yield this.rtt;
    }
    if (finAfter) {
      this.server(TCP_FIN | TCP_ACK, EMPTY);
      this.sseq = (this.sseq + 1) >>> 0;
      this.cRcv = this.sseq;
    }
  }

  /** A client ACK whose advertised window sometimes drifts as the application reads. */
  private ackWithWindow(): void {
    if (this.rng.chance(0.1)) this.cWin = Math.min(2000, Math.max(200, this.cWin + this.rng.range(-60, 80)));
    this.client(TCP_ACK, EMPTY);
  }

  /** A pure window update: same ACK, larger window. */
  windowUpdate(): void {
    this.cWin = Math.min(4000, this.cWin + 256);
    this.client(TCP_ACK, EMPTY);
  }

  /** The client closes; the server answers with its FIN (unless it closed first). */
  *clientClose(serverClosed: boolean): Generator<number, void, void> {
    this.client(TCP_FIN | TCP_ACK, EMPTY);
    this.cseq = (this.cseq + 1) >>> 0;
    this.sRcv = this.cseq;
    yield this.rtt;
    if (serverClosed) {
      this.server(TCP_ACK, EMPTY);
      return;
    }
    this.server(TCP_FIN | TCP_ACK, EMPTY);
    this.sseq = (this.sseq + 1) >>> 0;
    this.cRcv = this.sseq;
    yield 50;
    this.client(TCP_ACK, EMPTY);
  }

  /** The client aborts the connection. */
  clientReset(): void {
    this.client(TCP_RST | TCP_ACK, EMPTY);
  }
}
