import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { asciiString, tvbFormatText } from '../media/text';
import { hfJxta as hf } from './fields';

/**
 * Wireshark's tvb_reported_length_remaining: 0 when the offset lies beyond the captured bytes
 * (even if the packet was longer on the wire). The JXTA header walk depends on it: on a
 * snaplen-cut segment a read that starts exactly at (or straddles) the captured end throws,
 * while one starting further out just looks like "need more bytes".
 */
export function reportedRemaining(tvb: Tvb, offset: number): number {
  if (offset < 0 || offset > tvb.length) return 0;
  return Math.max(0, tvb.reportedLength - offset);
}

/** tvb_strncaseeql: case-insensitive ASCII match; bytes that are not captured never match. */
function strncaseeql(tvb: Tvb, offset: number, s: string): boolean {
  if (!tvb.has(offset, s.length)) return false;
  const b = tvb.bytes;
  const base = tvb.start + offset;
  for (let i = 0; i < s.length; i++) {
    let c = b[base + i];
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== s.charCodeAt(i)) return false;
  }
  return true;
}

/** The result of a header walk (one shared object: the walk runs for every candidate payload). */
export interface Framing {
  /** Bytes of framing headers, or -needed when more bytes were asked for (desegmentation). */
  length: number;
  contentType: string | null;
  /** The content-length header (an 8-byte value), or -1n when absent. */
  contentLength: bigint;
}

/**
 * JXTA message framing headers: [name length][name][value length (2)][value] ... ending with a
 * zero name length. Reads exactly what Wireshark's dissect_jxta_message_framing reads, so a
 * segment cut by the snaplen throws at the same place. `tree` adds the headers' items.
 */
const result: Framing = { length: 0, contentType: null, contentLength: -1n };

export function dissectFraming(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): Framing {
  let offset = 0;
  let needed = 0;
  let contentType: string | null = null;
  let contentLength = -1n;
  for (;;) {
    let available = reportedRemaining(tvb, offset);
    if (available < 1) {
      needed = 1 - available;
      break;
    }
    const nameLen = tvb.u8(offset);
    offset += 1;
    // Wireshark keeps the name offset in an 8-bit and the value offset in a 16-bit variable.
    const nameOffset = offset & 0xff;
    available = reportedRemaining(tvb, offset);
    if (available < nameLen) {
      needed = nameLen - available;
      break;
    }
    if (nameLen === 0) break;
    offset += nameLen;
    available = reportedRemaining(tvb, offset);
    if (available < 2) {
      needed = 2 - available;
      break;
    }
    const valueLen = tvb.u16(offset);
    offset += 2;
    const valueOffset = offset & 0xffff;
    available = reportedRemaining(tvb, offset);
    if (available < valueLen) {
      needed = valueLen - available;
      break;
    }
    offset += valueLen;
    if (nameLen === 12 && strncaseeql(tvb, nameOffset, 'content-type')) {
      contentType = asciiString(tvb.view(valueOffset, valueLen));
    }
    if (valueLen === 8 && nameLen === 14 && strncaseeql(tvb, nameOffset, 'content-length')) {
      contentLength = tvb.u64(valueOffset);
    }
  }
  if (needed > 0 && pinfo.canDesegment > 0) {
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = needed;
    return fill(-needed, contentType, contentLength);
  }
  if (tree) addFramingTree(tvb, tree);
  return fill(offset, contentType, contentLength);
}

function fill(length: number, contentType: string | null, contentLength: bigint): Framing {
  result.length = length;
  result.contentType = contentType;
  result.contentLength = contentLength;
  return result;
}

function addFramingTree(tvb: Tvb, tree: ProtoNode): void {
  const framing = tree.add(hf.framing, tvb, 0, tvb.length, null, 'JXTA Message Framing Headers');
  let offset = 0;
  for (;;) {
    const start = offset;
    const nameLen = tvb.u8(offset);
    const header = framing.add(hf.framingHeader, tvb, offset, 0, null);
    const name = asciiString(tvb.view(offset + 1, nameLen));
    header.add(hf.framingHeaderName, tvb, offset, 1 + nameLen, name);
    if (nameLen > 0) header.label = `Header "${tvbFormatText(tvb, offset + 1, nameLen)}"`;
    offset += 1 + nameLen;
    if (nameLen > 0) {
      const valueLen = tvb.u16(offset);
      header.add(hf.framingHeaderValueLength, tvb, offset, 2, valueLen);
      header.add(hf.framingHeaderValue, tvb, offset + 2, valueLen, tvb.view(offset + 2, valueLen));
      offset += 2 + valueLen;
    }
    header.len = offset - start;
    if (nameLen === 0) break;
  }
  framing.len = offset;
}
