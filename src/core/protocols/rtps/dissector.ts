import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import './fields';

/** The smallest RTPS message (its header) that the TCP heuristic looks at. */
const RTPS_MIN_LENGTH = 20;

/**
 * Wireshark's RTPS-over-TCP heuristic reads the first 8 bytes of any payload of 20 bytes or
 * more before checking the "RTPS"/"RTPX" magic, so a segment with fewer than 8 bytes captured
 * throws there: tshark shows "rtps" and "[Packet size limited during capture]". RTPS itself is
 * not decoded here: every payload is declined.
 */
export function heuristicRtpsProbe(tvb: Tvb, pinfo: PacketInfo, _tree: TreeParent): boolean {
  if (tvb.reportedLength < RTPS_MIN_LENGTH) return false;
  const savedProto = pinfo.currentProto;
  const savedLayers = pinfo.layers.length;
  pinfo.currentProto = 'RTPS';
  pinfo.addLayer('rtps');
  tvb.ensure(0, 8);
  pinfo.currentProto = savedProto;
  pinfo.layers.length = savedLayers;
  return false;
}

tcpHeuristicChain.add('rtps', heuristicRtpsProbe);
