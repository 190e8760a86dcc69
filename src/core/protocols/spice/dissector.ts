import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import './fields';

/**
 * Wireshark's Spice heuristic reads the 4-byte magic ("REDQ") of any payload of 4 bytes or
 * more, so a segment with fewer than 4 bytes captured throws there: tshark shows "spice" and
 * "[Packet size limited during capture]". Spice itself is not decoded here, so a payload that
 * does start with the magic is declined like any other.
 */
export function heuristicSpiceProbe(tvb: Tvb, pinfo: PacketInfo, _tree: TreeParent): boolean {
  if (tvb.reportedLength < 4) return false;
  const savedProto = pinfo.currentProto;
  const savedLayers = pinfo.layers.length;
  pinfo.currentProto = 'Spice';
  pinfo.addLayer('spice');
  tvb.u32(0);
  pinfo.currentProto = savedProto;
  pinfo.layers.length = savedLayers;
  return false;
}

tcpHeuristicChain.add('spice', heuristicSpiceProbe);
