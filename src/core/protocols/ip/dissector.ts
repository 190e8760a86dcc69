import { formatIPv4, NO_ADDRESS } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { dissectData, proto as frameProto } from '../../dissect/frame';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import { ONCE_IPV4_PAYLOAD, type PacketInfo } from '../../dissect/packet-info';
import { FrameTree, type ProtoNode } from '../../dissect/tree';
import { Tvb } from '../../dissect/tvb';
import { setActualLength } from '../ethernet/actual-length';
import { ethertypeTable } from '../ethernet/ethertype';
import { addExpert } from '../ethernet/expert-info';
import { llcSapTable } from '../llc/dissector';
import { nullFamilyTable } from '../null/dissector';
import { DSCP_SHORT, ECN_SHORT, hfIp, protoIp } from './fields';
import { ipProtoName } from './ipproto';
import { dissectIpOptions, sourceRouteDstOffset } from './options';
import { FragmentTable, processReassembled, type FragmentFields } from './reassembly';
import { type IpHeaderInfo } from './packet-data';

/** Payload dissectors by IP protocol number (shared by IPv4 and IPv6: 1 ICMP, 6 TCP, 17 UDP ...). */
export const ipProtoTable = dissectorTable('ip.proto', 'IP protocol');
/** Heuristic payload dissectors tried when no protocol number matches. */
export const ipHeuristics = heuristicList('ip');

const IPH_MIN_LEN = 20;
const IP_MF = 0x2000;
const IP_OFFSET = 0x1fff;
const IP_PROTO_IGMP = 2;
const IP_PROTO_PIM = 103;
const IP_PROTO_OSPF = 89;

const FRAGMENT_FIELDS: FragmentFields = {
  fragments: hfIp.fragments,
  fragment: hfIp.fragment,
  count: hfIp.fragmentCount,
  reassembledIn: hfIp.reassembledIn,
  reassembledLength: hfIp.reassembledLength,
  reassembledData: hfIp.reassembledData,
  label: 'IPv4',
};

function hex(v: number, width: number): string {
  return v.toString(16).padStart(width, '0');
}

function bits8(v: number, mask: number): string {
  let s = '';
  for (let i = 7; i >= 0; i--) {
    s += (mask >>> i) & 1 ? String((v >>> i) & 1) : '.';
    if (i === 4) s += ' ';
  }
  return s;
}

function isPrivateOrLinkLocal(a: number): boolean {
  return (
    a >>> 24 === 10 ||
    (a & 0xfff00000) >>> 0 === 0xac100000 ||
    (a & 0xffff0000) >>> 0 === 0xc0a80000 ||
    (a & 0xffff0000) >>> 0 === 0xa9fe0000
  );
}

/**
 * Calls the dissector for an IP protocol number on `next`, then the heuristics; returns false
 * when nothing took the payload. Shared with IPv6 (ipv6.nxt uses the same table).
 */
export function tryIpProto(
  proto: number,
  next: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  data: IpHeaderInfo,
): boolean {
  const d = ipProtoTable.get(proto);
  pinfo.matchPort = proto;
  if (d && d(next, pinfo, tree, data) !== 0) return true;
  return ipHeuristics.tryAll(next, pinfo, tree, data);
}

/*
 * dissectIpV4 runs for every IPv4 packet: the tree items and the rare error paths live in the
 * helpers below so that the function stays small, which lets engines optimise it early (V8
 * delays optimising large functions, and unwinding an exception from a truncated payload
 * through an unoptimised frame is slow). Every read that can fail stays here, in order.
 */
