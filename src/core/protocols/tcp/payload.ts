import { FD, ReassemblyError, type FragmentHead } from '../../analysis/reassembly';
import { GT_SEQ, LE_SEQ, LT_SEQ, tcpState } from '../../analysis/tcp-analysis';
import { TCP_A, type TcpAcked } from '../../analysis/tcp-frame-store';
import {
  FLOW_REASSEMBLE_UNTIL_FIN,
  MSP,
  type MultisegmentPdu,
  type TcpFlow,
} from '../../analysis/tcp-streams';
import type { Address } from '../../dissect/address';
import { dissectData } from '../../dissect/frame';
import {
  DESEGMENT_ONE_MORE_SEGMENT,
  DESEGMENT_UNTIL_FIN,
  type PacketInfo,
  type PortType,
} from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { FrameTree, ProtoNode } from '../../dissect/tree';
import { Tvb, type DataSource } from '../../dissect/tvb';
import { hfTcp } from './fields';
import type { TcpHeader } from './header';
import { takePduTracking, type TcpInfo } from './tcp-info';

/** Payload dissectors by TCP port (the "tcp.port" table; lower port tried first). */
export const tcpPortTable = dissectorTable('tcp.port', 'TCP port');
/** Heuristic payload dissectors, tried after the port table. */
export const tcpHeuristics = heuristicList('tcp');

/** Everything the payload code needs about the segment being dissected. */
export interface PayloadCtx {
  pinfo: PacketInfo;
  /** Where payload protocols add their items (TCP's own parent). */
  tree: TreeParent;
  tcpTree: ProtoNode | null;
  /** The TCP protocol item (reassembly trees are placed right after it). */
  tcpItem: ProtoNode | null;
  h: TcpHeader;
  fwd: TcpFlow | null;
  ta: TcpAcked;
  info: TcpInfo;
  layer: number;
  tsNs: number;
  /** Set when reassembly failed; the segment's payload dissection stopped there. */
  reassemblyError: ReassemblyError | null;
}

const plural = (n: number): string => (n === 1 ? '' : 's');

interface Endpoint {
  src: Address;
  dst: Address;
  ptype: PortType;
  srcPort: number;
  dstPort: number;
}

function saveEndpoint(p: PacketInfo): Endpoint {
  return { src: p.src, dst: p.dst, ptype: p.ptype, srcPort: p.srcPort, dstPort: p.dstPort };
}

function restoreEndpoint(p: PacketInfo, e: Endpoint): void {
  p.src = e.src;
  p.dst = e.dst;
  p.ptype = e.ptype;
  p.srcPort = e.srcPort;
  p.dstPort = e.dstPort;
}

function tryPort(port: number, tvb: Tvb, ctx: PayloadCtx): boolean {
  const d = tcpPortTable.get(port);
  if (!d) return false;
  ctx.pinfo.matchPort = port;
  return d(tvb, ctx.pinfo, ctx.tree, ctx.info) > 0;
}

/**
 * Hands payload to its dissector (Wireshark's decode_tcp_ports): keep-alive garbage goes to
 * data; retransmitted/out-of-order segments go nowhere; then the conversation's dissector, the
 * server port (from the SYN), the lower then the higher port, the heuristics, and finally data.
 */
