import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';

/**
 * Splits a TCP payload into PDUs that start with a big-endian length of `prefixLen` bytes
 * (the length counts what follows it), as Wireshark's tcp_dissect_pdus does: when a PDU is
 * not complete and TCP can reassemble, it asks for the missing bytes through
 * pinfo.desegmentOffset/desegmentLen and stops; TCP calls again with the completed PDU.
 * Returns the number of bytes consumed.
 */
export function dissectLengthPrefixedPdus(
  tvb: Tvb,
  pinfo: PacketInfo,
  prefixLen: 2 | 4,
  dissectPdu: (pdu: Tvb) => void,
): number {
  let offset = 0;
  let first = true;
  while (tvb.reportedRemaining(offset) > 0) {
    const captured = tvb.remaining(offset);
    if (captured < prefixLen && pinfo.canDesegment) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return tvb.length;
    }
    const body = prefixLen === 2 ? tvb.u16(offset) : tvb.u32(offset);
    const plen = prefixLen + body;
    if (pinfo.canDesegment && captured < plen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = plen - captured;
      return tvb.length;
    }
    // Later PDUs of the same segment must not wipe the Info text of the earlier ones.
    if (!first) pinfo.cols?.setFence();
    first = false;
    dissectPdu(tvb.sub(offset, plen, plen));
    offset += plen;
  }
  return offset;
}