/** Internet Protocol version 4 (with Wireshark's default: reassemble fragments). */
function dissectIpV4(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'IPv4';
  pinfo.addLayer('ip');
  if (pinfo.cols) {
    pinfo.cols.setProtocol('IPv4');
    pinfo.cols.clearInfo();
  }
  const b0 = tvb.u8(0);
  const version = b0 >>> 4;
  const hlen = (b0 & 0x0f) * 4;
  let t: ProtoNode | null = null;
  if (tree) t = tree.add(protoIp, tvb, 0, hlen, null, 'Internet Protocol Version 4');
  const vItem = t
    ? t.add(hfIp.version, tvb, 0, 1, version, `${bits8(b0, 0xf0)} = Version: ${version}`)
    : null;
  if (version !== 4) return bogusVersion(tvb, pinfo, tree, vItem, version);
  if (hlen < IPH_MIN_LEN) return bogusHeaderLength(tvb, pinfo, t, b0, hlen);
  t?.add(hfIp.hdrLen, tvb, 0, 1, hlen, `${bits8(b0, 0x0f)} = Header Length: ${hlen} bytes (${hlen >>> 2})`);

  const tos = tvb.u8(1);
  if (t) addDsfield(t, tvb, tos);

  let ipLen = tvb.u16(2);
  if (ipLen < hlen) {
    // TSO: a zero length means "whatever was handed to the NIC"; anything else is bogus.
    if (ipLen !== 0) return bogusLength(tvb, pinfo, t, ipLen, hlen);
    ipLen = tvb.reportedLength;
    if (t) addTsoLength(t, tvb, ipLen);
  } else {
    const item = t ? t.add(hfIp.len, tvb, 2, 2, ipLen) : null;
    if (ipLen > tvb.reportedLength) {
      if (!pinfo.inErrorPacket) lengthExceedsPacket(pinfo, item, tvb.reportedLength);
    } else {
      setActualLength(tvb, ipLen);
      if (ipLen < tvb.reportedLength) tvb = tvb.sub(0, ipLen, ipLen);
    }
  }

  const id = tvb.u16(4);
  t?.add(hfIp.id, tvb, 4, 2, id);
  const off = tvb.u16(6);
  if (t) addFlagsItems(t, tvb, off);
  const ttl = tvb.u8(8);
  const ttlItem = t ? t.add(hfIp.ttl, tvb, 8, 1, ttl) : null;
  const proto = tvb.u8(9);
  t?.add(hfIp.proto, tvb, 9, 1, proto);
  const sum = tvb.u16(10);
  if (t) addChecksumItems(t, tvb, sum);

  const src = tvb.u32(12);
  pinfo.netSrc = pinfo.src = pinfo.ipv4Src(src);
  if (t) addSrcItems(t, tvb, src);
  const dstOff = hlen > IPH_MIN_LEN ? sourceRouteDstOffset(tvb, 20, hlen - IPH_MIN_LEN) : 0;
  const dst = tvb.u32(16 + dstOff);
  pinfo.netDst = pinfo.dst = pinfo.ipv4Dst(dst);
  if (ttl < 5 || (dst & 0xffffff00) >>> 0 === 0xe0000000) ttlExperts(pinfo, ttlItem, ttl, dst, proto);
  if (t) addDstItems(t, tvb, pinfo, dst, dstOff, hlen);
  else if (hlen > IPH_MIN_LEN) dissectOptionsWithoutTree(tvb, pinfo, hlen, dstOff);

  pinfo.ipProto = proto;
  const info = headerInfo(pinfo, ttl, proto, id);
  const offset = hlen;
  const savedFragmented = pinfo.fragmented;
  let next: Tvb | null;
  if ((off & (IP_MF | IP_OFFSET)) !== 0 && ipLen > hlen && tvb.has(offset, ipLen - hlen)) {
    next = reassemble(tvb, pinfo, t, proto, id, off, src, dst, hlen, ipLen);
  } else if (off & IP_OFFSET) {
    next = null;
  } else {
    next = tvb.sub(offset, -1, -1, pinfo.takeOnce(ONCE_IPV4_PAYLOAD) ? reusedPayload : null);
    pinfo.fragmented = (off & IP_MF) !== 0;
  }

  if (!next) {
    notReassembled(tvb, pinfo, tree, proto, off, id, offset);
    pinfo.fragmented = savedFragmented;
    return tvb.length;
  }

  if (next.reportedLength > 0 && !tryIpProto(proto, next, pinfo, tree, info)) {
    pinfo.cols?.setInfo(`${ipProtoName(proto)} (${proto})`);
    dissectData(next, pinfo, tree);
  }
  pinfo.fragmented = savedFragmented;
  return tvb.length;
}

/**
 * The header facts handed to the payload dissector. The outermost header of a scratch frame
 * (its addresses are the pinfo's reused ones) fills one shared object: its readers (ICMP,
 * ICMPv6) use it during the call only, and inner headers get their own.
 */
