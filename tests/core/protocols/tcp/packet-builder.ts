/**
 * Builds Ethernet/IPv4|IPv6/TCP frames and classic pcap files for hand-made TCP scenarios.
 * Checksums are computed so tshark sees valid packets too.
 */

export interface TcpSegmentSpec {
  /** Time in microseconds since the start of the scenario. */
  t: number;
  /** 'c' = client (10.0.0.1 / fd00::1), 's' = server (10.0.0.2 / fd00::2, port 47000). */
  from: 'c' | 's';
  seq: number;
  ack?: number;
  /** Letters: S=SYN A=ACK P=PSH F=FIN R=RST U=URG E=ECE C=CWR. */
  flags: string;
  win?: number;
  /** Payload bytes, or a length (filled with a pattern). */
  payload?: Uint8Array | number;
  options?: number[];
  /** Ports when not the default 40000 (client) / 80 (server). */
  cport?: number;
  sport?: number;
  urgent?: number;
  /** Override the header length (bytes) to make bogus headers. */
  hlenOverride?: number;
  /** Cut the frame to this many captured bytes (snaplen). */
  caplen?: number;
}

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128 };

function checksum(parts: Uint8Array[]): number {
  let sum = 0;
  for (const b of parts) {
    for (let i = 0; i < b.length; i += 2) sum += (b[i] << 8) | (i + 1 < b.length ? b[i + 1] : 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function be16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

export function payloadBytes(p: Uint8Array | number | undefined, seed = 0): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  if (typeof p !== 'number') return p;
  const b = new Uint8Array(p);
  for (let i = 0; i < p; i++) b[i] = 0x41 + ((i + seed) % 26);
  return b;
}

/** One Ethernet frame carrying the segment. */
export function tcpFrame(s: TcpSegmentSpec, v6 = false): Uint8Array {
  const client = v6 ? [0xfd, 0, ...new Array(13).fill(0), 1] : [10, 0, 0, 1];
  const server = v6 ? [0xfd, 0, ...new Array(13).fill(0), 2] : [10, 0, 0, 2];
  const cport = s.cport ?? 40000;
  const sport = s.sport ?? 47000;
  const [src, dst, sp, dp] = s.from === 'c' ? [client, server, cport, sport] : [server, client, sport, cport];
  let flags = 0;
  for (const ch of s.flags) flags |= FLAG_BITS[ch] ?? 0;
  const opts = s.options ?? [];
  const optLen = (opts.length + 3) & ~3;
  const hlen = 20 + optLen;
  const payload = payloadBytes(s.payload, s.seq);
  const tcp = new Uint8Array(hlen + payload.length);
  tcp.set([
    ...be16(sp),
    ...be16(dp),
    ...be32(s.seq >>> 0),
    ...be32((s.ack ?? 0) >>> 0),
    (((s.hlenOverride ?? hlen) / 4) << 4) & 0xf0,
    flags & 0xff,
    ...be16(s.win ?? 65535),
    0,
    0,
    ...be16(s.urgent ?? 0),
  ]);
  tcp.set(opts, 20);
  tcp.set(payload, hlen);
  const pseudo = v6
    ? new Uint8Array([...src, ...dst, ...be32(tcp.length), 0, 0, 0, 6])
    : new Uint8Array([...src, ...dst, 0, 6, ...be16(tcp.length)]);
  const ck = checksum([pseudo, tcp]);
  tcp[16] = ck >>> 8;
  tcp[17] = ck & 255;
  let ip: Uint8Array;
  if (v6) {
    ip = new Uint8Array([0x60, 0, 0, 0, ...be16(tcp.length), 6, 64, ...src, ...dst]);
  } else {
    ip = new Uint8Array([0x45, 0, ...be16(20 + tcp.length), 0, 1, 0x40, 0, 64, 6, 0, 0, ...src, ...dst]);
    const ick = checksum([ip]);
    ip[10] = ick >>> 8;
    ip[11] = ick & 255;
  }
  const eth = new Uint8Array([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, ...(v6 ? [0x86, 0xdd] : [0x08, 0x00])]);
  if (s.from === 's') {
    eth.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2], 0);
  }
  const out = new Uint8Array(eth.length + ip.length + tcp.length);
  out.set(eth);
  out.set(ip, eth.length);
  out.set(tcp, eth.length + ip.length);
  return out;
}

/** A classic microsecond pcap of Ethernet frames, honouring per-segment caplen. */
export function buildPcap(segs: TcpSegmentSpec[], v6 = false): Uint8Array {
  const parts: number[] = [];
  const le32 = (v: number): number[] => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
  parts.push(...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(65535), ...le32(1));
  const base = 1_700_000_000;
  for (const s of segs) {
    const f = tcpFrame(s, v6);
    const cap = Math.min(f.length, s.caplen ?? f.length);
    const sec = base + Math.floor(s.t / 1e6);
    const usec = s.t % 1e6;
    parts.push(...le32(sec), ...le32(usec), ...le32(cap), ...le32(f.length));
    for (let i = 0; i < cap; i++) parts.push(f[i]);
  }
  return new Uint8Array(parts);
}

/** TCP option bytes. */
export const opt = {
  mss: (v: number): number[] => [2, 4, ...be16(v)],
  ws: (shift: number): number[] => [3, 3, shift],
  sackPerm: (): number[] => [4, 2],
  ts: (val: number, ecr: number): number[] => [8, 10, ...be32(val), ...be32(ecr)],
  sack: (...edges: number[]): number[] => [5, 2 + edges.length * 4, ...edges.flatMap(be32)],
  nop: (): number[] => [1],
};
