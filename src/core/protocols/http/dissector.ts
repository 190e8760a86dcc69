/**
 * HTTP/1.x over TCP: the registered ports, the heuristic for other ports, and the loop over the
 * messages of one TCP payload (dissect_http_on_stream). Bodies and media types: body.ts and
 * ../media.
 */
import type { PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { tcpSetConversationDissector, type TcpInfo } from '../tcp/tcp-info';
import '../media/register';
import { callSub, dataDissector } from './body';
import { HttpState, type HttpConv } from './conversation';
import { hfHttp, protoHttp } from './fields';
import { dissectHttpMessage, markHttpItems, type StreamContext } from './message';
import { findLineEnd } from '../media/text';

/** TCP ports tshark decodes as HTTP by default. */
export const HTTP_TCP_PORTS = [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371];

const TH_FIN = 0x01;

function newHttpState(): HttpState {
  return new HttpState();
}

function httpState(pinfo: PacketInfo): HttpState {
  return pinfo.capture.stateFor('http', newHttpState);
}

function tcpInfo(data: unknown): TcpInfo | null {
  return data && typeof data === 'object' && 'nxtseq' in data ? (data as TcpInfo) : null;
}

/** All HTTP messages of a TCP payload (or of a reassembled PDU). */
function dissectOnStream(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, ctx: StreamContext): void {
  const { conv } = ctx;
  let offset = 0;
  let index = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    if (
      conv.startFrame &&
      (pinfo.num > conv.startFrame || (pinfo.num === conv.startFrame && offset >= conv.startOffset))
    ) {
      // After a protocol switch the rest is not HTTP; we have no dissector for what follows.
      if (pinfo.canDesegment > 0) pinfo.canDesegment++;
      callSub(pinfo, () => dataDissector(tvb.sub(offset), pinfo, tree));
      if (pinfo.desegmentLen) pinfo.desegmentOffset += offset;
      break;
    }
    const len = dissectHttpMessage(tvb, offset, pinfo, tree, ctx, index++);
    if (len === -1) break;
    offset += len;
    // The first message owns the Info column; later ones append after the fence.
    pinfo.cols?.setFence();
  }
}

/** HTTP CONNECT tunnel: after the 200 the payload belongs to the tunnelled protocol. */
function tunnel(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, conv: HttpConv, data: unknown): boolean {
  if (
    !(pinfo.num >= conv.startFrame && conv.responseCode === 200 && conv.requestMethod !== null) ||
    !conv.requestMethod.startsWith('CONNECT') ||
    conv.requestUri === null
  ) {
    return false;
  }
  markHttpItems(pinfo);
  if (conv.startFrame === 0 && !pinfo.visited) {
    conv.startFrame = pinfo.num;
    conv.startOffset = 0;
    conv.serverPort = pinfo.dstPort;
  }
  const parts = conv.requestUri.split(':');
  if (parts.length < 2) return true;
  const port = parseInt(parts.slice(1).join(':'), 10) & 0xffff;
  if (tree) {
    const t = tree.add(protoHttp, tvb, 0, tvb.length, null, 'Hypertext Transfer Protocol');
    t.add(hfHttp.proxyConnectHost, tvb, 0, 0, parts[0]).setGenerated();
    t.add(hfHttp.proxyConnectPort, tvb, 0, 0, port).setGenerated();
  }
  const next = HTTP_TCP_PORTS.includes(port) ? undefined : dissectorTable('tcp.port').get(port);
  if (!next || callSub(pinfo, () => next(tvb, pinfo, tree, data)) === 0) {
    callSub(pinfo, () => dataDissector(tvb, pinfo, tree));
  }
  return true;
}

/** dissect_http_tcp */
export function dissectHttp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'HTTP';
  const layers = pinfo.layers.length;
  pinfo.addLayer('http');
  pinfo.setData('http.items', false);
  const info = tcpInfo(data);
  const state = httpState(pinfo);
  const conv = state.conversation(pinfo, info?.stream);
  if (tunnel(tvb, pinfo, tree, conv, data)) return tvb.length;
  const endOfStream = info !== null && (info.flags & TH_FIN) !== 0;
  dissectOnStream(tvb, pinfo, tree, { state, conv, endOfStream, isTls: false });
  // Nothing shown (e.g. only reassembly requested): the layer does not count (call_dissector_work).
  if (!pinfo.getData<boolean>('http.items')) pinfo.layers.length = layers;
  return tvb.length;
}

/** "HTTP/1." (any case) at `o`; bytes that are not there are a mismatch (no exception). */
function httpVersionAt(tvb: Tvb, o: number): boolean {
  if (o < 0 || !tvb.has(o, 7)) return false;
  const b = tvb.bytes;
  const p = tvb.start + o;
  for (let i = 0; i < 7; i++) {
    let c = b[p + i];
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== HTTP_1_DOT.charCodeAt(i)) return false;
  }
  return true;
}

const HTTP_1_DOT = 'HTTP/1.';

/**
 * HTTP on any TCP port: the first line must end in a line terminator and start or end with
 * "HTTP/1." (a status line or a request line); then the whole connection is HTTP.
 */
function heuristicHttp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): boolean {
  const le = findLineEnd(tvb, 0, -1, true);
  if (le.len === -1 || le.len === 8) return false;
  if (!httpVersionAt(tvb, le.len - 8) && !httpVersionAt(tvb, 0)) return false;
  tcpSetConversationDissector(pinfo, dissectHttp);
  dissectHttp(tvb, pinfo, tree, data);
  return true;
}

const tcp = dissectorTable('tcp.port');
for (const port of HTTP_TCP_PORTS) tcp.add(port, dissectHttp);
heuristicList('tcp').add('http_tcp', heuristicHttp);
