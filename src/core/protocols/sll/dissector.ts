import { etherAddress, ipv4Address } from '../../dissect/address';
import { dissectData, linktypeTable } from '../../dissect/frame';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { dissectEthernet } from '../ethernet/dissector';
import { dissectEthertype, ethertypeTable } from '../ethernet/ethertype';
import { dissectLlc } from '../llc/dissector';
import { hfSll, PACKET_TYPES, protoSll } from './fields';

/** Payload dissectors by Linux protocol type (sll.ltype, values <= 1536). */
export const sllLtypeTable = dissectorTable('sll.ltype', 'Linux SLL protocol type');

const ARPHRD_IPGRE = 778;
const ARPHRD_NETLINK = 824;
const SLL_ADDRLEN = 8;

/** The link-layer address: its length, the address (Ethernet or IPv4 when 6 or 4 bytes), unused bytes. */
function addLinkAddress(
  t: ProtoNode | null,
  pinfo: PacketInfo,
  tvb: Tvb,
  halenOffset: number,
  halenLen: number,
): void {
  const haLen = halenLen === 2 ? tvb.u16(halenOffset) : tvb.u8(halenOffset);
  const at = halenOffset + halenLen;
  t?.add(hfSll.halen, tvb, halenOffset, halenLen, haLen);
  if (haLen === 4) {
    pinfo.dlSrc = pinfo.src = ipv4Address(tvb.u32(at));
    t?.add(hfSll.srcIpv4, tvb, at, 4, tvb.u32(at));
  } else if (haLen === 6) {
    const mac = tvb.view(at, 6);
    pinfo.dlSrc = pinfo.src = etherAddress(mac);
    t?.add(hfSll.srcEth, tvb, at, 6, mac);
  } else if (haLen !== 0 && t) {
    const n = Math.min(haLen, 8);
    t.add(hfSll.srcOther, tvb, at, n, tvb.view(at, n));
  }
  if (haLen < SLL_ADDRLEN && t) {
    t.add(hfSll.unused, tvb, at + haLen, SLL_ADDRLEN - haLen, tvb.view(at + haLen, SLL_ADDRLEN - haLen));
  }
}

function addProtocolType(t: ProtoNode | null, tvb: Tvb, offset: number, hatype: number): number {
  const protocol = tvb.u16(offset);
  if (t) {
    const def = protocol <= 1536 ? hfSll.ltype : hatype === ARPHRD_IPGRE ? hfSll.gretype : hfSll.etype;
    t.add(def, tvb, offset, 2, protocol);
  }
  return protocol;
}

function dissectPayload(
  tree: TreeParent,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  tvb: Tvb,
  headerSize: number,
  hatype: number,
  protocol: number,
): void {
  if (protocol <= 1536) {
    // A Linux-internal protocol number, not an ethertype: no trailer can be computed.
    const next = tvb.sub(headerSize);
    const d = sllLtypeTable.get(protocol);
    if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
  } else if (hatype === ARPHRD_IPGRE) {
    // GRE protocol types are ethertypes; cooked captures strip the GRE header itself.
    const next = tvb.sub(headerSize);
    ethertypeTable.get(protocol)?.(next, pinfo, tree);
  } else {
    dissectEthertype(tvb, pinfo, tree, protocol, headerSize, t, hfSll.trailer, 0);
  }
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16-byte header) and v2 (LINKTYPE_LINUX_SLL2, 20 bytes). */
function dissectSll(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, version: 1 | 2): number {
  pinfo.currentProto = 'SLL';
  // tshark 4.0 reads the v2 packet type as 16 bits (packet type and address length together),
  // so its Info text for v2 is usually "Unknown (N)"; upper layers overwrite it anyway.
  const pkttype = version === 1 ? tvb.u16(0) : tvb.u16(10);
  const hatype = version === 1 ? tvb.u16(2) : tvb.u16(8);
  if (hatype === ARPHRD_NETLINK) {
    // Netlink is not dissected; Wireshark hands the whole packet to its netlink dissector.
    pinfo.addLayer('sll');
    pinfo.cols?.setProtocol('Netlink');
    dissectData(tvb, pinfo, tree);
    return tvb.length;
  }
  pinfo.addLayer('sll');
  if (pinfo.cols) {
    pinfo.cols.setProtocol('SLL');
    pinfo.cols.clearInfo();
    pinfo.cols.setInfo(PACKET_TYPES.get(pkttype) ?? `Unknown (${pkttype})`);
  }
  const headerSize = version === 1 ? 16 : 20;
  const t = tree ? tree.add(protoSll, tvb, 0, headerSize, null, `Linux cooked capture v${version}`) : null;
  if (version === 1) {
    t?.add(hfSll.pkttype, tvb, 0, 2, pkttype);
    t?.add(hfSll.hatype, tvb, 2, 2, hatype);
    addLinkAddress(t, pinfo, tvb, 4, 2);
    const protocol = addProtocolType(t, tvb, 14, hatype);
    dissectPayload(tree, pinfo, t, tvb, 16, hatype, protocol);
  } else {
    const protocol = addProtocolType(t, tvb, 0, hatype);
    t?.add(hfSll.ifindex, tvb, 4, 4, tvb.u32(4));
    t?.add(hfSll.hatype, tvb, 8, 2, hatype);
    t?.add(hfSll.pkttype, tvb, 10, 1, tvb.u8(10));
    addLinkAddress(t, pinfo, tvb, 11, 1);
    dissectPayload(tree, pinfo, t, tvb, 20, hatype, protocol);
  }
  return tvb.length;
}

linktypeTable.add(113, (tvb, pinfo, tree) => dissectSll(tvb, pinfo, tree, 1));
linktypeTable.add(276, (tvb, pinfo, tree) => dissectSll(tvb, pinfo, tree, 2));
sllLtypeTable.add(0x0003, (tvb, pinfo, tree) => dissectEthernet(tvb, pinfo, tree, 0));
sllLtypeTable.add(0x0004, dissectLlc);
