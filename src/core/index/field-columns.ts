/**
 * Per-frame field columns recorded during the first pass: enough of every frame's network and
 * transport headers to answer display filters on addresses, protocols and ports without
 * dissecting the frame again (16 bytes per frame, typed arrays, nothing per packet).
 *
 * A frame's columns are trusted only when its protocol list has a simple shape (protocol-sets.ts)
 * AND its bytes confirm the headers the fields come from are plain (IPv4 without options and
 * not a fragment, IPv6 with TCP/UDP/ICMPv6 as next header, transport header fully captured):
 * then each indexed field appears in the frame's tree exactly once with the value read here.
 * Every other frame is marked OTHER and filters dissect it again.
 */
import { EtherColumns } from './ether-columns';
import { SHAPE, TRANSPORT, ProtocolSets, type Shape, type Transport } from './protocol-sets';

const LINKTYPE_ETHERNET = 1;
/**
 * ICMPv6 types that never carry an IPv6 header (echo, MLD): errors quote the offending packet
 * and Neighbor Discovery options may hold a redirected one, whose layer a bogus version would
 * take out again while its items stay.
 */
const ICMPV6_PLAIN = new Uint8Array(256);
for (const t of [128, 129, 130, 131, 132, 143]) ICMPV6_PLAIN[t] = 1;

/** protoSet value of a frame whose protocol list did not fit the column (65535+ distinct lists). */
export const UNKNOWN_SET = 0xffff;

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** IPv6 addresses interned by value; ids are indices into `addrs`. */
export class Ipv6Table {
  private readonly byHash = new Map<number, number[]>();
  readonly addrs: Uint8Array[] = [];

  idOf(b: Uint8Array, at: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ b[at + i], 0x01000193);
    h &= 0x3fffffff;
    let ids = this.byHash.get(h);
    if (ids) {
      for (const id of ids) if (sameAddress(this.addrs[id], b, at)) return id;
    } else {
      ids = [];
      this.byHash.set(h, ids);
    }
    const id = this.addrs.length;
    this.addrs.push(b.slice(at, at + 16));
    ids.push(id);
    return id;
  }

  /** The id of an address if it was seen, else -1 (for filters on an address never captured). */
  find(addr: Uint8Array): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ addr[i], 0x01000193);
    const ids = this.byHash.get(h & 0x3fffffff);
    if (ids) for (const id of ids) if (sameAddress(this.addrs[id], addr, 0)) return id;
    return -1;
  }
}

function sameAddress(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

export class FieldColumns {
  count = 0;
  /** SHAPE in bits 0-1, TRANSPORT in bits 2-3, as confirmed by the frame's bytes. */
  kind = new Uint8Array(1024);
  /** IPv4 addresses (host order) or IPv6 address ids. */
  src = new Uint32Array(1024);
  dst = new Uint32Array(1024);
  sport = new Uint16Array(1024);
  dport = new Uint16Array(1024);
  /** IPv4 protocol / IPv6 next header. */
  ipProto = new Uint8Array(1024);
  /** Id of the frame's protocol list in `sets`. */
  protoSet = new Uint16Array(1024);
  readonly sets = new ProtocolSets();
  readonly v6 = new Ipv6Table();
  /** Ethernet source/destination ids of every frame (the Ethernet conversation tables). */
  readonly ether = new EtherColumns();

  /** Bytes held per frame by the columns. */
  static readonly BYTES_PER_FRAME = 1 + 4 + 4 + 2 + 2 + 1 + 2 + 4;

  private ensure(i: number): void {
    if (i < this.kind.length) return;
    const n = this.kind.length * 2;
    this.kind = grow(this.kind, n);
    this.src = grow(this.src, n);
    this.dst = grow(this.dst, n);
    this.sport = grow(this.sport, n);
    this.dport = grow(this.dport, n);
    this.ipProto = grow(this.ipProto, n);
    this.protoSet = grow(this.protoSet, n);
  }

  /** Records frame `num` (1-based, in order) from its first-pass protocol list and bytes. */
  record(num: number, layers: readonly string[], b: Uint8Array, linktype: number): void {
    const i = num - 1;
    this.ensure(i);
    this.count = num;
    const id = this.sets.idOf(layers);
    this.protoSet[i] = id < UNKNOWN_SET ? id : UNKNOWN_SET;
    this.ether.record(i, b, linktype);
    const set = this.sets.get(id);
    let shape: Shape = set.shape;
    const transport: Transport = set.transport;
    if (shape === SHAPE.V4) {
      if (linktype !== LINKTYPE_ETHERNET || !this.plainIpv4(i, b, transport)) shape = SHAPE.OTHER;
    } else if (shape === SHAPE.V6) {
      if (linktype !== LINKTYPE_ETHERNET || !this.plainIpv6(i, b, transport)) shape = SHAPE.OTHER;
    }
    this.kind[i] = shape | (shape === SHAPE.OTHER ? 0 : transport << 2);
  }

  /**
   * Ethernet II + IPv4 with a 20-byte header, not a fragment, carrying TCP, UDP or ICMP, a total
   * length that lets the dissector reach the addresses (and the transport header), all of it
   * captured.
   */
  private plainIpv4(i: number, b: Uint8Array, transport: Transport): boolean {
    const n = b.length;
    if (n < 34 || b[12] !== 0x08 || b[13] !== 0x00 || b[14] !== 0x45) return false;
    if ((b[20] & 0x3f) !== 0 || b[21] !== 0) return false;
    const ipLen = (b[16] << 8) | b[17];
    const proto = b[23];
    let need = 20;
    if (transport === TRANSPORT.TCP) {
      if (proto !== 6) return false;
      need = 40;
    } else if (transport === TRANSPORT.UDP) {
      if (proto !== 17) return false;
      need = 28;
    } else if (proto !== 1) {
      return false;
    }
    if (ipLen !== 0 && ipLen < need) return false;
    if (n < 14 + need) return false;
    this.src[i] = ((b[26] << 24) | (b[27] << 16) | (b[28] << 8) | b[29]) >>> 0;
    this.dst[i] = ((b[30] << 24) | (b[31] << 16) | (b[32] << 8) | b[33]) >>> 0;
    this.ipProto[i] = proto;
    if (transport !== TRANSPORT.NONE) {
      this.sport[i] = (b[34] << 8) | b[35];
      this.dport[i] = (b[36] << 8) | b[37];
    }
    return true;
  }

  /** Ethernet II + IPv6 whose next header is the transport itself (or ICMPv6 echo / MLD). */
  private plainIpv6(i: number, b: Uint8Array, transport: Transport): boolean {
    const n = b.length;
    if (n < 54 || b[12] !== 0x86 || b[13] !== 0xdd || b[14] >>> 4 !== 6) return false;
    const nxt = b[20];
    const plen = (b[18] << 8) | b[19];
    let need = 0;
    if (transport === TRANSPORT.TCP) {
      if (nxt !== 6) return false;
      need = 20;
    } else if (transport === TRANSPORT.UDP) {
      if (nxt !== 17) return false;
      need = 8;
    } else if (nxt !== 58 || n < 55 || !ICMPV6_PLAIN[b[54]]) {
      return false;
    }
    if (plen === 0 || plen < need || n < 54 + need) return false;
    this.src[i] = this.v6.idOf(b, 22);
    this.dst[i] = this.v6.idOf(b, 38);
    this.ipProto[i] = nxt;
    if (transport !== TRANSPORT.NONE) {
      this.sport[i] = (b[54] << 8) | b[55];
      this.dport[i] = (b[56] << 8) | b[57];
    }
    return true;
  }
}
