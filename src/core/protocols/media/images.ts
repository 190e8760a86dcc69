/**
 * Image bodies: PNG (chunks), GIF (header, images, extensions) and JPEG/JFIF (marker segments),
 * each also tried by HTTP on bodies no media type claimed (tshark's http heuristics).
 */
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hexBytes } from '../../dissect/format';
import { hfGif, hfJfif, hfPng, protoGif, protoJfif, protoPng } from './fields';

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const PNG_CHUNKS: Record<string, string> = {
  IHDR: 'Image Header',
  PLTE: 'Palette',
  IDAT: 'Image data chunk',
  IEND: 'Image Trailer',
  bKGD: 'Background colour',
  cHRM: 'Primary chromaticities and white point',
  gAMA: 'Image gamma',
  iCCP: 'Embedded ICC profile',
  iTXt: 'International textual data',
  pHYs: 'Physical pixel dimensions',
  sBIT: 'Significant bits',
  sPLT: 'Suggested palette',
  sRGB: 'Standard RGB colour space',
  tEXt: 'Textual data',
  tIME: 'Image last-modification time',
  tRNS: 'Transparency',
  zTXt: 'Compressed textual data',
};

function startsWithBytes(tvb: Tvb, sig: number[]): boolean {
  if (!tvb.has(0, sig.length)) return false;
  for (let i = 0; i < sig.length; i++) if (tvb.u8(i) !== sig[i]) return false;
  return true;
}

export function dissectPng(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  if (!startsWithBytes(tvb, PNG_SIG)) return 0;
  pinfo.currentProto = 'PNG';
  pinfo.addLayer('png');
  pinfo.cols?.appendInfo(' (PNG)');
  const t = tree ? tree.add(protoPng, tvb, 0, tvb.length, null) : null;
  t?.add(hfPng.signature, tvb, 0, 8, tvb.view(0, 8), `PNG Signature: ${hexBytes(tvb.view(0, 8))}`);
  let offset = 8;
  while (tvb.reportedRemaining(offset) > 0) {
    const len = tvb.u32(offset);
    const type = tvb.u32(offset + 4);
    const name = tvb.latin1(offset + 4, 4);
    const c = t
      ? t.addText(
          tvb,
          offset,
          Math.min(len + 12, tvb.length - offset),
          `${PNG_CHUNKS[name] ?? 'Unknown'} (${name})`,
        )
      : null;
    if (c) {
      c.add(hfPng.chunkLen, tvb, offset, 4, len);
      c.add(hfPng.chunkType, tvb, offset + 4, 4, name);
      c.add(hfPng.ancillary, tvb, offset + 4, 4, (type & 0x20000000) !== 0 ? 1 : 0);
      c.add(hfPng.private, tvb, offset + 4, 4, (type & 0x200000) !== 0 ? 1 : 0);
      c.add(hfPng.stc, tvb, offset + 4, 4, (type & 0x20) !== 0 ? 1 : 0);
    }
    const data = offset + 8;
    if (name === 'IHDR' && c) {
      c.add(hfPng.width, tvb, data, 4, tvb.u32(data));
      c.add(hfPng.height, tvb, data + 4, 4, tvb.u32(data + 4));
      c.add(hfPng.bitdepth, tvb, data + 8, 1, tvb.u8(data + 8));
      c.add(hfPng.colourType, tvb, data + 9, 1, tvb.u8(data + 9));
      c.add(hfPng.compression, tvb, data + 10, 1, tvb.u8(data + 10));
      c.add(hfPng.filter, tvb, data + 11, 1, tvb.u8(data + 11));
      c.add(hfPng.interlace, tvb, data + 12, 1, tvb.u8(data + 12));
    } else if (len > 0 && c) {
      c.add(hfPng.chunkData, tvb, data, Math.min(len, tvb.remaining(data)), null);
    }
    c?.add(hfPng.chunkCrc, tvb, data + len, 4, tvb.u32(data + len));
    offset = data + len + 4;
  }
  return offset;
}