export function decodeTcpPorts(tvb: Tvb, offset: number, ctx: PayloadCtx): boolean {
  const { pinfo, ta, h } = ctx;
  if (ta.present && ta.flags & TCP_A.KEEP_ALIVE) {
    dissectData(tvb.sub(offset), pinfo, ctx.tree);
    return true;
  }
  if (ta.present && ta.flags & (TCP_A.RETRANSMISSION | TCP_A.OUT_OF_ORDER)) return false;
  const next = tvb.sub(offset);
  if (!pinfo.payloadDissection) {
    dissectData(next, pinfo, ctx.tree);
    return false;
  }
  const conv = h.conv;
  const convDissector = conv?.dissectorAt(pinfo.num);
  if (convDissector && convDissector(next, pinfo, ctx.tree, ctx.info) > 0) return true;
  const low = Math.min(h.sport, h.dport);
  const high = Math.max(h.sport, h.dport);
  const server = conv ? conv.serverPort : 0;
  if (server !== 0 && tryPort(server, next, ctx)) return true;
  if (low !== 0 && tryPort(low, next, ctx)) return true;
  if (high !== 0 && tryPort(high, next, ctx)) return true;
  if (tcpHeuristics.tryAll(next, pinfo, ctx.tree, ctx.info)) return true;
  dissectData(next, pinfo, ctx.tree);
  return false;
}

function storeNextPdu(
  pinfo: PacketInfo,
  flow: TcpFlow,
  seq: number,
  nxtpdu: number,
  tsNs: number,
): MultisegmentPdu {
  const msp: MultisegmentPdu = {
    seq: seq >>> 0,
    nxtpdu: nxtpdu >>> 0,
    firstFrame: pinfo.num,
    firstFrameWithSeq: pinfo.num,
    lastFrame: pinfo.num,
    lastFrameTimeNs: tsNs,
    flags: 0,
  };
  flow.multisegmentPdus.set(msp.seq, msp);
  return msp;
}

/** Records where the next PDU starts when the payload dissector asked for it (PDU tracking). */
function trackPdu(ctx: PayloadCtx, seq: number, nxtseq: number, isTcpSegment: boolean): void {
  const { pinfo } = ctx;
  const until = takePduTracking(pinfo);
  if (isTcpSegment && until && ctx.fwd && !pinfo.visited && (seq || nxtseq)) {
    storeNextPdu(pinfo, ctx.fwd, seq, nxtseq + until, ctx.tsNs);
  }
}

/** Calls the payload dissector and remembers where the next PDU starts when it asked to. */
function processTcpPayload(
  tvb: Tvb,
  offset: number,
  ctx: PayloadCtx,
  seq: number,
  nxtseq: number,
  isTcpSegment: boolean,
): void {
  takePduTracking(ctx.pinfo);
  let returned = false;
  let ok = false;
  try {
    ok = decodeTcpPorts(tvb, offset, ctx);
    returned = true;
  } finally {
    // Only un-reassembled segments record PDU boundaries (Wireshark's pdu tracking), both when
    // the payload dissector succeeded and when it threw. A finally rather than catch + rethrow:
    // in V8 a rethrow costs as much as a new throw, and every truncated segment of a
    // headers-only capture throws through here.
    if (!returned || ok) trackPdu(ctx, seq, nxtseq, isTcpSegment);
  }
}

/**
 * FragmentTable.add for the desegmentation code: a ReassemblyError is recorded in the context
 * (TCP reports it once the payload code has returned) and `false` tells the caller to stop,
 * as Wireshark's exception would.
 */
function addFragment(
  ctx: PayloadCtx,
  msp: MultisegmentPdu,
  src: Uint8Array,
  srcOffset: number,
  fragOffset: number,
  len: number,
  moreFrags: boolean,
  fragFrame?: number,
): FragmentHead | null | false {
  const { pinfo } = ctx;
  try {
    return tcpState(pinfo.capture).reassembly.add(
      msp,
      src,
      srcOffset,
      pinfo.num,
      ctx.layer,
      pinfo.visited,
      fragOffset,
      len,
      moreFrags,
      fragFrame,
    );
  } catch (e) {
    if (!(e instanceof ReassemblyError)) throw e;
    ctx.reassemblyError = e;
    return false;
  }
}

