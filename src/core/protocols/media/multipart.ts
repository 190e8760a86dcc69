/**
 * multipart/* bodies as tshark 4.0's packet-multipart: the boundary from the media type
 * parameters, the preamble, each part's MIME headers (values unfolded and compacted) and body
 * (handed on by the part's own Content-Type), the boundary lines and the trailer.
 */
import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { SEVERITY } from '../../dissect/expert';
import type { FieldDef } from '../../dissect/fields';
import { addExpert } from '../dns/expert';
import { asciiString, findLineEnd, formatText, isPrint } from './text';
import { hfMultipart, protoMultipart } from './fields';
import { mediaInfo, mediaTypeTable, type MediaInfo } from './table';
import { findMediaTypeParameter, unfoldAndCompact } from './params';
import { dissectMediaFallback } from './media';

interface Multipart {
  type: string;
  boundary: string;
}

/** Known part headers (full and compact names) and their fields. */
const HEADERS: [string, string | null, FieldDef][] = [
  ['content-description', null, hfMultipart.contentDescription],
  ['content-disposition', null, hfMultipart.contentDisposition],
  ['content-encoding', 'e', hfMultipart.contentEncoding],
  ['content-id', null, hfMultipart.contentId],
  ['content-language', null, hfMultipart.contentLanguage],
  ['content-length', 'l', hfMultipart.contentLength],
  ['content-transfer-encoding', null, hfMultipart.contentTransferEncoding],
  ['content-type', 'c', hfMultipart.contentType],
  ['originalcontent', null, hfMultipart.originalContent],
];

function knownHeader(name: string): FieldDef | null {
  const n = name.toLowerCase();
  for (const [full, compact, def] of HEADERS) if (n === full || n === compact) return def;
  return null;
}

function matches(tvb: Tvb, offset: number, s: string): boolean {
  if (offset < 0 || offset + s.length > tvb.length) return false;
  for (let i = 0; i < s.length; i++) if (tvb.u8(offset + i) !== s.charCodeAt(i)) return false;
  return true;
}

/** tvb_offset_exists: a captured byte at `offset`. */
function exists(tvb: Tvb, offset: number): boolean {
  return offset >= 0 && offset < tvb.length;
}

interface Boundary {
  start: number;
  /** Bytes of the whole boundary line(s); -1 when its line end is missing. */
  lineLen: number;
  last: boolean;
}

/** The first "--boundary" line (it does not include a line end before it). */
function findFirstBoundary(tvb: Tvb, start: number, boundary: string): Boundary | null {
  let offset = start;
  while (exists(tvb, offset + 2 + boundary.length)) {
    const bStart = offset;
    if (matches(tvb, offset, '--') && matches(tvb, offset + 2, boundary)) {
      const last = matches(tvb, offset + 2 + boundary.length, '--');
      const le = findLineEnd(tvb, offset, -1, false);
      return { start: bStart, lineLen: le.next - bStart, last };
    }
    const le = findLineEnd(tvb, offset, -1, false);
    offset = le.next;
  }
  return null;
}

/** The next boundary: the line end before "--boundary" belongs to it. */
function findNextBoundary(tvb: Tvb, start: number, boundary: string): Boundary | null {
  let offset = start;
  while (exists(tvb, offset + 2 + boundary.length)) {
    const le = findLineEnd(tvb, offset, -1, false);
    let bStart = offset + le.len;
    const next = le.next;
    if (matches(tvb, next, '--') && matches(tvb, next + 2, boundary)) {
      const last = matches(tvb, next + 2 + boundary.length, '--');
      const end = findLineEnd(tvb, next, -1, false);
      return { start: bStart, lineLen: end.next - bStart, last };
    }
    // Some writers put the closing delimiter right after the body, without a line end.
    if (
      matches(tvb, bStart - 2, '--') &&
      matches(tvb, bStart - (2 + boundary.length), boundary) &&
      matches(tvb, bStart - (4 + boundary.length), '--')
    ) {
      bStart -= 4 + boundary.length;
      return { start: bStart, lineLen: next - bStart, last: true };
    }
    offset = next;
  }
  return null;
}

/**
 * imf_find_field_end: the end of a header field (CRLF not followed by folding white space);
 * `last` tells that a blank line (or the end of the data) follows. -1 without a CR.
 */
function findFieldEnd(tvb: Tvb, offset: number, max: number): { end: number; last: boolean } {
  while (offset < max) {
    let cr = -1;
    for (let i = offset; i < max && i < tvb.length; i++)
      if (tvb.u8(i) === 0x0d) {
        cr = i;
        break;
      }
    if (cr < 0) break;
    offset = cr + 1;
    if (offset < max && tvb.u8(offset) === 0x0a) {
      offset++;
      if (offset >= max) return { end: offset - 2, last: true };
      const c = tvb.u8(offset);
      if (c === 0x0d) return { end: offset, last: offset + 1 < max && tvb.u8(offset + 1) === 0x0a };
      if (c !== 0x20 && c !== 0x09) return { end: offset, last: false };
    }
  }
  return { end: -1, last: false };
}

function isPrintString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isPrint(s.charCodeAt(i))) return false;
  return true;
}

