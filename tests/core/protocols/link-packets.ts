/**
 * Builders for hand-made test packets (Ethernet, VLAN, ARP, IPv4/IPv6 with extension headers,
 * ICMP/ICMPv6, UDP) and an in-memory pcap writer, for the link/network/transport tests.
 */

export type Bytes = Uint8Array;

export function cat(...parts: (Bytes | number[])[]): Bytes {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function u16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

export function u32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

export function zeros(n: number): Bytes {
  return new Uint8Array(n);
}

export function fill(n: number, v: number): Bytes {
  return new Uint8Array(n).fill(v);
}

export function ascii(s: string): Bytes {
  return new Uint8Array([...s].map((c) => c.charCodeAt(0)));
}

export function hex(s: string): Bytes {
  const clean = s.replace(/[^0-9a-f]/gi, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** One's-complement Internet checksum of the concatenated parts. */
export function checksum(...parts: Bytes[]): number {
  const b = cat(...parts);
  let s = 0;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i] << 8) | b[i + 1];
  if (b.length % 2) s += b[b.length - 1] << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export const MAC_A = [0x02, 0, 0, 0, 0, 0x10];
export const MAC_B = [0x02, 0, 0, 0, 0x01, 0];
export const BCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
export const IP_A = [192, 168, 1, 10];
export const IP_B = [192, 168, 1, 100];
export const IP6_A = hex('fd000001000000000000000000000010');
export const IP6_B = hex('fd000001000000000000000000000100');

export function eth(dst: number[], src: number[], type: number, payload: Bytes): Bytes {
  return cat(dst, src, u16(type), payload);
}

/** An 802.1Q tag (TCI) followed by the inner type/length. */
export function vlanTag(pri: number, id: number, innerType: number): Bytes {
  return new Uint8Array([...u16((pri << 13) | id), ...u16(innerType)]);
}

export function arp(
  op: number,
  sha: number[],
  spa: number[],
  tha: number[],
  tpa: number[],
  hrd = 1,
  pro = 0x0800,
): Bytes {
  return cat(u16(hrd), u16(pro), [sha.length, spa.length], u16(op), sha, spa, tha, tpa);
}

export interface Ip4Options {
  id?: number;
  ttl?: number;
  /** Flags and fragment offset word (default DF). */
  off?: number;
  tos?: number;
  options?: Bytes;
  /** Total length override. */
  totalLength?: number;
  /** Header length override in 32-bit words. */
  ihl?: number;
}

export function ip4(src: number[], dst: number[], proto: number, payload: Bytes, o: Ip4Options = {}): Bytes {
  const opts = o.options ?? new Uint8Array(0);
  const ihl = o.ihl ?? 5 + opts.length / 4;
  const total = o.totalLength ?? 20 + opts.length + payload.length;
  const h = cat(
    [0x40 | ihl, o.tos ?? 0],
    u16(total),
    u16(o.id ?? 1),
    u16(o.off ?? 0x4000),
    [o.ttl ?? 64, proto, 0, 0],
    src,
    dst,
    opts,
  );
  const c = checksum(h);
  h[10] = c >>> 8;
  h[11] = c & 255;
  return cat(h, payload);
}

export function udp(
  sport: number,
  dport: number,
  payload: Bytes,
  pseudo?: { src: Bytes | number[]; dst: Bytes | number[] },
  length?: number,
): Bytes {
  const len = length ?? 8 + payload.length;
  const h = cat(u16(sport), u16(dport), u16(len), [0, 0]);
  if (pseudo) {
    const v6 = pseudo.src.length === 16;
    const ph = v6
      ? cat(pseudo.src, pseudo.dst, u32(8 + payload.length), [0, 0, 0, 17])
      : cat(pseudo.src, pseudo.dst, [0, 17], u16(8 + payload.length));
    const c = checksum(ph, h, payload) || 0xffff;
    h[6] = c >>> 8;
    h[7] = c & 255;
  }
  return cat(h, payload);
}

export function icmp(
  type: number,
  code: number,
  rest: Bytes | number[],
  payload: Bytes = new Uint8Array(0),
): Bytes {
  const m = cat([type, code, 0, 0], rest, payload);
  const c = checksum(m);
  m[2] = c >>> 8;
  m[3] = c & 255;
  return m;
}

export function ip6(
  src: Bytes,
  dst: Bytes,
  nxt: number,
  payload: Bytes,
  hlim = 64,
  plen?: number,
  flow = 0,
): Bytes {
  return cat(u32(0x60000000 | flow), u16(plen ?? payload.length), [nxt, hlim], src, dst, payload);
}

export function icmp6(src: Bytes, dst: Bytes, type: number, code: number, body: Bytes | number[]): Bytes {
  const m = cat([type, code, 0, 0], body);
  const c = checksum(src, dst, new Uint8Array(u32(m.length)), new Uint8Array([0, 0, 0, 58]), m);
  m[2] = c >>> 8;
  m[3] = c & 255;
  return m;
}

/** A frame with its on-the-wire length when the capture cut it short. */
export interface FrameSpec {
  data: Bytes;
  origlen?: number;
}

/** A classic pcap (microseconds), one frame per second. */
export function pcapFile(frames: (Bytes | FrameSpec)[], linktype = 1): Bytes {
  const parts: Bytes[] = [
    new Uint8Array([
      0xd4,
      0xc3,
      0xb2,
      0xa1,
      2,
      0,
      4,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      4,
      0,
      linktype & 255,
      linktype >>> 8,
      0,
      0,
    ]),
  ];
  frames.forEach((f, i) => {
    const spec = f instanceof Uint8Array ? { data: f } : f;
    const le = (v: number): number[] => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
    parts.push(
      new Uint8Array([
        ...le(1000 + i),
        ...le(0),
        ...le(spec.data.length),
        ...le(spec.origlen ?? spec.data.length),
      ]),
    );
    parts.push(spec.data);
  });
  return cat(...parts);
}
