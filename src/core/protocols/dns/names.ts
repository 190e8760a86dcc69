import { BoundsError, type Tvb } from '../../dissect/tvb';
import { formatText } from '../media/text';

/** A domain name read from a DNS message. */
export interface DnsName {
  /** The name as shown (format_text of the raw bytes, or one of Wireshark's marker texts). */
  text: string;
  /** Bytes the name occupies at its position (up to and including the first pointer). */
  used: number;
  /** Labels as Wireshark counts them: dots in the raw name plus one, 0 for a 1-byte name. */
  labels: number;
  /** Wireshark's name_len: raw name bytes, or the marker's length. */
  nameLen: number;
  /** The raw name bytes (latin1 string); markers as they are. */
  raw: string;
}

/** Longest name Wireshark expands (its buffer, terminator included). */
const MAX_DNAME_LEN = 255;
/** Shortest encoding a non-root name can have. */
const MIN_DNAME_LEN = 2;

const LOOP = '<Name contains a pointer that loops>';

interface Expanded {
  raw: string;
  /** Bytes the raw name is made of (a marker's length for markers). */
  nameLen: number;
  /** Whether `raw` is a marker text (shown as is, not through format_text). */
  marker: boolean;
  used: number;
}

/** The exception Wireshark's name walk raises on bad label types: a malformed packet. */
function malformed(offset: number): never {
  throw new BoundsError('reported', `malformed DNS name at offset ${offset}`);
}

/**
 * Wireshark's expand_dns_name: walks labels and compression pointers from `offset`. `maxLen`
 * (0: none) bounds how far the walk may go from `offset` (names inside fixed-size data).
 */
function expand(tvb: Tvb, offset: number, maxLen: number, msgStart: number): Expanded {
  const start = offset;
  let raw = '';
  let written = 0;
  let maxname = MAX_DNAME_LEN;
  let len = -1;
  let pointers = 0;
  const marker = (text: string, used: number): Expanded => {
    if (used < 1) malformed(offset);
    return { raw: text, nameLen: text.length, marker: true, used };
  };
  for (;;) {
    if (maxLen && offset - start > maxLen - 1) break;
    const component = tvb.u8(offset);
    offset++;
    if (component === 0) break;
    switch (component & 0xc0) {
      case 0x00: {
        if (raw.length > 0) {
          if (maxname > 0) {
            raw += '.';
            written++;
            maxname--;
          }
        } else maxname--;
        for (let n = component; n > 0; n--) {
          if (maxLen && offset - start > maxLen - 1) malformed(offset);
          const c = tvb.u8(offset);
          if (maxname > 0) {
            raw += String.fromCharCode(c);
            written++;
            maxname--;
          }
          offset++;
        }
        break;
      }
      case 0x40: {
        if ((component & 0x3f) !== 0x01) return marker('<Unknown extended label>', offset - start);
        // Bitstring label (RFC 2673): shown as \[x<hex>/<bits>], not counted in name_len.
        const bits = tvb.u8(offset);
        offset++;
        let labelLen = ((bits - 1) >> 3) + 1;
        const put = (s: string): void => {
          if (maxname <= 0) return;
          // snprintf into maxname bytes keeps maxname-1 characters; a cut write stops all output.
          if (s.length <= maxname) {
            raw += s.slice(0, maxname - 1);
            maxname -= s.length;
          } else maxname = 0;
        };
        put('\\[x');
        while (labelLen-- > 0) {
          put(tvb.u8(offset).toString(16).padStart(2, '0'));
          offset++;
        }
        put(`/${bits}]`);
        break;
      }
      case 0x80:
        malformed(offset);
      // falls through (malformed throws)
      default: {
        const target = msgStart + (((component & 0x3f) << 8) | tvb.u8(offset));
        offset++;
        pointers++;
        if (len < 0) len = offset - start;
        // Wireshark's trivial-loop test compares against offset + 2, so real self-pointers are
        // caught by the pointer count instead.
        if (target === offset + 2 || pointers > MAX_DNAME_LEN) return marker(LOOP, len);
        offset = target;
      }
    }
  }
  if (len < 0) len = offset - start;
  if (maxname <= 0) return { raw: '<Name too long>', nameLen: 15, marker: true, used: len };
  return { raw, nameLen: written, marker: false, used: len };
}

/** qname_labels_count: dots plus one, for names longer than one character. */
function countLabels(raw: string, nameLen: number): number {
  if (nameLen <= 1) return 0;
  let n = 1;
  for (let i = 0; i < nameLen; i++) if (raw.charCodeAt(i) === 0x2e) n++;
  return n;
}

function shown(raw: string, nameLen: number): string {
  const b = new Uint8Array(nameLen);
  for (let i = 0; i < nameLen; i++) b[i] = raw.charCodeAt(i);
  return formatText(b);
}

/**
 * Reads a (possibly compressed) domain name at `offset` like Wireshark's get_dns_name.
 * `msgStart` is where the DNS message begins in `tvb` (compression pointers are relative to
 * it); `maxLen` (0: none) bounds names inside fixed-size data. Throws BoundsError when the name
 * runs off the data or is malformed, as Wireshark's exceptions do.
 */
export function readName(tvb: Tvb, msgStart: number, offset: number, maxLen = 0): DnsName {
  const e = expand(tvb, offset, maxLen, msgStart);
  if (e.raw.length === 0 || (!e.marker && e.raw.charCodeAt(0) === 0)) {
    if (e.used <= MIN_DNAME_LEN)
      return { text: '<Root>', used: e.used, labels: 1, nameLen: 6, raw: '<Root>' };
  }
  if (e.used < MIN_DNAME_LEN || (e.used > MIN_DNAME_LEN && e.nameLen === 0)) malformed(offset);
  const text = e.marker ? e.raw : shown(e.raw, e.nameLen);
  return { text, used: e.used, labels: countLabels(e.raw, e.nameLen), nameLen: e.nameLen, raw: e.raw };
}
