import { TCP_A, type TcpAcked } from '../../analysis/tcp-frame-store';
import type { TcpConversation } from '../../analysis/tcp-streams';
import { SEVERITY } from '../../dissect/expert';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { addExpert } from './expert';
import { eiTcp, hfTcp } from './fields';

/**
 * Shows a frame's sequence analysis (Wireshark's tcp_print_sequence_number_analysis): the
 * "[SEQ/ACK analysis]" subtree, Info-column prefixes ("[TCP Retransmission] ") and expert
 * items. Runs on every dissection from the stored per-frame record, so the first pass and
 * later re-dissections show the same thing.
 */
export function printSequenceAnalysis(
  pinfo: PacketInfo,
  tcpTree: ProtoNode | null,
  conv: TcpConversation,
  ta: TcpAcked,
  showIrtt: boolean,
): void {
  if (!ta.present) return;
  const cols = pinfo.cols;
  const tree = tcpTree ? tcpTree.addGenerated(hfTcp.analysis, null) : null;
  if (tree && ta.frameAcked) {
    tree.addGenerated(hfTcp.acksFrame, ta.frameAcked);
    if (ta.ackRttNs) tree.addGenerated(hfTcp.ackRtt, ta.ackRttNs);
  }
  if (tree && showIrtt && conv.firstRttNs !== 0) tree.addGenerated(hfTcp.initialRtt, conv.firstRttNs);
  if (tree && ta.bytesInFlight) {
    tree.addGenerated(hfTcp.bytesInFlight, ta.bytesInFlight);
    tree.addGenerated(hfTcp.pushBytesSent, ta.pushBytesSent);
  }
  const f = ta.flags;
  if (!f) return;
  const item = tree ? tree.addGenerated(hfTcp.analysisFlags, null) : null;
  const prefix = (s: string): void => cols?.prependInfoFence(s);

  if (f & TCP_A.REUSED_PORTS) {
    addExpert(pinfo, item, eiTcp.reusedPorts, SEVERITY.NOTE, 'Sequence', eiTcp.reusedPorts.name);
    prefix('[TCP Port numbers reused] ');
  }
  if (f & TCP_A.RETRANSMISSION) {
    addExpert(pinfo, item, eiTcp.retransmission, SEVERITY.NOTE, 'Sequence', eiTcp.retransmission.name);
    prefix('[TCP Retransmission] ');
    if (item && (ta.rtoNs || 0) !== 0) {
      item.addGenerated(hfTcp.rto, ta.rtoNs);
      item.addGenerated(hfTcp.rtoFrame, ta.rtoFrame);
    }
  }
  if (f & TCP_A.FAST_RETRANSMISSION) {
    addExpert(
      pinfo,
      item,
      eiTcp.fastRetransmission,
      SEVERITY.NOTE,
      'Sequence',
      eiTcp.fastRetransmission.name,
    );
    addExpert(pinfo, item, eiTcp.retransmission, SEVERITY.NOTE, 'Sequence', eiTcp.retransmission.name);
    prefix('[TCP Fast Retransmission] ');
  }
  if (f & TCP_A.SPURIOUS_RETRANSMISSION) {
    addExpert(
      pinfo,
      item,
      eiTcp.spuriousRetransmission,
      SEVERITY.NOTE,
      'Sequence',
      eiTcp.spuriousRetransmission.name,
    );
    addExpert(pinfo, item, eiTcp.retransmission, SEVERITY.NOTE, 'Sequence', eiTcp.retransmission.name);
    prefix('[TCP Spurious Retransmission] ');
  }
  if (f & TCP_A.OUT_OF_ORDER) {
    addExpert(pinfo, item, eiTcp.outOfOrder, SEVERITY.WARN, 'Sequence', eiTcp.outOfOrder.name);
    prefix('[TCP Out-Of-Order] ');
  }
  if (f & TCP_A.LOST_PACKET) {
    addExpert(pinfo, item, eiTcp.lostSegment, SEVERITY.WARN, 'Sequence', eiTcp.lostSegment.name);
    prefix('[TCP Previous segment not captured] ');
  }
  if (f & TCP_A.ACK_LOST_PACKET) {
    addExpert(pinfo, item, eiTcp.ackLostSegment, SEVERITY.WARN, 'Sequence', eiTcp.ackLostSegment.name);
    prefix('[TCP ACKed unseen segment] ');
  }
  if (f & TCP_A.WINDOW_UPDATE) {
    addExpert(pinfo, item, eiTcp.windowUpdate, SEVERITY.CHAT, 'Sequence', eiTcp.windowUpdate.name);
    prefix('[TCP Window Update] ');
  }
  if (f & TCP_A.WINDOW_FULL) {
    addExpert(pinfo, item, eiTcp.windowFull, SEVERITY.WARN, 'Sequence', eiTcp.windowFull.name);
    prefix('[TCP Window Full] ');
  }
  if (f & TCP_A.KEEP_ALIVE) {
    addExpert(pinfo, item, eiTcp.keepAlive, SEVERITY.NOTE, 'Sequence', eiTcp.keepAlive.name);
    prefix('[TCP Keep-Alive] ');
  }
  if (f & TCP_A.KEEP_ALIVE_ACK) {
    addExpert(pinfo, item, eiTcp.keepAliveAck, SEVERITY.NOTE, 'Sequence', eiTcp.keepAliveAck.name);
    prefix('[TCP Keep-Alive ACK] ');
  }
  if (ta.dupackNum) {
    if (f & TCP_A.DUPLICATE_ACK) {
      item?.addGenerated(hfTcp.duplicateAck, null, 'This is a TCP duplicate ack');
      prefix(`[TCP Dup ACK ${ta.dupackFrame}#${ta.dupackNum}] `);
    }
    tree?.addGenerated(hfTcp.duplicateAckNum, ta.dupackNum);
    const frameItem = tree ? tree.addGenerated(hfTcp.duplicateAckFrame, ta.dupackFrame) : null;
    addExpert(
      pinfo,
      frameItem,
      hfTcp.duplicateAck,
      SEVERITY.NOTE,
      'Sequence',
      `Duplicate ACK (#${ta.dupackNum})`,
    );
  }
  if (f & TCP_A.ZERO_WINDOW_PROBE) {
    addExpert(pinfo, item, eiTcp.zeroWindowProbe, SEVERITY.NOTE, 'Sequence', eiTcp.zeroWindowProbe.name);
    prefix('[TCP ZeroWindowProbe] ');
  }
  if (f & TCP_A.ZERO_WINDOW) {
    addExpert(pinfo, item, eiTcp.zeroWindow, SEVERITY.WARN, 'Sequence', eiTcp.zeroWindow.name);
    prefix('[TCP ZeroWindow] ');
  }
  if (f & TCP_A.ZERO_WINDOW_PROBE_ACK) {
    addExpert(
      pinfo,
      item,
      eiTcp.zeroWindowProbeAck,
      SEVERITY.NOTE,
      'Sequence',
      eiTcp.zeroWindowProbeAck.name,
    );
    prefix('[TCP ZeroWindowProbeAck] ');
  }
}
