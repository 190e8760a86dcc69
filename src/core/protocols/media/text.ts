/**
 * Text helpers shared by the line-based dissectors (HTTP, text lines): Wireshark's
 * tvb_find_line_end and format_text semantics, and the string decodings tshark applies to
 * packet text (ENC_ASCII, ENC_UTF_8).
 */
import { LINE_MEMO_MIN, lineScanStart, noteNoLineEnd } from '../../analysis/reassembly-buffer';
import type { Tvb } from '../../dissect/tvb';

export interface LineEnd {
  /** Length of the line without its terminator; -1 when no terminator was found and `desegment`. */
  len: number;
  /** Offset just past the terminator (CR, LF or CRLF), or the end of the searched range. */
  next: number;
}

/**
 * Finds the end of the line starting at `offset`, searching `len` captured bytes (-1: all of
 * them). A line ends at CR, LF or CRLF. Without a terminator the line runs to the end of the
 * range, unless `desegment` asks to report that (len -1) so the caller can wait for more data;
 * a CR as the very last byte counts as "not found" too, since its LF may follow.
 */
export function findLineEnd(tvb: Tvb, offset: number, len: number, desegment: boolean): LineEnd {
  const avail = tvb.remaining(offset);
  if (len < 0) len = avail;
  const eob = offset + len;
  const stop = Math.min(eob, offset + avail);
  const b = tvb.bytes;
  const base = tvb.start;
  let eol = -1;
  let from = offset;
  // Long scans over reassembled PDUs skip the prefix earlier scans found free of CR/LF (a header
  // that grows by one segment per call would otherwise be rescanned from its start each time).
  const memo = stop - offset >= LINE_MEMO_MIN;
  const abs = b.byteOffset + base;
  if (memo) from = Math.min(stop, Math.max(offset, lineScanStart(b, abs + offset) - abs));
  eol = scanLineEnd(b, base, from, stop);
  if (memo) noteNoLineEnd(b, abs + offset, abs + (eol < 0 ? stop : eol));
  if (eol < 0) {
    if (desegment) return { len: -1, next: offset };
    return { len: eob - offset, next: eob };
  }
  const lineLen = eol - offset;
  if (b[base + eol] === 0x0d) {
    if (eol + 1 >= eob) {
      if (desegment) return { len: -1, next: offset };
    } else if (eol + 1 < offset + avail && b[base + eol + 1] === 0x0a) {
      eol++;
    }
  }
  return { len: lineLen, next: eol + 1 };
}

/** Bytes looked at one by one before the scan switches to the engine's native search. */
const SHORT_SCAN = 64;

/**
 * Index (relative to `base`) of the first CR or LF in [from, stop), or -1. Short lines are
 * found byte by byte; past SHORT_SCAN the search goes to indexOf (memchr) in windows that
 * double in size, so a long line without CR/LF (bulk data on an HTTP port, each segment asking
 * for the first line again) costs a native scan, and a window never reaches much further than
 * the line end it finds.
 */
function scanLineEnd(b: Uint8Array, base: number, from: number, stop: number): number {
  const quick = Math.min(stop, from + SHORT_SCAN);
  for (let i = from; i < quick; i++) {
    const c = b[base + i];
    if (c === 0x0d || c === 0x0a) return i;
  }
  let window = SHORT_SCAN * 16;
  for (let at = quick; at < stop; at += window, window *= 2) {
    const w = b.subarray(base + at, base + Math.min(stop, at + window));
    const cr = w.indexOf(0x0d);
    const lf = w.indexOf(0x0a);
    if (cr >= 0 || lf >= 0) return at + (cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf));
  }
  return -1;
}

/** Captured bytes from `offset` to the end, throwing (like tvb_ensure_captured_length_remaining) when none. */
export function ensureCapturedRemaining(tvb: Tvb, offset: number): number {
  const n = tvb.remaining(offset);
  if (n === 0) tvb.ensure(offset, 1);
  return n;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  0x07: 'a',
  0x08: 'b',
  0x0c: 'f',
  0x0a: 'n',
  0x0d: 'r',
  0x09: 't',
  0x0b: 'v',
};