/** "[2 Reassembled TCP Segments (2059 bytes): #35(1448), #36(611)]" with one line per segment. */
export function printFragmentTree(head: FragmentHead, ctx: PayloadCtx, next: Tvb): void {
  const parent = ctx.tree;
  if (!parent) return;
  const frags = head.frags;
  let list = '';
  for (const f of frags) list += `${list ? ', ' : ''}#${f.frame}(${f.len})`;
  const n = frags.length;
  const item = parent.add(
    hfTcp.segments,
    next,
    0,
    next.length,
    null,
    `[${n} Reassembled TCP Segment${plural(n)} (${head.datalen} byte${plural(head.datalen)}): ${list}]`,
  );
  item.generated = false;
  for (const f of frags) {
    const last = f.offset + f.len - 1;
    const seg = item.add(
      hfTcp.segment,
      next,
      f.offset,
      f.len,
      f.frame,
      `[Frame: ${f.frame}, payload: ${f.offset}-${last} (${f.len} byte${plural(f.len)})]`,
    );
    if (f.flags & FD.OVERLAP) seg.add(hfTcp.segmentOverlap, next, f.offset, 0, 1).setGenerated();
    if (f.flags & FD.OVERLAPCONFLICT)
      seg.add(hfTcp.segmentOverlapConflict, next, f.offset, 0, 1).setGenerated();
    if (f.flags & FD.MULTIPLETAILS) seg.add(hfTcp.segmentMultipleTails, next, f.offset, 0, 1).setGenerated();
    if (f.flags & FD.TOOLONGFRAGMENT) seg.add(hfTcp.segmentTooLong, next, f.offset, 0, 1).setGenerated();
  }
  item.add(hfTcp.segmentCount, next, 0, 0, n).setGenerated();
  item.add(hfTcp.reassembledLength, next, 0, 0, next.length).setGenerated();
  item.add(hfTcp.reassembledData, next, 0, next.length, next.view(0, next.length)).setGenerated();
  // Wireshark moves the segment list right behind the TCP item.
  moveAfter(parent, ctx.tcpItem, item);
}

function moveAfter(parent: FrameTree | ProtoNode, anchor: ProtoNode | null, item: ProtoNode): void {
  if (!anchor) return;
  const list = 'top' in parent ? parent.top : parent.children;
  if (!list) return;
  const from = list.indexOf(item);
  const at = list.indexOf(anchor);
  if (from < 0 || at < 0 || from === at + 1) return;
  list.splice(from, 1);
  list.splice(list.indexOf(anchor) + 1, 0, item);
}

function segmentData(ctx: PayloadCtx, tvb: Tvb, offset: number, nbytes: number, prefix = ''): void {
  if (!ctx.tcpTree) return;
  const avail = Math.max(0, Math.min(nbytes, tvb.length - offset));
  ctx.tcpTree.add(
    hfTcp.segmentData,
    tvb,
    offset,
    nbytes,
    tvb.view(offset, avail),
    `${prefix}TCP segment data (${nbytes} byte${plural(nbytes)})`,
  );
}

function reassembledIn(ctx: PayloadCtx, frame: number): void {
  ctx.tcpTree?.addGenerated(hfTcp.reassembledIn, frame);
}

/**
 * Wireshark's split_msp: the part after the dissected PDUs becomes a new MSP of its own.
 * Null when reassembly failed (ctx.reassemblyError).
 */
