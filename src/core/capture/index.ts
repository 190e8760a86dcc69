/**
 * Public entry of the capture readers: sniffing parser factory, a whole-buffer convenience and
 * the helpers other layers need.
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
