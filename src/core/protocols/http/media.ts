import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';
import { hfHttp, protoJson, protoPng, protoTextLines, protoUrlencoded } from './fields';

/** Shows a text line the way Wireshark's line-based dissectors do (CR/LF made visible). */
function visible(s: string): string {
  return s.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function text(tvb: Tvb): string {
  return tvb.latin1(0, tvb.length);
}

/**
 * Hands an HTTP body to the dissector for its media type, as Wireshark's "media_type" table
 * does; `type` is the lower-cased type without parameters.
 */
export function dissectMedia(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, type: string): void {
  if (tvb.reportedLength === 0) return;
  const cols = pinfo.cols;
  if (type.startsWith('text/') || type === 'application/xml' || type === 'application/javascript') {
    pinfo.addLayer('data-text-lines');
    cols?.appendInfo(` (${type})`);
    if (tree) {
      const s = text(tvb);
      const lines = s.split(/(?<=\n)/).filter((l) => l.length > 0);
      const t = tree.add(
        protoTextLines,
        tvb,
        0,
        tvb.length,
        null,
        `Line-based text data: ${type} (${lines.length} lines)`,
      );
      let off = 0;
      for (const l of lines) {
        t.addText(tvb, off, l.length, visible(l));
        off += l.length;
      }
    }
    return;
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    pinfo.addLayer('json');
    if (cols) {
      cols.protocol = cols.protocol + '/JSON';
      cols.appendInfoSep(', ', `JavaScript Object Notation (${type})`);
    }
    if (tree) tree.add(protoJson, tvb, 0, tvb.length, null, `JavaScript Object Notation: ${type}`);
    return;
  }
  if (type === 'application/x-www-form-urlencoded') {
    pinfo.addLayer('urlencoded-form');
    cols?.appendInfo(` (${type})`);
    if (tree) {
      const t = tree.add(protoUrlencoded, tvb, 0, tvb.length, null, `HTML Form URL Encoded: ${type}`);
      let off = 0;
      for (const pair of text(tvb).split('&')) {
        const eq = pair.indexOf('=');
        const k = decodeForm(eq < 0 ? pair : pair.slice(0, eq));
        const v = eq < 0 ? '' : decodeForm(pair.slice(eq + 1));
        const it = t.addText(tvb, off, pair.length, `Form item: "${k}" = "${v}"`);
        it.add(hfHttp.formKey, tvb, off, eq < 0 ? pair.length : eq, k);
        if (eq >= 0) it.add(hfHttp.formValue, tvb, off + eq + 1, pair.length - eq - 1, v);
        off += pair.length + 1;
      }
    }
    return;
  }
  if (type === 'image/png') {
    pinfo.addLayer('png');
    cols?.appendInfo(' (PNG)');
    if (tree) tree.add(protoPng, tvb, 0, tvb.length, null, 'Portable Network Graphics');
    return;
  }
  dissectData(tvb, pinfo, tree);
}

function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    // A malformed %-escape is shown as it is, as Wireshark does.
    return s;
  }
}
