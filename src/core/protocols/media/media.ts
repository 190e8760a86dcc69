/**
 * Bodies whose media type nothing else claims ("Media Type"), message/http, and
 * application/octet-stream (shown as data).
 */
import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { findLineEnd, formatText } from './text';
import { hfMedia, protoMedia, protoMessageHttp } from './fields';
import { mediaInfo } from './table';

/** packet-media: the media type and size, nothing more. */
export function dissectMediaFallback(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'Media';
  pinfo.addLayer('media');
  const info = mediaInfo(data);
  const match = info?.matchString ?? null;
  if (match) pinfo.cols?.appendInfoSep(' ', `(${match})`);
  const bytes = tvb.reportedLength;
  if (tree && bytes > 0) {
    const t = tree.add(protoMedia, tvb, 0, tvb.length, null);
    const plural = bytes === 1 ? '' : 's';
    const label = info?.mediaStr
      ? `Media type: ${match ?? ''}; ${info.mediaStr} (${bytes} byte${plural})`
      : `Media type: ${match ?? ''} (${bytes} byte${plural})`;
    t.add(hfMedia.type, tvb, 0, tvb.length, tvb.view(0, tvb.length), label);
  }
  return tvb.reportedLength;
}

/** message/http: the lines of an HTTP message carried as a body. */
export function dissectMessageHttp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'message/http';
  pinfo.addLayer('message-http');
  pinfo.cols?.appendInfo(' (message/http)');
  if (tree) {
    const t = tree.add(protoMessageHttp, tvb, 0, tvb.length, null);
    let offset = 0;
    while (offset < tvb.length) {
      const le = findLineEnd(tvb, offset, tvb.remaining(offset), false);
      t.addText(tvb, offset, le.len, formatText(tvb.view(offset, le.len)));
      offset = le.next;
    }
  }
  return tvb.length;
}

/** application/octet-stream: plain data at the top level. */
export function dissectOctetStream(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  return dissectData(
    tvb.length === tvb.reportedLength ? tvb : tvb.sub(0, tvb.length, tvb.length),
    pinfo,
    tree,
  );
}
