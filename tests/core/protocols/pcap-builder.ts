/**
 * A tiny classic-pcap writer for hand-made application-layer captures: Ethernet + IPv4/IPv6 +
 * TCP/UDP with valid checksums, TCP flows that keep their own sequence numbers, and optional
 * snaplen cuts. The same bytes can be written to /tmp and read by tshark to check expectations.
 */

export type Side = 'c' | 's';

export interface Endpoint {
  /** 4 bytes (IPv4) or 16 bytes (IPv6). */
  ip: number[];
  port: number;
}

export interface SendOptions {
  /** TCP flags letters (S A P F R U); default "PA" for data, "A" without data. */
  flags?: string;
  /** Captured length of the whole frame (the snaplen cut); default: everything. */
  caplen?: number;
  /** Send this sequence number instead of the flow's next one (retransmissions, gaps). */
  seq?: number;
  /** Do not advance the flow's sequence number (e.g. to fake a lost segment later). */
  keepSeq?: boolean;
}

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32 };

export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

export function concatBytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function be16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

function checksum(parts: (Uint8Array | number[])[]): number {
  let sum = 0;
  let odd = -1;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd < 0) odd = p[i];
      else {
        sum += (odd << 8) | p[i];
        odd = -1;
      }
    }
  }
  if (odd >= 0) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const MAC_C = [2, 0, 0, 0, 0, 0x10];
const MAC_S = [2, 0, 0, 0, 1, 0];

interface Packet {
  usec: number;
  frame: Uint8Array;
  caplen: number;
}

export class PcapBuilder {
  private readonly packets: Packet[] = [];
  private usec = 0;

  /** One frame with an IP payload (protocol 6/17/...) between two addresses. */
  ip(src: number[], dst: number[], proto: number, l4: Uint8Array, caplen?: number, fromClient = true): void {
    const v6 = src.length === 16;
    let ipHdr: number[];
    if (v6) {
      ipHdr = [0x60, 0, 0, 0, ...be16(l4.length), proto, 64, ...src, ...dst];
    } else {
      const h = [0x45, 0, ...be16(20 + l4.length), 0, 1, 0x40, 0, 64, proto, 0, 0, ...src, ...dst];
      const c = checksum([h]);
      h[10] = c >>> 8;
      h[11] = c & 255;
      ipHdr = h;
    }
    const eth = [
      ...(fromClient ? MAC_S : MAC_C),
      ...(fromClient ? MAC_C : MAC_S),
      ...(v6 ? [0x86, 0xdd] : [8, 0]),
    ];
    const frame = concatBytes(eth, ipHdr, l4);
    this.usec += 1000;
    this.packets.push({ usec: this.usec, frame, caplen: Math.min(caplen ?? frame.length, frame.length) });
  }

  /** A UDP datagram. */
  udp(src: Endpoint, dst: Endpoint, payload: Uint8Array, fromClient = true): void {
    const len = 8 + payload.length;
    const hdr = [...be16(src.port), ...be16(dst.port), ...be16(len), 0, 0];
    const pseudo = pseudoHeader(src.ip, dst.ip, 17, len);
    const c = checksum([pseudo, hdr, payload]) || 0xffff;
    hdr[6] = c >>> 8;
    hdr[7] = c & 255;
    this.ip(src.ip, dst.ip, 17, concatBytes(hdr, payload), undefined, fromClient);
  }

  /** Cuts the last frame at `caplen` bytes, as a capture snaplen would. */
  cutLast(caplen: number): void {
    const p = this.packets[this.packets.length - 1];
    p.caplen = Math.min(caplen, p.frame.length);
  }

  /** A TCP connection between a client and a server endpoint. */
  tcp(client: Endpoint, server: Endpoint): TcpFlow {
    return new TcpFlow(this, client, server);
  }

