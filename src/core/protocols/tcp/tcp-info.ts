import type { PacketInfo } from '../../dissect/packet-info';
import type { Dissector } from '../../dissect/tables';
import type { TcpConversation } from '../../analysis/tcp-streams';

/**
 * What TCP hands its payload dissectors as `data` (Wireshark's struct tcpinfo). Sequence
 * numbers are relative (the TCP default).
 */
export interface TcpInfo {
  /** Sequence number of the first byte handed over (of the reassembled PDU when isReassembled). */
  seq: number;
  /** Sequence number after this segment. */
  nxtseq: number;
  /** ACK number of this segment. */
  lastackseq: number;
  /** True when the tvb is a reassembled PDU rather than one segment's payload. */
  isReassembled: boolean;
  /** TCP header flags (TH.*). */
  flags: number;
  urgentPointer: number;
  /** tcp.stream of the segment. */
  stream: number;
}

const CONV_KEY = 'tcp.conversation';
const PDU_TRACKING_KEY = 'tcp.pduTracking';

/** @internal TCP records the conversation being dissected so payload dissectors can attach to it. */
export function setCurrentConversation(pinfo: PacketInfo, conv: TcpConversation | null): void {
  pinfo.setData(CONV_KEY, conv);
}

/**
 * Makes `dissector` handle this TCP conversation's payload from the current frame on, before
 * any port or heuristic lookup (Wireshark's conversation_set_dissector), e.g. after an HTTP
 * CONNECT or a STARTTLS. Does nothing outside a TCP payload dissection.
 */
export function tcpSetConversationDissector(pinfo: PacketInfo, dissector: Dissector): void {
  const conv = pinfo.getData<TcpConversation | null>(CONV_KEY);
  if (!conv || pinfo.visited) return;
  (conv.dissectors ??= []).push({ fromFrame: pinfo.num, dissector });
}

/**
 * @internal Set by tcpDissectPdus when a PDU runs past the end of an un-reassembled segment:
 * TCP remembers where the next PDU starts (Wireshark's want_pdu_tracking/bytes_until_next_pdu).
 */
export function setPduTracking(pinfo: PacketInfo, bytesUntilNextPdu: number): void {
  pinfo.setData(PDU_TRACKING_KEY, bytesUntilNextPdu);
}

/** @internal */
export function takePduTracking(pinfo: PacketInfo): number {
  const n = pinfo.getData<number>(PDU_TRACKING_KEY) ?? 0;
  if (n) pinfo.setData(PDU_TRACKING_KEY, 0);
  return n;
}