function escapeAscii(c: number): string {
  const e = SIMPLE_ESCAPES[c];
  if (e) return '\\' + e;
  return '\\' + ((c >> 6) & 3).toString() + ((c >> 3) & 7).toString() + (c & 7).toString();
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

function isPrintableCodePoint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return !NOT_PRINTABLE.test(String.fromCodePoint(cp));
}

/**
 * Wireshark's format_text: the bytes read as UTF-8, printable characters as themselves,
 * non-printable ASCII as C escapes (\r, \n, \000 ...), other non-printable characters as
 * \uXXXX, and invalid UTF-8 as U+FFFD.
 */
export function formatText(b: Uint8Array, start = 0, end = b.length): string {
  let out = '';
  let i = start;
  while (i < end) {
    const c = b[i++];
    if (c >= 0x20 && c < 0x7f) {
      out += String.fromCharCode(c);
      continue;
    }
    if (c < 0x80) {
      out += escapeAscii(c);
      continue;
    }
    let need: number;
    let cp: number;
    if ((c & 0xe0) === 0xc0) [need, cp] = [1, c & 0x1f];
    else if ((c & 0xf0) === 0xe0) [need, cp] = [2, c & 0x0f];
    else if ((c & 0xf8) === 0xf0) [need, cp] = [3, c & 0x07];
    else if ((c & 0xfc) === 0xf8) [need, cp] = [4, c & 0x03];
    else if ((c & 0xfe) === 0xfc) [need, cp] = [5, c & 0x01];
    else [need, cp] = [-1, 0xfffd];
    for (let k = 0; k < need; k++) {
      if (i >= end || (b[i] & 0xc0) !== 0x80) {
        cp = 0xfffd;
        break;
      }
      cp = (cp << 6) | (b[i++] & 0x3f);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    if (isPrintableCodePoint(cp)) out += String.fromCodePoint(cp);
    // An overlong encoding of a control character lands here too: Wireshark prints it as \u.
    else
      out +=
        cp <= 0xffff
          ? '\\u' + cp.toString(16).toUpperCase().padStart(4, '0')
          : '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
  }
  return out;
}

/** format_text over tvb bytes (captured bytes only; the caller has checked the range). */
export function tvbFormatText(tvb: Tvb, offset: number, len: number): string {
  const v = tvb.view(offset, len);
  return formatText(v);
}

/**
 * tvb_get_string_enc(ENC_ASCII) as a C string: bytes >= 0x80 become U+FFFD and the value ends at
 * the first NUL (what tshark prints for such a field).
 */
export function asciiString(b: Uint8Array): string {
  const nul = b.indexOf(0);
  const end = nul < 0 ? b.length : nul;
  if (end <= 64) {
    let s = '';
    for (let i = 0; i < end; i++) {
      const c = b[i];
      s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
    }
    return s;
  }
  // Long values (HTTP bodies as http.file_data) are decoded natively: windows-1252 keeps the
  // ASCII bytes and turns every other byte into a character >= U+0080, which then becomes
  // U+FFFD (growing a string one character at a time was slow and made garbage per byte).
  return singleByte.decode(b.subarray(0, end)).replace(NON_ASCII, '\ufffd');
}

const singleByte = new TextDecoder('windows-1252');
const NON_ASCII = /[\u0080-\uffff]/g;

const utf8 = new TextDecoder('utf-8');

/** Bytes as UTF-8 text (invalid sequences as U+FFFD), ending at the first NUL like a C string. */
export function utf8String(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return utf8.decode(nul < 0 ? b : b.subarray(0, nul));
}

/** g_ascii_isprint */
export function isPrint(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/** g_ascii_isspace */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
