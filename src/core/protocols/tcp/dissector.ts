import { ReassemblyError } from '../../analysis/reassembly';
import {
  analyzeSequenceNumber,
  learnBaseSeq,
  TH,
  tcpState,
  type SegmentInput,
} from '../../analysis/tcp-analysis';
import { TCP_A, TcpFrameFacts, type TcpAcked } from '../../analysis/tcp-frame-store';
import {
  COMPLETENESS,
  FLOW_REASSEMBLE_UNTIL_FIN,
  TCP_S,
  type TcpConversation,
  type TcpFlow,
} from '../../analysis/tcp-streams';
import { SEVERITY } from '../../dissect/expert';
import { bitString } from '../../dissect/format';
import { dissectDataAt, proto as protoFrame } from '../../dissect/frame';
import type { Columns } from '../../dissect/columns';
import { PT, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { FrameTree, ProtoNode } from '../../dissect/tree';
import { Tvb, type DataSource } from '../../dissect/tvb';
import { printSequenceAnalysis } from './analysis-tree';
import { addExpert } from './expert';
import { eiTcp, hfTcp, protoTcp } from './fields';
import { completenessLabel, flagsToLetters, flagsToString, TcpHeader } from './header';
import { dissectTcpOptions } from './options';
import { dissectTcpPayload, decodeTcpPorts, printFragmentTree, type PayloadCtx } from './payload';
import { attachHeader, type TcpInfo } from './tcp-info';
import { recordFollowSegment } from './follow-record';

const TCPH_MIN_LEN = 20;

/**
 * Scratch objects reused across frames (analysis results are copied into the store); a TCP
 * segment nested in another one's payload (tunnels) gets its own. `depth` counts the TCP
 * layers being dissected in the frame `depthFrame`; it is not decremented when an exception
 * leaves a layer (no try/finally on this path: unwinding through handlers is costly and
 * every truncated segment throws), so it is reset whenever a new frame starts. Counting too
 * high only costs a fresh facts object.
 */
const scratchFacts = new TcpFrameFacts();
const scratchHeader = new TcpHeader();
let depth = 0;
let depthPinfo: PacketInfo | null = null;
let depthFrame = 0;
const segIn: SegmentInput = { num: 0, tsNs: 0, seq: 0, ack: 0, seglen: 0, flags: 0, window: 0 };

/** Which TCP layer of the frame this is (0 for the first; tunnels can carry more). */
function layerIndex(pinfo: PacketInfo): number {
  let k = 0;
  for (const l of pinfo.layers) if (l === 'tcp') k++;
  return k;
}

/** Wireshark's find_conversation_pinfo + the port-reuse rules for SYN and SYN/ACK. */
function findConversation(
  pinfo: PacketInfo,
  h: TcpHeader,
  tsNs: number,
  facts: TcpFrameFacts,
): TcpConversation {
  const table = tcpState(pinfo.capture).conversations;
  let conv = table.find(pinfo.src, h.sport, pinfo.dst, h.dport);
  foundNew = false;
  if (!conv) {
    conv = table.create(pinfo.src, h.sport, pinfo.dst, h.dport, pinfo.num, tsNs);
    foundNew = true;
  }
  let fwd = conv.fwdFlow(pinfo.src, h.sport, pinfo.dst, h.dport);
  const synOnly = (h.flags & (TH.SYN | TH.ACK)) === TH.SYN;
  if (synOnly && fwd.staticFlags & TCP_S.BASE_SEQ_SET) {
    if (h.rawSeq !== fwd.baseSeq) {
      // A SYN with a new ISN on known ports: a new connection (and stream) reusing the ports.
      conv = table.create(pinfo.src, h.sport, pinfo.dst, h.dport, pinfo.num, tsNs);
      facts.ta.present = true;
      facts.ta.flags |= TCP_A.REUSED_PORTS;
      conv.completeness = COMPLETENESS.SYNSENT;
    } else {
      // The same SYN again (a retransmission): restore nextseq, which a RST may have moved
      // (Wireshark issue 17616).
      fwd.nextseq = fwd.maxseqtobeacked;
    }
  }
  fwd = conv.fwdFlow(pinfo.src, h.sport, pinfo.dst, h.dport);
  if (
    (h.flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK) &&
    fwd.staticFlags & TCP_S.BASE_SEQ_SET &&
    h.rawSeq !== fwd.baseSeq
  ) {
    fwd.baseSeq = h.rawSeq;
    facts.ta.present = true;
    facts.ta.flags |= TCP_A.REUSED_PORTS;
  }
  return conv;
}

/** Set by findConversation: whether it had to create the conversation. */
let foundNew = false;

/**
 * Dissects a TCP segment (Wireshark's dissect_tcp): header, options, conversation/stream
 * tracking, sequence analysis (first pass only, stored per frame), relative numbers,
 * window scaling, Info column, expert items, then the payload with desegmentation.
 */
export function dissectTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  if (pinfo !== depthPinfo || pinfo.num !== depthFrame) {
    depthPinfo = pinfo;
    depthFrame = pinfo.num;
    depth = 0;
  }
  const facts = depth === 0 ? scratchFacts : new TcpFrameFacts();
  depth++;
  const r = dissectSegment(tvb, pinfo, tree, facts);
  depth--;
  return r;
}

