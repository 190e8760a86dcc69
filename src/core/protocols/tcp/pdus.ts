import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { hfTcp } from './fields';
import { headersOf, setPduTracking } from './tcp-info';

/**
 * Shows "[PDU Size: N]" (tcp.pdu.size) in the TCP item of the segment being dissected, as
 * Wireshark's tcp_dissect_pdus does for every PDU it hands over.
 */
export function tcpAddPduSize(pinfo: PacketInfo, tvb: Tvb, offset: number, plen: number): void {
  const hs = headersOf(pinfo);
  const t = hs.length > 0 ? hs[hs.length - 1].tree : null;
  t?.add(hfTcp.pduSize, tvb, offset, Math.min(plen, Math.max(0, tvb.length - offset)), plen).setGenerated();
}

/**
 * Wireshark's tcp_dissect_pdus for protocols made of PDUs whose length can be read from a
 * fixed-size header: splits the payload into PDUs, asks TCP for more bytes when a PDU (or its
 * header) continues in the next segment, remembers where the next PDU starts when TCP cannot
 * reassemble, shows tcp.pdu.size, and calls `dissectPdu` on each complete PDU.
 *
 * `pduLength` returns the whole PDU length at `offset` (header included), or 0 when it needs
 * more bytes to tell. Returns the number of bytes handed to `dissectPdu`.
 */
export function tcpDissectPdus(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  desegment: boolean,
  fixedLen: number,
  pduLength: (tvb: Tvb, offset: number) => number,
  dissectPdu: (pdu: Tvb, pinfo: PacketInfo, tree: TreeParent) => void,
): number {
  let offset = 0;
  const canReassemble = desegment && pinfo.canDesegment > 0;
  while (tvb.reportedRemaining(offset) > 0) {
    const captured = tvb.remaining(offset);
    if (captured === 0) tvb.ensure(offset, 1);
    if (canReassemble && captured < fixedLen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return offset;
    }
    const plen = pduLength(tvb, offset);
    if (plen === 0) {
      // Without reassembly there is no way to get the rest: the PDU is cut short.
      if (!canReassemble) throw new BoundsError('captured', `PDU length unknown at offset ${offset}`);
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return offset;
    }
    if (plen < fixedLen)
      throw new BoundsError('reported', `PDU length ${plen} < ${fixedLen} at offset ${offset}`);
    if (!pinfo.visited) {
      const remaining = tvb.reportedRemaining(offset);
      if (plen > remaining) setPduTracking(pinfo, plen - remaining);
    }
    if (canReassemble && captured < plen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = plen - captured;
      return offset;
    }
    tcpAddPduSize(pinfo, tvb, offset, plen);
    dissectPdu(tvb.sub(offset, Math.min(captured, plen), plen), pinfo, tree);
    offset += plen;
  }
  return offset;
}