function headerInfo(pinfo: PacketInfo, ttl: number, proto: number, id: number): IpHeaderInfo {
  if (!pinfo.reusesIpv4(pinfo.src)) return { version: 4, ttl, proto, src: pinfo.src, dst: pinfo.dst, id };
  const r = reusedInfo;
  r.ttl = ttl;
  r.proto = proto;
  r.src = pinfo.src;
  r.dst = pinfo.dst;
  r.id = id;
  return r;
}

/** The payload tvb of the outermost IPv4 header of scratch frames (PacketInfo.takeOnce). */
const reusedPayload = Tvb.reusable();

const reusedInfo: IpHeaderInfo = { version: 4, ttl: 0, proto: 0, src: NO_ADDRESS, dst: NO_ADDRESS, id: 0 };

function bogusVersion(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  vItem: ProtoNode | null,
  version: number,
): number {
  pinfo.cols?.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
  addExpert(pinfo, vItem, hfIp.bogusIpVersion, SEVERITY.ERROR, 'Protocol', 'Bogus IPv4 version');
  if (version === 6) ethertypeTable.get(0x86dd)?.(tvb, pinfo, tree);
  return tvb.length;
}

function bogusHeaderLength(
  tvb: Tvb,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  b0: number,
  hlen: number,
): number {
  pinfo.cols?.setInfo(`Bogus IP header length (${hlen}, must be at least ${IPH_MIN_LEN})`);
  const item = t
    ? t.add(hfIp.hdrLen, tvb, 0, 1, hlen, `${bits8(b0, 0x0f)} = Header Length: ${hlen} bytes (${hlen >>> 2})`)
    : null;
  addExpert(
    pinfo,
    item,
    hfIp.bogusHeaderLength,
    SEVERITY.ERROR,
    'Malformed',
    `Bogus IP header length (${hlen}, must be at least ${IPH_MIN_LEN})`,
  );
  return tvb.length;
}

function addDsfield(t: ProtoNode, tvb: Tvb, tos: number): void {
  const ds = t.add(
    hfIp.dsfield,
    tvb,
    1,
    1,
    tos,
    `Differentiated Services Field: 0x${hex(tos, 2)} (DSCP: ${DSCP_SHORT.get(tos >>> 2) ?? 'Unknown'}, ECN: ${ECN_SHORT.get(tos & 3)})`,
  );
  ds.add(hfIp.dsfieldDscp, tvb, 1, 1, tos >>> 2);
  ds.add(hfIp.dsfieldEcn, tvb, 1, 1, tos & 3);
}

function addTsoLength(t: ProtoNode, tvb: Tvb, ipLen: number): void {
  t.add(
    hfIp.len,
    tvb,
    2,
    2,
    ipLen,
    `Total Length: ${ipLen} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))`,
  ).setGenerated();
}

function bogusLength(tvb: Tvb, pinfo: PacketInfo, t: ProtoNode | null, ipLen: number, hlen: number): number {
  pinfo.cols?.setInfo(`Bogus IP length (${ipLen}, less than header length ${hlen})`);
  const item = t
    ? t.add(
        hfIp.len,
        tvb,
        2,
        2,
        ipLen,
        `Total Length: ${ipLen} bytes (bogus, less than header length ${hlen})`,
      )
    : null;
  addExpert(pinfo, item, hfIp.bogusIpLength, SEVERITY.ERROR, 'Protocol', 'Bogus IP length');
  return tvb.length;
}

function lengthExceedsPacket(pinfo: PacketInfo, item: ProtoNode | null, reportedLength: number): void {
  addExpert(
    pinfo,
    item,
    hfIp.bogusIpLength,
    SEVERITY.ERROR,
    'Protocol',
    `IPv4 total length exceeds packet length (${reportedLength} bytes)`,
  );
}

