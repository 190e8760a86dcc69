/**
 * Builders for the synthetic web capture's frames: Ethernet, IPv4/IPv6, TCP and UDP with correct
 * lengths and checksums. Addresses are IPv4 numbers or 16-byte IPv6 arrays.
 */

export type IpAddr = number | Uint8Array;

export interface Endpoints {
  srcMac: Uint8Array;
  dstMac: Uint8Array;
  src: IpAddr;
  dst: IpAddr;
}

function sum16(b: Uint8Array, start: number, len: number, initial: number): number {
  let sum = initial;
  for (let i = 0; i + 1 < len; i += 2) sum += (b[start + i] << 8) | b[start + i + 1];
  if (len & 1) sum += b[start + len - 1] << 8;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}

function addrSum(a: IpAddr): number {
  if (typeof a === 'number') return (a >>> 16) + (a & 0xffff);
  return sum16(a, 0, 16, 0);
}

export function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** An IPv6 address from eight 16-bit groups. */
export function ipv6(groups: readonly number[]): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = (groups[i] ?? 0) >> 8;
    out[2 * i + 1] = (groups[i] ?? 0) & 255;
  }
  return out;
}

export function mac(bytes: readonly number[]): Uint8Array {
  return new Uint8Array(bytes);
}

/**
 * A whole frame: Ethernet + IP + the transport header made by `l4` (which receives the frame,
 * the transport offset and the pseudo-header checksum start value) + payload.
 */
function frame(
  ep: Endpoints,
  proto: number,
  l4Len: number,
  ipId: number,
  fill: (f: Uint8Array, off: number, pseudo: number) => void,
): Uint8Array {
  const v6 = typeof ep.src !== 'number';
  const ipLen = v6 ? 40 : 20;
  const f = new Uint8Array(14 + ipLen + l4Len);
  f.set(ep.dstMac, 0);
  f.set(ep.srcMac, 6);
  const dv = new DataView(f.buffer);
  dv.setUint16(12, v6 ? 0x86dd : 0x0800);
  if (v6) {
    dv.setUint32(14, 0x60000000);
    dv.setUint16(18, l4Len);
    f[20] = proto;
    f[21] = 64;
    f.set(ep.src as Uint8Array, 22);
    f.set(ep.dst as Uint8Array, 38);
  } else {
    f[14] = 0x45;
    dv.setUint16(16, 20 + l4Len);
    dv.setUint16(18, ipId & 0xffff);
    dv.setUint16(20, 0x4000);
    f[22] = 64;
    f[23] = proto;
    dv.setUint32(26, ep.src as number);
    dv.setUint32(30, ep.dst as number);
    dv.setUint16(24, fold(sum16(f, 14, 20, 0)));
  }
  const pseudo = addrSum(ep.src) + addrSum(ep.dst) + proto + l4Len;
  fill(f, 14 + ipLen, pseudo);
  return f;
}

export interface TcpHeader {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  win: number;
  options?: Uint8Array;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export function tcpFrame(ep: Endpoints, ipId: number, h: TcpHeader, payload: Uint8Array): Uint8Array {
  const optLen = h.options?.length ?? 0;
  const hl = 20 + optLen;
  return frame(ep, 6, hl + payload.length, ipId, (f, o, pseudo) => {
    const dv = new DataView(f.buffer);
    dv.setUint16(o, h.sport);
    dv.setUint16(o + 2, h.dport);
    dv.setUint32(o + 4, h.seq >>> 0);
    dv.setUint32(o + 8, h.ack >>> 0);
    f[o + 12] = (hl / 4) << 4;
    f[o + 13] = h.flags;
    dv.setUint16(o + 14, h.win);
    if (h.options) f.set(h.options, o + 20);
    f.set(payload, o + hl);
    dv.setUint16(o + 16, fold(sum16(f, o, hl + payload.length, pseudo)));
  });
}

export function udpFrame(
  ep: Endpoints,
  ipId: number,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Uint8Array {
  return frame(ep, 17, 8 + payload.length, ipId, (f, o, pseudo) => {
    const dv = new DataView(f.buffer);
    dv.setUint16(o, sport);
    dv.setUint16(o + 2, dport);
    dv.setUint16(o + 4, 8 + payload.length);
    f.set(payload, o + 8);
    const c = fold(sum16(f, o, 8 + payload.length, pseudo));
    dv.setUint16(o + 6, c === 0 ? 0xffff : c);
  });
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Big-endian integer of `width` bytes. */
export function be(v: number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  for (let i = width - 1; i >= 0; i--) {
    out[i] = v & 255;
    v = Math.floor(v / 256);
  }
  return out;
}

const encoder = new TextEncoder();

export function ascii(s: string): Uint8Array {
  return encoder.encode(s);
}
