import { addressKey } from '../../dissect/address';
import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import { heuristicList, type TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { mediaTypeTable } from '../media/table';
import { tcpSetConversationDissector } from '../tcp/tcp-info';
import { protoJxta } from './fields';
import { dissectFraming, reportedRemaining } from './framing';
import { dissectWelcome, startsWithWelcome, WELCOME_SIG } from './welcome';

/** Content lengths beyond 32 bits are not JXTA (Wireshark's check against UINT_MAX). */
const UINT_MAX = 0xffffffffn;

/** Which side sent the first welcome of a connection (per TCP stream, first pass only). */
interface StreamState {
  initiatorFrame: number;
  initiatorKey: string;
}

const streams = new WeakMap<object, Map<string, StreamState>>();

function streamKey(pinfo: PacketInfo): string {
  const a = `${addressKey(pinfo.src)}:${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}:${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** True when this welcome is the initiator's (the first one seen on the connection). */
function welcomeIsInitiator(pinfo: PacketInfo): boolean {
  let m = streams.get(pinfo.capture);
  if (!m) {
    m = new Map();
    streams.set(pinfo.capture, m);
  }
  const key = streamKey(pinfo);
  const me = `${addressKey(pinfo.src)}:${pinfo.srcPort}`;
  const s = m.get(key);
  if (!s) {
    m.set(key, { initiatorFrame: pinfo.num, initiatorKey: me });
    return true;
  }
  if (s.initiatorFrame >= pinfo.num) {
    // Seen again (re-dissection) or an earlier frame: this one is the initiator.
    s.initiatorFrame = pinfo.num;
    s.initiatorKey = me;
    return true;
  }
  return s.initiatorKey === me;
}

/**
 * Wireshark's dissect_jxta_stream: a welcome message, or framing headers followed by a message
 * of content-length bytes. Returns the bytes dissected, 0 when it is not JXTA, or -needed after
 * asking TCP for more bytes.
 */
function dissectStream(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  let offset = 0;
  let needed = 0;
  const available = reportedRemaining(tvb, 0);
  if (available < WELCOME_SIG.length) {
    needed = WELCOME_SIG.length - available;
  } else if (startsWithWelcome(tvb)) {
    const initiator = welcomeIsInitiator(pinfo);
    tcpSetConversationDissector(pinfo, dissectJxtaConversation);
    const probe = dissectWelcome(tvb, pinfo, null, initiator);
    if (probe < 0) {
      needed = -probe;
    } else {
      const t = tree ? tree.add(protoJxta, tvb, 0, tvb.length, null, 'JXTA') : null;
      offset += t ? dissectWelcome(tvb, pinfo, t, initiator) : probe;
    }
  } else {
    const f = dissectFraming(tvb, pinfo, null);
    if (f.length === 0 || f.contentType === null || f.contentLength <= 0n || f.contentLength > UINT_MAX) {
      return 0;
    }
    if (f.length < 0) {
      needed = -f.length;
    } else {
      const contentLength = Number(f.contentLength);
      const rest = reportedRemaining(tvb, f.length);
      if (rest >= contentLength) {
        const t = tree ? tree.add(protoJxta, tvb, 0, tvb.length, null, 'JXTA') : null;
        dissectFraming(tvb, pinfo, t);
        tcpSetConversationDissector(pinfo, dissectJxtaConversation);
        const message = tvb.sub(f.length, contentLength);
        offset += f.length + dissectMedia(f.contentType, message, pinfo, tree);
      } else {
        needed = contentLength - rest;
      }
    }
  }
  if (needed > 0 && pinfo.canDesegment > 0) {
    pinfo.desegmentOffset = offset;
    pinfo.desegmentLen = needed;
    return -needed;
  }
  return offset;
}

/**
 * The message body by media type. JXTA's own binary message format
 * ("application/x-jxta-msg") is not decoded here; unknown types go to the media table, then
 * to data.
 */
function dissectMedia(contentType: string, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const semi = contentType.indexOf(';');
  const type = (semi >= 0 ? contentType.slice(0, semi) : contentType).toLowerCase();
  const d = mediaTypeTable.get(type);
  const n = d ? d(tvb, pinfo, tree, { messageType: 0, mediaStr: null, matchString: type }) : 0;
  return n > 0 ? n : dissectData(tvb, pinfo, tree);
}

interface Saved {
  proto: string;
  layers: number;
  desegmentOffset: number;
  desegmentLen: number;
}

function enter(pinfo: PacketInfo): Saved {
  const saved = {
    proto: pinfo.currentProto,
    layers: pinfo.layers.length,
    desegmentOffset: pinfo.desegmentOffset,
    desegmentLen: pinfo.desegmentLen,
  };
  pinfo.currentProto = 'JXTA';
  pinfo.addLayer('jxta');
  return saved;
}

function reject(pinfo: PacketInfo, saved: Saved): void {
  pinfo.currentProto = saved.proto;
  pinfo.layers.length = saved.layers;
  pinfo.desegmentOffset = saved.desegmentOffset;
  pinfo.desegmentLen = saved.desegmentLen;
}

/**
 * The TCP heuristic (enabled by default in tshark 4.0): accepts only what dissect_jxta_stream
 * dissected; a request for more bytes counts as a rejection. Exceptions escape with "jxta" in
 * frame.protocols, which is how snaplen-cut segments whose first byte makes the header walk
 * read at the captured end become "[Packet size limited during capture]" frames.
 */
export function heuristicJxtaTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  const saved = enter(pinfo);
  const ret = dissectStream(tvb, pinfo, tree);
  if (ret <= 0) {
    reject(pinfo, saved);
    return false;
  }
  pinfo.currentProto = saved.proto;
  return true;
}

/** The connection's dissector once JXTA was recognised on it (Wireshark's stream handle). */
function dissectJxtaConversation(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const saved = enter(pinfo);
  const ret = dissectStream(tvb, pinfo, tree);
  pinfo.currentProto = saved.proto;
  if (ret === 0) {
    pinfo.layers.length = saved.layers;
    return 0;
  }
  // A request for more bytes still claims the segment (TCP reassembles it for us), but adds
  // nothing to the tree, so Wireshark drops the layer.
  if (ret < 0) {
    pinfo.layers.length = saved.layers;
    return 1;
  }
  return ret;
}

heuristicList('tcp').add('jxta_tcp', heuristicJxtaTcp);
