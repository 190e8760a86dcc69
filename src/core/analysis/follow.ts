import { addressEquals, formatAddress, AT, type Address } from '../dissect/address';
import type { CaptureSession } from '../session';
import type { DissectOptions, DissectedFrame } from '../dissect/frame';
import { UNKNOWN_SET } from '../index/field-columns';
import { followSegmentsOf, type TcpFollowSegment } from '../protocols/tcp/follow-record';
import { GT_SEQ, LT_SEQ, TH, tcpConversation } from './tcp-analysis';
import { udpFollowDatagrams, udpStreamFrames } from './udp-follow';

/** One piece of a followed stream, in the order tshark prints them. */
export interface FollowChunk {
  dir: 'c2s' | 's2c';
  bytes: Uint8Array;
  /** Frame the bytes came from (for a gap marker: the frame whose ACK revealed the gap). */
  frame: number;
  /** Set on gap markers ("[N bytes missing in capture file]" + NUL): the number of bytes. */
  missing?: number;
}

export interface FollowResult {
  /** "addr:port" of the side that sent the first segment (tshark's Node 0). */
  client: string;
  server: string;
  chunks: FollowChunk[];
  bytesC2S: number;
  bytesS2C: number;
}

/** "192.168.1.10:42618", or "[fd00:1::10]:80" for IPv6 (tshark's Node lines). */
export function endpointText(a: Address, port: number): string {
  return a.type === AT.IPv6 ? `[${formatAddress(a)}]:${port}` : `${formatAddress(a)}:${port}`;
}

interface Pending {
  seq: number;
  data: Uint8Array;
  frame: number;
}

const encoder = new TextEncoder();

/**
 * Reassembles one TCP stream the way tshark's Follow TCP Stream does (follow_tcp_tap_listener):
 * each direction is appended in sequence order, retransmitted bytes are skipped, out-of-order
 * segments wait until the gap is filled, and when the other side ACKs data that is not in the
 * file a "[N bytes missing in capture file]" marker is emitted instead.
 */
export class TcpFollower {
  private clientAddr: Address | null = null;
  private clientPort = 0;
  private serverAddr: Address | null = null;
  private serverPort = 0;
  private readonly seq = [0, 0];
  private readonly bytesWritten = [0, 0];
  private readonly fragments: Pending[][] = [[], []];
  readonly chunks: FollowChunk[] = [];

  get client(): string {
    return this.clientAddr ? endpointText(this.clientAddr, this.clientPort) : '';
  }

  get server(): string {
    return this.serverAddr ? endpointText(this.serverAddr, this.serverPort) : '';
  }

  private push(isServer: number, data: Uint8Array, frame: number, missing?: number): void {
    const c: FollowChunk = { dir: isServer ? 's2c' : 'c2s', bytes: data, frame };
    if (missing !== undefined) c.missing = missing;
    this.chunks.push(c);
  }

  /** Feeds the next segment of the stream (in capture order). */
  add(s: TcpFollowSegment): void {
    let sequence = s.seq;
    let length = s.seglen;
    let dataOffset = 0;
    let dataLength = s.payload.length;
    if (s.flags & TH.SYN) sequence = (sequence + 1) >>> 0;
    if (this.clientPort === 0) {
      this.clientPort = s.srcPort;
      this.clientAddr = s.src;
      this.serverPort = s.dstPort;
      this.serverAddr = s.dst;
    }
    const isServer =
      this.clientAddr && addressEquals(this.clientAddr, s.src) && this.clientPort === s.srcPort ? 0 : 1;
    const other = isServer ? 0 : 1;
    if (this.fragments[other].length) {
      while (this.checkFragments(other, s.ack, s.frame, true));
    }
    if (this.bytesWritten[isServer] === 0 && this.seq[isServer] === 0) this.seq[isServer] = sequence;
    if (LT_SEQ(sequence, this.seq[isServer])) {
      const nextseq = (sequence + length) >>> 0;
      if (GT_SEQ(nextseq, this.seq[isServer])) {
        dataOffset = (this.seq[isServer] - sequence) >>> 0;
        dataLength = dataLength <= dataOffset ? 0 : dataLength - dataOffset;
        sequence = this.seq[isServer];
        length = (nextseq - this.seq[isServer]) >>> 0;
      }
    }
    if (dataLength === 0 || LT_SEQ(sequence, this.seq[isServer])) return;
    const data = s.payload.slice(dataOffset, dataOffset + dataLength);
    if (sequence === this.seq[isServer]) {
      this.seq[isServer] = (this.seq[isServer] + length) >>> 0;
      this.bytesWritten[isServer] += data.length;
      this.push(isServer, data, s.frame);
      while (this.checkFragments(isServer, 0, s.frame, false));
    } else {
      this.fragments[isServer].push({ seq: sequence, data, frame: s.frame });
    }
  }

