import { addressKey, formatEther, formatIPv6, ipv6Address } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { dissectData } from '../../dissect/frame';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { setActualLength } from '../ethernet/actual-length';
import { ethertypeTable } from '../ethernet/ethertype';
import { addExpert } from '../ethernet/expert-info';
import { ipProtoTable, tryIpProto } from '../ip/dissector';
import { DSCP_SHORT, ECN_SHORT, hfIp } from '../ip/fields';
import { ipProtoName } from '../ip/ipproto';
import type { IpHeaderInfo } from '../ip/packet-data';
import { FragmentTable, processReassembled, type FragmentFields } from '../ip/reassembly';
import { nullFamilyTable } from '../null/dissector';
import {
  hfIpv6,
  OPTION_TYPES,
  protoDstopts,
  protoFraghdr,
  protoHopopts,
  protoIpv6,
  protoRouting,
  ROUTING_TYPES,
} from './fields';

const IPV6_HDR = 40;
const P = { HOPOPTS: 0, ROUTING: 43, FRAGMENT: 44, NONE: 59, DSTOPTS: 60 } as const;

const FRAGMENT_FIELDS: FragmentFields = {
  fragments: hfIpv6.fragments,
  fragment: hfIpv6.fragment,
  count: hfIpv6.fragmentCount,
  reassembledIn: hfIpv6.reassembledIn,
  reassembledLength: hfIpv6.reassembledLength,
  reassembledData: hfIpv6.reassembledData,
  label: 'IPv6',
};

/** What the extension headers of one IPv6 packet share while the chain is walked. */
interface Ipv6Chain {
  /** The IPv6 item (extension headers nest in it) and its running length. */
  tree: ProtoNode | null;
  info: IpHeaderInfo;
  /** The ultimate destination (routing headers), for the payload's pseudo-header. */
  finalDst: Uint8Array;
  /** Number of extension headers seen so far (hop-by-hop must be first). */
  exthdrs: number;
}