function splitMsp(ctx: PayloadCtx, msp: MultisegmentPdu, flow: TcpFlow): MultisegmentPdu | null {
  const { pinfo } = ctx;
  const table = tcpState(pinfo.capture).reassembly;
  const head = table.get(msp) as FragmentHead;
  const splitOffset = pinfo.desegmentOffset;
  let firstFrame = 0;
  let lastFrame = 0;
  let firstIdx = -1;
  const frags = head.frags;
  let i = 0;
  for (; i < frags.length && frags[i].offset < splitOffset; i++) {
    const f = frags[i];
    if (lastFrame < f.frame) lastFrame = f.frame;
    if (f.offset + f.len >= splitOffset) {
      if (firstIdx < 0) {
        firstIdx = i;
        firstFrame = f.frame;
      } else if (f.frame < firstFrame) {
        firstFrame = f.frame;
      }
    }
  }
  for (; i < frags.length; i++) {
    const f = frags[i];
    if (splitOffset <= f.offset + f.len && f.frame < firstFrame) firstFrame = f.frame;
  }
  const newSeq = (msp.seq + splitOffset) >>> 0;
  const newMsp = storeNextPdu(pinfo, flow, newSeq, newSeq + 1, ctx.tsNs);
  newMsp.firstFrame = firstFrame;
  newMsp.nxtpdu = msp.nxtpdu;
  const whole = head.data as Uint8Array;
  if (firstIdx >= 0) {
    for (const f of frags.slice(firstIdx)) {
      let off = f.offset;
      let len = f.len;
      if (splitOffset <= off + len) {
        if (f.offset < splitOffset) {
          off = splitOffset;
          len -= splitOffset - f.offset;
        }
        if (addFragment(ctx, newMsp, whole, off, off - splitOffset, len, true, f.frame) === false) {
          return null;
        }
      }
    }
  }
  table.truncate(msp, splitOffset);
  msp.nxtpdu = (msp.seq + splitOffset) >>> 0;
  return newMsp;
}

/**
 * TCP desegmentation for payload dissectors (Wireshark's desegment_tcp): hands the segment's
 * payload to the dissector; when it asks for more (pinfo.desegmentOffset/Len), collects the
 * following segments in a multi-segment PDU and calls it again with the reassembled bytes in
 * the frame that completes the PDU; earlier frames show "[TCP segment of a reassembled PDU]".
 */
