import type { TcpConversation, TcpFlow } from '../../analysis/tcp-streams';
import { TH } from '../../analysis/tcp-analysis';
import type { Tvb } from '../../dissect/tvb';
import type { ProtoNode } from '../../dissect/tree';
import { NO_ADDRESS, type Address } from '../../dissect/address';

/** One segment's header as TCP and its option dissectors see it (Wireshark's struct tcpheader). */
export class TcpHeader {
  sport = 0;
  dport = 0;
  rawSeq = 0;
  rawAck = 0;
  /** Relative once analysis ran (the default). */
  seq = 0;
  ack = 0;
  flags = 0;
  /** Window as shown (scaled when the scale is known). */
  win = 0;
  hlen = 0;
  haveSeglen = false;
  seglen = 0;
  /** SACK blocks of this segment (relative), for the D-SACK check. */
  numSackRanges = 0;
  /** First two SACK blocks of the segment (what the D-SACK test looks at). */
  sackLeft0 = 0;
  sackRight0 = 0;
  sackLeft1 = 0;
  sackRight1 = 0;
  conv: TcpConversation | null = null;
  /** The TCP protocol item in the tree (null without tree), where tcp.pdu.size goes. */
  tree: ProtoNode | null = null;
  /** The segment's payload (captured bytes from `payloadOffset`), kept for Follow TCP Stream. */
  payloadTvb: Tvb | null = null;
  payloadOffset = 0;
  /** Network endpoints of the segment (pinfo.src/dst when TCP saw it). */
  src: Address = NO_ADDRESS;
  dst: Address = NO_ADDRESS;
  fwd: TcpFlow | null = null;
  rev: TcpFlow | null = null;
  /** What the dissector's steps share about the segment being dissected. */
  layer = 0;
  tsNs = 0;
  /** Data offset/reserved byte (byte 12) and the window as on the wire. */
  offX2 = 0;
  realWindow = 0;
  /** The forward flow's window scale when the segment was seen (-1 unknown, -2 none). */
  winScale = -1;
  /** Relative sequence number after the segment's data. */
  nxtseq = 0;
  urp = 0;
  /** True when this segment created its conversation (first pass). */
  isNew = false;

  /** Back to the initial state, for reuse as a scratch header; returns this. */
  clear(): this {
    this.sport = 0;
    this.dport = 0;
    this.rawSeq = 0;
    this.rawAck = 0;
    this.seq = 0;
    this.ack = 0;
    this.flags = 0;
    this.win = 0;
    this.hlen = 0;
    this.haveSeglen = false;
    this.seglen = 0;
    this.numSackRanges = 0;
    this.sackLeft0 = 0;
    this.sackRight0 = 0;
    this.sackLeft1 = 0;
    this.sackRight1 = 0;
    this.conv = null;
    this.tree = null;
    this.payloadTvb = null;
    this.payloadOffset = 0;
    this.src = NO_ADDRESS;
    this.dst = NO_ADDRESS;
    this.fwd = null;
    this.rev = null;
    this.layer = 0;
    this.tsNs = 0;
    this.offX2 = 0;
    this.realWindow = 0;
    this.winScale = -1;
    this.nxtseq = 0;
    this.urp = 0;
    this.isNew = false;
    return this;
  }
}

const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];

/** "SYN, ACK" as in the Info column and the Flags line; "<None>" when no flag is set. */
export function flagsToString(flags: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) {
    if (flags & (1 << i)) s += (s ? ', ' : '') + FLAG_NAMES[i];
  }
  if (flags & TH.RES) s += (s ? ', ' : '') + 'Reserved';
  return s || '<None>';
}

const LETTERS = 'RRRACEUAPRSF';

/** tcp.flags.str: one letter per set bit, a middle dot per clear bit ("·······A··S·"). */
export function flagsToLetters(flags: number): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += (flags >> (11 - i)) & 1 ? LETTERS[i] : '\u00b7';
  return s;
}

/** The label of tcp.completeness ("Incomplete, DATA (15)"). */
export function completenessLabel(v: number): string {
  switch (v) {
    case 1:
      return `Incomplete, SYN_SENT (${v})`;
    case 3:
      return `Incomplete, CLIENT_ESTABLISHED (${v})`;
    case 7:
      return `Incomplete, ESTABLISHED (${v})`;
    case 15:
      return `Incomplete, DATA (${v})`;
    case 31:
    case 47:
    case 63:
      return `Complete, WITH_DATA (${v})`;
    case 23:
    case 39:
    case 55:
      return `Complete, NO_DATA (${v})`;
    default:
      return `Incomplete (${v})`;
  }
}
