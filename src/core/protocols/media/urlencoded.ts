/** application/x-www-form-urlencoded: key=value pairs with %XX and '+' decoded. */
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { hfForm, protoUrlencoded } from './fields';
import { dataName } from './text-lines';

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** One key or value up to `stop`: its decoded bytes and where it ended, or null when malformed. */
function formToken(tvb: Tvb, offset: number, stop: number): { bytes: number[]; end: number } | null {
  const out: number[] = [];
  while (tvb.reportedRemaining(offset) > 0) {
    const ch = tvb.u8(offset);
    if (ch === 0) return null;
    if (ch === stop) break;
    if (ch === 0x25) {
      const h = hexValue(tvb.u8(offset + 1));
      if (h < 0) return null;
      const l = hexValue(tvb.u8(offset + 2));
      if (l < 0) return null;
      out.push((h << 4) | l);
      offset += 3;
      continue;
    }
    out.push(ch === 0x2b ? 0x20 : ch);
    offset++;
  }
  return { bytes: out, end: offset };
}

const utf8 = new TextDecoder('utf-8');

function text(bytes: number[]): string {
  return utf8.decode(new Uint8Array(bytes));
}

export function dissectUrlencoded(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'URL Encoded Form Data';
  pinfo.addLayer('urlencoded-form');
  const name = dataName(data);
  if (name) pinfo.cols?.appendInfoSep(' ', `(${name})`);
  const t = tree
    ? tree.add(protoUrlencoded, tvb, 0, tvb.length, null, `HTML Form URL Encoded${name ? `: ${name}` : ''}`)
    : null;
  let offset = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    const start = offset;
    const item = t ? t.addText(tvb, offset, 0, 'Form item') : null;
    const k = formToken(tvb, offset, 0x3d);
    if (!k) break;
    const key = text(k.bytes);
    if (item) {
      item.add(hfForm.key, tvb, offset, k.end - offset, key);
      item.label += `: "${key}"`;
    }
    offset = k.end + 1;
    const v = formToken(tvb, offset, 0x26);
    if (!v) break;
    const value = text(v.bytes);
    if (item) {
      item.add(hfForm.value, tvb, offset, v.end - offset, value);
      item.label += ` = "${value}"`;
    }
    offset = v.end + 1;
    if (item) item.len = Math.min(offset, tvb.length) - start;
  }
  return tvb.length;
}
