import { etherAddress, formatEther } from '../../dissect/address';
import { dissectData, linktypeTable } from '../../dissect/frame';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import { hfEth, protoEth } from './fields';

/** Dissectors by ethertype (IPv4 0x0800, ARP 0x0806, 802.1Q 0x8100, IPv6 0x86dd, ...). */
export const ethertypeTable = dissectorTable('ethertype', 'Ethertype');

/**
 * Hands the payload to the dissector for `type`, as Wireshark's "ethertype" pseudo-protocol
 * does (it appears in frame.protocols as "ethertype"); unknown types become data.
 */
export function dispatchEthertype(
  type: number,
  tvb: Tvb,
  offset: number,
  pinfo: PacketInfo,
  tree: TreeParent,
): void {
  pinfo.addLayer('ethertype');
  const next = tvb.sub(offset);
  const d = ethertypeTable.get(type);
  if (!d || d(next, pinfo, tree) === 0) {
    pinfo.cols?.setProtocol(`0x${type.toString(16).padStart(4, '0')}`);
    dissectData(next, pinfo, tree);
  }
}

/** Ethernet II (LINKTYPE_ETHERNET). */
export function dissectEthernet(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'Ethernet';
  tvb.ensure(0, 14);
  const dst = tvb.view(0, 6);
  const src = tvb.view(6, 6);
  const type = tvb.u16(12);
  pinfo.addLayer('eth');
  pinfo.dlSrc = pinfo.src = etherAddress(src);
  pinfo.dlDst = pinfo.dst = etherAddress(dst);
  if (pinfo.cols) {
    pinfo.cols.setProtocol('ETHER');
    pinfo.cols.setInfo(`Ethernet II`);
  }
  if (tree) {
    const t = tree.add(
      protoEth,
      tvb,
      0,
      14,
      null,
      `Ethernet II, Src: ${formatEther(src)}, Dst: ${formatEther(dst)}`,
    );
    t.add(hfEth.dst, tvb, 0, 6, dst);
    t.addHidden(hfEth.addr, tvb, 0, 6, dst);
    t.add(hfEth.src, tvb, 6, 6, src);
    t.addHidden(hfEth.addr, tvb, 6, 6, src);
    t.add(hfEth.type, tvb, 12, 2, type);
  }
  dispatchEthertype(type, tvb, 14, pinfo, tree);
  return tvb.length;
}

linktypeTable.add(1, dissectEthernet);