/*
 * dissectSegment runs once per TCP segment of every frame. It is kept short, with the tree and
 * column text in helpers, so that engines optimise it early (V8 waits longer before
 * optimising large functions, and unwinding an exception through unoptimised frames is slow).
 * The per-segment values the helpers share live on the TcpHeader.
 */
function dissectSegment(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, facts: TcpFrameFacts): number {
  pinfo.currentProto = 'TCP';
  const layer = layerIndex(pinfo);
  // Inside an ICMP error only 8 bytes of TCP may be quoted: the tree shows the sequence number first.
  const icmpIp = tree !== null && quotedInIcmp(pinfo);
  pinfo.addLayer('tcp');
  // The header hangs off pinfo for payload dissectors and Follow Stream; a scratch pinfo is
  // not read after the frame, so the outermost segment can use the shared scratch header.
  const h = pinfo.scratch && facts === scratchFacts ? scratchHeader.clear() : new TcpHeader();
  h.layer = layer;
  h.tsNs = pinfo.relNs;
  h.sport = tvb.u16(0);
  h.dport = tvb.u16(2);
  const cols = pinfo.cols;
  if (cols) {
    cols.setProtocol('TCP');
    cols.clearInfo();
    cols.appendInfo(`${h.sport} \u2192 ${h.dport}`);
  }
  const t = tree ? addPortItems(tree, tvb, h, icmpIp) : null;
  h.tree = t;
  pinfo.ptype = PT.TCP;
  pinfo.srcPort = h.sport;
  pinfo.dstPort = h.dport;
  readHeader(tvb, h);

  const conv = conversationOf(pinfo, h, facts);
  if (!conv) return dissectUnknownConversation(tvb, pinfo, tree);
  attachHeader(pinfo, h);
  if (t) addStreamItems(t, conv, facts.completeness);
  if (!pinfo.inErrorPacket) sequenceNumbers(tvb, pinfo, h, facts);

  // Store what this frame learned before anything below can throw (options of a cut-short
  // header, payload dissectors), so re-dissection finds it.
  if (!pinfo.visited) tcpState(pinfo.capture).frames.write(pinfo.num, layer, facts);

  if (cols) seqColumns(cols, h);
  if (t && !icmpIp) {
    t.add(hfTcp.seq, tvb, 4, 4, h.seq, `Sequence Number: ${h.seq}    (relative sequence number)`);
    t.add(hfTcp.seqRaw, tvb, 4, 4, h.rawSeq);
  }
  if (h.hlen < TCPH_MIN_LEN) return bogusHeaderLength(tvb, pinfo, h);
  if (!pinfo.visited) updateCompleteness(h, conv);
  if (t) addLengthItems(t, h);
  const ackItem = t ? addAckItems(t, tvb, h) : null;
  ackExperts(pinfo, h, conv, ackItem);
  const fi = t ? addFlagItems(t, tvb, h) : NO_FLAG_ITEMS;
  if (h.flags & (TH.SYN | TH.FIN | TH.RST)) flagExperts(pinfo, h, fi);
  if (!pinfo.visited && (h.flags & (TH.SYN | TH.ACK)) === TH.ACK) firstAck(pinfo, h);

  pinfo.canDesegment = 0;
  // Read even without a tree: a header cut short here must fail at this offset.
  const checksum = tvb.u16(16);
  if (t) addChecksumItems(t, tvb, checksum);
  if (tvb.length >= tvb.reportedLength && !pinfo.inErrorPacket && pinfo.payloadDissection) {
    pinfo.canDesegment = 2;
  }
  h.urp = tvb.u16(18);
  urgentPointer(tvb, pinfo, h);
  if (cols && h.haveSeglen) cols.appendInfo(` Len=${h.seglen}`);

  const optlen = h.hlen - TCPH_MIN_LEN;
  const optItem = optlen !== 0 && t ? addOptionsItem(t, tvb, optlen) : null;
  h.numSackRanges = 0;
  if (t) addTimestampItems(t, h, facts);
  if (optlen) dissectTcpOptions(tvb, 20, optlen, pinfo, optItem, h);

  if (!pinfo.inErrorPacket) {
    // tshark's one pass shows the iRTT from the handshake's last ACK on; later passes everywhere.
    const showIrtt = pinfo.visited || (conv.firstRttFrame !== 0 && pinfo.num >= conv.firstRttFrame);
    printSequenceAnalysis(pinfo, t, conv, facts.ta, showIrtt);
    // The frame index answers tcp.analysis.* filters only for frames that got this far.
    if (!pinfo.visited && layer === 0) tcpState(pinfo.capture).frames.markShown(pinfo.num);
  }
  if (!pinfo.visited && h.flags & TH.SYN) verifyWindowScaling(h);

  if (h.haveSeglen) recordFollowSegment(pinfo, h, tvb, h.hlen);
  segmentPayload(tvb, pinfo, tree, h, facts);
  return tvb.length;
}

