import { gunzipSync, inflateSync, unzlibSync } from 'fflate';
import { dissectData } from '../../dissect/frame';
import { SEVERITY } from '../../dissect/expert';
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import { HttpState } from './conversation';
import { HEADER_FIELDS, hfHttp, protoHttp, STATUS_TEXT } from './fields';
import { dissectMedia } from './media';

/** TCP ports tshark decodes as HTTP by default. */
export const HTTP_TCP_PORTS = [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371];

const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'NOTIFY',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'M-SEARCH',
  'REPORT',
  'SEARCH',
];

function httpState(pinfo: PacketInfo): HttpState {
  return pinfo.capture.stateFor('http', () => new HttpState());
}

/** What the first line says the message is; null when it is not an HTTP message start. */
function firstLineKind(line: string): 'request' | 'response' | null {
  if (line.startsWith('HTTP/')) return 'response';
  const sp = line.indexOf(' ');
  if (sp > 0 && METHODS.includes(line.slice(0, sp)) && / HTTP\/\d\.\d$/.test(line)) return 'request';
  return null;
}

/** Offset just past the blank line that ends the header block, or -1 if not in the data yet. */
function headerEnd(tvb: Tvb, off: number): number {
  const b = tvb.bytes;
  const s = tvb.start;
  for (let i = off; i < tvb.length; i++) {
    if (b[s + i] !== 0x0a) continue;
    if (i + 1 < tvb.length && b[s + i + 1] === 0x0a) return i + 2;
    if (i + 2 < tvb.length && b[s + i + 1] === 0x0d && b[s + i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

interface Header {
  name: string;
  value: string;
  /** Offset of the line and its length including the line end. */
  off: number;
  len: number;
}

interface Parsed {
  firstLine: string;
  firstLen: number;
  headers: Header[];
  /** Offset of the blank line. */
  blank: number;
  end: number;
}

function parseHead(tvb: Tvb, off: number, end: number): Parsed {
  const lines: { text: string; off: number; len: number }[] = [];
  let p = off;
  while (p < end) {
    const nl = tvb.find(p, 0x0a, end - p);
    const stop = nl < 0 ? end : nl + 1;
    let text = tvb.latin1(p, stop - p);
    text = text.replace(/\r?\n$/, '');
    lines.push({ text, off: p, len: stop - p });
    p = stop;
  }
  const first = lines[0];
  const blank = lines[lines.length - 1];
  const headers: Header[] = [];
  for (const l of lines.slice(1, -1)) {
    const colon = l.text.indexOf(':');
    headers.push({
      name: colon < 0 ? l.text : l.text.slice(0, colon),
      value: colon < 0 ? '' : l.text.slice(colon + 1).trim(),
      off: l.off,
      len: l.len,
    });
  }
  return { firstLine: first.text, firstLen: first.len, headers, blank: blank.off, end };
}

function header(p: Parsed, name: string): string | undefined {
  const n = name.toLowerCase();
  return p.headers.find((h) => h.name.toLowerCase() === n)?.value;
}

/** Result of locating a chunked body: its end, or -1 when more data is needed. */
function chunkedEnd(tvb: Tvb, off: number): number {
  let p = off;
  for (;;) {
    const nl = tvb.find(p, 0x0a);
    if (nl < 0) return -1;
    const size = parseInt(
      tvb
        .latin1(p, nl - p)
        .trim()
        .split(';')[0],
      16,
    );
    if (Number.isNaN(size)) return tvb.length;
    p = nl + 1;
    if (size === 0) {
      // Trailer lines until an empty line.
      for (;;) {
        const e = tvb.find(p, 0x0a);
        if (e < 0) return -1;
        const empty = e === p || (e === p + 1 && tvb.u8(p) === 0x0d);
        p = e + 1;
        if (empty) return p;
      }
    }
    p += size;
    if (p + 2 > tvb.length) return -1;
    p += tvb.u8(p) === 0x0d ? 2 : 1;
  }
}

/**
 * HTTP/1.x over TCP: request/response heads, bodies by Content-Length, chunked or until the
 * connection closes, completed through TCP desegmentation when they span segments.
 */
export function dissectHttp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'HTTP';
  pinfo.addLayer('http');
  const cols = pinfo.cols;
  cols?.setProtocol('HTTP');
  let off = 0;
  let index = pinfo.getData<number>('http.index') ?? 0;
  while (off < tvb.reportedLength) {
    const nl = tvb.find(off, 0x0a);
    const line = tvb.latin1(off, (nl < 0 ? tvb.length : nl) - off).replace(/\r$/, '');
    const kind =
      nl < 0 ? (tvb.length - off < 8 ? null : firstLineKind(line + ' HTTP/1.1')) : firstLineKind(line);
    if (!kind) {
      continuation(tvb, off, pinfo, tree);
      return tvb.length;
    }
    const hend = nl < 0 ? -1 : headerEnd(tvb, off);
    if (hend < 0) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
        return tvb.length;
      }
    }
    const head = parseHead(tvb, off, hend < 0 ? tvb.length : hend);
    const isRequest = kind === 'request';
    const bodyStart = hend < 0 ? tvb.length : hend;
    // How long the body is, as far as the head tells.
    let bodyEnd = bodyStart;
    const te = header(head, 'Transfer-Encoding');
    const cl = header(head, 'Content-Length');
    const statusCode = isRequest ? 0 : Number(head.firstLine.split(' ')[1]);
    const state = httpState(pinfo);
    // No body: 1xx/204/304, and any answer to HEAD (whatever length it announces).
    const noBody =
      !isRequest &&
      ((!pinfo.visited && state.pendingMethod(pinfo) === 'HEAD') ||
        statusCode === 204 ||
        statusCode === 304 ||
        (statusCode >= 100 && statusCode < 200));
    if (noBody) bodyEnd = bodyStart;
    else if (te && te.toLowerCase().includes('chunked')) {
      const e = chunkedEnd(tvb, bodyStart);
      if (e < 0 && pinfo.canDesegment) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
        return tvb.length;
      }
      bodyEnd = e < 0 ? tvb.length : e;
    } else if (cl !== undefined && /^\d+$/.test(cl)) {
      const want = bodyStart + Number(cl);
      if (want > tvb.length && pinfo.canDesegment) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = want - tvb.length;
        return tvb.length;
      }
      bodyEnd = Math.min(want, Math.max(tvb.length, bodyStart));
    } else if (!isRequest) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = DESEGMENT_UNTIL_FIN;
        return tvb.length;
      }
      bodyEnd = tvb.length;
    }
    dissectMessage(tvb, off, head, bodyStart, bodyEnd, isRequest, pinfo, tree, index++);
    pinfo.setData('http.index', index);
    if (bodyEnd <= off) break;
    off = bodyEnd;
  }
  return tvb.length;
}

