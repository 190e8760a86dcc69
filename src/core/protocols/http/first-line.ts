/**
 * Request and status lines: recognising them (is_http_request_or_reply) and their fields
 * (basic_request_dissector, basic_response_dissector).
 */
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import type { HttpConv } from './conversation';
import { hfHttp, STATUS_TEXT } from './fields';
import { HTTP_NOTIFICATION, HTTP_REQUEST, HTTP_RESPONSE, type HttpStatInfo, type HttpType } from './headers';

/** Methods by length, as Wireshark lists them (notifications are GENA/UPnP). */
const REQUEST_METHODS: Record<number, string[]> = {
  3: ['GET', 'PUT'],
  4: ['COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST'],
  5: ['BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'PATCH', 'LABEL', 'MERGE'],
  6: ['DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE'],
  7: ['BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN'],
  8: ['PROPFIND', 'CHECKOUT', 'CCM_POST'],
  9: ['PROPPATCH', 'BPROPFIND'],
  10: ['BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY'],
  11: ['MKWORKSPACE', 'RPC_CONNECT', 'RPC_IN_DATA'],
  12: ['RPC_OUT_DATA'],
  15: ['VERSION-CONTROL'],
  16: ['BASELINE-CONTROL', 'SSTP_DUPLEX_POST'],
};
const NOTIFY_METHODS = new Set(['NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE']);

export interface FirstLine {
  type: HttpType;
  /** The method token (after an "M-" prefix) for requests and notifications. */
  method: string | null;
}

function startsWith(b: Uint8Array, at: number, len: number, s: string): boolean {
  if (len < s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * Classifies a line (bytes [at, at+len); len -1 = no complete line) as a response ("HTTP/",
 * "ICY"), a request or notification (known method followed by a space or the end of the line),
 * or neither (null).
 */
export function classifyLine(b: Uint8Array, at: number, len: number): FirstLine | null {
  if (len >= 2 && b[at] === 0x4d && b[at + 1] === 0x2d) {
    // RFC 2774 "M-" mandatory-extension prefix.
    at += 2;
    len -= 2;
  }
  if (startsWith(b, at, len, 'HTTP/') || startsWith(b, at, len, 'ICY'))
    return { type: HTTP_RESPONSE, method: null };
  let idx = 0;
  while (idx < len && b[at + idx] !== 0x20) idx++;
  let token = '';
  for (let i = 0; i < idx; i++) token += String.fromCharCode(b[at + i]);
  if (REQUEST_METHODS[idx]?.includes(token)) return { type: HTTP_REQUEST, method: token };
  if (NOTIFY_METHODS.has(token)) return { type: HTTP_NOTIFICATION, method: token };
  return null;
}

/** get_token_len: up to a blank/CR/LF, then skips blanks. */
function token(b: Uint8Array, p: number, end: number): { len: number; next: number } {
  const start = p;
  while (p < end && b[p] !== 0x20 && b[p] !== 0x0d && b[p] !== 0x0a) p++;
  const len = p - start;
  while (p < end && b[p] === 0x20) p++;
  return { len, next: p };
}

function text(b: Uint8Array, from: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = b[from + i];
    if (c === 0) break;
    s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return s;
}

/** The method, URI (with path/query/parameters) and version of a request line. */
export function requestLineFields(
  tvb: Tvb,
  tree: ProtoNode | null,
  offset: number,
  lineLen: number,
  conv: HttpConv,
  stat: HttpStatInfo,
): void {
  const b = tvb.view(offset, lineLen);
  const end = lineLen;
  let p = 0;
  const m = token(b, p, end);
  if (m.len === 0) return;
  tree?.add(hfHttp.method, tvb, offset, m.len, text(b, 0, m.len));
  let next = m.next;
  // Two spaces after the method mean an empty URI.
  if (next > 2 && b[next - 1] === 0x20 && b[next - 2] === 0x20) next--;
  p = next;
  const u = token(b, p, end);
  const uri = text(b, p, u.len);
  stat.requestUri = uri;
  conv.requestUri = uri;
  if (tree) {
    const ui = tree.add(hfHttp.uri, tvb, offset + p, u.len, uri);
    const q = uri.indexOf('?');
    if (q >= 0 && uri.length - q > 1) {
      const query = uri.slice(q + 1);
      const pathLen = uri.length - query.length;
      let qOff = offset + p + pathLen;
      ui.add(hfHttp.uriPath, tvb, offset + p, pathLen - 1, uri.slice(0, pathLen - 1));
      const qi = ui.add(hfHttp.uriQuery, tvb, qOff, query.length, query);
      // strtok: empty parameters are skipped, offsets advance by token + 1.
      for (const param of query.split('&')) {
        if (param === '') continue;
        qi.add(hfHttp.uriQueryParameter, tvb, qOff, param.length, param);
        qOff += param.length + 1;
      }
    }
  }
  p = u.next;
  tree?.add(hfHttp.requestVersion, tvb, offset + p, end - p, text(b, p, end - p));
}

/** First three characters of the status token as a number (strtoul semantics), or null. */
function statusDigits(b: Uint8Array, p: number): number {
  let s = '';
  for (let i = 0; i < 3; i++) s += String.fromCharCode(b[p + i]);
  const m = /^[\t\n\v\f\r ]*[+]?(\d+)/.exec(s);
  return m ? parseInt(m[1], 10) : 0;
}

/** parse_http_status_code: the status of a response line, 0 when it has none. */
export function parseStatusCode(b: Uint8Array, at: number, len: number): number {
  const end = at + len;
  const v = token(b, at, end);
  if (v.len === 0) return 0;
  const c = token(b, v.next, end);
  if (c.len !== 3) return 0;
  const s = String.fromCharCode(b[v.next], b[v.next + 1], b[v.next + 2]);
  return /^[+-]?\d+$/.test(s) ? parseInt(s, 10) : 0;
}

/** Version, status code (+ description) and reason phrase of a status line. */
export function responseLineFields(
  tvb: Tvb,
  tree: ProtoNode | null,
  offset: number,
  lineLen: number,
  conv: HttpConv,
  stat: HttpStatInfo,
): void {
  const b = tvb.view(offset, lineLen);
  const end = lineLen;
  const v = token(b, 0, end);
  if (v.len === 0) return;
  tree?.add(hfHttp.responseVersion, tvb, offset, v.len, text(b, 0, v.len));
  let p = v.next;
  const c = token(b, p, end);
  if (c.len < 3) return;
  const code = statusDigits(b, p);
  stat.responseCode = code;
  conv.responseCode = code;
  if (tree) {
    tree.add(hfHttp.code, tvb, offset + p, 3, code);
    tree.add(hfHttp.codeDesc, tvb, offset + p, 3, STATUS_TEXT[code] ?? `Unknown (${code})`).setGenerated();
  }
  p = c.next;
  if (end - p >= 1) tree?.add(hfHttp.phrase, tvb, offset + p, end - p, text(b, p, end - p));
}
