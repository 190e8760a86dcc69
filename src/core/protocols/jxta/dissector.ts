import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import { dissectMediaFallback } from '../media/media';
import { mediaTypeTable } from '../media/table';
import { headersOf, tcpSetConversationDissector } from '../tcp/tcp-info';
import { noteWelcome, tptConversation, usePeerAddresses } from './conversation';
import { protoJxta } from './fields';
import { dissectFraming, reportedRemaining } from './framing';
import { dissectWelcome, startsWithWelcome, WELCOME_SIG } from './welcome';

/** Content lengths beyond 32 bits are not JXTA (Wireshark's check against UINT_MAX). */
const UINT_MAX = 0xffffffffn;

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
    const c = tptConversation(pinfo);
    setConversationDissector(pinfo);
    const initiator = noteWelcome(c, pinfo);
    const setUri = (id: string): void => {
      if (initiator) c.initiatorUri = id;
      else c.receiverUri = id;
    };
    const probe = dissectWelcome(tvb, pinfo, null, initiator, setUri);
    if (probe < 0) {
      needed = -probe;
    } else {
      const t = tree ? tree.add(protoJxta, tvb, 0, tvb.length, null, 'JXTA') : null;
      offset += t ? dissectWelcome(tvb, pinfo, t, initiator, setUri) : probe;
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
        const c = tptConversation(pinfo);
        setConversationDissector(pinfo);
        usePeerAddresses(c, pinfo);
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
 * The message body by media type (Wireshark's dissect_media in JXTA): the media type table by
 * the lower-case type without parameters, else the "Media Type" fallback. JXTA's own binary
 * message format ("application/x-jxta-msg") is not decoded here, so it takes the fallback too.
 */
function dissectMedia(contentType: string, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const semi = contentType.indexOf(';');
  const type = (semi >= 0 ? contentType.slice(0, semi) : contentType).toLowerCase();
  const params = semi >= 0 ? contentType.slice(semi + 1) : null;
  const info = { messageType: 0, mediaStr: params, matchString: type };
  const d = mediaTypeTable.get(type);
  const n = d ? d(tvb, pinfo, tree, info) : 0;
  return n > 0 ? n : dissectMediaFallback(tvb, pinfo, tree, info);
}

/**
 * The TCP heuristic (enabled by default in tshark 4.0): accepts only what dissect_jxta_stream
 * dissected; a request for more bytes counts as a rejection. Exceptions escape with "jxta" in
 * frame.protocols, which is how snaplen-cut segments whose first byte makes the header walk
 * read at the captured end become "[Packet size limited during capture]" frames.
 */
export function heuristicJxtaTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  // Plain locals: this runs on every TCP payload no port dissector took.
  const proto = pinfo.currentProto;
  const layers = pinfo.layers.length;
  const desegmentOffset = pinfo.desegmentOffset;
  const desegmentLen = pinfo.desegmentLen;
  pinfo.currentProto = 'JXTA';
  pinfo.addLayer('jxta');
  const ret = dissectStream(tvb, pinfo, tree);
  pinfo.currentProto = proto;
  if (ret > 0) return true;
  pinfo.layers.length = layers;
  pinfo.desegmentOffset = desegmentOffset;
  pinfo.desegmentLen = desegmentLen;
  return false;
}

/** Wireshark's conversation_set_dissector(stream_jxta_handle), once per connection. */
function setConversationDissector(pinfo: PacketInfo): void {
  const hs = headersOf(pinfo);
  const conv = hs.length > 0 ? hs[hs.length - 1].conv : null;
  if (conv?.dissectorAt(pinfo.num) === dissectJxtaConversation) return;
  tcpSetConversationDissector(pinfo, dissectJxtaConversation);
}

/** The connection's dissector once JXTA was recognised on it (Wireshark's stream handle). */
function dissectJxtaConversation(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const proto = pinfo.currentProto;
  const layers = pinfo.layers.length;
  pinfo.currentProto = 'JXTA';
  pinfo.addLayer('jxta');
  const ret = dissectStream(tvb, pinfo, tree);
  pinfo.currentProto = proto;
  if (ret > 0) return ret;
  pinfo.layers.length = layers;
  // A request for more bytes still claims the segment (TCP reassembles it for us), but adds
  // nothing to the tree, so Wireshark drops the layer.
  return ret < 0 ? 1 : 0;
}

tcpHeuristicChain.add('jxta', heuristicJxtaTcp);