  /** Wireshark's check_follow_fragments: applies one waiting fragment, or a gap marker. */
  private checkFragments(isServer: number, acknowledged: number, frame: number, useAck: boolean): boolean {
    const frags = this.fragments[isServer];
    if (frags.length === 0) return false;
    let lowest = frags[0].seq;
    for (let i = 0; i < frags.length; i++) {
      const f = frags[i];
      if (GT_SEQ(lowest, f.seq)) lowest = f.seq;
      const cur = this.seq[isServer];
      if (LT_SEQ(f.seq, cur)) {
        const newseq = (f.seq + f.data.length) >>> 0;
        if (GT_SEQ(newseq, cur)) {
          const newPos = (cur - f.seq) >>> 0;
          if (f.data.length > newPos) this.push(isServer, f.data.slice(newPos), f.frame);
          this.seq[isServer] = (cur + (f.data.length - newPos)) >>> 0;
        }
        frags.splice(i, 1);
        return true;
      }
      if (f.seq === cur) {
        if (f.data.length > 0) this.push(isServer, f.data, f.frame);
        this.seq[isServer] = (cur + f.data.length) >>> 0;
        frags.splice(i, 1);
        return true;
      }
    }
    if (useAck && GT_SEQ(acknowledged, lowest)) {
      const missing = (lowest - this.seq[isServer]) | 0;
      const text = encoder.encode(`[${missing} bytes missing in capture file]`);
      const data = new Uint8Array(text.length + 1);
      data.set(text);
      this.push(isServer, data, frame, missing);
      this.seq[isServer] = lowest;
      return true;
    }
    return false;
  }

  result(): FollowResult {
    return finish(this.client, this.server, this.chunks);
  }
}

function finish(client: string, server: string, chunks: FollowChunk[]): FollowResult {
  let c2s = 0;
  let s2c = 0;
  for (const c of chunks) {
    if (c.missing !== undefined) continue;
    if (c.dir === 'c2s') c2s += c.bytes.length;
    else s2c += c.bytes.length;
  }
  return { client, server, chunks, bytesC2S: c2s, bytesS2C: s2c };
}

/**
 * Collects one UDP stream as tshark's Follow UDP Stream does: every datagram's payload in
 * order, the first sender being the client.
 */
export class UdpFollower {
  private clientAddr: Address | null = null;
  private clientPort = 0;
  private serverAddr: Address | null = null;
  private serverPort = 0;
  readonly chunks: FollowChunk[] = [];

  add(
    frame: number,
    src: Address,
    srcPort: number,
    dst: Address,
    dstPort: number,
    payload: Uint8Array,
  ): void {
    if (this.clientPort === 0) {
      this.clientPort = srcPort;
      this.clientAddr = src;
      this.serverPort = dstPort;
      this.serverAddr = dst;
    }
    const fromClient =
      this.clientAddr !== null && addressEquals(this.clientAddr, src) && this.clientPort === srcPort;
    this.chunks.push({ dir: fromClient ? 'c2s' : 's2c', bytes: payload.slice(), frame });
  }

  result(): FollowResult {
    const client = this.clientAddr ? endpointText(this.clientAddr, this.clientPort) : '';
    const server = this.serverAddr ? endpointText(this.serverAddr, this.serverPort) : '';
    return finish(client, server, this.chunks);
  }
}

/** Feeds one dissected frame to a TCP follower of stream `stream`. */
export function followTcpFrame(f: TcpFollower, d: DissectedFrame, stream: number): void {
  for (const s of followSegmentsOf(d.pinfo)) if (s.stream === stream) f.add(s);
}

const WHOLE: DissectOptions = { tree: false, columns: false };
/** Follow reads the TCP headers' segment records, made before TCP hands its payload on. */
const TO_TCP: DissectOptions = { tree: false, columns: false, layers: 'transport' };
/** Layers at or under which dissecting with layers 'transport' may stop or differ (conservative). */
const STOPS = ['tcp', 'udp', 'icmp', 'icmpv6'];

/**
 * Whether dissecting frame `num` only down to its first transport still reaches all of its TCP
 * segments: its first-pass protocol list (kept with the field columns) has exactly one TCP
 * layer and no UDP/ICMP before it. Skipping the payload dissectors (HTTP reassembling bulk
 * data, decompression...) makes Follow several times faster on full-payload captures.
 */
function transportReachesTcp(session: CaptureSession, num: number): boolean {
  const cols = session.fieldColumns;
  if (num > cols.count) return false;
  const id = cols.protoSet[num - 1];
  if (id === UNKNOWN_SET) return false;
  const set = cols.sets.get(id);
  if (set.counts.get('tcp') !== 1) return false;
  for (const p of set.layers) {
    if (p === 'tcp') return true;
    if (STOPS.includes(p)) return false;
  }
  return false;
}

/**
 * Follow Stream for the UI: the reassembled payload of TCP or UDP stream `stream`, per
 * direction, in tshark's order. TCP re-dissects only the stream's frames; UDP needs the
 * udp.stream of each frame (see udp-follow.ts).
 */
export function followStream(session: CaptureSession, proto: 'tcp' | 'udp', stream: number): FollowResult {
  if (proto === 'tcp') {
    const f = new TcpFollower();
    const conv = tcpConversation(session.capture, stream);
    if (!conv) return f.result();
    for (let i = 0; i < conv.frameCount; i++) {
      const num = conv.frames[i];
      const d = session.dissect(num, transportReachesTcp(session, num) ? TO_TCP : WHOLE);
      followTcpFrame(f, d, stream);
    }
    return f.result();
  }
  const u = new UdpFollower();
  for (const num of udpStreamFrames(session, stream)) {
    const d = session.dissect(num, { tree: true, columns: false });
    for (const g of udpFollowDatagrams(d))
      if (g.stream === stream) u.add(num, g.src, g.srcPort, g.dst, g.dstPort, g.payload);
  }
  return u.result();
}

/** IPv4/IPv6 check used by callers that build filters. */
export function isIpAddress(a: Address): boolean {
  return a.type === AT.IPv4 || a.type === AT.IPv6;
}
