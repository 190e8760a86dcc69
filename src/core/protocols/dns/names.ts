import type { Tvb } from '../../dissect/tvb';

/** A domain name read from a DNS message. */
export interface DnsName {
  /** Dotted text; "<Root>" for the root name (as Wireshark shows it). */
  text: string;
  /** Bytes the name occupies at its position (up to and including the first pointer). */
  used: number;
  labels: number;
  /** Length of the displayed name, placeholders included (dns.qry.name.len). */
  textLen: number;
}

/** Characters a label keeps as they are; anything else is escaped like Wireshark's name formatter. */
function labelChar(c: number): string {
  if (c >= 0x20 && c <= 0x7e) return String.fromCharCode(c);
  return '\\' + c.toString(8).padStart(3, '0');
}

/**
 * Reads a (possibly compressed) domain name at `offset`. `msgStart` is where the DNS message
 * begins in `tvb` (compression pointers are relative to it). Pointer loops and over-long
 * names are cut short with Wireshark's marker texts instead of looping forever.
 * Throws BoundsError (via tvb) when the name runs off the data, as Wireshark's exception does.
 */
export function readName(tvb: Tvb, msgStart: number, offset: number): DnsName {
  let text = '';
  let used = -1;
  let labels = 0;
  let pos = offset;
  // Every pointer must go strictly backwards... not required by the RFC, so instead cap the
  // number of bytes visited: a name can never legitimately need more than the message holds.
  let budget = tvb.length - msgStart;
  let looped = false;
  // Wireshark stops a name at MAX_DNAME_LEN and shows "<Name too long>"; stopping here also keeps
  // a message full of long pointer chains linear instead of building huge strings per record.
  let tooLong = false;
  for (;;) {
    const len = tvb.u8(pos);
    pos++;
    const kind = len & 0xc0;
    if (kind === 0) {
      if (len === 0) break;
      const start = pos;
      tvb.ensure(start, len);
      if (!tooLong) {
        if (text.length > 0) text += '.';
        for (let i = 0; i < len; i++) text += labelChar(tvb.u8(start + i));
        if (text.length > 255) tooLong = true;
      }
      pos += len;
      labels++;
      budget -= len + 1;
      if (budget < 0) {
        looped = true;
        break;
      }
      continue;
    }
    if (kind === 0xc0) {
      const target = ((len & 0x3f) << 8) | tvb.u8(pos);
      pos++;
      if (used < 0) used = pos - offset;
      if (tooLong) break;
      budget -= 2;
      if (budget < 0) {
        looped = true;
        break;
      }
      pos = msgStart + target;
      continue;
    }
    // 0x40 (extended label types) and 0x80 (reserved) are not decoded.
    text += kind === 0x40 ? '<Unknown extended label>' : '<Unknown label type>';
    break;
  }
  if (used < 0) used = pos - offset;
  // Wireshark replaces the whole name by the marker, and counts the marker/root as one label.
  if (looped) text = '<Name contains a pointer that loops>';
  else if (tooLong) text = '<Name too long>';
  if (text.length === 0) text = '<Root>';
  return { text, used, labels: looped ? 1 : Math.max(labels, 1), textLen: text.length };
}
