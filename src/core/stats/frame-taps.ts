import { etherAddress, ipv4Address, ipv6Address, type Address } from '../dissect/address';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { DissectedFrame } from '../dissect/frame';

/**
 * What Wireshark's conversation/endpoint taps see of one frame, read from its protocol tree:
 * link, network and transport addresses of the frame's own headers (the headers quoted inside
 * ICMP errors are not conversations of this frame).
 */
export interface FrameEndpoints {
  eth: [Address, Address] | null;
  ip: [Address, Address] | null;
  ipv6: [Address, Address] | null;
  tcp: { src: Address; dst: Address; srcPort: number; dstPort: number; stream: number } | null;
  udp: { src: Address; dst: Address; srcPort: number; dstPort: number } | null;
}

interface Defs {
  ethSrc?: FieldDef;
  ethDst?: FieldDef;
  ipSrc?: FieldDef;
  ipDst?: FieldDef;
  ip6Src?: FieldDef;
  ip6Dst?: FieldDef;
  tcpSrc?: FieldDef;
  tcpDst?: FieldDef;
  tcpStream?: FieldDef;
  udpSrc?: FieldDef;
  udpDst?: FieldDef;
}

let defs: Defs | null = null;

function getDefs(): Defs {
  // Looked up lazily: protocol modules register their fields when they are imported.
  defs ??= {
    ethSrc: fieldByAbbrev('eth.src'),
    ethDst: fieldByAbbrev('eth.dst'),
    ipSrc: fieldByAbbrev('ip.src'),
    ipDst: fieldByAbbrev('ip.dst'),
    ip6Src: fieldByAbbrev('ipv6.src'),
    ip6Dst: fieldByAbbrev('ipv6.dst'),
    tcpSrc: fieldByAbbrev('tcp.srcport'),
    tcpDst: fieldByAbbrev('tcp.dstport'),
    tcpStream: fieldByAbbrev('tcp.stream'),
    udpSrc: fieldByAbbrev('udp.srcport'),
    udpDst: fieldByAbbrev('udp.dstport'),
  };
  return defs;
}

function nth(d: DissectedFrame, def: FieldDef | undefined, i: number): unknown {
  if (!def || !d.tree) return undefined;
  const occ = d.tree.occurrences(def);
  return i < occ.length ? occ[i].value : undefined;
}

/** Index among the frame's layers of the first `proto` not inside an ICMP error; -1 if none. */
function ownLayer(layers: readonly string[], proto: string): number {
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    if (l === 'icmp' || l === 'icmpv6') return -1;
    if (l === proto) return i;
  }
  return -1;
}

function count(layers: readonly string[], proto: string, before: number): number {
  let n = 0;
  for (let i = 0; i < before; i++) if (layers[i] === proto) n++;
  return n;
}

/** The network-layer addresses of the header just below layer index `at`. */
function netBelow(d: DissectedFrame, layers: readonly string[], at: number): [Address, Address] | null {
  const D = getDefs();
  for (let i = at - 1; i >= 0; i--) {
    if (layers[i] === 'ip') {
      const k = count(layers, 'ip', i);
      const s = nth(d, D.ipSrc, k);
      const t = nth(d, D.ipDst, k);
      return typeof s === 'number' && typeof t === 'number' ? [ipv4Address(s), ipv4Address(t)] : null;
    }
    if (layers[i] === 'ipv6') {
      const k = count(layers, 'ipv6', i);
      const s = nth(d, D.ip6Src, k);
      const t = nth(d, D.ip6Dst, k);
      return s instanceof Uint8Array && t instanceof Uint8Array ? [ipv6Address(s), ipv6Address(t)] : null;
    }
  }
  return null;
}

export function frameEndpoints(d: DissectedFrame): FrameEndpoints {
  const D = getDefs();
  const layers = d.pinfo.layers;
  const out: FrameEndpoints = { eth: null, ip: null, ipv6: null, tcp: null, udp: null };
  const es = nth(d, D.ethSrc, 0);
  const ed = nth(d, D.ethDst, 0);
  if (es instanceof Uint8Array && ed instanceof Uint8Array) out.eth = [etherAddress(es), etherAddress(ed)];
  const ipAt = ownLayer(layers, 'ip');
  if (ipAt >= 0) {
    const k = count(layers, 'ip', ipAt);
    const s = nth(d, D.ipSrc, k);
    const t = nth(d, D.ipDst, k);
    if (typeof s === 'number' && typeof t === 'number') out.ip = [ipv4Address(s), ipv4Address(t)];
  }
  const ip6At = ownLayer(layers, 'ipv6');
  if (ip6At >= 0) {
    const k = count(layers, 'ipv6', ip6At);
    const s = nth(d, D.ip6Src, k);
    const t = nth(d, D.ip6Dst, k);
    if (s instanceof Uint8Array && t instanceof Uint8Array) out.ipv6 = [ipv6Address(s), ipv6Address(t)];
  }
  const tcpAt = ownLayer(layers, 'tcp');
  if (tcpAt >= 0) {
    const net = netBelow(d, layers, tcpAt);
    const sp = nth(d, D.tcpSrc, 0);
    const dp = nth(d, D.tcpDst, 0);
    const st = nth(d, D.tcpStream, 0);
    if (net && typeof sp === 'number' && typeof dp === 'number') {
      out.tcp = { src: net[0], dst: net[1], srcPort: sp, dstPort: dp, stream: typeof st === 'number' ? st : -1 };
    }
  }
  const udpAt = ownLayer(layers, 'udp');
  if (udpAt >= 0) {
    const net = netBelow(d, layers, udpAt);
    const sp = nth(d, D.udpSrc, 0);
    const dp = nth(d, D.udpDst, 0);
    if (net && typeof sp === 'number' && typeof dp === 'number') {
      out.udp = { src: net[0], dst: net[1], srcPort: sp, dstPort: dp };
    }
  }
  return out;
}
