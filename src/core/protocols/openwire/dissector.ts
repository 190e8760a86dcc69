import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import './fields';

/**
 * Wireshark's OpenWire heuristic reads the command type (byte 4) of payloads exactly as long
 * as a KeepAlive (10/11 bytes) or a Response (14/15 bytes), so such a segment with at most 4
 * bytes captured throws there: tshark shows "openwire" and "[Packet size limited during
 * capture]". OpenWire itself is not decoded here: every payload is declined.
 */
export function heuristicOpenwireProbe(tvb: Tvb, pinfo: PacketInfo, _tree: TreeParent): boolean {
  const len = tvb.reportedLength;
  if (len !== 10 && len !== 11 && len !== 14 && len !== 15) return false;
  const savedProto = pinfo.currentProto;
  const savedLayers = pinfo.layers.length;
  pinfo.currentProto = 'OpenWire';
  pinfo.addLayer('openwire');
  tvb.u8(4);
  pinfo.currentProto = savedProto;
  pinfo.layers.length = savedLayers;
  return false;
}

tcpHeuristicChain.add('openwire', heuristicOpenwireProbe);
