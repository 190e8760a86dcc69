import { NO_ADDRESS, type Address } from './address';
import type { Columns } from './columns';
import type { ExpertItem } from './expert';
import type { CaptureState } from './capture-state';

/** Port type of the transport layer (Wireshark's port_type). */
export const PT = { NONE: 0, TCP: 1, UDP: 2, SCTP: 3 } as const;
export type PortType = (typeof PT)[keyof typeof PT];

/** pinfo.desegmentLen value asking TCP for one more segment (DESEGMENT_ONE_MORE_SEGMENT). */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** pinfo.desegmentLen value asking TCP for everything until FIN (DESEGMENT_UNTIL_FIN). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;

/**
 * Per-frame dissection context (Wireshark's packet_info). One object per dissection of a frame.
 * Dissectors read and write it; the frame index copies what it needs after the first pass.
 */
export class PacketInfo {
  /** 1-based frame number. */
  num = 0;
  tsSec = 0;
  tsNsec = 0;
  /** Nanoseconds since the first frame of the capture. */
  relNs = 0;
  /** Nanoseconds since the previous captured frame. */
  deltaNs = 0;
  caplen = 0;
  origlen = 0;
  linktype = 0;
  interfaceId = 0;
  /** False in the first, in-order pass; true when a frame is dissected again (Wireshark's fd->visited). */
  visited = false;
  /** Columns, or null when nobody will read them (saves the string work in the first pass). */
  cols: Columns | null = null;

  dlSrc: Address = NO_ADDRESS;
  dlDst: Address = NO_ADDRESS;
  netSrc: Address = NO_ADDRESS;
  netDst: Address = NO_ADDRESS;
  /** Source/Destination columns: the highest layer that set an address wins. */
  src: Address = NO_ADDRESS;
  dst: Address = NO_ADDRESS;
  ptype: PortType = PT.NONE;
  srcPort = 0;
  dstPort = 0;
  /** Port a dissector table lookup matched (pinfo->match_uint). */
  matchPort = 0;
  /** IP protocol of the innermost IP header dissected. */
  ipProto = -1;
  /** Protocols in the order dissected (frame.protocols); 'frame' is not included. */
  layers: string[] = [];
  /** Expert items raised for this frame. */
  expert: ExpertItem[] = [];
  /** Short name of the protocol being dissected, for "[Malformed Packet: X]" (pinfo->current_proto). */
  currentProto = 'Frame';
  /** True while dissecting quoted headers inside an ICMP error (no conversation/analysis side effects). */
  inErrorPacket = false;

  /** Set by a TCP payload dissector that needs more bytes (Wireshark's desegment_offset/len). */
  desegmentOffset = 0;
  desegmentLen = 0;
  /** Non-zero when the transport can reassemble for the current payload dissector. */
  canDesegment = 0;

  /** Opaque per-dissection scratch for a protocol to pass data to its sub-dissectors. */
  private data: Map<string, unknown> | null = null;

  constructor(readonly capture: CaptureState) {}

  setData(key: string, value: unknown): void {
    (this.data ??= new Map()).set(key, value);
  }

  getData<T>(key: string): T | undefined {
    return this.data?.get(key) as T | undefined;
  }

  addLayer(proto: string): void {
    this.layers.push(proto);
  }
}