function addFlagsItems(t: ProtoNode, tvb: Tvb, off: number): void {
  const fl = off >>> 13;
  const flagNames: string[] = [];
  if (fl & 4) flagNames.push('Reserved bit');
  if (fl & 2) flagNames.push("Don't fragment");
  if (fl & 1) flagNames.push('More fragments');
  const fb = off >>> 8;
  const f = t.add(
    hfIp.flags,
    tvb,
    6,
    1,
    fl,
    `${bits8(fb, 0xe0)} = Flags: 0x${fl.toString(16)}${flagNames.length ? ', ' + flagNames.join(', ') : ''}`,
  );
  f.add(hfIp.flagsRb, tvb, 6, 1, (fl >>> 2) & 1);
  f.add(hfIp.flagsDf, tvb, 6, 1, (fl >>> 1) & 1);
  f.add(hfIp.flagsMf, tvb, 6, 1, fl & 1);
  t.add(
    hfIp.fragOffset,
    tvb,
    6,
    2,
    off & IP_OFFSET,
    `${bits16(off, IP_OFFSET)} = Fragment Offset: ${(off & IP_OFFSET) * 8}`,
  );
}

function addChecksumItems(t: ProtoNode, tvb: Tvb, sum: number): void {
  t.add(hfIp.checksum, tvb, 10, 2, sum, `Header Checksum: 0x${hex(sum, 4)} [validation disabled]`);
  t.add(hfIp.checksumStatus, tvb, 10, 0, 2).setGenerated();
}

function addSrcItems(t: ProtoNode, tvb: Tvb, src: number): void {
  const s = formatIPv4(src);
  t.appendLabel(`, Src: ${s}`);
  t.add(hfIp.src, tvb, 12, 4, src);
  t.addHidden(hfIp.addr, tvb, 12, 4, src);
  t.add(hfIp.srcHost, tvb, 12, 4, s).setGenerated().setHidden();
  t.add(hfIp.host, tvb, 12, 4, s).setGenerated().setHidden();
}

/** The TTL notes: multicast to the local control block needs TTL 1; otherwise TTL < 5 is noted. */
function ttlExperts(
  pinfo: PacketInfo,
  ttlItem: ProtoNode | null,
  ttl: number,
  dst: number,
  proto: number,
): void {
  if ((dst & 0xffffff00) >>> 0 === 0xe0000000) {
    const last = dst & 0xff;
    // mDNS (224.0.0.251) and LLMNR (224.0.0.252) may use any TTL; everything else must use 1.
    const anyTtl = proto !== IP_PROTO_IGMP && (last === 251 || last === 252);
    if (!anyTtl && ttl !== 1) {
      addExpert(
        pinfo,
        ttlItem,
        hfIp.ttlLncb,
        SEVERITY.NOTE,
        'Sequence',
        '"Time To Live" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)',
      );
    }
  } else if (
    ttl < 5 &&
    (dst & 0xf0000000) >>> 0 !== 0xe0000000 &&
    proto !== IP_PROTO_PIM &&
    proto !== IP_PROTO_OSPF
  ) {
    addExpert(pinfo, ttlItem, hfIp.ttlTooSmall, SEVERITY.NOTE, 'Sequence', `"Time To Live" only ${ttl}`);
  }
}

function addDstItems(
  t: ProtoNode,
  tvb: Tvb,
  pinfo: PacketInfo,
  dst: number,
  dstOff: number,
  hlen: number,
): void {
  const d = formatIPv4(dst);
  t.appendLabel(`, Dst: ${d}`);
  if (dstOff) {
    const cur = tvb.u32(16);
    t.appendLabel(`, Via: ${formatIPv4(cur)}`);
    t.add(hfIp.curRt, tvb, 16, 4, cur);
    t.add(hfIp.curRtHost, tvb, 16, 4, formatIPv4(cur)).setGenerated().setHidden();
  } else {
    t.add(hfIp.dst, tvb, 16, 4, dst);
    t.addHidden(hfIp.addr, tvb, 16, 4, dst);
    t.add(hfIp.dstHost, tvb, 16, 4, d).setGenerated().setHidden();
    t.add(hfIp.host, tvb, 16, 4, d).setGenerated().setHidden();
  }
  if (hlen > IPH_MIN_LEN) {
    const optlen = hlen - IPH_MIN_LEN;
    const opts = t.addText(tvb, 20, optlen, `Options: (${optlen} bytes)`);
    dissectIpOptions(tvb, 20, optlen, pinfo, opts, dstOff !== 0);
  }
}

