/**
 * Public entry of the capture readers: sniffing parser factory, a whole-buffer convenience and
 * the helpers other layers need.
 *
 * Notes for consumers that want tshark's numbers:
 * - RawRecord lengths are the file's. For link types with a wiretap pseudo-header (SunATM, IrDA,
 *   LAPD, MTP2, ...) tshark's frame.cap_len/frame.len are smaller by
 *   `linktypeInfo(linktype).pseudoHeaderLength`, and tshark prints frame.len above 2^31-1 as
 *   2147483647.
 * - RawRecord.interfaceId is global across pcapng sections; tshark's frame.interface_id counts
 *   from 0 in each section (subtract the index of the section's first interface).
 * - Failure texts: print `tshark: The file "NAME" ` + `error.tsharkMessage` (or `cutShort.message`);
 *   an error without tsharkMessage (empty file) is silent in tshark.
 * - Offsets of gzip-compressed files are in the inflated stream: back the ByteSource with
 *   `memoryByteSource(inflateGzip(bytes))`.
 */
import type { CaptureEnd, CaptureParser, RecordSink } from './types';
import { AutoParser } from './auto-parser';

export type * from './types';
export { memoryByteSource } from './byte-source';
export { inflateGzip, isGzip } from './gzip';
export {
  linktypeInfo,
  linktypeName,
  wtapEncapForLinktype,
  isLinktypeSupported,
  type LinktypeInfo,
} from './linktypes';
export { CUT_SHORT, CUT_SHORT_AT_OPEN, NOT_A_CAPTURE } from './messages';
export { sniffFormat, type SniffResult } from './sniff';

/**
 * A parser for any supported capture stream (pcap, pcapng, either gzip-compressed): it sniffs the
 * format from the first bytes and delegates. Feed it chunks with push(), then call finish().
 */
export function createCaptureParser(sink: RecordSink): CaptureParser {
  return new AutoParser(sink);
}

/** Default chunk size used by readCaptureBytes. */
const CHUNK = 1 << 20;

/** Parses a whole capture held in memory, feeding it in chunks of `chunkSize` bytes. */
export function readCaptureBytes(bytes: Uint8Array, sink: RecordSink, chunkSize = CHUNK): CaptureEnd {
  const parser = createCaptureParser(sink);
  const step = Math.max(1, chunkSize);
  for (let off = 0; off < bytes.length && !parser.failed; off += step) {
    parser.push(bytes.subarray(off, Math.min(bytes.length, off + step)));
  }
  return parser.finish();
}
