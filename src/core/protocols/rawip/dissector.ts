import { dissectData, linktypeTable } from '../../dissect/frame';
import { registerProtocol } from '../../dissect/fields';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import { ethertypeTable } from '../ethernet/ethertype';

export const protoRaw = registerProtocol('raw', 'Raw packet data', 'Raw');

const ETHERTYPE_IP = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/**
 * Raw IP (LINKTYPE_RAW 101, and the old 12/14 values wiretap maps to the same encapsulation):
 * the version nibble picks IPv4 or IPv6.
 */
export function dissectRaw(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'Raw';
  pinfo.addLayer('raw');
  pinfo.cols?.setProtocol('Raw');
  pinfo.cols?.setInfo('Raw packet data');
  tree?.add(protoRaw, tvb, 0, tvb.length, null, 'Raw packet data');
  if (tvb.length === 0) return 0;
  const version = tvb.u8(0) >>> 4;
  const d =
    version === 4
      ? ethertypeTable.get(ETHERTYPE_IP)
      : version === 6
        ? ethertypeTable.get(ETHERTYPE_IPV6)
        : undefined;
  if (!d || d(tvb, pinfo, tree) === 0) dissectData(tvb, pinfo, tree);
  return tvb.length;
}

/** LINKTYPE_IPV4 (228) / LINKTYPE_IPV6 (229): the frame is the IP packet, no link header at all. */
function direct(etype: number) {
  return (tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number => {
    const d = ethertypeTable.get(etype);
    if (!d || d(tvb, pinfo, tree) === 0) dissectData(tvb, pinfo, tree);
    return tvb.length;
  };
}

linktypeTable.add(101, dissectRaw);
linktypeTable.add(12, dissectRaw);
linktypeTable.add(14, dissectRaw);
linktypeTable.add(228, direct(ETHERTYPE_IP));
linktypeTable.add(229, direct(ETHERTYPE_IPV6));
