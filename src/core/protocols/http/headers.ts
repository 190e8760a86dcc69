/**
 * HTTP header lines (Wireshark's process_header): each known header gets its own field, unknown
 * ones are shown as request/response lines, and a few drive the body dissection (Content-Type,
 * Content-Length, Content-Encoding, Transfer-Encoding) or the conversation (Host, Upgrade).
 */
import { SEVERITY } from '../../dissect/expert';
import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import type { HttpConv } from './conversation';
import { hfHttp } from './fields';
import { asciiString, formatText, isSpace, utf8String } from '../media/text';

export type HttpType = 0 | 1 | 2 | 3;
export const HTTP_OTHERS: HttpType = 0;
export const HTTP_REQUEST: HttpType = 1;
export const HTTP_RESPONSE: HttpType = 2;
export const HTTP_NOTIFICATION: HttpType = 3;

export const TE = { NONE: 0, UNKNOWN: 1, COMPRESS: 2, DEFLATE: 3, GZIP: 4, IDENTITY: 5 } as const;

/** What the headers of one message tell the body dissection (headers_t). */
export interface MessageHeaders {
  /** Media type, lower case, without parameters; null when there is no Content-Type. */
  contentType: string | null;
  contentTypeParameters: string | null;
  haveContentLength: boolean;
  contentLength: number;
  contentEncoding: string | null;
  transferEncodingChunked: boolean;
  transferEncoding: number;
  upgrade: string | null;
}

export function newHeaders(): MessageHeaders {
  return {
    contentType: null,
    contentTypeParameters: null,
    haveContentLength: false,
    contentLength: 0,
    contentEncoding: null,
    transferEncodingChunked: false,
    transferEncoding: TE.NONE,
    upgrade: null,
  };
}

/** Per-message values for statistics and the full URI (http_info_value_t). */
export interface HttpStatInfo {
  responseCode: number;
  requestMethod: string | null;
  requestUri: string | null;
  httpHost: string | null;
  refererUri: string | null;
}

const SPECIAL = {
  NONE: 0,
  AUTHORIZATION: 1,
  AUTHENTICATE: 2,
  CONTENT_TYPE: 3,
  CONTENT_LENGTH: 4,
  CONTENT_ENCODING: 5,
  TRANSFER_ENCODING: 6,
  HOST: 7,
  UPGRADE: 8,
  COOKIE: 9,
  REFERER: 12,
} as const;

/** Known headers, by lower-case name: their field and any special processing. */
const KNOWN: ReadonlyMap<string, { field: FieldDef; special: number }> = new Map(
  (
    [
      ['authorization', hfHttp.authorization, SPECIAL.AUTHORIZATION],
      ['proxy-authorization', hfHttp.proxyAuthorization, SPECIAL.AUTHORIZATION],
      ['proxy-authenticate', hfHttp.proxyAuthenticate, SPECIAL.AUTHENTICATE],
      ['www-authenticate', hfHttp.wwwAuthenticate, SPECIAL.AUTHENTICATE],
      ['content-type', hfHttp.contentType, SPECIAL.CONTENT_TYPE],
      ['content-length', hfHttp.contentLengthHeader, SPECIAL.CONTENT_LENGTH],
      ['content-encoding', hfHttp.contentEncoding, SPECIAL.CONTENT_ENCODING],
      ['transfer-encoding', hfHttp.transferEncoding, SPECIAL.TRANSFER_ENCODING],
      ['upgrade', hfHttp.upgrade, SPECIAL.UPGRADE],
      ['user-agent', hfHttp.userAgent, SPECIAL.NONE],
      ['host', hfHttp.host, SPECIAL.HOST],
      ['connection', hfHttp.connection, SPECIAL.NONE],
      ['cookie', hfHttp.cookie, SPECIAL.COOKIE],
      ['accept', hfHttp.accept, SPECIAL.NONE],
      ['referer', hfHttp.referer, SPECIAL.REFERER],
      ['accept-language', hfHttp.acceptLanguage, SPECIAL.NONE],
      ['accept-encoding', hfHttp.acceptEncoding, SPECIAL.NONE],
      ['date', hfHttp.date, SPECIAL.NONE],
      ['cache-control', hfHttp.cacheControl, SPECIAL.NONE],
      ['server', hfHttp.server, SPECIAL.NONE],
      ['location', hfHttp.location, SPECIAL.NONE],
      ['sec-websocket-accept', hfHttp.secWebsocketAccept, SPECIAL.NONE],
      ['sec-websocket-extensions', hfHttp.secWebsocketExtensions, SPECIAL.NONE],
      ['sec-websocket-key', hfHttp.secWebsocketKey, SPECIAL.NONE],
      ['sec-websocket-protocol', hfHttp.secWebsocketProtocol, SPECIAL.NONE],
      ['sec-websocket-version', hfHttp.secWebsocketVersion, SPECIAL.NONE],
      ['set-cookie', hfHttp.setCookie, SPECIAL.NONE],
      ['last-modified', hfHttp.lastModified, SPECIAL.NONE],
      ['x-forwarded-for', hfHttp.xForwardedFor, SPECIAL.NONE],
      ['http2-settings', hfHttp.http2Settings, SPECIAL.NONE],
    ] as const
  ).map(([name, field, special]) => [name, { field, special }]),
);

