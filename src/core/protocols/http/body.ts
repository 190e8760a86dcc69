/**
 * An HTTP message body: transfer coding (chunked), content coding (gzip/deflate), the File Data
 * item, and the hand-off by media type, port or heuristic to the dissector that shows it.
 */
import { SEVERITY } from '../../dissect/expert';
import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import { httpHeuristics, mediaTypeTable, type MediaInfo } from '../media/table';
import { dissectMediaFallback } from '../media/media';
import { uncompress } from './decompress';
import { hfHttp } from './fields';
import { TE, type HttpType, type MessageHeaders } from './headers';
import { parseChunkSize } from './reassembly';
import { asciiString, findLineEnd } from '../media/text';

/**
 * The data dissector over the captured bytes only: tshark's "Data (N bytes)" and data.len count
 * what was captured, not what the packet claimed.
 */
export function dataDissector(tvb: Tvb, pinfo: PacketInfo, parent: TreeParent): number {
  return dissectData(
    tvb.length === tvb.reportedLength ? tvb : tvb.sub(0, tvb.length, tvb.length),
    pinfo,
    parent,
  );
}

/** Runs a sub-dissector, restoring the current protocol name when it returns normally. */
export function callSub<T>(pinfo: PacketInfo, fn: () => T): T {
  const saved = pinfo.currentProto;
  const r = fn();
  pinfo.currentProto = saved;
  return r;
}

/**
 * Removes the chunked transfer coding from [offset, end) of `tvb` (chunked_encoding_dissector):
 * returns the bytes of chunked body consumed (0 when none) and the de-chunked data.
 */
function dechunk(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): { used: number; body: Tvb | null } {
  let offset = 0;
  let datalen = tvb.reportedRemaining(0);
  const origLen = datalen;
  const sub = tree ? tree.addText(tvb, 0, Math.min(datalen, tvb.length), 'HTTP chunked response') : null;
  const parts: Uint8Array[] = [];
  let total = 0;
  while (datalen > 0) {
    const le = findLineEnd(tvb, offset, -1, true);
    if (le.len <= 0) break;
    let size = parseChunkSize(tvb.latin1(offset, le.len).split(';')[0]);
    if (Number.isNaN(size)) size = 0;
    size = size >>> 0;
    if (size > datalen) size = datalen;
    const chunkOffset = le.next;
    const data = tvb.view(chunkOffset, size);
    parts.push(data);
    total += size;
    if (sub) {
      const label = size === 0 ? 'End of chunked encoding' : `Data chunk (${size} octets)`;
      const c = sub.addText(
        tvb,
        offset,
        Math.min(chunkOffset - offset + size + 2, tvb.length - offset),
        label,
      );
      c.add(
        hfHttp.chunkSize,
        tvb,
        offset,
        chunkOffset - offset,
        size,
        `Chunk size: ${size} octet${size === 1 ? '' : 's'}`,
      );
      if (size > 0) {
        c.add(hfHttp.chunkData, tvb, chunkOffset, size, data);
        c.add(hfHttp.chunkBoundary, tvb, chunkOffset + size, 2, tvb.view(chunkOffset + size, 2));
      }
    } else if (size > 0) {
      tvb.ensure(chunkOffset + size, 2);
    }
    offset = chunkOffset + size;
    if (size > 0) offset += 2;
    datalen = tvb.reportedRemaining(offset);
    if (size === 0) {
      // Optional trailer header lines, then the final CRLF.
      let trailerOffset = offset;
      let trailerLen = 0;
      let fieldLen: number;
      do {
        trailerLen = trailerOffset - offset;
        const t = findLineEnd(tvb, trailerOffset, datalen - trailerLen, true);
        fieldLen = t.len;
        if (t.len >= 0) trailerOffset = t.next;
      } while (fieldLen > 0);
      if (trailerLen > 0) {
        sub?.add(hfHttp.chunkedTrailerPart, tvb, offset, trailerLen, tvb.latin1(offset, trailerLen));
        offset += trailerLen;
        datalen -= trailerLen;
      }
      if (fieldLen === 0) {
        if (sub) sub.addText(tvb, offset, trailerOffset - offset, '\\r\\n');
        datalen -= trailerOffset - offset;
      }
      break;
    }
  }
  if (datalen >= origLen) return { used: 0, body: null };
  if (sub) sub.len = origLen - datalen;
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return {
    used: origLen - datalen,
    body: Tvb.of({ name: `De-chunked entity body (${total} bytes)`, bytes }),
  };
}

