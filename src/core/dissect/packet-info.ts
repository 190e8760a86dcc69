import { AT, NO_ADDRESS, reusableEtherAddress, type Address } from './address';
import type { Columns } from './columns';
import type { ExpertItem } from './expert';
import type { CaptureState } from './capture-state';

/** takeOnce flags of the layers that re-point a shared payload tvb in scratch frames. */
export const ONCE_ETHERTYPE_PAYLOAD = 1;
export const ONCE_IPV4_PAYLOAD = 2;

/** Port type of the transport layer (Wireshark's port_type). */
export const PT = { NONE: 0, TCP: 1, UDP: 2, SCTP: 3 } as const;
export type PortType = (typeof PT)[keyof typeof PT];

/** pinfo.desegmentLen value asking TCP for one more segment (DESEGMENT_ONE_MORE_SEGMENT). */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** pinfo.desegmentLen value asking TCP for everything until FIN (DESEGMENT_UNTIL_FIN). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;

/**
 * Per-frame dissection context (Wireshark's packet_info). One object per dissection of a frame,
 * except in a first pass whose frames nobody reads afterwards: there the session resets and
 * reuses one object (`scratch` is then true). Dissectors read and write it; the frame index
 * copies what it needs after the first pass.
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
  /**
   * True when nothing reads this PacketInfo (or what hangs off it) once the frame is dissected:
   * dissectors may then hand it per-frame scratch objects that the next frame overwrites.
   */
  scratch = false;
  /** Columns, or null when nobody will read them (saves the string work in the first pass). */
  cols: Columns | null = null;
  /**
   * False when the caller asked for link, network and transport layers only (DissectOptions
   * layers 'transport'): transports then hand their payload to the data dissector instead of
   * their port tables and heuristics.
   */
  payloadDissection = true;
  /** Wireshark's tcp.analyze_sequence_numbers preference (DissectOptions.tcpAnalysis). */
  tcpAnalysis = true;
  /** DissectOptions.treeProtocols: the only protocols whose items the tree needs (null: all). */
  treeProtocols: ReadonlySet<string> | null = null;

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
  /** FRAME_MARK bits (frame-marks.ts): deep fields this frame may hold, for the filter index. */
  marks = 0;
  /** Expert items raised for this frame. */
  expert: ExpertItem[] = [];
  /** Short name of the protocol being dissected, for "[Malformed Packet: X]" (pinfo->current_proto). */
  currentProto = 'Frame';
  /** True while dissecting quoted headers inside an ICMP error (no conversation/analysis side effects). */
  inErrorPacket = false;
  /** True while dissecting the payload of an IP fragment that was not reassembled (pinfo->fragmented). */
  fragmented = false;

  /** Set by a TCP payload dissector that needs more bytes (Wireshark's desegment_offset/len). */
  desegmentOffset = 0;
  desegmentLen = 0;
  /** Non-zero when the transport can reassemble for the current payload dissector. */
  canDesegment = 0;

  /**
   * Opaque per-dissection scratch for a protocol to pass data to its sub-dissectors: a handful
   * of keys per frame, kept in two parallel arrays (no Map per frame).
   */
  private readonly dataKeys: string[] = [];
  private readonly dataValues: unknown[] = [];
  private dataCount = 0;

  /**
   * Address objects that the outermost Ethernet and IPv4 headers of a scratch frame fill in
   * place instead of allocating (see etherAddresses, ipv4Src). Only the first header of each
   * kind in a frame takes them: inner headers (tunnels, ICMP error quotes) get fresh objects,
   * so addresses saved and restored around them, or held by the outer layer's info, stay intact.
   */
  private readonly etherDstSlot = reusableEtherAddress();
  private readonly etherSrcSlot = reusableEtherAddress();
  private readonly v4SrcSlot: Address = { type: AT.IPv4, v4: 0, bytes: null, text: '' };
  private readonly v4DstSlot: Address = { type: AT.IPv4, v4: 0, bytes: null, text: '' };
  private etherTaken = false;
  /** 0: the IPv4 slots are free; 1: the source slot was handed out, the destination is next; 2: both used. */
  private v4Taken = 0;
  private onceTaken = 0;

  constructor(readonly capture: CaptureState) {}

  /**
   * Makes a used object as good as new for the next frame (keeping its arrays' storage).
   * Every field declared above is reset here.
   */
  reset(): void {
    this.num = 0;
    this.tsSec = 0;
    this.tsNsec = 0;
    this.relNs = 0;
    this.deltaNs = 0;
    this.caplen = 0;
    this.origlen = 0;
    this.linktype = 0;
    this.interfaceId = 0;
    this.visited = false;
    this.cols = null;
    this.payloadDissection = true;
    this.tcpAnalysis = true;
    this.treeProtocols = null;
    this.dlSrc = NO_ADDRESS;
    this.dlDst = NO_ADDRESS;
    this.netSrc = NO_ADDRESS;
    this.netDst = NO_ADDRESS;
    this.src = NO_ADDRESS;
    this.dst = NO_ADDRESS;
    this.ptype = PT.NONE;
    this.srcPort = 0;
    this.dstPort = 0;
    this.matchPort = 0;
    this.ipProto = -1;
    // A fresh array costs less than truncating one (V8's length setter is a runtime call).
    this.layers = [];
    this.marks = 0;
    if (this.expert.length !== 0) this.expert.length = 0;
    this.currentProto = 'Frame';
    this.inErrorPacket = false;
    this.fragmented = false;
    this.desegmentOffset = 0;
    this.desegmentLen = 0;
    this.canDesegment = 0;
    for (let i = 0; i < this.dataCount; i++) this.dataValues[i] = undefined;
    this.dataCount = 0;
    this.etherTaken = false;
    this.v4Taken = 0;
    this.onceTaken = 0;
  }

  /**
   * Sets the link-layer (and column) addresses of an Ethernet header whose destination is at
   * `at` in `buf` and source at `at + 6`. The objects are the pinfo's reused ones for the first
   * header of a scratch frame, fresh ones otherwise.
   */
  setEtherAddresses(buf: Uint8Array, at: number, fresh: (buf: Uint8Array, at: number) => Address): void {
    if (this.scratch && !this.etherTaken) {
      this.etherTaken = true;
      this.dlDst = this.dst = this.etherDstSlot.point(buf, at);
      this.dlSrc = this.src = this.etherSrcSlot.point(buf, at + 6);
      return;
    }
    this.dlDst = this.dst = fresh(buf, at);
    this.dlSrc = this.src = fresh(buf, at + 6);
  }

  /**
   * An IPv4 source address (host-order uint32) for a header: the reused object for the first
   * IPv4 header of a scratch frame, a fresh one otherwise. Pair each call with ipv4Dst.
   */
  ipv4Src(v4: number): Address {
    if (this.scratch && this.v4Taken === 0) {
      this.v4Taken = 1;
      this.v4SrcSlot.v4 = v4;
      return this.v4SrcSlot;
    }
    return { type: AT.IPv4, v4, bytes: null, text: '' };
  }

  /**
   * True once per frame per `bit` (a ONCE_* flag) in a scratch pinfo, false otherwise: lets the
   * outermost instance of a layer re-point a shared per-layer object (a payload tvb) instead of
   * making one, while nested instances (tunnels, VLAN stacks, error quotes) make their own.
   */
  takeOnce(bit: number): boolean {
    if (!this.scratch || (this.onceTaken & bit) !== 0) return false;
    this.onceTaken |= bit;
    return true;
  }

  /** True when `a` is this pinfo's reused IPv4 source object (the frame's outermost IPv4 header). */
  reusesIpv4(a: Address): boolean {
    return a === this.v4SrcSlot;
  }

  /** The destination address of the header whose source ipv4Src gave. */
  ipv4Dst(v4: number): Address {
    if (this.v4Taken === 1) {
      this.v4Taken = 2;
      this.v4DstSlot.v4 = v4;
      return this.v4DstSlot;
    }
    return { type: AT.IPv4, v4, bytes: null, text: '' };
  }

  private dataIndex(key: string): number {
    const keys = this.dataKeys;
    for (let i = 0; i < this.dataCount; i++) if (keys[i] === key) return i;
    return -1;
  }

  setData(key: string, value: unknown): void {
    const i = this.dataIndex(key);
    if (i >= 0) {
      this.dataValues[i] = value;
      return;
    }
    const n = this.dataCount++;
    this.dataKeys[n] = key;
    this.dataValues[n] = value;
  }

  getData<T>(key: string): T | undefined {
    const i = this.dataIndex(key);
    return i >= 0 ? (this.dataValues[i] as T) : undefined;
  }

  addLayer(proto: string): void {
    this.layers.push(proto);
  }
}