/** The fixed header fields after the ports. */
function readHeader(tvb: Tvb, h: TcpHeader): void {
  h.rawSeq = tvb.u32(4);
  h.seq = h.rawSeq;
  h.rawAck = tvb.u32(8);
  h.ack = h.rawAck;
  h.offX2 = tvb.u8(12);
  h.flags = tvb.u16(12) & 0x0fff;
  h.win = tvb.u16(14);
  h.realWindow = h.win;
  h.hlen = (h.offX2 >> 4) * 4;
}

/**
 * The segment's conversation: found or created in the first pass, read from the stored facts
 * on re-dissection (null when nothing was stored). Sets h.conv/fwd/rev, the completeness shown
 * and the time since the previous segment.
 */
function conversationOf(pinfo: PacketInfo, h: TcpHeader, facts: TcpFrameFacts): TcpConversation | null {
  let conv: TcpConversation;
  facts.stream = -1;
  facts.ta.reset();
  if (!pinfo.visited) {
    conv = findConversation(pinfo, h, h.tsNs, facts);
    h.isNew = foundNew;
    facts.stream = conv.stream;
  } else {
    const state = tcpState(pinfo.capture);
    if (!state.frames.read(pinfo.num, h.layer, facts)) return null;
    conv = state.conversations.streams[facts.stream];
  }
  const fwd = conv.fwdFlow(pinfo.src, h.sport, pinfo.dst, h.dport);
  h.conv = conv;
  h.fwd = fwd;
  h.rev = conv.other(fwd);
  if (!pinfo.visited) conv.addFrame(pinfo.num);
  // First pass: the completeness so far (tshark's one pass); re-dissection: the final value,
  // as Wireshark shows it once the file is loaded (tshark -2).
  facts.completeness =
    pinfo.visited && pinfo.num !== conv.setupFrame
      ? conv.completeness | conv.firstFrameBits
      : conv.completeness;
  if (!pinfo.visited) {
    fwd.numSackRanges = 0;
    facts.deltaNs = h.tsNs - conv.tsPrevNs;
    conv.tsPrevNs = h.tsNs;
  }
  h.winScale = fwd.winScale;
  return conv;
}