export interface BodyContext {
  pinfo: PacketInfo;
  /** The frame's tree (media dissectors add top-level items). */
  tree: TreeParent;
  httpTree: ProtoNode | null;
  headers: MessageHeaders;
  type: HttpType;
  /** Length of the HTTP item without the body, when a sub-dissector shows the body itself. */
  headersEnd: number;
}

/** Dissects the body in `body`; returns how many bytes of the message it covered. */
export function dissectBody(body: Tvb, datalen: number, ctx: BodyContext): number {
  const { pinfo, httpTree, headers } = ctx;
  let next = body;
  const root = httpTree?.root;
  if (headers.transferEncodingChunked) {
    const r = dechunk(next, pinfo, httpTree);
    if (r.used === 0 || !r.body) return datalen;
    next = r.body;
    root?.addSource(next.source);
    datalen = r.used;
  }
  if (
    headers.transferEncoding === TE.COMPRESS ||
    headers.transferEncoding === TE.DEFLATE ||
    headers.transferEncoding === TE.GZIP
  ) {
    callSub(pinfo, () => dataDissector(next, pinfo, httpTree));
    return datalen;
  }
  const ce = headers.contentEncoding;
  if (ce !== null && ce.toLowerCase() !== 'identity') {
    const lower = ce.toLowerCase();
    const supported = lower === 'gzip' || lower === 'deflate' || lower === 'x-gzip' || lower === 'x-deflate';
    const out = supported ? uncompress(next.view(0, next.length)) : null;
    const label = `Content-encoded entity body (${ce}): ${next.length} bytes`;
    const e = httpTree ? httpTree.addText(next, 0, next.length, label) : null;
    if (!out) {
      addExpert(pinfo, e, hfHttp.decompressionFailed, SEVERITY.WARN, 'Undecoded', 'Decompression failed');
      callSub(pinfo, () => dataDissector(next, pinfo, e));
      return datalen;
    }
    e?.appendLabel(` -> ${out.length} bytes`);
    next = Tvb.of({ name: `Uncompressed entity body (${out.length} bytes)`, bytes: out });
    root?.addSource(next.source);
  }

  const captured = next.length;
  if (httpTree) {
    const s = asciiString(next.view(0, captured));
    httpTree.add(hfHttp.fileData, next, 0, captured, s, `File Data: ${captured} bytes`);
  }
  if (captured === 0) return datalen;

  const ct = headers.contentType;
  let handle = ct !== null ? mediaTypeTable.get(ct) : undefined;
  if (!handle && ct !== null && ct.startsWith('multipart/')) handle = mediaTypeTable.get('multipart/');
  const info: MediaInfo = { messageType: ctx.type, mediaStr: headers.contentTypeParameters, matchString: ct };
  let dissected = false;
  if (handle) {
    const h = handle;
    dissected = callSub(pinfo, () => h(next, pinfo, ctx.tree, info)) > 0;
    if (!dissected) {
      addExpert(
        pinfo,
        httpTree,
        hfHttp.subdissectorFailed,
        SEVERITY.NOTE,
        'Protocol',
        'HTTP body subdissector failed, trying heuristic subdissector',
      );
    }
  }
  if (!dissected) dissected = callSub(pinfo, () => httpHeuristics.tryAll(next, pinfo, ctx.tree, info));
  if (dissected) {
    if (httpTree) httpTree.len = ctx.headersEnd;
  } else if (ct !== null) {
    callSub(pinfo, () => dissectMediaFallback(next, pinfo, ctx.tree, info));
  } else {
    callSub(pinfo, () => dataDissector(next, pinfo, httpTree));
  }
  return datalen;
}
