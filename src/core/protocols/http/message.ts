/**
 * One HTTP message (Wireshark's dissect_http_message): the first line decides request/response,
 * reassembly is requested when the head or body is not complete (and can be), then the lines
 * are walked one by one, the request/response pairs linked, and the body handed on. When the
 * snaplen cut the message, the lines that were captured are still shown and the rest raises the
 * usual "Packet size limited during capture" exception.
 */
import { FRAME_MARK } from '../../dissect/frame-marks';
import { SEVERITY } from '../../dissect/expert';
import { PT, type PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import { callSub, dataDissector, dissectBody } from './body';
import type { HttpConv, HttpState } from './conversation';
import { hfHttp, protoHttp } from './fields';
import { classifyLine, parseStatusCode, requestLineFields, responseLineFields } from './first-line';
import {
  HTTP_NOTIFICATION,
  HTTP_OTHERS,
  HTTP_REQUEST,
  HTTP_RESPONSE,
  newHeaders,
  processHeader,
  TE,
  type HeaderContext,
  type HttpStatInfo,
  type HttpType,
} from './headers';
import { reqRespHdrsDoReassembly } from './reassembly';
import { ensureCapturedRemaining, findLineEnd, formatText, isPrint } from '../media/text';

export interface StreamContext {
  state: HttpState;
  conv: HttpConv;
  endOfStream: boolean;
  /** HTTP inside TLS (full URIs become https://). */
  isTls: boolean;
}

/**
 * Notes that HTTP put something in the tree: when a call ends without that (it only asked TCP
 * for more data), the "http" layer is dropped from frame.protocols again, as Wireshark does.
 */
export function markHttpItems(pinfo: PacketInfo): void {
  pinfo.setData('http.items', true);
}

function addHttpItem(pinfo: PacketInfo, tree: TreeParent, tvb: Tvb, offset: number): ProtoNode | null {
  markHttpItems(pinfo);
  return tree
    ? tree.add(protoHttp, tvb, offset, tvb.remaining(offset), null, 'Hypertext Transfer Protocol')
    : null;
}

function frameTimeNs(pinfo: PacketInfo, sec: number, nsec: number): number {
  return (pinfo.tsSec - sec) * 1e9 + (pinfo.tsNsec - nsec);
}

/**
 * Dissects the message starting at `origOffset`; returns the bytes it covered, or -1 when the
 * rest of the tvb is not (yet) for HTTP: binary continuation data, or reassembly requested.
 */
export function dissectHttpMessage(
  tvb: Tvb,
  origOffset: number,
  pinfo: PacketInfo,
  tree: TreeParent,
  ctx: StreamContext,
  messageIndex: number,
): number {
  const { conv, state } = ctx;
  const cols = pinfo.cols;
  let offset = origOffset;
  const reportedLength = tvb.reportedRemaining(offset);
  if (reportedLength < 1) return -1;

  // RFC 2616: an empty line where a request line is expected is ignored.
  let leadingCrlf = false;
  if (reportedLength > 3 && tvb.u16(offset) === 0x0d0a) {
    leadingCrlf = true;
    offset += 2;
  }
  const haveSeenHttp = conv.requestUri !== null;

  if (!isPrint(tvb.u8(offset))) {
    if (haveSeenHttp) {
      cols?.setProtocol('HTTP');
      cols?.setInfo('Continuation');
      const ti = addHttpItem(pinfo, tree, tvb, offset);
      callSub(pinfo, () => dataDissector(tvb.sub(origOffset), pinfo, ti));
    }
    return -1;
  }

  const first = findLineEnd(tvb, offset, ensureCapturedRemaining(tvb, offset), true);
  if (first.len === -1 && !reqRespHdrsDoReassembly(tvb, offset, pinfo, true, true, false)) return -1;

  const bytes = tvb.bytes;
  const firstAt = tvb.start + offset;
  const firstKind = first.len >= 0 ? classifyLine(bytes, firstAt, first.len) : null;
  if (firstKind) {
    if (cols) cols.setInfo(formatText(bytes, firstAt, firstAt + first.len) + ' ');
    let tryBody = !ctx.endOfStream;
    if (tryBody && firstKind.type === HTTP_RESPONSE) {
      const code = parseStatusCode(bytes, firstAt, first.len);
      const m = conv.requestMethod;
      const cls = Math.trunc(code / 100);
      if (
        m === 'HEAD' ||
        (cls === 2 && (m === 'CONNECT' || m === 'SSTP_DUPLEX_POST')) ||
        cls === 1 ||
        code === 204 ||
        code === 304
      ) {
        tryBody = false;
      }
    }
    if (!reqRespHdrsDoReassembly(tvb, offset, pinfo, true, tryBody, firstKind.type === HTTP_RESPONSE))
      return -1;
  } else if (haveSeenHttp) {
    cols?.setInfo('Continuation');
  }

  let ti: ProtoNode | null = null;
  if (firstKind || haveSeenHttp) {
    cols?.setProtocol('HTTP');
    ti = addHttpItem(pinfo, tree, tvb, offset);
    if (leadingCrlf) addLeadingCrlf(pinfo, ti);
  }
  let itemStart = offset;

  const stat: HttpStatInfo = {
    responseCode: 0,
    requestMethod: null,
    requestUri: null,
    httpHost: null,
    refererUri: null,
  };
  const headers = newHeaders();
  let type: HttpType = HTTP_OTHERS;
  let sawHead = false;
  let firstLoop = true;
  let hctx: HeaderContext | null = null;

  while (offset < tvb.length) {
    const le = findLineEnd(tvb, offset, ensureCapturedRemaining(tvb, offset), false);
    const lineAt = tvb.start + offset;
    const kind = classifyLine(bytes, lineAt, le.len);
    let colonOffset = -1;
    if (kind) {
      type = kind.type;
      if (kind.method !== null) {
        stat.requestMethod = kind.method;
        conv.requestMethod = kind.method;
      }
    } else if (le.len !== 0) {
      const colon = bytes.subarray(lineAt, lineAt + le.len).indexOf(0x3a);
      if (colon < 0) {
        // A head line without a colon at the very end of the data: the rest was not captured.
        if (sawHead) tvb.ensure(offset, le.len + 1);
        break;
      }
      colonOffset = offset + colon;
    }

    markHttpItems(pinfo);
    if (tree && !ti) {
      ti = addHttpItem(pinfo, tree, tvb, origOffset);
      itemStart = origOffset;
      if (leadingCrlf) addLeadingCrlf(pinfo, ti);
    }
    if (
      firstLoop &&
      !ctx.isTls &&
      pinfo.ptype === PT.TCP &&
      (pinfo.srcPort === 443 || pinfo.dstPort === 443)
    ) {
      addExpert(
        pinfo,
        ti,
        hfHttp.tlsPort,
        SEVERITY.WARN,
        'Security',
        'Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.',
      );
    }
    firstLoop = false;

    if (le.len === 0) {
      ti?.addText(tvb, offset, le.next - offset, formatText(bytes, lineAt, tvb.start + le.next));
      offset = le.next;
      break;
    }
    sawHead = true;
    if (kind) {
      const text = formatText(bytes, lineAt, tvb.start + le.next);
      const sub = ti ? ti.addText(tvb, offset, le.next - offset, text) : null;
      addExpert(pinfo, sub, hfHttp.chat, SEVERITY.CHAT, 'Sequence', text);
      // Marks before the fields: a cut-short line may throw after adding some of them.
      if (kind.type === HTTP_RESPONSE) {
        pinfo.marks |= FRAME_MARK.HTTP_RESPONSE;
        responseLineFields(tvb, sub, offset, le.len, conv, stat);
      } else {
        pinfo.marks |= FRAME_MARK.HTTP_REQUEST;
        requestLineFields(tvb, sub, offset, le.len, conv, stat);
      }
    } else {
      // One context per message, not per header line.
      if (!hctx) hctx = { tvb, pinfo, tree: ti, headers, conv, type, stat };
      hctx.tree = ti;
      hctx.type = type;
      processHeader(hctx, offset, le.next, le.len, colonOffset);
    }
    offset = le.next;
  }

  if (stat.httpHost !== null && stat.requestUri !== null) {
    const u = stat.requestUri;
    const lower = u.toLowerCase();
    const uri =
      lower.startsWith('http://') ||
      lower.startsWith('https://') ||
      (conv.requestMethod ?? '').toUpperCase().startsWith('CONNECT')
        ? u
        : `${ctx.isTls ? 'https' : 'http'}://${stat.httpHost.trim()}${u}`;
    conv.fullUri = uri;
    ti?.add(hfHttp.fullUri, tvb, 0, 0, uri).setGenerated();
  }

  if (!pinfo.visited) {
    if (type === HTTP_REQUEST) state.pushRequest(conv, pinfo, messageIndex);
    else if (type === HTTP_RESPONSE) state.pushResponse(conv, pinfo, messageIndex);
  }
  if (ti) addLinks(ti, tvb, pinfo, ctx, type, messageIndex);

  // How much of what follows is this message's body.
  let datalen = tvb.remaining(offset);
  let reportedDatalen = tvb.reportedRemaining(offset);
  let toEnd = false;
  if (headers.haveContentLength && headers.transferEncoding === TE.NONE) {
    datalen = Math.min(datalen, headers.contentLength);
    reportedDatalen = Math.min(reportedDatalen, headers.contentLength);
  } else if (type === HTTP_REQUEST) {
    if (headers.transferEncoding === TE.NONE) datalen = 0;
    else toEnd = true;
  } else if (type === HTTP_RESPONSE) {
    const c = stat.responseCode;
    if (Math.trunc(c / 100) === 1 || c === 204 || c === 304) datalen = 0;
    else toEnd = true;
  } else {
    toEnd = true;
  }

  if (datalen > 0) {
    const rep = toEnd ? tvb.reportedRemaining(offset) : reportedDatalen;
    const body = tvb.sub(offset, datalen, rep);
    const used = dissectBody(body, datalen, {
      pinfo,
      tree,
      httpTree: ti,
      headers,
      type,
      headersEnd: offset - itemStart,
    });
    offset += used;
  }

  // After a 101 (Upgrade) or a 200 to CONNECT the connection carries something else.
  if (
    conv.requestMethod !== null &&
    type === HTTP_RESPONSE &&
    pinfo.desegmentOffset <= 0 &&
    pinfo.desegmentLen <= 0 &&
    !pinfo.visited
  ) {
    const switched =
      (conv.requestMethod === 'SSTP_DUPLEX_POST' && conv.responseCode === 200) ||
      (headers.upgrade !== null && conv.responseCode === 101);
    if (switched) {
      conv.startFrame = pinfo.num;
      conv.startOffset = offset;
      conv.nextDissector = null;
      conv.serverPort = pinfo.srcPort;
    }
  }
  return offset - origOffset;
}

function addLeadingCrlf(pinfo: PacketInfo, ti: ProtoNode | null): void {
  addExpert(
    pinfo,
    ti,
    hfHttp.leadingCrlf,
    SEVERITY.ERROR,
    'Malformed',
    'Leading CRLF previous message in the stream may have extra CRLF',
  );
}

/** Request/response numbering and the links between the pairs of the connection. */
function addLinks(
  ti: ProtoNode,
  tvb: Tvb,
  pinfo: PacketInfo,
  ctx: StreamContext,
  type: HttpType,
  index: number,
): void {
  const curr = ctx.state.current(pinfo, index);
  const prev = curr ? curr.prev : null;
  const next = curr ? curr.next : null;
  const total = ctx.conv.reqResNum;
  const frame = (f: typeof hfHttp.requestIn, v: number): void => {
    ti.add(f, tvb, 0, 0, v).setGenerated();
  };
  switch (type) {
    case HTTP_NOTIFICATION:
      ti.addHidden(hfHttp.notification, tvb, 0, 0, 1);
      break;
    case HTTP_RESPONSE:
      ti.addHidden(hfHttp.response, tvb, 0, 0, 1);
      if (curr) {
        ti.add(
          hfHttp.responseNumber,
          tvb,
          0,
          0,
          curr.number,
          `HTTP response ${curr.number}/${total}`,
        ).setGenerated();
        if (!Number.isNaN(curr.reqSec))
          ti.add(hfHttp.time, tvb, 0, 0, frameTimeNs(pinfo, curr.reqSec, curr.reqNsec)).setGenerated();
      }
      if (prev && prev.reqFrame) frame(hfHttp.prevRequestIn, prev.reqFrame);
      if (prev && prev.resFrame) frame(hfHttp.prevResponseIn, prev.resFrame);
      if (curr && curr.reqFrame) frame(hfHttp.requestIn, curr.reqFrame);
      if (next && next.reqFrame) frame(hfHttp.nextRequestIn, next.reqFrame);
      if (next && next.resFrame) frame(hfHttp.nextResponseIn, next.resFrame);
      if (ctx.conv.fullUri !== null || ctx.conv.requestUri !== null) {
        ti.add(hfHttp.responseForUri, tvb, 0, 0, ctx.conv.fullUri ?? ctx.conv.requestUri).setGenerated();
      }
      break;
    case HTTP_REQUEST:
      ti.addHidden(hfHttp.request, tvb, 0, 0, 1);
      if (curr)
        ti.add(
          hfHttp.requestNumber,
          tvb,
          0,
          0,
          curr.number,
          `HTTP request ${curr.number}/${total}`,
        ).setGenerated();
      if (prev && prev.reqFrame) frame(hfHttp.prevRequestIn, prev.reqFrame);
      if (curr && curr.resFrame) frame(hfHttp.responseIn, curr.resFrame);
      if (next && next.reqFrame) frame(hfHttp.nextRequestIn, next.reqFrame);
      break;
    default:
      break;
  }
}
