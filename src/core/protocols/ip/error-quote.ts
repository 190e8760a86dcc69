import type { PacketInfo } from '../../dissect/packet-info';
import { BoundsError } from '../../dissect/tvb';

/**
 * Runs `dissect` on the packet quoted inside an ICMP/ICMPv6 error, the way Wireshark's
 * call_dissector does for error packets: the quoted headers are dissected into the tree, but
 * the columns stay as the error message set them, the addresses (Source/Destination columns,
 * conversations of the outer packet) are restored afterwards, and `pinfo.inErrorPacket` tells
 * the inner dissectors not to update analysis state. A quoted packet that is cut short is
 * not an error (only part of it is quoted): that bounds error is swallowed (the layers it
 * reached stay in frame.protocols, as in tshark); a snaplen cut still reaches the frame.
 */
export function dissectQuotedPacket(pinfo: PacketInfo, dissect: () => void): void {
  const savedError = pinfo.inErrorPacket;
  const cols = pinfo.cols;
  const savedWritable = cols ? cols.writable : true;
  const saved = {
    dlSrc: pinfo.dlSrc,
    dlDst: pinfo.dlDst,
    netSrc: pinfo.netSrc,
    netDst: pinfo.netDst,
    src: pinfo.src,
    dst: pinfo.dst,
    ptype: pinfo.ptype,
    srcPort: pinfo.srcPort,
    dstPort: pinfo.dstPort,
    ipProto: pinfo.ipProto,
    currentProto: pinfo.currentProto,
  };
  const restore = (): void => {
    pinfo.inErrorPacket = savedError;
    if (cols) cols.writable = savedWritable;
    pinfo.dlSrc = saved.dlSrc;
    pinfo.dlDst = saved.dlDst;
    pinfo.netSrc = saved.netSrc;
    pinfo.netDst = saved.netDst;
    pinfo.src = saved.src;
    pinfo.dst = saved.dst;
    pinfo.ptype = saved.ptype;
    pinfo.srcPort = saved.srcPort;
    pinfo.dstPort = saved.dstPort;
    pinfo.ipProto = saved.ipProto;
  };
  pinfo.inErrorPacket = true;
  if (cols) cols.writable = false;
  try {
    dissect();
  } catch (e) {
    restore();
    pinfo.currentProto = saved.currentProto;
    if (!(e instanceof BoundsError)) throw e;
    if (e.kind === 'captured') throw e;
    return;
  }
  restore();
}