function bits(
  item: ProtoNode,
  tvb: Tvb,
  off: number,
  v: number,
  fields: [typeof hfGif.globalBpp, number, number][],
): void {
  for (const [f, mask, shift] of fields) item.add(f, tvb, off, 1, (v & mask) >> shift);
}

function dataBlocks(tree: ProtoNode | null, tvb: Tvb, offset: number): number {
  for (;;) {
    const n = tvb.u8(offset);
    if (tree) {
      const label =
        n === 0
          ? 'Data block: <none> (length = 0)'
          : `Data block: ${hexBytes(tvb.view(offset + 1, n))} (length = ${n})`;
      // An empty FT_UINT_BYTES value prints as "<none>" in tshark's fields output.
      tree.add(hfGif.dataBlock, tvb, offset, n + 1, n === 0 ? '<none>' : tvb.view(offset + 1, n), label);
    } else {
      tvb.ensure(offset + 1, n);
    }
    offset += n + 1;
    if (n === 0) return offset;
  }
}

function colorSettings(v: number, global: boolean): string {
  let s = global ? 'Global settings:' : 'Local settings:';
  if (v & 0x80) s += global ? ' (Global color table present)' : ' (Local color table present)';
  if (v & 0x08) s += ' (Sorted color table)';
  const bpc = ((v & 0x70) >> 4) + 1;
  const bpp = (v & 0x07) + 1;
  s += ` (${bpc} bit${bpc === 1 ? '' : 's'} per color) (${bpp} bit${bpp === 1 ? '' : 's'} per pixel)`;
  return s;
}

export function dissectGif(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  if (!tvb.has(0, 6)) return 0;
  const version = tvb.latin1(0, 6);
  if (version !== 'GIF87a' && version !== 'GIF89a') return 0;
  pinfo.currentProto = 'GIF image';
  pinfo.addLayer('image-gif');
  pinfo.cols?.appendInfo(` (${version})`);
  const t = tree ? tree.add(protoGif, tvb, 0, tvb.length, null, `Compuserve GIF, Version: ${version}`) : null;
  t?.add(hfGif.version, tvb, 0, 6, version);
  t?.add(hfGif.screenWidth, tvb, 6, 2, tvb.u16le(6));
  t?.add(hfGif.screenHeight, tvb, 8, 2, tvb.u16le(8));
  const flags = tvb.u8(10);
  if (t) {
    const g = t.addText(tvb, 10, 1, colorSettings(flags, true));
    bits(g, tvb, 10, flags, [
      [hfGif.globalMapPresent, 0x80, 7],
      [hfGif.globalColorBpp, 0x70, 4],
      [hfGif.globalMapOrdered, 0x08, 3],
      [hfGif.globalBpp, 0x07, 0],
    ]);
    t.add(hfGif.backgroundIndex, tvb, 11, 1, tvb.u8(11));
    const aspect = tvb.u8(12);
    if (aspect) t.add(hfGif.pixelAspectRatio, tvb, 12, 1, aspect);
  }
  let offset = 13;
  if (flags & 0x80) {
    const n = 3 * (1 << ((flags & 0x07) + 1));
    t?.add(
      hfGif.globalColorMap,
      tvb,
      offset,
      n,
      tvb.view(offset, n),
      `Global color map: ${hexBytes(tvb.view(offset, n))}`,
    );
    offset += n;
  }
  while (tvb.reportedRemaining(offset) > 0) {
    const kind = tvb.u8(offset);
    if (kind === 0x3b) {
      t?.add(hfGif.end, tvb, offset, 1, null);
      offset++;
      break;
    }
    if (kind === 0x21) {
      const label = tvb.u8(offset + 1);
      const e = t ? t.add(hfGif.extension, tvb, offset, 1, null) : null;
      e?.add(hfGif.extensionLabel, tvb, offset + 1, 1, label);
      const end = dataBlocks(e, tvb, offset + 2);
      if (e) e.len = end - offset;
      offset = end;
      continue;
    }
    if (kind === 0x2c) {
      const start = offset;
      const im = t ? t.add(hfGif.image, tvb, offset, 1, null) : null;
      if (im) {
        im.add(hfGif.imageLeft, tvb, offset + 1, 2, tvb.u16le(offset + 1));
        im.add(hfGif.imageTop, tvb, offset + 3, 2, tvb.u16le(offset + 3));
        im.add(hfGif.imageWidth, tvb, offset + 5, 2, tvb.u16le(offset + 5));
        im.add(hfGif.imageHeight, tvb, offset + 7, 2, tvb.u16le(offset + 7));
      }
      const lf = tvb.u8(offset + 9);
      if (im) {
        const l = im.addText(tvb, offset + 9, 1, colorSettings(lf, false));
        bits(l, tvb, offset + 9, lf, [
          [hfGif.localMapPresent, 0x80, 7],
          [hfGif.localColorBpp, 0x70, 4],
          [hfGif.localMapOrdered, 0x08, 3],
          [hfGif.globalBpp, 0x07, 0],
        ]);
      }
      offset += 10;
      if (lf & 0x80) {
        const n = 3 * (1 << ((lf & 0x07) + 1));
        im?.add(
          hfGif.localColorMap,
          tvb,
          offset,
          n,
          tvb.view(offset, n),
          `Local color map: ${hexBytes(tvb.view(offset, n))}`,
        );
        offset += n;
      }
      im?.add(hfGif.codeSize, tvb, offset, 1, tvb.u8(offset));
      offset = dataBlocks(im, tvb, offset + 1);
      if (im) im.len = offset - start;
      continue;
    }
    break;
  }
  return offset;
}

