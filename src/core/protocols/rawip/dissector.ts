import { dissectData, linktypeTable } from '../../dissect/frame';
import { registerProtocol } from '../../dissect/fields';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import { ethertypeTable } from '../ethernet/ethertype';
import { dissectIp } from '../ip/dissector';
import { NOT_APPLICABLE } from '../null/dissector';

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
  // Placeholders the network layer replaces (tshark's "N/A" link-layer addresses).
  pinfo.src = NOT_APPLICABLE;
  pinfo.dst = NOT_APPLICABLE;
  pinfo.cols?.setProtocol('N/A');
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

/** LINKTYPE_IPV4 (228): the frame is the IP packet (version-neutral IP dissector), no link header. */
function dissectIpv4Link(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  if (dissectIp(tvb, pinfo, tree) === 0) dissectData(tvb, pinfo, tree);
  return tvb.length;
}

/** LINKTYPE_IPV6 (229): a packet that is not IPv6 leaves the frame with no protocol at all. */
function dissectIpv6Link(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  ethertypeTable.get(ETHERTYPE_IPV6)?.(tvb, pinfo, tree);
  return tvb.length;
}

linktypeTable.add(101, dissectRaw);
linktypeTable.add(12, dissectRaw);
linktypeTable.add(14, dissectRaw);
linktypeTable.add(228, dissectIpv4Link);
linktypeTable.add(229, dissectIpv6Link);
