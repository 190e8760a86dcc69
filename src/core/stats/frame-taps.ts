import { tcpState } from '../analysis/tcp-analysis';
import { AT, etherAddress, ipv4Address, ipv6Address, NO_ADDRESS, type Address } from '../dissect/address';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { DissectedFrame } from '../dissect/frame';
import { PT } from '../dissect/packet-info';
import type { ProtoNode } from '../dissect/tree';

/** The conversation/endpoint taps Wireshark's eth, ip, ipv6, tcp and udp dissectors feed. */
export type TapKind = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';
export const TAP_KINDS: readonly TapKind[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

/** One tap event: the addresses (and ports) of one header of a frame. */
export interface TapEvent {
  kind: TapKind;
  src: Address;
  dst: Address;
  srcPort: number;
  dstPort: number;
  /** tcp.stream for TCP (Wireshark's conversation id keeps reused ports apart), -1 otherwise. */
  convId: number;
}

interface Defs {
  eth: FieldDef | undefined;
  ethSrc: FieldDef | undefined;
  ethDst: FieldDef | undefined;
  ip: FieldDef | undefined;
  ipSrc: FieldDef | undefined;
  ipDst: FieldDef | undefined;
  ipv6: FieldDef | undefined;
  ip6Src: FieldDef | undefined;
  ip6Dst: FieldDef | undefined;
  tcp: FieldDef | undefined;
  tcpSrc: FieldDef | undefined;
  tcpDst: FieldDef | undefined;
  tcpStream: FieldDef | undefined;
  udp: FieldDef | undefined;
  udpSrc: FieldDef | undefined;
  udpDst: FieldDef | undefined;
  udpStream: FieldDef | undefined;
}

let cached: Defs | null = null;

function defs(): Defs {
  if (cached && cached.eth && cached.ip && cached.ipv6 && cached.tcp && cached.udp) return cached;
  // Looked up lazily (protocols register when imported); retried until every protocol is known.
  cached = {
    eth: fieldByAbbrev('eth'),
    ethSrc: fieldByAbbrev('eth.src'),
    ethDst: fieldByAbbrev('eth.dst'),
    ip: fieldByAbbrev('ip'),
    ipSrc: fieldByAbbrev('ip.src'),
    ipDst: fieldByAbbrev('ip.dst'),
    ipv6: fieldByAbbrev('ipv6'),
    ip6Src: fieldByAbbrev('ipv6.src'),
    ip6Dst: fieldByAbbrev('ipv6.dst'),
    tcp: fieldByAbbrev('tcp'),
    tcpSrc: fieldByAbbrev('tcp.srcport'),
    tcpDst: fieldByAbbrev('tcp.dstport'),
    tcpStream: fieldByAbbrev('tcp.stream'),
    udp: fieldByAbbrev('udp'),
    udpSrc: fieldByAbbrev('udp.srcport'),
    udpDst: fieldByAbbrev('udp.dstport'),
    udpStream: fieldByAbbrev('udp.stream'),
  };
  return cached;
}

/** Value of the first direct child of `node` for field `def`. */
function child(node: ProtoNode, def: FieldDef | undefined): unknown {
  if (!def || !node.children) return undefined;
  for (const c of node.children) if (c.def === def) return c.value;
  return undefined;
}

/** Whether an IPv6 item carries a fragment header without reassembling its datagram here. */
function isUnreassembledFragment(ipv6: ProtoNode): boolean {
  let frag: ProtoNode | null = null;
  let reassembled = false;
  const walk = (n: ProtoNode): void => {
    const a = n.def.abbrev;
    if (a === 'ipv6.fraghdr') frag ??= n;
    else if (a === 'ipv6.fragments') reassembled = true;
    if (n.children) for (const c of n.children) walk(c);
  };
  walk(ipv6);
  if (!frag || reassembled) return false;
  // An atomic fragment (offset 0, no more fragments) is dissected as a whole datagram.
  let offset = 0;
  let more = 0;
  for (const c of (frag as ProtoNode).children ?? []) {
    if (c.def.abbrev === 'ipv6.fraghdr.offset') offset = Number(c.value);
    if (c.def.abbrev === 'ipv6.fraghdr.more') more = Number(c.value);
  }
  return offset !== 0 || more !== 0;
}

/**
 * The tap events of one dissected frame, in the order its headers were dissected.
 *
 * Wireshark queues a tap per header and hands the listeners every one except those raised
 * while dissecting the headers quoted inside an ICMP error. In the protocol tree that is
 * exactly the TOP-LEVEL protocol items: tunnels (IP in IP, VXLAN, GRE) put their inner
 * headers at the top level too, while an ICMP error nests the quoted ones inside its own item.
 * Transport taps carry the addresses of the network header before them (pinfo->src/dst).
 * Needs the frame's tree; returns no event without one.
 */
export function frameTapEvents(d: DissectedFrame): TapEvent[] {
  const out: TapEvent[] = [];
  const tree = d.tree;
  if (!tree) return out;
  const D = defs();
  let netSrc: Address = NO_ADDRESS;
  let netDst: Address = NO_ADDRESS;
  let tcpSeen = false;
  for (const node of tree.top) {
    const def = node.def;
    if (def === D.eth) {
      const s = child(node, D.ethSrc);
      const t = child(node, D.ethDst);
      if (s instanceof Uint8Array && t instanceof Uint8Array) {
        out.push({
          kind: 'eth',
          src: etherAddress(s),
          dst: etherAddress(t),
          srcPort: 0,
          dstPort: 0,
          convId: -1,
        });
      }
    } else if (def === D.ip) {
      const s = child(node, D.ipSrc);
      const t = child(node, D.ipDst);
      if (typeof s === 'number' && typeof t === 'number') {
        netSrc = ipv4Address(s);
        netDst = ipv4Address(t);
        out.push({ kind: 'ip', src: netSrc, dst: netDst, srcPort: 0, dstPort: 0, convId: -1 });
      }
    } else if (def === D.ipv6) {
      // An IPv6 fragment that does not complete a datagram is not tapped (tshark hands it to
      // "data" before the IPv6 tap); IPv4 taps every fragment.
      if (isUnreassembledFragment(node)) continue;
      const s = child(node, D.ip6Src);
      const t = child(node, D.ip6Dst);
      if (s instanceof Uint8Array && t instanceof Uint8Array) {
        netSrc = ipv6Address(s);
        netDst = ipv6Address(t);
        out.push({ kind: 'ipv6', src: netSrc, dst: netDst, srcPort: 0, dstPort: 0, convId: -1 });
      }
    } else if (def === D.tcp || def === D.udp) {
      const tcp = def === D.tcp;
      const sp = child(node, tcp ? D.tcpSrc : D.udpSrc);
      const dp = child(node, tcp ? D.tcpDst : D.udpDst);
      if (typeof sp !== 'number' || typeof dp !== 'number' || netSrc.type === AT.NONE) continue;
      // A UDP header with a bogus length (< 8) shows its ports but is not tapped: its dissection
      // stops before the tap, and before the stream item that every tapped header gets.
      if (!tcp && child(node, D.udpStream) === undefined) continue;
      // A TCP header is tapped once dissected past its options: not one with a bogus length or
      // cut short (the first pass notes how far the frame's first TCP header got).
      if (tcp && !tcpSeen) {
        tcpSeen = true;
        if (!tcpState(d.pinfo.capture).frames.isShown(d.pinfo.num)) continue;
      }
      const stream = tcp ? child(node, D.tcpStream) : undefined;
      out.push({
        kind: tcp ? 'tcp' : 'udp',
        src: netSrc,
        dst: netDst,
        srcPort: sp,
        dstPort: dp,
        convId: typeof stream === 'number' ? stream : -1,
      });
    }
  }
  return out;
}

/**
 * The same events from PacketInfo alone, for frames dissected without a tree (the worker's
 * statistics over millions of frames). Exact when the frame has at most one header of each
 * level outside an ICMP error quote (PacketInfo holds the last addresses set, and restores
 * them after a quote); returns null for the rest (tunnels), which need `frameTapEvents`.
 */
export function frameTapEventsFast(d: DissectedFrame, tcpStream: number): TapEvent[] | null {
  const p = d.pinfo;
  const layers = p.layers;
  let eth = 0;
  let net = 0;
  let tr = 0;
  let netKind: TapKind | null = null;
  let trKind: TapKind | null = null;
  for (const l of layers) {
    if (l === 'icmp' || l === 'icmpv6') break;
    // IPv6 fragments may or may not be tapped (see frameTapEvents): the tree decides. A routing
    // header points pinfo's destination at the route's last hop, while the IPv6 tap shows the
    // header's own: the tree again.
    if (l === 'ipv6.fraghdr' || l === 'ipv6.routing') return null;
    if (l === 'eth') eth++;
    else if (l === 'ip' || l === 'ipv6') {
      net++;
      netKind = l;
    } else if (l === 'tcp' || l === 'udp') {
      tr++;
      trKind = l;
    }
  }
  if (eth > 1 || net > 1 || tr > 1) return null;
  const out: TapEvent[] = [];
  if (eth === 1 && p.dlSrc.type === AT.ETHER && p.dlDst.type === AT.ETHER) {
    out.push({ kind: 'eth', src: p.dlSrc, dst: p.dlDst, srcPort: 0, dstPort: 0, convId: -1 });
  }
  const wantNet = netKind === 'ip' ? AT.IPv4 : AT.IPv6;
  if (netKind && p.netSrc.type === wantNet && p.netDst.type === wantNet) {
    out.push({ kind: netKind, src: p.netSrc, dst: p.netDst, srcPort: 0, dstPort: 0, convId: -1 });
    // TCP sets the port type before reading the rest of its header: see frameTapEvents.
    const tapped =
      trKind === 'tcp' ? p.ptype === PT.TCP && tcpState(p.capture).frames.isShown(p.num) : p.ptype === PT.UDP;
    if (trKind && tapped) {
      out.push({
        kind: trKind,
        src: p.netSrc,
        dst: p.netDst,
        srcPort: p.srcPort,
        dstPort: p.dstPort,
        convId: trKind === 'tcp' ? tcpStream : -1,
      });
    }
  }
  return out;
}