/** RFC 7230 tchar as Wireshark checks it (note: its set has ':' and '\\' but not '\''). */
const TOKEN_CHARS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (alnum || '!#$%&\\:*+-.^_`|~'.includes(String.fromCharCode(c))) TOKEN_CHARS[c] = 1;
}

function isTokenChar(c: number): boolean {
  return TOKEN_CHARS[c] === 1;
}

/** The first `n` bytes (a valid token) in ASCII lower case, for the KNOWN lookup. */
function lowerName(raw: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = raw[i];
    s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  }
  return s;
}

/** C's strtoll(s, &end, 10) followed by Wireshark's validity check. */
function parseContentLength(v: string): number | bigint | null {
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)(.?)/.exec(v);
  if (!m) return null;
  if (m[2] !== '' && !isSpace(m[2].charCodeAt(0))) return null;
  const big = BigInt(m[1]);
  if (big < 0n || big > 0x7fffffffffffffffn) return null;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** http_parse_transfer_coding: false when a coding name is not understood. */
function parseTransferCoding(value: string, h: MessageHeaders): boolean {
  let ok = true;
  h.transferEncoding = TE.UNKNOWN;
  let p = 0;
  const names: [string, number][] = [
    ['compress', TE.COMPRESS],
    ['deflate', TE.DEFLATE],
    ['gzip', TE.GZIP],
    ['identity', TE.IDENTITY],
    ['x-compress', TE.COMPRESS],
    ['x-gzip', TE.GZIP],
  ];
  while (p < value.length) {
    while (p < value.length && (value[p] === ' ' || value[p] === '\t' || value[p] === ',')) p++;
    if (p >= value.length) break;
    const rest = value.slice(p);
    if (rest.startsWith('chunked')) {
      h.transferEncodingChunked = true;
      p += 7;
      continue;
    }
    if (h.transferEncoding !== TE.UNKNOWN) {
      ok = false;
      break;
    }
    const hit = names.find(([n]) => rest.startsWith(n));
    if (hit) {
      h.transferEncoding = hit[1];
      p += hit[0].length;
    } else {
      ok = false;
      const comma = value.indexOf(',', p);
      if (comma < 0) break;
      p = comma;
    }
  }
  return ok;
}

function base64Decode(s: string): string {
  // g_base64_decode ignores characters outside the alphabet.
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  let out = '';
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    buf = (buf << 6) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buf >> bits) & 0xff);
    }
  }
  return out;
}

export interface HeaderContext {
  tvb: Tvb;
  pinfo: PacketInfo;
  tree: ProtoNode | null;
  headers: MessageHeaders;
  conv: HttpConv;
  type: HttpType;
  stat: HttpStatInfo;
}

/**
 * One header line [offset, next) whose text is `lineLen` bytes and whose colon is at
 * `colonOffset`.
 */