/**
 * Without a tree the options are still dissected, as Wireshark does: their bounds errors (a
 * header cut inside its options) and expert items must not depend on whether anyone shows the
 * tree. Rare (options are), so they are added to a throwaway tree rather than made tree-optional.
 */
function dissectOptionsWithoutTree(tvb: Tvb, pinfo: PacketInfo, hlen: number, dstOff: number): void {
  const detached = new FrameTree(tvb.source, frameProto.text).add(protoIp, tvb, 0, hlen, null);
  dissectIpOptions(tvb, IPH_MIN_LEN, hlen - IPH_MIN_LEN, pinfo, detached, dstOff !== 0);
}

/** Adds a fragment to its datagram; the reassembled payload when this one completes it. */
function reassemble(
  tvb: Tvb,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  proto: number,
  id: number,
  off: number,
  src: number,
  dst: number,
  hlen: number,
  ipLen: number,
): Tvb | null {
  let fragId = (proto ^ id ^ src ^ dst) >>> 0;
  const vlanId = pinfo.getData<number>('vlan.id') ?? 0;
  if (isPrivateOrLinkLocal(dst) || isPrivateOrLinkLocal(src)) fragId = (fragId ^ vlanId) >>> 0;
  const table = pinfo.capture.stateFor('ip.fragments', () => new FragmentTable('IPv4'));
  const key = `${fragId}|${src}|${dst}`;
  const r = table.add(key, pinfo, (off & IP_OFFSET) * 8, tvb.view(hlen, ipLen - hlen), (off & IP_MF) !== 0);
  const next = processReassembled(r, pinfo, t, tvb, FRAGMENT_FIELDS);
  if (!next && r && r.reassembledIn !== pinfo.num) {
    pinfo.setData('ip.reassembled_in', r.reassembledIn);
  }
  return next;
}

/** A fragment whose datagram is not complete here: its bytes are data. */
function notReassembled(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  proto: number,
  off: number,
  id: number,
  offset: number,
): void {
  if (pinfo.cols) {
    pinfo.cols.setInfo(
      `Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${(off & IP_OFFSET) * 8}, ID=${hex(id, 4)})`,
    );
    const rin = pinfo.getData<number>('ip.reassembled_in');
    if (rin !== undefined) pinfo.cols.appendInfo(` [Reassembled in #${rin}]`);
  }
  dissectData(tvb.sub(offset), pinfo, tree);
}

function bits16(v: number, mask: number): string {
  let s = '';
  for (let i = 15; i >= 0; i--) {
    s += (mask >>> i) & 1 ? String((v >>> i) & 1) : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

/**
 * The "ip" dissector of the ethertype table: IPv4, or IPv6 carried under the IPv4 ethertype;
 * anything else is a bogus version.
 */
export function dissectIp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const version = tvb.u8(0) >>> 4;
  if (version === 4) return dissectIpV4(tvb, pinfo, tree);
  if (version === 6) {
    pinfo.addLayer('ip');
    const d = ethertypeTable.get(0x86dd);
    return d ? d(tvb, pinfo, tree) : tvb.length;
  }
  pinfo.currentProto = 'IPv4';
  pinfo.addLayer('ip');
  let item: ProtoNode | null = null;
  if (tree) {
    const t = tree.add(protoIp, tvb, 0, 1, null, `Internet Protocol, bogus version (${version})`);
    item = t.add(hfIp.version, tvb, 0, 1, version, `${bits8(tvb.u8(0), 0xf0)} = Version: ${version}`);
  }
  if (pinfo.cols) {
    pinfo.cols.setProtocol('IP');
    pinfo.cols.clearInfo();
    pinfo.cols.setInfo(`Bogus IP version (${version})`);
  }
  addExpert(pinfo, item, hfIp.bogusIpVersion, SEVERITY.ERROR, 'Protocol', 'Bogus IP version');
  return 1;
}

// The ethertype goes straight to the IPv4 dissector (a bad version is a bogus IPv4 header);
// LLC, BSD loopback, IP-in-IP and LINKTYPE_IPV4 use the version-neutral one.
ethertypeTable.add(0x0800, dissectIpV4);
llcSapTable.add(0x06, dissectIp);
nullFamilyTable.add(2, dissectIp);
ipProtoTable.add(4, dissectIp);
