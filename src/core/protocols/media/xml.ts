/**
 * XML documents: processing instruction, doctype, comments, CDATA sections, nested tags with
 * their attributes and text, shaped as tshark's xml dissector shows them.
 */
import { SEVERITY } from '../../dissect/expert';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../dns/expert';
import { formatText } from './text';
import { hfXml, protoXml } from './fields';
import { registerFields } from '../../dissect/fields';
import { FT } from '../../dissect/field-types';

const hfXmlExpert = registerFields({
  unrecognizedText: { abbrev: 'xml.unrecognized_text', name: 'Unrecognized text', type: FT.NONE },
});

const utf8 = new TextDecoder('utf-8');

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x3a ||
    c >= 0x80
  );
}

interface Scan {
  b: Uint8Array;
  tvb: Tvb;
  pinfo: PacketInfo;
}

function text(s: Scan, from: number, to: number): string {
  return utf8.decode(s.b.subarray(from, to));
}

function indexOf(s: Scan, needle: string, from: number): number {
  outer: for (let i = from; i + needle.length <= s.b.length; i++) {
    for (let k = 0; k < needle.length; k++) if (s.b[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

function startsWith(s: Scan, at: number, str: string): boolean {
  if (at + str.length > s.b.length) return false;
  for (let k = 0; k < str.length; k++) if (s.b[at + k] !== str.charCodeAt(k)) return false;
  return true;
}

interface Attr {
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

/** name=value pairs from `p` up to '>', '/>' or '?>'; returns where the list ended. */
function attributes(s: Scan, p: number): { attrs: Attr[]; end: number } {
  const attrs: Attr[] = [];
  const b = s.b;
  for (;;) {
    while (p < b.length && isWs(b[p])) p++;
    if (p >= b.length || !isNameChar(b[p])) return { attrs, end: p };
    const start = p;
    while (p < b.length && isNameChar(b[p])) p++;
    const name = text(s, start, p);
    while (p < b.length && isWs(b[p])) p++;
    if (b[p] !== 0x3d) return { attrs, end: start };
    p++;
    while (p < b.length && isWs(b[p])) p++;
    const q = b[p];
    if (q !== 0x22 && q !== 0x27) return { attrs, end: start };
    const close = b.indexOf(q, p + 1);
    if (close < 0) return { attrs, end: start };
    attrs.push({
      name,
      value: text(s, p + 1, close),
      start,
      end: close + 1,
      valueStart: p + 1,
      valueEnd: close,
    });
    p = close + 1;
  }
}

const PI_ATTRS: Record<string, typeof hfXml.xmlpiVersion> = {
  version: hfXml.xmlpiVersion,
  encoding: hfXml.xmlpiEncoding,
  standalone: hfXml.xmlpiStandalone,
};

export function dissectXml(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, _data?: unknown): number {
  pinfo.currentProto = 'XML';
  const cols = pinfo.cols;
  const below = pinfo.layers[pinfo.layers.length - 1];
  pinfo.addLayer('xml');
  if (cols?.writable) {
    if (below !== undefined) cols.protocol = cols.protocol ? `${cols.protocol}/XML` : 'XML';
    else cols.setProtocol('XML');
  }
  const s: Scan = { b: tvb.view(0, tvb.length), tvb, pinfo };
  const root = tree ? tree.add(protoXml, tvb, 0, tvb.length, null) : null;
  const stack: { item: ProtoNode | null; start: number }[] = [{ item: root, start: 0 }];
  const b = s.b;
  let p = 0;
  const cur = (): ProtoNode | null => stack[stack.length - 1].item;
  while (p < b.length) {
    while (p < b.length && isWs(b[p])) p++;
    if (p >= b.length) break;
    if (b[p] !== 0x3c) {
      const lt = b.indexOf(0x3c, p);
      const end = lt < 0 ? b.length : lt;
      cur()?.add(hfXml.cdata, tvb, p, end - p, text(s, p, end), formatText(b, p, end));
      p = end;
      continue;
    }
    if (startsWith(s, p, '<!--')) {
      const e = indexOf(s, '-->', p + 4);
      const end = e < 0 ? b.length : e + 3;
      const v = text(s, p, end);
      cur()?.add(hfXml.comment, tvb, p, end - p, v, formatText(b, p, end));
      p = end;
      continue;
    }
    if (startsWith(s, p, '<![CDATA[')) {
      const e = indexOf(s, ']]>', p + 9);
      const end = e < 0 ? b.length : e + 3;
      cur()?.add(hfXml.cdatasection, tvb, p, end - p, text(s, p, end), formatText(b, p, end));
      p = end;
      continue;
    }
    if (startsWith(s, p, '<?xml') && (p + 5 >= b.length || isWs(b[p + 5]))) {
      const { attrs, end } = attributes(s, p + 5);
      let q = end;
      while (q < b.length && isWs(b[q])) q++;
      const close = startsWith(s, q, '?>') ? q + 2 : q;
      const item = cur()
        ? (cur() as ProtoNode).add(hfXml.xmlpiXml, tvb, p, close - p, text(s, p, close), '<?xml')
        : null;
      if (item) {
        for (const a of attrs) {
          const f = PI_ATTRS[a.name];
          if (f) item.add(f, tvb, a.valueStart, a.valueEnd - a.valueStart, a.value, text(s, a.start, a.end));
        }
        if (close > q) item.addText(tvb, q, 2, '?>');
      }
      p = close;
      continue;
    }
    if (startsWith(s, p, '<!DOCTYPE')) {
      let q = p + 9;
      while (q < b.length && isWs(b[q])) q++;
      const nameStart = q;
      while (q < b.length && isNameChar(b[q])) q++;
      let depth = 0;
      let e = q;
      for (; e < b.length; e++) {
        if (b[e] === 0x5b) depth++;
        else if (b[e] === 0x5d) depth--;
        else if (b[e] === 0x3e && depth <= 0) break;
      }
      const end = Math.min(e + 1, b.length);
      cur()?.add(hfXml.doctype, tvb, nameStart, q - nameStart, text(s, nameStart, q), formatText(b, p, end));
      p = end;
      continue;
    }
    if (b[p + 1] === 0x2f) {
      const gt = b.indexOf(0x3e, p);
      const end = gt < 0 ? b.length : gt + 1;
      if (stack.length > 1) {
        const top = stack.pop() as { item: ProtoNode | null; start: number };
        top.item?.addText(tvb, p, end - p, formatText(b, p, end));
        if (top.item) top.item.len = end - top.start;
      }
      p = end;
      continue;
    }
    if (p + 1 < b.length && isNameChar(b[p + 1])) {
      const tagStart = p;
      let q = p + 1;
      while (q < b.length && isNameChar(b[q])) q++;
      const name = text(s, p + 1, q);
      const { attrs, end } = attributes(s, q);
      let r = end;
      while (r < b.length && isWs(b[r])) r++;
      const selfClosing = startsWith(s, r, '/>');
      const tagEnd = selfClosing ? r + 2 : b[r] === 0x3e ? r + 1 : r;
      const startTag = text(s, p, tagEnd);
      const label = attrs.length > 0 ? `<${name}` : startTag;
      const item = cur() ? (cur() as ProtoNode).add(hfXml.tag, tvb, p, tagEnd - p, startTag, label) : null;
      if (item) {
        attrs.forEach((a, i) => {
          const last = i === attrs.length - 1;
          const shown = text(s, a.start, a.end) + (last ? (selfClosing ? '/>' : '>') : '');
          item.add(hfXml.attribute, tvb, a.start, a.end - a.start, text(s, a.start, a.end), shown);
        });
      }
      p = tagEnd;
      if (!selfClosing) stack.push({ item, start: tagStart });
      continue;
    }
    // Not markup we know: flag the '<' and the name after it, go on with the text.
    let q = p + 1;
    while (q < b.length && !isWs(b[q]) && b[q] !== 0x3c && b[q] !== 0x3e) q++;
    const u = cur() ? (cur() as ProtoNode).addText(tvb, p, q - p, 'Unrecognized text') : null;
    addExpert(pinfo, u, hfXmlExpert.unrecognizedText, SEVERITY.WARN, 'Protocol', 'Unrecognized text');
    p = q;
    while (p < b.length && isWs(b[p])) p++;
    const lt = b.indexOf(0x3c, p);
    const end = lt < 0 ? b.length : lt;
    if (end > p) cur()?.add(hfXml.cdata, tvb, p, end - p, text(s, p, end), formatText(b, p, end));
    p = end;
  }
  return tvb.length;
}