export function processHeader(
  ctx: HeaderContext,
  offset: number,
  next: number,
  lineLen: number,
  colonOffset: number,
): void {
  const { tvb, pinfo, tree, headers, conv, type, stat } = ctx;
  const len = next - offset;
  const lineEnd = offset + lineLen;
  const headerLen = colonOffset - offset;
  const raw = tvb.view(offset, len);
  const lineLabel = tree ? formatText(raw) : '';

  let valid = headerLen !== 0;
  for (let i = 0; valid && i < headerLen; i++) if (raw[i] === 0 || !isTokenChar(raw[i])) valid = false;
  if (!valid) {
    const f =
      type === HTTP_REQUEST
        ? hfHttp.requestLine
        : type === HTTP_RESPONSE
          ? hfHttp.responseLine
          : hfHttp.unknownHeader;
    const it = tree ? tree.add(f, tvb, offset, len, asciiString(raw), lineLabel) : null;
    addExpert(
      pinfo,
      it,
      hfHttp.badHeaderName,
      SEVERITY.WARN,
      'Protocol',
      'Illegal characters found in header name',
    );
    return;
  }

  const known = KNOWN.get(lowerName(raw, headerLen));
  if (!known) {
    if (tree) {
      if (type === HTTP_REQUEST || type === HTTP_RESPONSE) {
        tree.add(
          type === HTTP_RESPONSE ? hfHttp.responseLine : hfHttp.requestLine,
          tvb,
          offset,
          len,
          asciiString(raw),
          lineLabel,
        );
      } else {
        tree.add(hfHttp.unknownHeader, tvb, offset, len, lineLabel, lineLabel);
      }
    }
    return;
  }
  let valueOffset = colonOffset + 1;
  while (valueOffset < lineEnd && (raw[valueOffset - offset] === 0x20 || raw[valueOffset - offset] === 0x09))
    valueOffset++;
  const value = utf8String(raw.subarray(valueOffset - offset, lineEnd - offset));

  let item: ProtoNode | null = null;
  if (tree) {
    item = tree.add(known.field, tvb, offset, len, value, lineLabel);
    if (type === HTTP_REQUEST || type === HTTP_RESPONSE) {
      tree.addHidden(
        type === HTTP_RESPONSE ? hfHttp.responseLine : hfHttp.requestLine,
        tvb,
        offset,
        len,
        asciiString(raw),
      ).label = lineLabel;
    }
  }

  switch (known.special) {
    case SPECIAL.AUTHORIZATION:
      if (value.startsWith('Basic ')) {
        let cred = value.slice(6);
        if (cred.length > 1) cred = base64Decode(cred);
        item?.add(hfHttp.authbasic, tvb, 0, 0, cred);
      }
      break;
    case SPECIAL.CONTENT_TYPE: {
      let i = 0;
      let lower = '';
      for (; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c === 0x3b || isSpace(c)) break;
        lower += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
      }
      headers.contentType = lower;
      i++;
      while (i < value.length && (value[i] === ';' || isSpace(value.charCodeAt(i)))) i++;
      headers.contentTypeParameters = i < value.length ? value.slice(i) : null;
      break;
    }
    case SPECIAL.CONTENT_LENGTH: {
      const cl = parseContentLength(value);
      if (cl === null) {
        headers.haveContentLength = false;
      } else {
        headers.haveContentLength = true;
        headers.contentLength = Number(cl);
        item?.add(hfHttp.contentLength, tvb, offset, len, cl).setGenerated();
        if (headers.transferEncoding !== TE.NONE) {
          addExpert(
            pinfo,
            item,
            hfHttp.teAndLength,
            SEVERITY.WARN,
            'Malformed',
            'The Content-Length and Transfer-Encoding header must not be set together',
          );
        }
      }
      break;
    }
    case SPECIAL.CONTENT_ENCODING:
      headers.contentEncoding = value;
      break;
    case SPECIAL.TRANSFER_ENCODING:
      if (headers.haveContentLength) {
        addExpert(
          pinfo,
          item,
          hfHttp.teAndLength,
          SEVERITY.WARN,
          'Malformed',
          'The Content-Length and Transfer-Encoding header must not be set together',
        );
      }
      if (!parseTransferCoding(value, headers)) {
        addExpert(
          pinfo,
          item,
          hfHttp.teUnknown,
          SEVERITY.WARN,
          'Protocol',
          'Unknown transfer coding name in Transfer-Encoding header',
        );
      }
      break;
    case SPECIAL.HOST:
      stat.httpHost = value;
      conv.httpHost = value;
      break;
    case SPECIAL.UPGRADE:
      headers.upgrade = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
      break;
    case SPECIAL.COOKIE:
      if (item) addCookiePairs(item, tvb, valueOffset, value);
      break;
    case SPECIAL.REFERER:
      stat.refererUri = value;
      break;
    default:
      break;
  }
}

function addCookiePairs(item: ProtoNode, tvb: Tvb, valueOffset: number, value: string): void {
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ';' || isSpace(value.charCodeAt(i)))) i++;
    if (i >= value.length) break;
    const semi = value.indexOf(';', i);
    const partLen = (semi < 0 ? value.length : semi) - i;
    item.add(hfHttp.cookiePair, tvb, valueOffset + i, partLen, value.slice(i, i + partLen));
    i += partLen;
  }
}
