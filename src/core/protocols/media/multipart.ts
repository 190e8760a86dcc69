/**
 * multipart/* bodies: the boundary from the media type parameters, then each part's headers
 * and body (handed on by the part's own Content-Type).
 */
import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { findLineEnd } from './text';
import { hfMultipart, protoMultipart } from './fields';
import { mediaInfo, mediaTypeTable, type MediaInfo } from './table';

function boundaryOf(params: string | null): string | null {
  if (!params) return null;
  const m = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(params);
  if (!m) return null;
  return m[1] ?? m[2] ?? null;
}

export function dissectMultipart(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'MIME multipart';
  const info = mediaInfo(data);
  const type = info?.matchString ?? '';
  const boundary = boundaryOf(info?.mediaStr ?? null);
  if (boundary === null) return 0;
  pinfo.addLayer('mime_multipart');
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
  const b = tvb.view(0, tvb.length);
  const delim = `--${boundary}`;
  const find = (from: number): number => {
    outer: for (let i = from; i + delim.length <= b.length; i++) {
      if (i > 0 && b[i - 1] !== 0x0a) continue;
      for (let k = 0; k < delim.length; k++) if (b[i + k] !== delim.charCodeAt(k)) continue outer;
      return i;
    }
    return -1;
  };
  const first = find(0);
  if (first < 0) {
    dissectData(tvb, pinfo, t);
    return tvb.length;
  }
  if (first > 0) t?.add(hfMultipart.preamble, tvb, 0, first, tvb.view(0, first));
  let p = first;
  let firstPart = true;
  while (p >= 0 && p < b.length) {
    const le = findLineEnd(tvb, p, -1, false);
    const line = tvb.latin1(p, le.len);
    if (line.startsWith(`${delim}--`)) {
      t?.add(hfMultipart.lastBoundary, tvb, p, le.next - p, line);
      if (le.next < b.length)
        t?.add(hfMultipart.trailer, tvb, le.next, b.length - le.next, tvb.view(le.next, b.length - le.next));
      break;
    }
    t?.add(firstPart ? hfMultipart.firstBoundary : hfMultipart.boundary, tvb, p, le.next - p, line);
    firstPart = false;
    const next = find(le.next);
    const partEnd = next < 0 ? b.length : next;
    const part = t ? t.add(hfMultipart.part, tvb, le.next, partEnd - le.next, '') : null;
    // Part headers up to a blank line, then the body (without the CRLF before the next boundary).
    let q = le.next;
    let ctype: string | null = null;
    let params: string | null = null;
    while (q < partEnd) {
      const h = findLineEnd(tvb, q, partEnd - q, false);
      if (h.len === 0) {
        q = h.next;
        break;
      }
      const text = tvb.latin1(q, h.len);
      const colon = text.indexOf(':');
      if (colon > 0 && text.slice(0, colon).trim().toLowerCase() === 'content-type') {
        const v = text.slice(colon + 1).trim();
        const semi = v.indexOf(';');
        ctype = (semi < 0 ? v : v.slice(0, semi)).trim().toLowerCase();
        params = semi < 0 ? null : v.slice(semi + 1).trim();
        part?.add(hfMultipart.contentType, tvb, q, h.next - q, v);
      } else if (colon > 0 && text.slice(0, colon).trim().toLowerCase() === 'content-disposition') {
        part?.add(hfMultipart.contentDisposition, tvb, q, h.next - q, text.slice(colon + 1).trim());
      }
      q = h.next;
    }
    let bodyEnd = partEnd;
    if (bodyEnd >= 2 && b[bodyEnd - 1] === 0x0a) bodyEnd -= b[bodyEnd - 2] === 0x0d ? 2 : 1;
    if (bodyEnd > q) {
      const body = tvb.sub(q, bodyEnd - q, bodyEnd - q);
      const handle = ctype ? mediaTypeTable.get(ctype) : undefined;
      const sub: MediaInfo = { messageType: info?.messageType ?? 0, mediaStr: params, matchString: ctype };
      if (!handle || handle(body, pinfo, part ?? tree, sub) === 0) dissectData(body, pinfo, part);
    }
    p = next;
  }
  return tvb.length;
}
