import { AT, addressKey, compareAddress } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { dissectData } from '../../dissect/frame';
import { PT, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../ethernet/expert-info';
import { ipProtoTable } from '../ip/dissector';
import { isFragmented } from '../ip/packet-data';
import { hfUdp, protoUdp } from './fields';

/** Payload dissectors by UDP port (lower port tried first, like Wireshark). */
export const udpPortTable = dissectorTable('udp.port', 'UDP port');
/** Heuristic payload dissectors, tried when no port matched. */
export const udpHeuristics = heuristicList('udp');

/** One UDP conversation (both directions of an address/port pair): its stream index and clock. */
interface UdpConversation {
  stream: number;
  firstSec: number;
  firstNsec: number;
  prevSec: number;
  prevNsec: number;
}

/** Capture-wide UDP state: conversations and the per-frame deltas the first pass computed. */
export class UdpState {
  readonly conversations = new Map<string, UdpConversation>();
  streams = 0;
  /** deltaKey(frame, udp layer index) → ns since the previous frame of the stream. */
  readonly deltas = new Map<number, number>();
}

const newUdpState = (): UdpState => new UdpState();

/** A number that names (frame, layer) exactly: frames < 2^32, layers far below 2^21. */
function deltaKey(frame: number, layer: number): number {
  return frame + layer * 0x1_0000_0000;
}

/** How many UDP layers the frame has so far. */
function udpLayerCount(pinfo: PacketInfo): number {
  const layers = pinfo.layers;
  let n = 0;
  for (let i = 0; i < layers.length; i++) if (layers[i] === 'udp') n++;
  return n;
}

function conversationKey(pinfo: PacketInfo, sport: number, dport: number): string {
  const a = `${addressKey(pinfo.src)}/${sport}`;
  const b = `${addressKey(pinfo.dst)}/${dport}`;
  const c = compareAddress(pinfo.src, pinfo.dst);
  return c < 0 || (c === 0 && sport <= dport) ? `${a}|${b}` : `${b}|${a}`;
}

/** Wireshark's find_or_create_conversation + get_udp_conversation_data: streams numbered as first seen. */
function conversationFor(pinfo: PacketInfo, sport: number, dport: number): UdpConversation {
  const state = pinfo.capture.stateFor('udp', newUdpState);
  const key = conversationKey(pinfo, sport, dport);
  let c = state.conversations.get(key);
  if (!c) {
    c = {
      stream: state.streams++,
      firstSec: pinfo.tsSec,
      firstNsec: pinfo.tsNsec,
      prevSec: pinfo.tsSec,
      prevNsec: pinfo.tsNsec,
    };
    state.conversations.set(key, c);
  }
  return c;
}

function nsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (aSec - bSec) * 1e9 + (aNsec - bNsec);
}

/** "Possible traceroute: hop #1, attempt #2" for ports just above 33434 (LBL traceroute's base). */
function tracerouteHint(port: number): string | null {
  if (port <= 33434 || port > 33434 + 30) return null;
  const n = port - 33434 - 1;
  return `Possible traceroute: hop #${Math.floor(n / 3) + 1}, attempt #${(n % 3) + 1}`;
}

/** Hands the payload to the port dissectors (low port first), then the heuristics, else data. */
export function decodeUdpPorts(
  next: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  sport: number,
  dport: number,
): void {
  if (!pinfo.payloadDissection) {
    dissectData(next, pinfo, tree);
    return;
  }
  const low = Math.min(sport, dport);
  const high = Math.max(sport, dport);
  for (const port of [low, high]) {
    if (port === 0) continue;
    const d = udpPortTable.get(port);
    if (d) {
      pinfo.matchPort = port;
      if (d(next, pinfo, tree) !== 0) return;
    }
  }
  if (udpHeuristics.tryAll(next, pinfo, tree)) return;
  dissectData(next, pinfo, tree);
}