/** One body part; returns where the next one starts, or -1 when no boundary ends it. */
function bodyPart(
  tvb: Tvb,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  mp: Multipart,
  info: MediaInfo | null,
  start: number,
  state: { last: boolean },
): number {
  const part = t ? t.add(hfMultipart.part, tvb, start, 0, '') : null;
  const b = findNextBoundary(tvb, start, mp.boundary);
  if (!b || b.start <= 0) return -1;
  state.last = b.last;
  let offset = start;
  let next = 0;
  let lastField = false;
  let contentType: string | null = null;
  let params: string | null = null;
  let raw = false;
  while (!lastField) {
    const f = findFieldEnd(tvb, offset, tvb.reportedRemaining(offset) + offset);
    next = f.end;
    lastField = f.last;
    if (lastField && next + 2 <= b.start) next += 2;
    else if (next - 2 === b.start) {
      lastField = true;
      next -= 2;
    } else if (next > b.start) next = b.start;
    // tvb_get_string_enc: -1 runs to the end, anything shorter is malformed.
    const len = next - offset;
    if (len < -1) throw new BoundsError('reported', `negative header length at offset ${offset}`);
    const n = len === -1 ? tvb.remaining(offset) : len;
    tvb.ensure(offset, n);
    const text = asciiString(tvb.view(offset, n));
    const h = unfoldAndCompact(text);
    if (h.colon <= 0) {
      next = offset;
      break;
    }
    const def = knownHeader(h.text.slice(0, h.colon));
    if (!def) {
      if (!isPrintString(h.text)) {
        next = offset;
        break;
      }
      part?.addText(tvb, offset, next - offset, formatText(tvb.view(offset, next - offset)));
    } else {
      const value = h.text.slice(h.colon + 1);
      part?.add(def, tvb, offset, next - offset, value, formatText(tvb.view(offset, next - offset)));
      if (def === hfMultipart.contentType) {
        const semi = value.indexOf(';');
        params = semi < 0 ? null : value.slice(semi + 1);
        contentType = (semi < 0 ? value : value.slice(0, semi)).toLowerCase();
        if (part) part.label = `Encapsulated multipart part:  (${contentType})`;
        if (contentType.startsWith('application/octet-stream')) raw = true;
      }
    }
    offset = next;
  }
  const bodyStart = next;
  const body = tvb.sub(bodyStart, b.start - bodyStart);
  if (!raw && contentType !== null) {
    const sub: MediaInfo = {
      messageType: info?.messageType ?? 0,
      mediaStr: params,
      matchString: contentType,
    };
    const handle = mediaTypeTable.get(contentType);
    if (!handle || handle(body, pinfo, part ?? t, sub) === 0)
      dissectMediaFallback(body, pinfo, part ?? t, sub);
  } else dissectData(body, pinfo, part);
  part?.setLength(b.start - start);
  if (t) {
    const line = tvb.latin1(b.start, b.lineLen);
    t.add(b.last ? hfMultipart.lastBoundary : hfMultipart.boundary, tvb, b.start, b.lineLen, line);
  }
  return b.start + b.lineLen;
}

export function dissectMultipart(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'MIME multipart';
  const info = mediaInfo(data);
  const type = info?.matchString ?? null;
  const params = info?.mediaStr ? unfoldAndCompact(info.mediaStr).text : null;
  const boundary = type ? findMediaTypeParameter(params, 'boundary') : null;
  pinfo.addLayer('mime_multipart');
  if (type === null || boundary === null) {
    // proto_tree_add_expert: a text item carrying the expert info.
    const msg = 'The multipart dissector could not find a required parameter.';
    let item: ProtoNode | null = null;
    if (tree instanceof ProtoNode) item = tree.addText(tvb, 0, tvb.length, msg);
    else if (tree) item = tree.add(tree.textField, tvb, 0, tvb.length, null, msg);
    addExpert(pinfo, item, hfMultipart.noRequiredParameter, SEVERITY.ERROR, 'Protocol', msg);
    dissectData(tvb, pinfo, tree);
    return tvb.reportedLength;
  }
  const mp: Multipart = { type, boundary };
  const t = tree
    ? tree.add(
        protoMultipart,
        tvb,
        0,
        tvb.length,
        null,
        `MIME Multipart Media Encapsulation, Type: ${type}, Boundary: "${boundary}"`,
      )
    : null;
  t?.add(hfMultipart.type, tvb, 0, 0, type).setGenerated();
  pinfo.cols?.setFence();
  const state = { last: false };
  const first = findFirstBoundary(tvb, 0, boundary);
  let start = -1;
  if (first) {
    state.last = first.last;
    if (first.start === 0) {
      t?.add(hfMultipart.firstBoundary, tvb, 0, first.lineLen, tvb.latin1(0, first.lineLen));
      start = first.lineLen;
    } else if (first.lineLen > 0) {
      t?.add(hfMultipart.preamble, tvb, 0, first.start, tvb.view(0, first.start));
      t?.add(
        hfMultipart.firstBoundary,
        tvb,
        first.start,
        first.lineLen,
        tvb.latin1(first.start, first.lineLen),
      );
      start = first.start + first.lineLen;
    }
  }
  if (start < 0) {
    dissectData(tvb, pinfo, t);
    return tvb.reportedLength;
  }
  while (!state.last) {
    start = bodyPart(tvb, pinfo, t, mp, info, start, state);
    if (start < 0) return tvb.reportedLength;
  }
  if (tvb.reportedRemaining(start) > 0 && t) {
    const n = Math.max(0, tvb.remaining(start));
    t.add(hfMultipart.trailer, tvb, start, n, tvb.view(start, n));
  }
  return tvb.reportedLength;
}