function bits(v: number, mask: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) {
    s += Math.floor(mask / 2 ** i) % 2 ? String(Math.floor(v / 2 ** i) % 2) : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

function hex(v: number, width: number): string {
  return v.toString(16).padStart(width, '0');
}

/** The hidden/derived address details Wireshark adds for special address forms. */
function addAddressDetails(t: ProtoNode, tvb: Tvb, off: number, isSrc: boolean): void {
  const b = tvb.view(off, 16);
  // 6to4 (2002::/16): the gateway IPv4 address and SLA ID.
  if (b[0] === 0x20 && b[1] === 0x02) {
    const gw = ((b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5]) >>> 0;
    const sla = (b[6] << 8) | b[7];
    t.add(isSrc ? hfIpv6.src6to4GwIpv4 : hfIpv6.dst6to4GwIpv4, tvb, off + 2, 4, gw);
    t.add(isSrc ? hfIpv6.src6to4SlaId : hfIpv6.dst6to4SlaId, tvb, off + 6, 2, sla);
    t.addHidden(hfIpv6.sixto4GwIpv4, tvb, off + 2, 4, gw);
    t.addHidden(hfIpv6.sixto4SlaId, tvb, off + 6, 2, sla);
    return;
  }
  // Teredo (2001:0::/32): server address, client port and address (obfuscated).
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    const server = ((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) >>> 0;
    const port = ((b[10] << 8) | b[11]) ^ 0xffff;
    const client = (((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) ^ 0xffffffff) >>> 0;
    t.add(isSrc ? hfIpv6.srcTsIpv4 : hfIpv6.dstTsIpv4, tvb, off + 4, 4, server);
    t.add(isSrc ? hfIpv6.srcTcPort : hfIpv6.dstTcPort, tvb, off + 10, 2, port);
    t.add(isSrc ? hfIpv6.srcTcIpv4 : hfIpv6.dstTcIpv4, tvb, off + 12, 4, client);
    t.addHidden(hfIpv6.tsIpv4, tvb, off + 4, 4, server);
    t.addHidden(hfIpv6.tcPort, tvb, off + 10, 2, port);
    t.addHidden(hfIpv6.tcIpv4, tvb, off + 12, 4, client);
    return;
  }
  // SLAAC interface identifier derived from a MAC (ff:fe in the middle, U/L bit inverted).
  if ((b[8] & 0x02) !== 0 && b[11] === 0xff && b[12] === 0xfe) {
    const mac = new Uint8Array([b[8] ^ 0x02, b[9], b[10], b[13], b[14], b[15]]);
    const label = `${isSrc ? 'Source' : 'Destination'} SLAAC MAC: ${formatEther(mac)}`;
    t.add(isSrc ? hfIpv6.srcSlaacMac : hfIpv6.dstSlaacMac, tvb, off + 8, 8, mac, label);
    t.addHidden(hfIpv6.slaacMac, tvb, off + 8, 8, mac);
    return;
  }
  // ISATAP interface identifier (::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d).
  if ((b[8] & 0xfd) === 0 && b[9] === 0 && b[10] === 0x5e && b[11] === 0xfe) {
    const v4 = ((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) >>> 0;
    t.add(isSrc ? hfIpv6.srcIsatapIpv4 : hfIpv6.dstIsatapIpv4, tvb, off + 12, 4, v4);
    t.addHidden(hfIpv6.isatapIpv4, tvb, off + 12, 4, v4);
    return;
  }
  // Well-known NAT64 prefix 64:ff9b::/96 embeds an IPv4 address.
  if (
    b[0] === 0 &&
    b[1] === 0x64 &&
    b[2] === 0xff &&
    b[3] === 0x9b &&
    b.subarray(4, 12).every((x) => x === 0)
  ) {
    const v4 = ((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) >>> 0;
    t.add(isSrc ? hfIpv6.srcEmbedIpv4 : hfIpv6.dstEmbedIpv4, tvb, off + 12, 4, v4);
    t.addHidden(hfIpv6.embedIpv4, tvb, off + 12, 4, v4);
  }
}

/** The Jumbo Payload length from the hop-by-hop header right after the IPv6 header, or -1. */
function jumboLength(tvb: Tvb): number {
  if (!tvb.has(IPV6_HDR, 2)) return -1;
  const end = IPV6_HDR + (tvb.u8(IPV6_HDR + 1) + 1) * 8;
  let off = IPV6_HDR + 2;
  while (off < end && tvb.has(off, 1)) {
    const type = tvb.u8(off);
    if (type === 0) {
      off++;
      continue;
    }
    if (!tvb.has(off, 2)) return -1;
    const len = tvb.u8(off + 1);
    if (type === 0xc2 && len === 4 && tvb.has(off + 2, 4)) return tvb.u32(off + 2);
    off += 2 + len;
  }
  return -1;
}

/** Internet Protocol version 6 (RFC 8200), with extension headers and fragment reassembly. */
export function dissectIpv6(whole: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  let tvb = whole;
  pinfo.currentProto = 'IPv6';
  pinfo.addLayer('ipv6');
  if (pinfo.cols) {
    pinfo.cols.setProtocol('IPv6');
    pinfo.cols.clearInfo();
  }
  const t = tree
    ? tree.add(protoIpv6, tvb, 0, Math.min(IPV6_HDR, tvb.length), null, 'Internet Protocol Version 6')
    : null;
  if (tvb.reportedLength < IPV6_HDR) {
    pinfo.cols?.setInfo(`Invalid IPv6 header (${tvb.reportedLength} bytes, need exactly ${IPV6_HDR})`);
    addExpert(
      pinfo,
      t,
      hfIpv6.invalidHeader,
      SEVERITY.ERROR,
      'Malformed',
      'IPv6 header must be exactly 40 bytes',
    );
  }
  const b0 = tvb.u8(0);
  const version = b0 >>> 4;
  const vItem = t
    ? t.add(hfIpv6.version, tvb, 0, 1, version, `${bits(b0, 0xf0, 8)} = Version: ${version}`)
    : null;
  if (t) {
    t.add(
      hfIp.version,
      tvb,
      0,
      1,
      version,
      `${bits(b0, 0xf0, 8)} = Version: ${version} [This field makes the filter match on "ip.version == 6" possible]`,
    ).setHidden();
  }
  if (version !== 6) {
    // Not IPv6 after all: the item stays in the tree, but the payload goes back to the caller
    // (the ethertype dispatcher then shows it as data of type 0x86dd).
    pinfo.cols?.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
    addExpert(pinfo, vItem, hfIpv6.bogusVersion, SEVERITY.ERROR, 'Malformed', 'Bogus IPv6 version');
    const i = pinfo.layers.lastIndexOf('ipv6');
    if (i >= 0) pinfo.layers.splice(i, 1);
    return 0;
  }
  const w = tvb.u32(0);
  const tclass = (w >>> 20) & 0xff;
  const flow = w & 0xfffff;
  if (t) {
    const tc = t.add(
      hfIpv6.tclass,
      tvb,
      0,
      4,
      tclass,
      `${bits(w, 0x0ff00000, 32)} = Traffic Class: 0x${hex(tclass, 2)} (DSCP: ${DSCP_SHORT.get(tclass >>> 2) ?? 'Unknown'}, ECN: ${ECN_SHORT.get(tclass & 3)})`,
    );
    tc.add(hfIpv6.tclassDscp, tvb, 0, 4, tclass >>> 2);
    tc.add(hfIpv6.tclassEcn, tvb, 0, 4, tclass & 3);
    t.add(hfIpv6.flow, tvb, 1, 3, flow, `${bits(flow, 0xfffff, 24)} = Flow Label: 0x${hex(flow, 5)}`);
  }
  let plen = tvb.u16(4);
  const nxt = tvb.u8(6);
  // RFC 2675: a zero length with a hop-by-hop header carrying a Jumbo Payload option.
  const jumbo = plen === 0 && nxt === P.HOPOPTS ? jumboLength(tvb) : -1;
  const plenItem = t
    ? t.add(hfIpv6.plen, tvb, 4, 2, plen, jumbo >= 0 ? 'Payload Length: 0 (Jumbogram)' : undefined)
    : null;
  t?.add(hfIpv6.nxt, tvb, 6, 1, nxt);
  const hlim = tvb.u8(7);
  t?.add(hfIpv6.hlim, tvb, 7, 1, hlim);
  const src = tvb.view(8, 16);
  pinfo.netSrc = pinfo.src = ipv6Address(src);
  if (t) {
    const s = formatIPv6(src);
    t.appendLabel(`, Src: ${s}`);
    t.add(hfIpv6.src, tvb, 8, 16, src);
    t.addHidden(hfIpv6.addr, tvb, 8, 16, src);
    t.add(hfIpv6.srcHost, tvb, 8, 16, s).setGenerated().setHidden();
    t.add(hfIpv6.host, tvb, 8, 16, s).setGenerated().setHidden();
  }
  const dst = tvb.view(24, 16);
  pinfo.netDst = pinfo.dst = ipv6Address(dst);
  if (t) {
    const d = formatIPv6(dst);
    t.appendLabel(`, Dst: ${d}`);
    t.add(hfIpv6.dst, tvb, 24, 16, dst);
    t.addHidden(hfIpv6.addr, tvb, 24, 16, dst);
    t.add(hfIpv6.dstHost, tvb, 24, 16, d).setGenerated().setHidden();
    t.add(hfIpv6.host, tvb, 24, 16, d).setGenerated().setHidden();
    addAddressDetails(t, tvb, 8, true);
    addAddressDetails(t, tvb, 24, false);
  }

  // A zero length is not taken as TSO (Wireshark's ipv6.tso_support is off by default): the
  // payload is empty and the rest of the frame is trailer.
  if (jumbo >= 0) {
    plen = jumbo;
  } else if (plen === 0 && nxt !== P.HOPOPTS && nxt !== P.NONE) {
    addExpert(
      pinfo,
      plenItem,
      hfIpv6.plenZero,
      SEVERITY.CHAT,
      'Protocol',
      'IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))',
    );
  }
  const reportedPlen = tvb.reportedLength - IPV6_HDR;
  if (!pinfo.inErrorPacket && plen > reportedPlen) {
    addExpert(
      pinfo,
      plenItem,
      hfIpv6.plenExceedsFraming,
      SEVERITY.WARN,
      'Protocol',
      `IPv6 payload length exceeds framing length (${reportedPlen} bytes)`,
    );
  } else if (plen + IPV6_HDR < tvb.reportedLength) {
    setActualLength(whole, plen + IPV6_HDR);
    tvb = tvb.sub(0, plen + IPV6_HDR, plen + IPV6_HDR);
  }

  const info: IpHeaderInfo = {
    version: 6,
    ttl: hlim,
    proto: nxt,
    src: pinfo.src,
    dst: pinfo.dst,
    id: 0,
    pseudoSrc: src,
    pseudoDst: dst,
  };
  const chain: Ipv6Chain = { tree: t, info, finalDst: dst, exthdrs: 0 };
  dissectNext(nxt, tvb.sub(IPV6_HDR), pinfo, tree, chain);
  return whole.length;
}

function isExtHeader(nxt: number): boolean {
  return nxt === P.HOPOPTS || nxt === P.ROUTING || nxt === P.FRAGMENT || nxt === P.DSTOPTS;
}

/** Hands what follows a header to the next extension header or the upper-layer protocol. */
function dissectNext(nxt: number, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, chain: Ipv6Chain): void {
  chain.info.proto = nxt;
  pinfo.ipProto = nxt;
  if (isExtHeader(nxt)) {
    dissectExtHeader(nxt, tvb, pinfo, tree, chain);
    return;
  }
  if (nxt === P.NONE) {
    pinfo.cols?.setInfo('IPv6 no next header');
    dissectData(tvb, pinfo, tree);
    return;
  }
  if (!tryIpProto(nxt, tvb, pinfo, tree, chain.info)) {
    pinfo.cols?.setInfo(`Unknown IP Protocol: ${ipProtoName(nxt)} (${nxt})`);
    dissectData(tvb, pinfo, tree);
  }
}

function growIpv6Item(chain: Ipv6Chain, n: number): void {
  if (chain.tree) chain.tree.len += n;
}

/** One option of a hop-by-hop or destination options header. */
function dissectOption(
  t: ProtoNode | null,
  tvb: Tvb,
  offset: number,
  end: number,
  pinfo: PacketInfo,
): number {
  const type = tvb.u8(offset);
  const name = OPTION_TYPES.get(type) ?? 'Unknown';
  if (type === 0) {
    if (t) {
      const o = t.add(hfIpv6.opt, tvb, offset, 1, null, name);
      addOptType(o, tvb, offset, type);
      o.add(hfIpv6.optPad1, tvb, offset, 1, null);
    }
    return 1;
  }
  const len = tvb.u8(offset + 1);
  const total = len + 2;
  const o = t ? t.add(hfIpv6.opt, tvb, offset, Math.min(total, end - offset), null, name) : null;
  if (o) {
    addOptType(o, tvb, offset, type);
    o.add(hfIpv6.optLength, tvb, offset + 1, 1, len);
  }
  if (offset + total > end) {
    addExpert(pinfo, o, hfIpv6.optInvalidLen, SEVERITY.ERROR, 'Malformed', 'Invalid IPv6 option length');
    return end - offset;
  }
  if (o) {
    const at = offset + 2;
    switch (type) {
      case 1:
        // An empty PadN prints as "<none>" in tshark, label and -T fields alike.
        o.add(
          hfIpv6.optPadn,
          tvb,
          at,
          len,
          len === 0 ? '<none>' : tvb.view(at, len),
          len === 0 ? 'PadN: <none>' : undefined,
        );
        break;
      case 5:
        if (len === 2) o.add(hfIpv6.optRouterAlert, tvb, at, 2, tvb.u16(at));
        break;
      case 4:
        if (len === 1) o.add(hfIpv6.optTel, tvb, at, 1, tvb.u8(at));
        break;
      case 194:
        if (len === 4) o.add(hfIpv6.optJumbo, tvb, at, 4, tvb.u32(at));
        break;
      case 201:
        if (len === 16) o.add(hfIpv6.optMipv6HomeAddress, tvb, at, 16, tvb.view(at, 16));
        break;
      default:
        if (len > 0) o.add(hfIpv6.optUnknown, tvb, at, len, tvb.view(at, len));
    }
  }
  return total;
}

function addOptType(o: ProtoNode, tvb: Tvb, offset: number, type: number): void {
  const ti = o.add(hfIpv6.optType, tvb, offset, 1, type);
  ti.add(hfIpv6.optTypeAction, tvb, offset, 1, type >>> 6);
  ti.add(hfIpv6.optTypeChange, tvb, offset, 1, (type >>> 5) & 1);
  ti.add(hfIpv6.optTypeRest, tvb, offset, 1, type & 0x1f);
}

function dissectExtHeader(
  nxt: number,
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  chain: Ipv6Chain,
): void {
  chain.exthdrs++;
  if (nxt === P.FRAGMENT) {
    dissectFraghdr(tvb, pinfo, tree, chain);
    return;
  }
  const layer = nxt === P.HOPOPTS ? 'ipv6.hopopts' : nxt === P.ROUTING ? 'ipv6.routing' : 'ipv6.dstopts';
  const saved = pinfo.currentProto;
  pinfo.currentProto =
    nxt === P.HOPOPTS ? 'IPv6 Hop-by-Hop' : nxt === P.ROUTING ? 'IPv6 Routing' : 'IPv6 Destination';
  pinfo.addLayer(layer);
  const next = tvb.u8(0);
  const lenField = tvb.u8(1);
  const hlen = (lenField + 1) * 8;
  let t: ProtoNode | null = null;
  if (chain.tree) {
    if (nxt === P.HOPOPTS) {
      t = chain.tree.add(protoHopopts, tvb, 0, hlen, null, 'IPv6 Hop-by-Hop Option');
      t.add(hfIpv6.hopoptsNxt, tvb, 0, 1, next);
      t.add(hfIpv6.hopoptsLen, tvb, 1, 1, lenField);
      t.add(hfIpv6.hopoptsLenOct, tvb, 1, 1, hlen, `Length: ${hlen} bytes`).setGenerated();
    } else if (nxt === P.DSTOPTS) {
      t = chain.tree.add(protoDstopts, tvb, 0, hlen, null, 'Destination Options for IPv6');
      t.add(hfIpv6.dstoptsNxt, tvb, 0, 1, next);
      t.add(hfIpv6.dstoptsLen, tvb, 1, 1, lenField);
      t.add(hfIpv6.dstoptsLenOct, tvb, 1, 1, hlen, `Length: ${hlen} bytes`).setGenerated();
    } else {
      t = chain.tree.add(protoRouting, tvb, 0, hlen, null, 'Routing Header for IPv6');
      t.add(hfIpv6.routingNxt, tvb, 0, 1, next);
      t.add(hfIpv6.routingLen, tvb, 1, 1, lenField);
      t.add(hfIpv6.routingLenOct, tvb, 1, 1, hlen, `Length: ${hlen} bytes`).setGenerated();
    }
  }
  tvb.ensure(0, hlen);
  if (nxt === P.ROUTING) {
    dissectRouting(tvb, pinfo, t, hlen, chain);
  } else if (t) {
    let off = 2;
    while (off < hlen) off += dissectOption(t, tvb, off, hlen, pinfo);
  }
  growIpv6Item(chain, hlen);
  pinfo.currentProto = saved;
  dissectNext(next, tvb.sub(hlen), pinfo, tree, chain);
}

function dissectRouting(
  tvb: Tvb,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  hlen: number,
  chain: Ipv6Chain,
): void {
  const type = tvb.u8(2);
  const segleft = tvb.u8(3);
  const typeName = ROUTING_TYPES.get(type) ?? 'Unknown';
  if (t) {
    t.appendLabel(` (${typeName})`);
    const ti = t.add(hfIpv6.routingType, tvb, 2, 1, type);
    if (type === 0) {
      addExpert(
        pinfo,
        ti,
        hfIpv6.routingDeprecated,
        SEVERITY.NOTE,
        'Deprecated',
        'Routing header type is deprecated',
      );
    }
    t.add(hfIpv6.routingSegleft, tvb, 3, 1, segleft);
  } else if (type === 0) {
    addExpert(
      pinfo,
      null,
      hfIpv6.routingDeprecated,
      SEVERITY.NOTE,
      'Deprecated',
      'Routing header type is deprecated',
    );
  }
  if (type === 0 || type === 2) {
    t?.add(hfIpv6.routingSrcReserved, tvb, 4, 4, tvb.view(4, 4));
    const n = Math.floor((hlen - 8) / 16);
    for (let i = 0; i < n; i++) {
      const at = 8 + i * 16;
      const a = tvb.view(at, 16);
      t?.add(hfIpv6.routingSrcAddr, tvb, at, 16, a, `Address[${i + 1}]: ${formatIPv6(a)}`);
    }
    if (segleft > 0 && n > 0) {
      // The packet's ultimate destination is the last address of the route.
      const last = tvb.view(8 + (n - 1) * 16, 16);
      chain.finalDst = last;
      pinfo.netDst = pinfo.dst = ipv6Address(last);
      chain.info.dst = pinfo.dst;
      chain.info.pseudoDst = last;
    }
  } else if (type === 4) {
    // Segment Routing: the segment list is in reverse order, [0] is the final destination.
    const last = tvb.u8(4);
    if (t) {
      t.add(hfIpv6.routingSrhLastEntry, tvb, 4, 1, last);
      t.add(hfIpv6.routingSrhFlags, tvb, 5, 1, tvb.u8(5));
      t.add(hfIpv6.routingSrhTag, tvb, 6, 2, tvb.view(6, 2));
    }
    const n = Math.min(last + 1, Math.floor((hlen - 8) / 16));
    for (let i = 0; i < n; i++) {
      const at = 8 + i * 16;
      const a = tvb.view(at, 16);
      t?.add(hfIpv6.routingSrhAddr, tvb, at, 16, a, `Address[${i}]: ${formatIPv6(a)}`);
    }
    if (segleft > 0 && n > 0) {
      const final = tvb.view(8, 16);
      chain.finalDst = final;
      pinfo.netDst = pinfo.dst = ipv6Address(final);
      chain.info.dst = pinfo.dst;
      chain.info.pseudoDst = final;
    }
  } else if (t && hlen > 4) {
    t.add(hfIpv6.routingUnknownData, tvb, 4, hlen - 4, tvb.view(4, hlen - 4));
  }
}

function dissectFraghdr(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, chain: Ipv6Chain): void {
  const saved = pinfo.currentProto;
  pinfo.currentProto = 'IPv6 Fragment';
  pinfo.addLayer('ipv6.fraghdr');
  const nxt = tvb.u8(0);
  const offw = tvb.u16(2);
  const fragOff = offw & 0xfff8;
  const more = (offw & 1) !== 0;
  const ident = tvb.u32(4);
  if (chain.tree) {
    const t = chain.tree.add(protoFraghdr, tvb, 0, 8, null, 'Fragment Header for IPv6');
    t.add(hfIpv6.fraghdrNxt, tvb, 0, 1, nxt);
    t.add(hfIpv6.fraghdrReservedOctet, tvb, 1, 1, tvb.u8(1));
    t.add(
      hfIpv6.fraghdrOffset,
      tvb,
      2,
      2,
      fragOff >>> 3,
      `${bits(offw, 0xfff8, 16)} = Offset: ${fragOff >>> 3} (${fragOff} bytes)`,
    );
    t.add(hfIpv6.fraghdrReservedBits, tvb, 2, 2, (offw >>> 1) & 3);
    t.add(hfIpv6.fraghdrMore, tvb, 2, 2, more ? 1 : 0);
    t.add(hfIpv6.fraghdrIdent, tvb, 4, 4, ident);
  }
  growIpv6Item(chain, 8);
  pinfo.currentProto = saved;
  const fragLen = tvb.reportedLength - 8;
  if ((fragOff !== 0 || more) && fragLen > 0 && tvb.has(8, fragLen)) {
    const table = pinfo.capture.stateFor('ipv6.fragments', () => new FragmentTable('IPv6'));
    const key = `${ident}|${addressKey(pinfo.netSrc)}|${addressKey(ipv6Address(chain.finalDst))}`;
    const r = table.add(key, pinfo, fragOff, tvb.view(8, fragLen), more);
    const next = processReassembled(r, pinfo, chain.tree, tvb, FRAGMENT_FIELDS);
    if (next) {
      dissectNext(nxt, next, pinfo, tree, chain);
      return;
    }
  } else if (fragOff === 0 && !more) {
    // An atomic fragment (RFC 6946): the payload is complete.
    dissectNext(nxt, tvb.sub(8), pinfo, tree, chain);
    return;
  }
  pinfo.cols?.setInfo(
    `IPv6 fragment (off=${fragOff} more=${more ? 'y' : 'n'} ident=0x${hex(ident, 8)} nxt=${nxt})`,
  );
  dissectData(tvb.sub(8), pinfo, tree);
}

ethertypeTable.add(0x86dd, dissectIpv6);
ipProtoTable.add(41, dissectIpv6);
for (const family of [24, 28, 30]) nullFamilyTable.add(family, dissectIpv6);
