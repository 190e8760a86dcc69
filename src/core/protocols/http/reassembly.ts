/**
 * Whether an HTTP-like message (request/status line, headers, blank line, optional body) is
 * complete in the bytes at hand, and if not, how much more TCP should collect
 * (Wireshark's req_resp_hdrs_do_reassembly). Only asks for more when TCP can reassemble and
 * the segment was fully captured: bytes cut off by the snaplen will never arrive.
 */
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, type PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import { findLineEnd, utf8String } from '../media/text';

/** C's strtol(s, NULL, 16) on the chunk-size line: leading spaces, sign, optional 0x, hex digits. */
export function parseChunkSize(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]*)/.exec(s);
  if (!m || m[2] === '') return NaN;
  const v = parseInt(m[2], 16);
  return m[1] === '-' ? -v : v;
}

/** ws_strtoi32 on a whole string: an optional sign and decimal digits, nothing else. */
function strictInt32(s: string): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const v = Number(s);
  return v > 2147483647 || v < -2147483648 ? null : v;
}

/**
 * Whether the line starts with `prefix` (lower-case ASCII) in any case: the same answer as
 * the prefix test on its decoded, lower-cased text (a NUL or a non-ASCII byte matches no letter).
 */
function hasPrefix(b: Uint8Array, prefix: string): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = b[i];
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Asks TCP for one more segment from `offset` on. */
function oneMoreSegment(pinfo: PacketInfo, offset: number): false {
  pinfo.desegmentOffset = offset;
  pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
  return false;
}

/**
 * Returns true when the message can be dissected now; false after setting
 * pinfo.desegmentOffset/desegmentLen to ask TCP for more data.
 */
export function reqRespHdrsDoReassembly(
  tvb: Tvb,
  offset: number,
  pinfo: PacketInfo,
  desegmentHeaders: boolean,
  desegmentBody: boolean,
  desegmentUntilFin: boolean,
): boolean {
  let next = offset;
  let contentLength = 0;
  let contentLengthFound = false;
  let contentType: string | null = null;
  let chunked = false;

  if (desegmentHeaders && pinfo.canDesegment) {
    for (;;) {
      const lineStart = next;
      const reportedRemaining = tvb.reportedRemaining(next);
      if (reportedRemaining < 1) return oneMoreSegment(pinfo, offset);
      const remaining = tvb.remaining(next);
      const le = findLineEnd(tvb, next, remaining, true);
      if (le.len === -1) {
        if (remaining >= reportedRemaining) return oneMoreSegment(pinfo, offset);
        // Bytes missing from the capture: more segments cannot help.
        break;
      }
      next = le.next;
      if (le.len === 0) break;
      if (!desegmentBody) continue;
      const first = tvb.u8(lineStart) | 0x20;
      if (first !== 0x63 && first !== 0x74) continue;
      // Only the three headers that matter get their text made.
      const raw = tvb.view(lineStart, le.len);
      const which = hasPrefix(raw, 'content-length:')
        ? 1
        : hasPrefix(raw, 'content-type:')
          ? 2
          : hasPrefix(raw, 'transfer-encoding:')
            ? 3
            : 0;
      if (which === 0) continue;
      const line = utf8String(raw);
      if (which === 1) {
        const v = strictInt32(line.slice(15).trim());
        if (v !== null && v >= 0) {
          contentLength = v;
          contentLengthFound = true;
        }
      } else if (which === 2) {
        contentType = line.slice(13).replace(/^ +/, '');
      } else {
        const v = asciiLower(line)
          .slice(18)
          .replace(/^[ \t]+/, '');
        if (v.startsWith('chunked')) chunked = true;
      }
    }
  }

  if (!desegmentBody) return true;
  if (chunked) {
    for (;;) {
      const reportedRemaining = tvb.reportedRemaining(next);
      if (reportedRemaining < 1) return oneMoreSegment(pinfo, offset);
      const remaining = tvb.remaining(next);
      const le = findLineEnd(tvb, next, remaining, true);
      if (le.len === -1 && remaining >= reportedRemaining) return oneMoreSegment(pinfo, offset);
      if (le.len === -1) return true;
      const text = tvb.latin1(next, le.len).split(';')[0];
      const size = parseChunkSize(text);
      if (Number.isNaN(size)) return true;
      // sscanf("%x") into an unsigned: negative sizes wrap around and are "unreasonable".
      const usize = size < 0 ? size + 2 ** 32 : size;
      if (usize > 2 ** 31) return true;
      if (usize === 0) {
        const tail = findLineEnd(tvb, le.next, remaining, true);
        if (tail.len === -1 && remaining >= reportedRemaining) return oneMoreSegment(pinfo, offset);
        return true;
      }
      if (reportedRemaining > usize) next = le.next + usize + 2;
      else return oneMoreSegment(pinfo, offset);
    }
  }
  if (contentLengthFound) {
    if (contentLength >= 128 * 1024) {
      // MS-RPCH: RPC_IN_DATA/RPC_OUT_DATA announce lengths that are never sent.
      if (contentType !== null && contentType.startsWith('application/rpc')) return true;
      const tag = tvb.latin1(0, 12);
      if (tag.startsWith('RPC_IN_DATA') || tag.startsWith('RPC_OUT_DATA')) return true;
    }
    if (next + contentLength > tvb.length) {
      const remaining = tvb.remaining(next);
      const reportedRemaining = tvb.reportedRemaining(next);
      if (remaining < reportedRemaining) return true;
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = contentLength - remaining;
      return false;
    }
  } else if (desegmentUntilFin && pinfo.canDesegment) {
    if (tvb.remaining(next) < tvb.reportedRemaining(next)) return true;
    pinfo.desegmentOffset = offset;
    pinfo.desegmentLen = DESEGMENT_UNTIL_FIN;
    return false;
  }
  return true;
}