/** User Datagram Protocol (RFC 768). */
export function dissectUdp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'UDP';
  pinfo.addLayer('udp');
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  if (pinfo.cols) {
    pinfo.cols.setProtocol('UDP');
    pinfo.cols.clearInfo();
    pinfo.cols.appendInfo(`${sport} \u2192 ${dport}`);
  }
  const reportedLen = tvb.reportedLength;
  const capturedLen = tvb.length;

  let t: ProtoNode | null = null;
  let srcItem: ProtoNode | null = null;
  let dstItem: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoUdp, tvb, 0, 8, null, `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`);
    srcItem = t.add(hfUdp.srcport, tvb, 0, 2, sport);
    dstItem = t.add(hfUdp.dstport, tvb, 2, 2, dport);
    t.addHidden(hfUdp.port, tvb, 0, 2, sport);
    t.addHidden(hfUdp.port, tvb, 2, 2, dport);
  }
  const srcHint = tracerouteHint(sport);
  if (srcHint) addExpert(pinfo, srcItem, hfUdp.possibleTraceroute, SEVERITY.CHAT, 'Sequence', srcHint);
  const dstHint = tracerouteHint(dport);
  if (dstHint) addExpert(pinfo, dstItem, hfUdp.possibleTraceroute, SEVERITY.CHAT, 'Sequence', dstHint);

  let ulen = tvb.u16(4);
  const lenItem = t ? t.add(hfUdp.length, tvb, 4, 2, ulen) : null;
  let jumbogram = false;
  if (ulen === 0 && pinfo.src.type === AT.IPv6) {
    // RFC 2675 jumbogram: the length comes from IPv6.
    ulen = reportedLen;
    jumbogram = true;
  }
  if (ulen < 8) {
    lenItem?.appendLabel(' (bogus, must be >= 8)');
    addExpert(pinfo, lenItem, hfUdp.lengthBad, SEVERITY.ERROR, 'Malformed', `Bad length value ${ulen} < 8`);
    pinfo.cols?.appendInfo(` [BAD UDP LENGTH ${ulen} < 8]`);
    return tvb.length;
  }
  const fragmented = isFragmented(pinfo);
  if (ulen > reportedLen && !fragmented && !pinfo.inErrorPacket) {
    lenItem?.appendLabel(` (bogus, payload length ${reportedLen})`);
    addExpert(
      pinfo,
      lenItem,
      hfUdp.lengthBad,
      SEVERITY.ERROR,
      'Malformed',
      `Bad length value ${ulen} > IP payload length`,
    );
    pinfo.cols?.appendInfo(` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`);
  }
  if (jumbogram && ulen < 65536) {
    addExpert(
      pinfo,
      lenItem,
      hfUdp.lengthBadZero,
      SEVERITY.WARN,
      'Protocol',
      'Length is zero but payload < 65536',
    );
  }
  pinfo.cols?.appendInfo(` Len=${ulen - 8}`);
  if (jumbogram) pinfo.cols?.appendInfo(' [Jumbogram]');

  const sum = tvb.u16(6);
  if (sum === 0) {
    const ignore = pinfo.src.type === AT.IPv4 || pinfo.inErrorPacket;
    if (t) {
      const c = t.add(
        hfUdp.checksum,
        tvb,
        6,
        2,
        0,
        `Checksum: 0x0000 [zero-value ${ignore ? 'ignored' : 'illegal'}]`,
      );
      if (!ignore)
        addExpert(pinfo, c, hfUdp.checksumZero, SEVERITY.ERROR, 'Checksum', 'Illegal checksum value (0)');
      c.add(hfUdp.checksumStatus, tvb, 6, 2, ignore ? 3 : 4).setGenerated();
    } else if (!ignore) {
      addExpert(pinfo, null, hfUdp.checksumZero, SEVERITY.ERROR, 'Checksum', 'Illegal checksum value (0)');
    }
    if (!ignore) pinfo.cols?.appendInfo(' [ILLEGAL CHECKSUM (0)]');
  } else if (t) {
    t.add(hfUdp.checksum, tvb, 6, 2, sum, `Checksum: 0x${sum.toString(16).padStart(4, '0')} [unverified]`);
    t.add(hfUdp.checksumStatus, tvb, 6, 0, 2).setGenerated();
  }

  pinfo.ptype = PT.UDP;
  pinfo.srcPort = sport;
  pinfo.dstPort = dport;
  const conv = conversationFor(pinfo, sport, dport);
  t?.add(hfUdp.stream, tvb, 8, 0, conv.stream).setGenerated();

  if (ulen === 8) return tvb.length;

  if (!pinfo.inErrorPacket) {
    const state = pinfo.capture.stateFor('udp', newUdpState);
    const key = deltaKey(pinfo.num, udpLayerCount(pinfo));
    if (!pinfo.visited) {
      state.deltas.set(key, nsBetween(pinfo.tsSec, pinfo.tsNsec, conv.prevSec, conv.prevNsec));
      conv.prevSec = pinfo.tsSec;
      conv.prevNsec = pinfo.tsNsec;
    }
    if (t) {
      const ts = t.addText(tvb, 0, 0, 'Timestamps');
      ts.generated = true;
      ts.add(
        hfUdp.timeRelative,
        tvb,
        0,
        0,
        nsBetween(pinfo.tsSec, pinfo.tsNsec, conv.firstSec, conv.firstNsec),
      ).setGenerated();
      const delta = state.deltas.get(key);
      if (delta !== undefined) ts.add(hfUdp.timeDelta, tvb, 0, 0, delta).setGenerated();
    }
  }

  if (pinfo.inErrorPacket && tvb.remaining(8) === 0) return tvb.length;
  let len = tvb.remaining(8);
  let reported = tvb.reportedRemaining(8);
  if (ulen - 8 < reported) reported = ulen - 8;
  if (len > reported) len = reported;
  if (t) {
    // The payload item runs "to the end": with nothing captured there, building it fails the
    // way tshark's does (a tree-only "[Packet size limited during capture]").
    if (len === 0 && reported > 0) tvb.ensure(8, 1);
    t.add(hfUdp.payload, tvb, 8, len, tvb.view(8, len), `UDP payload (${len} byte${len === 1 ? '' : 's'})`);
  }
  const next = tvb.sub(8, len, reported);
  decodeUdpPorts(next, pinfo, tree, sport, dport);
  return capturedLen;
}

ipProtoTable.add(17, dissectUdp);