/** Segment length, sequence analysis (first pass), relative numbers and the scaled window. */
function sequenceNumbers(tvb: Tvb, pinfo: PacketInfo, h: TcpHeader, facts: TcpFrameFacts): void {
  const reportedLen = tvb.reportedLength;
  if (reportedLen < h.hlen) {
    addExpert(
      pinfo,
      h.tree,
      eiTcp.shortSegment,
      SEVERITY.WARN,
      'Malformed',
      'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)',
    );
    return;
  }
  const fwd = h.fwd as TcpFlow;
  const rev = h.rev as TcpFlow;
  h.seglen = reportedLen - h.hlen;
  h.haveSeglen = true;
  h.tree?.addGenerated(hfTcp.len, h.seglen);
  if (!pinfo.visited) {
    segIn.num = pinfo.num;
    segIn.tsNs = h.tsNs;
    segIn.seq = h.rawSeq;
    segIn.ack = h.rawAck;
    segIn.seglen = h.seglen;
    segIn.flags = h.flags;
    segIn.window = h.win;
    if (pinfo.tcpAnalysis) analyzeSequenceNumber(segIn, h.conv as TcpConversation, fwd, rev, facts.ta);
    else learnBaseSeq(segIn, fwd, rev);
  }
  // Relative numbers and scaling use the flows' current bases and window scale: as known so
  // far in the first pass, final on re-dissection (like Wireshark's later passes).
  h.seq = (h.seq - fwd.baseSeq) >>> 0;
  if (h.flags & TH.ACK) h.ack = (h.ack - rev.baseSeq) >>> 0;
  // winScale is 0..14 here (the option caps it), so the shift stays within 31 bits.
  if (!(h.flags & TH.SYN) && h.winScale >= 0) h.win = (h.win << h.winScale) >>> 0;
  h.nxtseq = (h.seq + h.seglen) >>> 0;
}

function seqColumns(cols: Columns, h: TcpHeader): void {
  cols.appendInfo(` [${flagsToString(h.flags)}] Seq=${h.seq}`);
  if (h.flags & TH.ACK) cols.appendInfo(` Ack=${h.ack}`);
  cols.appendInfo(` Win=${h.win}`);
}

/** A header length below 20: Wireshark stops after the sequence number. */
function bogusHeaderLength(tvb: Tvb, pinfo: PacketInfo, h: TcpHeader): number {
  const t = h.tree;
  pinfo.cols?.appendInfo(`, bogus TCP header length (${h.hlen}, must be at least ${TCPH_MIN_LEN})`);
  const hl = t
    ? t.add(
        hfTcp.hdrLen,
        tvb,
        12,
        1,
        h.hlen,
        `${bitString(0xf0, 8, h.offX2)} = Header Length: ${h.hlen} bytes (${h.hlen >> 2})`,
      )
    : null;
  addExpert(
    pinfo,
    hl,
    eiTcp.bogusHeaderLength,
    SEVERITY.ERROR,
    'Protocol',
    `Bogus TCP header length (${h.hlen}, must be at least ${TCPH_MIN_LEN})`,
  );
  if (t) t.label = summaryLine(h, false);
  return 12;
}

