/**
 * Line-based text (text/html, text/plain, text/css ...): one tree line per text line, the
 * media type in the Info column. Documents that are really XML go to the XML dissector.
 */
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { findLineEnd, formatText } from './text';
import { protoTextLines } from './fields';
import { mediaInfo } from './table';
import { dissectXml } from './xml';

/** The media type to show: the matched type, else the parameters HTTP passed along. */
export function dataName(data: unknown): string | null {
  const info = mediaInfo(data);
  if (!info) return null;
  if (info.matchString) return info.matchString;
  return info.mediaStr ? info.mediaStr : null;
}

export function dissectTextLines(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'Line-based text data';
  const length = tvb.length;
  if (length > 38 && tvb.latin1(0, 5).toLowerCase() === '<?xml') {
    pinfo.currentProto = 'XML';
    return dissectXml(tvb, pinfo, tree, data);
  }
  pinfo.addLayer('data-text-lines');
  const name = dataName(data);
  if (name) pinfo.cols?.appendInfoSep(' ', `(${name})`);
  if (tree) {
    const t = tree.add(protoTextLines, tvb, 0, length, null);
    let offset = 0;
    let lines = 0;
    while (offset < tvb.length) {
      const le = findLineEnd(tvb, offset, -1, false);
      t.addText(tvb, offset, le.next - offset, formatText(tvb.view(offset, le.next - offset)));
      lines++;
      offset = le.next;
    }
    t.label = `Line-based text data${name ? `: ${name}` : ''} (${lines} lines)`;
  }
  return length;
}