const JPEG_MARKERS: Record<number, string> = {
  0xffc0: 'Start of Frame (non-differential, Huffman coding) - Baseline DCT',
  0xffc1: 'Start of Frame (non-differential, Huffman coding) - Extended sequential DCT',
  0xffc2: 'Start of Frame (non-differential, Huffman coding) - Progressive DCT',
  0xffc3: 'Start of Frame (non-differential, Huffman coding) - Lossless (sequential)',
  0xffc4: 'Define Huffman table(s)',
  0xffc5: 'Start of Frame (differential, Huffman coding) - Differential sequential DCT',
  0xffc6: 'Start of Frame (differential, Huffman coding) - Differential progressive DCT',
  0xffc7: 'Start of Frame (differential, Huffman coding) - Differential Lossless (sequential)',
  0xffc8: 'Start of Frame (non-differential, arithmetic coding) - Reserved for JPEG extensions',
  0xffc9: 'Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT',
  0xffca: 'Start of Frame (non-differential, arithmetic coding) - Progressive DCT',
  0xffcb: 'Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)',
  0xffcc: 'Define arithmetic coding conditioning(s)',
  0xffcd: 'Start of Frame (differential, arithmetic coding) - Differential sequential DCT',
  0xffce: 'Start of Frame (differential, arithmetic coding) - Differential progressive DCT',
  0xffcf: 'Start of Frame (differential, arithmetic coding) - Differential Lossless (sequential)',
  0xffd8: 'Start of Image',
  0xffd9: 'End of Image',
  0xffda: 'Start of Scan',
  0xffdb: 'Define quantization table(s)',
  0xffdc: 'Define number of lines',
  0xffdd: 'Define restart interval',
  0xffde: 'Define hierarchical progression',
  0xffdf: 'Expand reference component(s)',
  0xfffe: 'Comment',
};

