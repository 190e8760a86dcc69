import type { PacketInfo } from '../../dissect/packet-info';
import type { Dissector } from '../../dissect/tables';
import type { TcpHeader } from './header';

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

/** The one PacketInfo data entry TCP keeps per frame: its segment header(s), in layer order. */
export const TCP_DATA_KEY = 'tcp';
const PDU_TRACKING_KEY = 'tcp.pduTracking';

/** @internal Records the segment on the frame (for payload dissectors and Follow TCP Stream). */
export function attachHeader(pinfo: PacketInfo, h: TcpHeader): void {
  const prev = pinfo.getData<TcpHeader | TcpHeader[]>(TCP_DATA_KEY);
  if (prev === undefined) pinfo.setData(TCP_DATA_KEY, h);
  else if (Array.isArray(prev)) prev.push(h);
  else pinfo.setData(TCP_DATA_KEY, [prev, h]);
}

/** The TCP segment(s) of a dissected frame, in layer order. */
export function headersOf(pinfo: PacketInfo): readonly TcpHeader[] {
  const v = pinfo.getData<TcpHeader | TcpHeader[]>(TCP_DATA_KEY);
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Makes `dissector` handle this TCP conversation's payload from the current frame on, before
 * any port or heuristic lookup (Wireshark's conversation_set_dissector), e.g. after an HTTP
 * CONNECT or a STARTTLS. Does nothing outside a TCP payload dissection.
 */
export function tcpSetConversationDissector(pinfo: PacketInfo, dissector: Dissector): void {
  const hs = headersOf(pinfo);
  const conv = hs.length > 0 ? hs[hs.length - 1].conv : null;
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