export function desegmentTcp(
  tvb: Tvb,
  offsetIn: number,
  seqIn: number,
  nxtseq: number,
  ctx: PayloadCtx,
): void {
  const { pinfo, fwd } = ctx;
  const cols = pinfo.cols;
  const table = tcpState(pinfo.capture).reassembly;
  const orig = saveEndpoint(pinfo);
  let newEndpoint = saveEndpoint(pinfo);
  let offset = offsetIn;
  let seq = seqIn >>> 0;
  let firstPdu = true;
  let protocolLock: string | null = null;

  for (;;) {
    let head: FragmentHead | null = null;
    let lastFragmentLen = 0;
    let mustDesegment = false;
    let calledDissector = false;
    let anotherPduFollows = 0;
    let msp: MultisegmentPdu | undefined;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    let desegOffset = offset;

    if (fwd) {
      msp = fwd.multisegmentPdus.get(seq);
      if (
        msp &&
        nxtseq >>> 0 <= msp.nxtpdu &&
        !(msp.flags & MSP.MISSING_FIRST_SEGMENT) &&
        msp.lastFrame !== pinfo.num
      ) {
        // Seen before: a re-dissection of the PDU's first segment, or a retransmission.
        let str = '';
        let retrans = false;
        if (msp.firstFrame === pinfo.num || msp.firstFrameWithSeq === pinfo.num) {
          if (firstPdu) cols?.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
        } else {
          str = 'Retransmitted ';
          retrans = true;
        }
        if (!retrans) {
          const h = table.get(msp);
          if (h && h.reassembledIn !== 0) reassembledIn(ctx, h.reassembledIn);
        }
        segmentData(ctx, tvb, offset, tvb.reportedRemaining(offset), str);
        break;
      }
      if (ctx.ta.present) {
        if (ctx.ta.flags & TCP_A.SPURIOUS_RETRANSMISSION) break;
        if (ctx.ta.flags & TCP_A.RETRANSMISSION) {
          segmentData(ctx, tvb, offset, tvb.reportedRemaining(offset), 'Retransmitted ');
          break;
        }
      }
      if (!msp) msp = fwd.multisegmentPdus.floor((seq - 1) >>> 0);
    }

    if (msp && LE_SEQ(msp.seq, seq) && GT_SEQ(msp.nxtpdu, seq)) {
      if (!pinfo.visited) {
        msp.lastFrame = pinfo.num;
        msp.lastFrameTimeNs = ctx.tsNs;
      }
      let len: number;
      if (msp.flags & MSP.REASSEMBLE_ENTIRE_SEGMENT) {
        len = tvb.remaining(offset);
      } else {
        len = Math.min((nxtseq - seq) >>> 0, (msp.nxtpdu - seq) >>> 0);
      }
      lastFragmentLen = len;
      const added = addFragment(
        ctx,
        msp,
        tvb.bytes,
        tvb.start + offset,
        (seq - msp.seq) >>> 0,
        len,
        LT_SEQ(nxtseq >>> 0, msp.nxtpdu),
      );
      if (added === false) return;
      head = added;
      if (!pinfo.visited && msp.flags & MSP.REASSEMBLE_ENTIRE_SEGMENT) {
        msp.flags &= ~MSP.REASSEMBLE_ENTIRE_SEGMENT;
        if (LT_SEQ(msp.nxtpdu, nxtseq >>> 0)) msp.nxtpdu = nxtseq >>> 0;
      }
      if (msp.nxtpdu < nxtseq >>> 0 && msp.nxtpdu >= seq && len > 0) {
        anotherPduFollows = (msp.nxtpdu - seq) >>> 0;
      }
    } else {
      ctx.info.seq = seq;
      processTcpPayload(tvb, offset, ctx, 0, 0, false);
      if (!(pinfo.desegmentLen && pinfo.desegmentOffset === 0)) newEndpoint = saveEndpoint(pinfo);
      restoreEndpoint(pinfo, orig);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        mustDesegment = true;
        desegOffset = offset + pinfo.desegmentOffset;
      }
      head = null;
    }

    if (head && msp) {
      if (head.reassembledIn === pinfo.num && head.reassembledInLayer === ctx.layer) {
        const bytes = head.data as Uint8Array;
        const source: DataSource = { name: `Reassembled TCP (${bytes.length} bytes)`, bytes };
        const next = Tvb.of(source);
        const root = ctx.tree ? ('root' in ctx.tree ? ctx.tree.root : ctx.tree) : null;
        root?.addSource(source);
        ctx.info.seq = msp.seq;
        ctx.info.isReassembled = true;
        processTcpPayload(next, 0, ctx, 0, 0, false);
        if (!(pinfo.desegmentLen && pinfo.desegmentOffset === 0)) newEndpoint = saveEndpoint(pinfo);
        restoreEndpoint(pinfo, orig);
        calledDissector = true;
        if (pinfo.desegmentLen) {
          if (pinfo.desegmentOffset === 0) {
            if (root && root.sources[root.sources.length - 1] === source) root.sources.pop();
            table.setPartialReassembly(msp);
          } else if (LE_SEQ((msp.seq + pinfo.desegmentOffset) >>> 0, seq)) {
            table.setPartialReassembly(msp);
          } else {
            if (!pinfo.visited && fwd) {
              const split = splitMsp(ctx, msp, fwd);
              if (!split) return;
              msp = split;
            }
            printFragmentTree(head, ctx, next);
          }
          if (!pinfo.visited) {
            if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) {
              msp.nxtpdu = (Math.max((seq + tvb.reportedRemaining(offset)) >>> 0, msp.nxtpdu) + 1) >>> 0;
              msp.flags |= MSP.REASSEMBLE_ENTIRE_SEGMENT;
            } else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) {
              if (fwd) fwd.flags |= FLOW_REASSEMBLE_UNTIL_FIN;
              msp.nxtpdu = (msp.seq + 0x40000000) >>> 0;
            } else if ((seq + lastFragmentLen) >>> 0 >= msp.nxtpdu) {
              msp.nxtpdu = (seq + lastFragmentLen + pinfo.desegmentLen) >>> 0;
            } else {
              msp.nxtpdu = (msp.nxtpdu + pinfo.desegmentLen) >>> 0;
            }
          }
          anotherPduFollows = 0;
          offset += lastFragmentLen;
          seq = (seq + lastFragmentLen) >>> 0;
          if (tvb.remaining(offset) > 0) continue;
        } else {
          const nbytes = anotherPduFollows > 0 ? anotherPduFollows : tvb.reportedRemaining(offset);
          segmentData(ctx, tvb, offset, nbytes);
          printFragmentTree(head, ctx, next);
        }
      }
    }

    if (mustDesegment) {
      const desegSeq = (seq + (desegOffset - offset)) >>> 0;
      if (!pinfo.visited) {
        if (fwd && pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) fwd.flags |= FLOW_REASSEMBLE_UNTIL_FIN;
        if (fwd && (nxtseq - desegSeq) >>> 0 <= 1024 * 1024) {
          let m: MultisegmentPdu;
          if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) {
            m = storeNextPdu(pinfo, fwd, desegSeq, nxtseq + 1, ctx.tsNs);
            m.flags |= MSP.REASSEMBLE_ENTIRE_SEGMENT;
          } else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) {
            m = storeNextPdu(pinfo, fwd, desegSeq, nxtseq + 0x40000000, ctx.tsNs);
          } else {
            m = storeNextPdu(pinfo, fwd, desegSeq, nxtseq + pinfo.desegmentLen, ctx.tsNs);
          }
          const added = addFragment(
            ctx,
            m,
            tvb.bytes,
            tvb.start + desegOffset,
            0,
            (nxtseq - desegSeq) >>> 0,
            LT_SEQ(nxtseq >>> 0, m.nxtpdu),
          );
          if (added === false) return;
        }
      } else if (fwd) {
        const m = fwd.multisegmentPdus.get(desegSeq);
        if (m) head = table.get(m) ?? null;
      }
    }

    if (!calledDissector || pinfo.desegmentLen !== 0) {
      if (
        head &&
        head.reassembledIn !== 0 &&
        head.reassembledIn !== pinfo.num &&
        !(head.flags & FD.PARTIAL_REASSEMBLY)
      ) {
        reassembledIn(ctx, head.reassembledIn);
      }
      if (pinfo.desegmentOffset === 0) {
        if (cols && protocolLock === null) cols.setProtocol('TCP');
        if (firstPdu) cols?.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
      }
      const nbytes = anotherPduFollows ? anotherPduFollows : tvb.reportedRemaining(desegOffset);
      segmentData(ctx, tvb, desegOffset, nbytes);
    }
    pinfo.canDesegment = 0;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;

    if (anotherPduFollows) {
      pinfo.canDesegment = 2;
      // What follows may be an incomplete PDU: keep the Protocol column and the Info so far.
      cols?.setFence();
      if (cols && protocolLock === null) protocolLock = cols.protocol;
      firstPdu = false;
      offset += anotherPduFollows;
      seq = (seq + anotherPduFollows) >>> 0;
      continue;
    }
    break;
  }
  if (cols && protocolLock !== null) cols.protocol = protocolLock;
  restoreEndpoint(pinfo, newEndpoint);
}

/** TCP payload of one segment: the "TCP payload" line, then desegmentation or a direct call. */
export function dissectTcpPayload(
  tvb: Tvb,
  offset: number,
  seq: number,
  nxtseq: number,
  ctx: PayloadCtx,
): void {
  const nbytes = tvb.reportedRemaining(offset);
  if (ctx.tcpTree) {
    const avail = tvb.remaining(offset);
    ctx.tcpTree.add(
      hfTcp.payload,
      tvb,
      offset,
      avail,
      tvb.view(offset, avail),
      `TCP payload (${nbytes} byte${plural(nbytes)})`,
    );
  }
  if (ctx.pinfo.canDesegment) {
    desegmentTcp(tvb, offset, seq, nxtseq, ctx);
  } else {
    processTcpPayload(tvb, offset, ctx, seq, nxtseq, true);
  }
}