  /** The capture as a classic pcap file (microsecond time stamps, Ethernet). */
  build(snaplen = 262144): Uint8Array {
    const parts: Uint8Array[] = [];
    const gh = new DataView(new ArrayBuffer(24));
    gh.setUint32(0, 0xa1b2c3d4, true);
    gh.setUint16(4, 2, true);
    gh.setUint16(6, 4, true);
    gh.setUint32(16, snaplen, true);
    gh.setUint32(20, 1, true);
    parts.push(new Uint8Array(gh.buffer));
    for (const p of this.packets) {
      const rh = new DataView(new ArrayBuffer(16));
      rh.setUint32(0, 1_700_000_000 + Math.floor(p.usec / 1e6), true);
      rh.setUint32(4, p.usec % 1e6, true);
      rh.setUint32(8, p.caplen, true);
      rh.setUint32(12, p.frame.length, true);
      parts.push(new Uint8Array(rh.buffer), p.frame.subarray(0, p.caplen));
    }
    return concatBytes(...parts);
  }
}

function pseudoHeader(src: number[], dst: number[], proto: number, len: number): number[] {
  if (src.length === 16) return [...src, ...dst, ...be32(len), 0, 0, 0, proto];
  return [...src, ...dst, 0, proto, ...be16(len)];
}

/** Both directions of one TCP connection; sequence numbers advance as data is sent. */
export class TcpFlow {
  private readonly next: Record<Side, number> = { c: 1000, s: 5000 };

  constructor(
    private readonly pcap: PcapBuilder,
    readonly client: Endpoint,
    readonly server: Endpoint,
  ) {}

  /** SYN, SYN/ACK, ACK. */
  handshake(): this {
    this.segment('c', new Uint8Array(0), { flags: 'S' });
    this.next.c++;
    this.segment('s', new Uint8Array(0), { flags: 'SA' });
    this.next.s++;
    this.segment('c', new Uint8Array(0), { flags: 'A' });
    return this;
  }

  /** Data from one side (PSH/ACK), then advances that side's sequence number. */
  send(from: Side, data: Uint8Array | string, opts: SendOptions = {}): this {
    const bytes = typeof data === 'string' ? ascii(data) : data;
    this.segment(from, bytes, opts);
    if (!opts.keepSeq && opts.seq === undefined) this.next[from] += bytes.length;
    return this;
  }

  /** A pure ACK from one side. */
  ack(from: Side): this {
    return this.segment(from, new Uint8Array(0), { flags: 'A' });
  }

  /** FIN/ACK from one side. */
  fin(from: Side): this {
    this.segment(from, new Uint8Array(0), { flags: 'FA' });
    this.next[from]++;
    return this;
  }

  /** Skips n bytes of one side's sequence space (a segment lost before the capture point). */
  skip(from: Side, n: number): this {
    this.next[from] += n;
    return this;
  }

  segment(from: Side, payload: Uint8Array, opts: SendOptions): this {
    const [a, b] = from === 'c' ? [this.client, this.server] : [this.server, this.client];
    const other: Side = from === 'c' ? 's' : 'c';
    const flagText = opts.flags ?? (payload.length > 0 ? 'PA' : 'A');
    let flags = 0;
    for (const ch of flagText) flags |= FLAG_BITS[ch] ?? 0;
    const seq = opts.seq ?? this.next[from];
    const ack = flags & FLAG_BITS.A ? this.next[other] : 0;
    const hdr = [
      ...be16(a.port),
      ...be16(b.port),
      ...be32(seq >>> 0),
      ...be32(ack >>> 0),
      0x50,
      flags,
      ...be16(64240),
      0,
      0,
      0,
      0,
    ];
    const len = 20 + payload.length;
    const c = checksum([pseudoHeader(a.ip, b.ip, 6, len), hdr, payload]);
    hdr[16] = c >>> 8;
    hdr[17] = c & 255;
    this.pcap.ip(a.ip, b.ip, 6, concatBytes(hdr, payload), opts.caplen, from === 'c');
    return this;
  }
}

export const CLIENT4 = [192, 168, 1, 10];
export const SERVER4 = [192, 168, 1, 100];
export const CLIENT6 = [0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
export const SERVER6 = [0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