function continuation(tvb: Tvb, off: number, pinfo: PacketInfo, tree: TreeParent): void {
  pinfo.cols?.setInfo('Continuation');
  const t = tree
    ? tree.add(protoHttp, tvb, off, tvb.length - off, null, 'Hypertext Transfer Protocol')
    : null;
  // Nothing captured of the payload: report it the way a bounds error does.
  if (tvb.remaining(off) === 0) tvb.ensure(off, 1);
  dissectData(tvb.sub(off), pinfo, t ? (tree as TreeParent) : null);
}

function dissectMessage(
  tvb: Tvb,
  off: number,
  head: Parsed,
  bodyStart: number,
  bodyEnd: number,
  isRequest: boolean,
  pinfo: PacketInfo,
  tree: TreeParent,
  index: number,
): void {
  const cols = pinfo.cols;
  const first = head.firstLine;
  if (cols) {
    if (index === 0) cols.setInfo(`${first} `);
    else cols.appendInfoSep(' , ', `${first} `);
  }
  const parts = first.split(' ');
  const host = header(head, 'Host');
  let fullUri = '';
  if (isRequest) {
    const uri = parts[1] ?? '';
    fullUri = uri.startsWith('/') && host !== undefined ? `http://${host}${uri}` : uri;
  }
  const info = httpState(pinfo).message(pinfo, index, isRequest, fullUri, isRequest ? parts[0] : '');
  const t = tree ? tree.add(protoHttp, tvb, off, bodyEnd - off, null, 'Hypertext Transfer Protocol') : null;
  if (t) {
    const ft = t.addText(tvb, off, head.firstLen, first + '\\r\\n');
    addExpert(pinfo, ft, hfHttp.chat, SEVERITY.CHAT, 'Sequence', `${first}\\r\\n`);
    t.addHidden(isRequest ? hfHttp.request : hfHttp.response, tvb, off, 0, 1);
    if (isRequest) {
      const uri = parts[1] ?? '';
      ft.add(hfHttp.method, tvb, off, parts[0].length, parts[0]);
      ft.add(hfHttp.uri, tvb, off + parts[0].length + 1, uri.length, uri);
      const q = uri.indexOf('?');
      if (q >= 0) {
        ft.add(hfHttp.uriPath, tvb, off + parts[0].length + 1, q, uri.slice(0, q));
        ft.add(hfHttp.uriQuery, tvb, off + parts[0].length + 2 + q, uri.length - q - 1, uri.slice(q + 1));
        for (const param of uri.slice(q + 1).split('&')) ft.add(hfHttp.uriQueryParameter, tvb, off, 0, param);
      }
      ft.add(
        hfHttp.requestVersion,
        tvb,
        off + first.length - (parts[2] ?? '').length,
        (parts[2] ?? '').length,
        parts[2] ?? '',
      );
    } else {
      const code = Number(parts[1]);
      const phrase = parts.slice(2).join(' ');
      ft.add(hfHttp.responseVersion, tvb, off, parts[0].length, parts[0]);
      ft.add(hfHttp.code, tvb, off + parts[0].length + 1, 3, code);
      ft.add(
        hfHttp.codeDesc,
        tvb,
        off + parts[0].length + 1,
        3,
        STATUS_TEXT[code] ?? 'Unknown',
      ).setGenerated();
      ft.add(hfHttp.phrase, tvb, off + parts[0].length + 5, phrase.length, phrase);
    }
    for (const h of head.headers) addHeader(t, tvb, h, isRequest);
    t.addText(tvb, head.blank, head.end - head.blank, '\\r\\n');
    if (isRequest) {
      if (fullUri) t.add(hfHttp.fullUri, tvb, off, 0, fullUri).setGenerated();
      t.add(
        hfHttp.requestNumber,
        tvb,
        off,
        0,
        info.number,
        `HTTP request ${info.number}/${info.number}`,
      ).setGenerated();
      if (info.prevFrame) t.add(hfHttp.prevRequestIn, tvb, off, 0, info.prevFrame).setGenerated();
      const resp = pinfo.visited ? httpState(pinfo).responseOf.get(pinfo.num) : undefined;
      if (resp) t.add(hfHttp.responseIn, tvb, off, 0, resp).setGenerated();
    } else {
      t.add(
        hfHttp.responseNumber,
        tvb,
        off,
        0,
        info.number,
        `HTTP response ${info.number}/${info.number}`,
      ).setGenerated();
      if (info.requestFrame) t.add(hfHttp.time, tvb, off, 0, info.timeNs).setGenerated();
      if (info.prevFrame) t.add(hfHttp.prevResponseIn, tvb, off, 0, info.prevFrame).setGenerated();
      if (info.requestFrame) {
        t.add(hfHttp.requestIn, tvb, off, 0, info.requestFrame).setGenerated();
        if (info.requestUri) t.add(hfHttp.responseForUri, tvb, off, 0, info.requestUri).setGenerated();
      }
    }
  }
  if (info.requestMethod === 'HEAD') return;
  if (bodyEnd <= bodyStart) return;
  let body = tvb.sub(bodyStart, bodyEnd - bodyStart);
  const te = header(head, 'Transfer-Encoding');
  if (te && te.toLowerCase().includes('chunked')) body = dechunk(body, pinfo, t);
  const ce = header(head, 'Content-Encoding')?.toLowerCase();
  if (ce === 'gzip' || ce === 'deflate' || ce === 'x-gzip') body = decode(body, ce, t);
  if (t && body.length > 0)
    t.add(
      hfHttp.fileData,
      body,
      0,
      body.length,
      body.latin1(0, body.length),
      `File Data: ${body.reportedLength} bytes`,
    );
  const ctype = (header(head, 'Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  dissectMedia(body, pinfo, tree, ctype);
}

function addHeader(t: ProtoNode, tvb: Tvb, h: Header, isRequest: boolean): void {
  const lineText = tvb.latin1(h.off, h.len);
  const shown = lineText.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  t.addHidden(isRequest ? hfHttp.requestLine : hfHttp.responseLine, tvb, h.off, h.len, lineText);
  const key = HEADER_FIELDS[h.name.toLowerCase()];
  if (!key) {
    t.add(hfHttp.unknownHeader, tvb, h.off, h.len, lineText, shown);
    return;
  }
  const item = t.add(hfHttp[key], tvb, h.off, h.len, h.value, shown);
  if (key === 'contentLengthHeader' && /^\d+$/.test(h.value)) {
    item
      .add(hfHttp.contentLength, tvb, h.off, h.len, Number(h.value), `Content length: ${h.value}`)
      .setGenerated();
  }
}

/** Removes chunked transfer coding; the result is a new data source ("De-chunked entity body"). */
function dechunk(body: Tvb, _pinfo: PacketInfo, t: ProtoNode | null): Tvb {
  const out: Uint8Array[] = [];
  let p = 0;
  const ct = t ? t.addText(body, 0, body.length, `HTTP chunked response`) : null;
  while (p < body.length) {
    const nl = body.find(p, 0x0a);
    if (nl < 0) break;
    const size = parseInt(
      body
        .latin1(p, nl - p)
        .trim()
        .split(';')[0],
      16,
    );
    if (Number.isNaN(size)) break;
    const dataStart = nl + 1;
    if (size === 0) {
      if (ct) {
        const e = ct.addText(body, p, body.length - p, 'End of chunked encoding');
        e.add(hfHttp.chunkSize, body, p, nl + 1 - p, 0, 'Chunk size: 0 octets');
      }
      break;
    }
    const avail = Math.min(size, body.length - dataStart);
    out.push(body.view(dataStart, avail));
    if (ct) {
      const c = ct.addText(body, p, nl + 1 - p + size + 2, `Data chunk (${size} octets)`);
      c.add(hfHttp.chunkSize, body, p, nl + 1 - p, size, `Chunk size: ${size} octets`);
      c.add(hfHttp.chunkData, body, dataStart, avail, body.view(dataStart, avail));
      if (body.has(dataStart + size, 2))
        c.add(hfHttp.chunkBoundary, body, dataStart + size, 2, body.view(dataStart + size, 2));
    }
    p = dataStart + size + 2;
  }
  const n = out.reduce((a, b) => a + b.length, 0);
  const bytes = new Uint8Array(n);
  let o = 0;
  for (const b of out) {
    bytes.set(b, o);
    o += b.length;
  }
  const source = { name: `De-chunked entity body (${n} bytes)`, bytes };
  if (t) t.root.addSource(source);
  return Tvb.of(source);
}

/** Decompresses a gzip/deflate body for display; on damage the body is shown as it is. */
function decode(body: Tvb, enc: string, t: ProtoNode | null): Tvb {
  const raw = body.view(0, body.length);
  let out: Uint8Array;
  try {
    out = enc === 'deflate' ? (raw[0] === 0x78 ? unzlibSync(raw) : inflateSync(raw)) : gunzipSync(raw);
  } catch {
    return body;
  }
  const source = { name: `Uncompressed entity body (${out.length} bytes)`, bytes: out };
  if (t) {
    t.root.addSource(source);
    t.addText(
      body,
      0,
      body.length,
      `Content-encoded entity body (${enc}): ${body.length} bytes -> ${out.length} bytes`,
    );
  }
  return Tvb.of(source);
}

/** HTTP on any TCP port when the data starts with a request or status line (tshark's http heuristic). */
function heuristicHttp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  const nl = tvb.find(0, 0x0a, 512);
  if (nl < 0) return false;
  const line = tvb.latin1(0, nl).replace(/\r$/, '');
  if (!firstLineKind(line)) return false;
  dissectHttp(tvb, pinfo, tree);
  return true;
}

const tcp = dissectorTable('tcp.port');
for (const port of HTTP_TCP_PORTS) tcp.add(port, dissectHttp);
heuristicList('tcp').add('http', heuristicHttp);