function markerName(m: number): string {
  if (m >= 0xffd0 && m <= 0xffd7)
    return `Restart interval termination - Restart with modulo 8 count ${m - 0xffd0}`;
  if (m >= 0xffe0 && m <= 0xffef) return `Reserved for application segments - ${m - 0xffe0}`;
  if (m >= 0xfff0 && m <= 0xfffd) return `Reserved for JPEG extensions - ${m - 0xfff0}`;
  return JPEG_MARKERS[m] ?? 'Reserved';
}

function markerItem(t: ProtoNode | null, tvb: Tvb, offset: number, m: number): void {
  t?.add(hfJfif.marker, tvb, offset, 2, m, `Marker: ${markerName(m)} (0x${m.toString(16).padStart(4, '0')})`);
}

export function dissectJfif(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  if (!tvb.has(0, 3) || tvb.u16(0) !== 0xffd8 || tvb.u8(2) !== 0xff) return 0;
  pinfo.currentProto = 'JFIF (JPEG) image';
  pinfo.addLayer('image-jfif');
  pinfo.cols?.appendInfo(' (JPEG JFIF image)');
  const t = tree ? tree.add(protoJfif, tvb, 0, tvb.length, null) : null;
  markerItem(t, tvb, 0, 0xffd8);
  let offset = 2;
  while (tvb.remaining(offset) >= 2) {
    const m = tvb.u16(offset);
    if ((m & 0xff00) !== 0xff00) break;
    if (m === 0xffd9) {
      markerItem(t, tvb, offset, m);
      offset += 2;
      break;
    }
    const len = tvb.u16(offset + 2);
    const seg = t
      ? t.add(
          hfJfif.markerSegment,
          tvb,
          offset,
          Math.min(len + 2, tvb.length - offset),
          null,
          `Marker segment: ${markerName(m)} (0x${m.toString(16).toUpperCase()})`,
        )
      : null;
    markerItem(seg, tvb, offset, m);
    seg?.add(hfJfif.length, tvb, offset + 2, 2, len);
    const body = offset + 4;
    if (m === 0xffe0 && tvb.has(body, 5) && tvb.latin1(body, 5) === 'JFIF\0' && seg) {
      seg.add(hfJfif.identifier, tvb, body, 5, 'JFIF');
      const major = tvb.u8(body + 5);
      const minor = tvb.u8(body + 6);
      const v = seg.add(hfJfif.version, tvb, body + 5, 2, null, `Version: ${major}.${minor}`);
      v.add(hfJfif.versionMajor, tvb, body + 5, 1, major);
      v.add(hfJfif.versionMinor, tvb, body + 6, 1, minor);
      seg.add(hfJfif.units, tvb, body + 7, 1, tvb.u8(body + 7));
      seg.add(hfJfif.xdensity, tvb, body + 8, 2, tvb.u16(body + 8));
      seg.add(hfJfif.ydensity, tvb, body + 10, 2, tvb.u16(body + 10));
      seg.add(hfJfif.xthumbnail, tvb, body + 12, 1, tvb.u8(body + 12));
      seg.add(hfJfif.ythumbnail, tvb, body + 13, 1, tvb.u8(body + 13));
    } else if (len > 2 && seg) {
      const n = Math.min(len - 2, tvb.remaining(body));
      seg.add(hfJfif.remainSegData, tvb, body, n, tvb.view(body, n));
    }
    offset += 2 + len;
    if (m === 0xffda) {
      // Entropy-coded data up to the next marker that is not a stuffed 0xFF00 or a restart.
      let end = offset;
      while (
        end + 1 < tvb.length &&
        !(tvb.u8(end) === 0xff && tvb.u8(end + 1) !== 0 && (tvb.u8(end + 1) < 0xd0 || tvb.u8(end + 1) > 0xd7))
      )
        end++;
      if (end + 1 >= tvb.length) end = tvb.length;
      if (end > offset)
        t?.add(hfJfif.entropyCodedSegment, tvb, offset, end - offset, tvb.view(offset, end - offset));
      offset = end;
    }
  }
  return tvb.length;
}