/** Completeness bits this segment adds to its conversation (first pass). */
function updateCompleteness(h: TcpHeader, conv: TcpConversation): void {
  // Bits this frame adds when the conversation already exists (Wireshark skips them for the
  // frame that creates the conversation, and adds them on a second pass).
  let bits = 0;
  if ((h.flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) bits |= COMPLETENESS.SYNACK;
  if ((h.flags & (TH.SYN | TH.ACK)) === TH.ACK) bits |= h.seglen > 0 ? COMPLETENESS.DATA : COMPLETENESS.ACK;
  if ((h.flags & (TH.FIN | TH.ACK)) === (TH.FIN | TH.ACK)) bits |= COMPLETENESS.FIN;
  if (h.flags & TH.RST) bits |= COMPLETENESS.RST;
  if (h.isNew) {
    let c = 0;
    if ((h.flags & (TH.SYN | TH.ACK)) === TH.SYN) {
      c |= COMPLETENESS.SYNSENT;
      if (h.seglen > 0) c |= COMPLETENESS.DATA;
    }
    conv.completeness = c;
    conv.firstFrameBits = bits;
  } else {
    conv.completeness |= bits;
  }
}

/** The TCP item's summary and length, and the next sequence number. */
function addLengthItems(t: ProtoNode, h: TcpHeader): void {
  t.label = summaryLine(h, true);
  t.setLength(h.hlen);
  if (h.haveSeglen) {
    const n = h.flags & (TH.SYN | TH.FIN) ? (h.nxtseq + 1) >>> 0 : h.nxtseq;
    t.addGenerated(hfTcp.nxtseq, n, `Next Sequence Number: ${n}    (relative sequence number)`);
  }
}

function addAckItems(t: ProtoNode, tvb: Tvb, h: TcpHeader): ProtoNode {
  const ackItem = t.add(
    hfTcp.ack,
    tvb,
    8,
    4,
    h.ack,
    h.flags & TH.ACK ? `Acknowledgment Number: ${h.ack}    (relative ack number)` : undefined,
  );
  t.add(hfTcp.ackRaw, tvb, 8, 4, h.rawAck);
  return ackItem;
}

/** TCP Fast Open notes on a SYN/ACK, and a non-zero ACK field without the ACK flag. */
function ackExperts(pinfo: PacketInfo, h: TcpHeader, conv: TcpConversation, ackItem: ProtoNode | null): void {
  if (h.flags & TH.ACK) {
    if (h.flags & TH.SYN) {
      if (h.ack > 1) {
        addExpert(pinfo, ackItem, eiTcp.tfoAck, SEVERITY.NOTE, 'Sequence', eiTcp.tfoAck.name);
      } else if (conv.tfoSynData) {
        addExpert(pinfo, ackItem, eiTcp.tfoIgnored, SEVERITY.NOTE, 'Sequence', eiTcp.tfoIgnored.name);
      }
    }
  } else if (h.rawAck !== 0) {
    addExpert(pinfo, ackItem, eiTcp.ackNonzero, SEVERITY.NOTE, 'Protocol', eiTcp.ackNonzero.name);
  }
}

/** SYN, FIN and RST expert items, and what the first pass learns from them. */
function flagExperts(pinfo: PacketInfo, h: TcpHeader, fi: FlagItems): void {
  const conv = h.conv as TcpConversation;
  const fwd = h.fwd as TcpFlow;
  const rev = h.rev as TcpFlow;
  if (h.flags & TH.SYN) {
    if (h.flags & TH.ACK) {
      addExpert(
        pinfo,
        fi.syn,
        eiTcp.synack,
        SEVERITY.CHAT,
        'Sequence',
        `Connection establish acknowledge (SYN+ACK): server port ${h.sport}`,
      );
      if (!pinfo.visited) conv.serverPort = h.sport;
    } else {
      addExpert(
        pinfo,
        fi.syn,
        eiTcp.syn,
        SEVERITY.CHAT,
        'Sequence',
        `Connection establish request (SYN): server port ${h.dport}`,
      );
      if (!pinfo.visited) {
        conv.serverPort = h.dport;
        conv.tsMruSynNs = h.tsNs;
        conv.hasMruSyn = true;
      }
    }
    if (!pinfo.visited) fwd.isFirstAck = true;
  }
  if (h.flags & TH.FIN) {
    addExpert(pinfo, fi.fin, eiTcp.fin, SEVERITY.CHAT, 'Sequence', eiTcp.fin.name);
    // The first side to send a FIN initiates the close (Wireshark tracks it on every pass).
    if (!rev.closingInitiator) {
      if (!pinfo.visited) fwd.closingInitiator = true;
      addExpert(pinfo, fi.str, eiTcp.finActive, SEVERITY.NOTE, 'Sequence', eiTcp.finActive.name);
    } else {
      addExpert(pinfo, fi.str, eiTcp.finPassive, SEVERITY.NOTE, 'Sequence', eiTcp.finPassive.name);
    }
  }
  if (h.flags & TH.RST) addExpert(pinfo, fi.rst, eiTcp.rst, SEVERITY.WARN, 'Sequence', eiTcp.rst.name);
}

/** The handshake's last ACK: the initial RTT (first pass). */
function firstAck(pinfo: PacketInfo, h: TcpHeader): void {
  const conv = h.conv as TcpConversation;
  const fwd = h.fwd as TcpFlow;
  if (conv.hasMruSyn && conv.firstRttNs === 0) {
    conv.firstRttNs = h.tsNs - conv.tsMruSynNs;
    conv.firstRttFrame = pinfo.num;
  }
  if (fwd.isFirstAck) fwd.isFirstAck = false;
}

function addChecksumItems(t: ProtoNode, tvb: Tvb, checksum: number): void {
  t.add(
    hfTcp.checksum,
    tvb,
    16,
    2,
    checksum,
    `Checksum: 0x${checksum.toString(16).padStart(4, '0')} [unverified]`,
  );
  t.add(hfTcp.checksumStatus, tvb, 16, 0, 2).setGenerated();
}

function urgentPointer(tvb: Tvb, pinfo: PacketInfo, h: TcpHeader): void {
  const urp = h.urp;
  const urpItem = h.tree ? h.tree.add(hfTcp.urgentPointer, tvb, 18, 2, urp) : null;
  if (h.flags & TH.URG) {
    pinfo.cols?.appendInfo(` Urg=${urp}`);
  } else if (urp) {
    addExpert(
      pinfo,
      urpItem,
      eiTcp.urgentPointerNonZero,
      SEVERITY.NOTE,
      'Protocol',
      eiTcp.urgentPointerNonZero.name,
    );
  }
}

function addOptionsItem(t: ProtoNode, tvb: Tvb, optlen: number): ProtoNode {
  const n = Math.min(tvb.remaining(20), optlen);
  return t.add(hfTcp.options, tvb, 20, n, tvb.view(20, n), `Options: (${optlen} bytes)`);
}

function addTimestampItems(t: ProtoNode, h: TcpHeader, facts: TcpFrameFacts): void {
  const ts = t.addGenerated(protoFrame.text, null, 'Timestamps');
  ts.addGenerated(hfTcp.timeRelative, h.tsNs - (h.conv as TcpConversation).tsFirstNs);
  ts.addGenerated(hfTcp.timeDelta, facts.deltaNs);
}

/** verify_tcp_window_scaling: scaling is used only when both SYNs carry the option. */
function verifyWindowScaling(h: TcpHeader): void {
  const fwd = h.fwd as TcpFlow;
  const rev = h.rev as TcpFlow;
  if (fwd.winScale === -1) {
    fwd.winScale = -2;
    rev.winScale = -2;
  } else if (h.flags & TH.ACK && rev.winScale === -2) {
    fwd.winScale = -2;
  }
}

/** Reassembly until FIN, the reset cause, or the payload for the payload dissectors. */
function segmentPayload(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  h: TcpHeader,
  facts: TcpFrameFacts,
): void {
  const t = h.tree;
  const fwd = h.fwd as TcpFlow;
  const conv = h.conv as TcpConversation;
  const offset = h.hlen;
  const capturedRemaining = tvb.remaining(offset);
  if (h.haveSeglen && h.flags & TH.FIN && fwd.flags & FLOW_REASSEMBLE_UNTIL_FIN) {
    if (fwd.fin === 0 || fwd.fin === pinfo.num) {
      if (!pinfo.visited) fwd.fin = pinfo.num;
      const info = tcpInfo(h, h.nxtseq, conv, h.urp);
      if (finishUntilFin(tvb, offset, pinfo, tree, t, t, h, fwd, facts, info, h.layer, h.tsNs, h.nxtseq)) {
        return;
      }
    } else {
      t?.add(hfTcp.finRetransmission, tvb, 0, 0, fwd.fin);
    }
  }
  if (capturedRemaining === 0) return;
  if (h.flags & TH.RST) {
    t?.add(hfTcp.resetCause, tvb, offset, capturedRemaining, tvb.latin1(offset, capturedRemaining));
    return;
  }
  if (!pinfo.payloadDissection) {
    transportOnlyPayload(tvb, offset, pinfo, tree, facts.ta);
    return;
  }
  const ctx: PayloadCtx = {
    pinfo,
    tree,
    tcpTree: t,
    tcpItem: t,
    h,
    fwd,
    ta: facts.ta,
    info: tcpInfo(h, h.nxtseq, conv, h.urp),
    layer: h.layer,
    tsNs: h.tsNs,
    reassemblyError: null,
  };
  // A SYN's payload starts one sequence number later (Wireshark bug 9882).
  const synAdj = h.flags & TH.SYN ? 1 : 0;
  dissectTcpPayload(tvb, offset, (h.seq + synAdj) >>> 0, (h.nxtseq + synAdj) >>> 0, ctx);
  if (ctx.reassemblyError) reportReassemblyError(ctx.reassemblyError, pinfo, tree, tvb);
}

/**
 * What decodeTcpPorts does when payload dissectors are off (DissectOptions.layers 'transport'),
 * without building its context: keep-alive bytes and any other payload are data, except that a
 * retransmitted or out-of-order segment's payload is not dissected at all.
 */
function transportOnlyPayload(
  tvb: Tvb,
  offset: number,
  pinfo: PacketInfo,
  tree: TreeParent,
  ta: TcpAcked,
): void {
  if (
    ta.present &&
    !(ta.flags & TCP_A.KEEP_ALIVE) &&
    ta.flags & (TCP_A.RETRANSMISSION | TCP_A.OUT_OF_ORDER)
  ) {
    return;
  }
  dissectDataAt(tvb, offset, pinfo, tree);
}

/** The items a few expert infos attach to (all null without a tree). */
interface FlagItems {
  syn: ProtoNode | null;
  fin: ProtoNode | null;
  rst: ProtoNode | null;
  str: ProtoNode | null;
}

const NO_FLAG_ITEMS: FlagItems = Object.freeze({ syn: null, fin: null, rst: null, str: null });

/** Header length, the flags with their bits, and the window items. */
function addFlagItems(t: ProtoNode, tvb: Tvb, h: TcpHeader): FlagItems {
  const { offX2, realWindow, winScale } = h;
  t.add(
    hfTcp.hdrLen,
    tvb,
    12,
    1,
    h.hlen,
    `${bitString(0xf0, 8, offX2)} = Header Length: ${h.hlen} bytes (${h.hlen >> 2})`,
  );
  const fl = t.add(
    hfTcp.flags,
    tvb,
    12,
    2,
    h.flags,
    `Flags: 0x${h.flags.toString(16).padStart(3, '0')} (${flagsToString(h.flags)})`,
  );
  const flag = (def: (typeof hfTcp)['flagsRes'], off: number): ProtoNode => {
    const mask = def.bitmask as number;
    const v = h.flags & mask ? 1 : 0;
    return fl.add(
      def,
      tvb,
      off,
      1,
      v,
      `${bitString(mask, 12, h.flags)} = ${def.name}: ${v ? 'Set' : 'Not set'}`,
    );
  };
  flag(hfTcp.flagsRes, 12);
  flag(hfTcp.flagsAe, 12);
  flag(hfTcp.flagsCwr, 13);
  flag(hfTcp.flagsEce, 13);
  flag(hfTcp.flagsUrg, 13);
  flag(hfTcp.flagsAck, 13);
  flag(hfTcp.flagsPush, 13);
  const rst = flag(hfTcp.flagsReset, 13);
  const syn = flag(hfTcp.flagsSyn, 13);
  const fin = flag(hfTcp.flagsFin, 13);
  const str = fl.add(hfTcp.flagsStr, tvb, 12, 2, flagsToLetters(h.flags)).setGenerated();
  t.add(hfTcp.windowSizeValue, tvb, 14, 2, realWindow);
  t.add(hfTcp.windowSize, tvb, 14, 2, h.win).setGenerated();
  if (!(h.flags & TH.SYN)) {
    const ws = winScale;
    if (ws === -1) {
      t.add(
        hfTcp.windowSizeScalefactor,
        tvb,
        14,
        2,
        -1,
        'Window size scaling factor: -1 (unknown)',
      ).setGenerated();
    } else if (ws === -2) {
      t.add(
        hfTcp.windowSizeScalefactor,
        tvb,
        14,
        2,
        -2,
        'Window size scaling factor: -2 (no window scaling used)',
      ).setGenerated();
    } else {
      t.add(hfTcp.windowSizeScalefactor, tvb, 14, 2, 1 << ws).setGenerated();
    }
  }
  return { syn, fin, rst, str };
}

/** The TCP item with the port fields (and the quoted sequence number inside an ICMP error). */
function addPortItems(tree: FrameTree | ProtoNode, tvb: Tvb, h: TcpHeader, icmpIp: boolean): ProtoNode {
  const t = tree.add(protoTcp, tvb, 0, tvb.length, null);
  t.add(hfTcp.srcport, tvb, 0, 2, h.sport);
  t.add(hfTcp.dstport, tvb, 2, 2, h.dport);
  t.addHidden(hfTcp.port, tvb, 0, 2, h.sport);
  t.addHidden(hfTcp.port, tvb, 2, 2, h.dport);
  if (icmpIp) t.add(hfTcp.seq, tvb, 4, 4, tvb.u32(4));
  return t;
}

/** True when this TCP header is quoted by an ICMP error (layers end in icmp, ip). */
function quotedInIcmp(pinfo: PacketInfo): boolean {
  const n = pinfo.layers.length;
  return n >= 2 && pinfo.layers[n - 1] === 'ip' && pinfo.layers[n - 2] === 'icmp';
}

function addStreamItems(t: ProtoNode, conv: TcpConversation, completeness: number): void {
  t.addGenerated(hfTcp.stream, conv.stream);
  t.addGenerated(
    hfTcp.completeness,
    completeness,
    `Conversation completeness: ${completenessLabel(completeness)}`,
  );
}

/** What payload dissectors get as `data` (made only for segments with payload). */
function tcpInfo(h: TcpHeader, nxtseq: number, conv: TcpConversation, urp: number): TcpInfo {
  return {
    seq: h.seq,
    nxtseq,
    lastackseq: h.ack,
    isReassembled: false,
    flags: h.flags,
    urgentPointer: h.flags & TH.URG ? urp : 0,
    stream: conv.stream,
  };
}

/** "Transmission Control Protocol, Src Port: 80, Dst Port: 42618, Seq: 0, Ack: 1, Len: 0" */
function summaryLine(h: TcpHeader, full: boolean): string {
  let s = `Transmission Control Protocol, Src Port: ${h.sport}, Dst Port: ${h.dport}, Seq: ${h.seq}`;
  if (!full) return s;
  if (h.flags & TH.ACK) s += `, Ack: ${h.ack}`;
  if (h.haveSeglen) s += `, Len: ${h.seglen}`;
  return s;
}

/** A frame re-dissected without first-pass facts (should not happen): show the bare header. */
function dissectUnknownConversation(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.cols?.appendInfo(` [${flagsToString(tvb.u16(12) & 0xfff)}]`);
  if (tree) tree.add(protoTcp, tvb, 0, tvb.length, null);
  return tvb.length;
}

/** Wireshark shows a reassembly failure as "[Reassembly error, protocol TCP: message]". */
function reportReassemblyError(e: ReassemblyError, pinfo: PacketInfo, tree: TreeParent, tvb: Tvb): void {
  const text = `[Reassembly error, protocol ${pinfo.currentProto}: ${e.message}]`;
  pinfo.cols?.appendInfo(text);
  pinfo.expert.push({
    frame: pinfo.num,
    severity: SEVERITY.ERROR,
    group: 'Malformed',
    protocol: pinfo.currentProto,
    summary: e.message,
    field: '_ws.malformed.reassembly',
  });
  if (tree) tree.add(protoFrame.malformed, tvb, 0, 0, null, text);
}

/** The FIN that ends a stream reassembled until FIN completes and dissects the PDU. */
function finishUntilFin(
  tvb: Tvb,
  offset: number,
  pinfo: PacketInfo,
  tree: TreeParent,
  t: ProtoNode | null,
  tcpItem: ProtoNode | null,
  h: TcpHeader,
  fwd: TcpFlow,
  f: TcpFrameFacts,
  info: TcpInfo,
  layer: number,
  tsNs: number,
  nxtseq: number,
): boolean {
  const msp = fwd.multisegmentPdus.floor((h.seq - 1) >>> 0);
  if (!msp) return false;
  const table = tcpState(pinfo.capture).reassembly;
  let head;
  try {
    head = table.add(
      msp,
      tvb.bytes,
      tvb.start + offset,
      pinfo.num,
      layer,
      pinfo.visited,
      (h.seq - msp.seq) >>> 0,
      h.seglen,
      false,
    );
  } catch (e) {
    if (e instanceof ReassemblyError) {
      reportReassemblyError(e, pinfo, tree, tvb);
      return true;
    }
    throw e;
  }
  if (!head || head.reassembledIn !== pinfo.num || head.reassembledInLayer !== layer || !head.data)
    return false;
  const source: DataSource = { name: `Reassembled TCP (${head.data.length} bytes)`, bytes: head.data };
  const next = Tvb.of(source);
  const root = tree ? ('root' in tree ? tree.root : tree) : null;
  root?.addSource(source);
  const ctx: PayloadCtx = {
    pinfo,
    tree,
    tcpTree: t,
    tcpItem,
    h,
    fwd,
    ta: f.ta,
    info,
    layer,
    tsNs,
    reassemblyError: null,
  };
  printFragmentTree(head, ctx, next);
  pinfo.canDesegment = 0;
  info.seq = h.seq;
  info.nxtseq = nxtseq;
  decodeTcpPorts(next, 0, ctx);
  return true;
}

dissectorTable('ip.proto').add(6, dissectTcp);
