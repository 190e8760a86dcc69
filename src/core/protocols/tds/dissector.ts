import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import './fields';

/** Netlib packet types Wireshark's TDS heuristic accepts (0x01-0x12 and 0x17). */
const isValidType = (t: number): boolean => (t >= 0x01 && t <= 0x12) || t === 0x17;
/** Netlib status values it accepts. */
const VALID_STATUS = new Set([0x00, 0x01, 0x02, 0x03, 0x05, 0x09, 0x11, 0x21]);

/**
 * The first checks of Wireshark's TDS-over-TCP heuristic: at least a Netlib header (8 bytes)
 * on the wire, a known packet type and status. When the segment was cut by the snaplen before
 * the length field, the heuristic accepts what it could check and the PDU length read then
 * runs into the cut: tshark shows such segments as "tds" with "[Packet size limited during
 * capture]". With the length field captured, the login and channel checks that follow are not
 * reproduced here: the payload is declined (TDS itself is not decoded).
 */
export function heuristicTdsProbe(tvb: Tvb, pinfo: PacketInfo, _tree: TreeParent): boolean {
  if (tvb.reportedLength < 8 || tvb.length < 1) return false;
  if (!isValidType(tvb.u8(0))) return false;
  if (tvb.length >= 2 && !VALID_STATUS.has(tvb.u8(1))) return false;
  if (tvb.length >= 4) return false;
  pinfo.currentProto = 'TDS';
  pinfo.addLayer('tds');
  // tcp_dissect_pdus reads the PDU length at offset 2, past the captured bytes.
  tvb.u16(2);
  return true;
}

tcpHeuristicChain.add('tds', heuristicTdsProbe);
