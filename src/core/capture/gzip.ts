/**
 * Transparent reading of gzip-compressed captures: the stream is inflated with fflate's streaming
 * Gunzip (pure JS, browser and Node; multi-member files are inflated member after member, as
 * tshark does) and the inflated bytes are sniffed and parsed like an uncompressed file. Offsets in
 * records are offsets in the inflated stream.
 */
import { Gunzip } from 'fflate';
import type { CaptureEnd, CaptureError, CaptureInfo, CaptureParser, RecordSink } from './types';
import { err, ok, type Result } from '../../base/result';
import { AutoParser } from './auto-parser';
import { CUT_SHORT } from './messages';

/**
 * Compressed bytes are handed to fflate in pieces aligned to multiples of this size in the
 * compressed stream, whatever the caller's chunking: fflate drops the output of a push that fails,
 * so only a fixed push pattern makes results on damaged files independent of chunk sizes. Pieces
 * are fresh copies because fflate may keep a reference to unprocessed input.
 */
const PIECE = 65536;

export class GzipParser implements CaptureParser {
  readonly info: CaptureInfo;
  private readonly inner: AutoParser;
  private readonly gunzip: Gunzip;
  private inflated = 0;
  private consumed = 0;
  private headerChecked = false;
  private truncated = false;
  private piece = new Uint8Array(PIECE);
  private pieceLen = 0;
  private error: CaptureError | undefined;

  constructor(sink: RecordSink, info: CaptureInfo) {
    this.info = info;
    this.info.compressed = true;
    this.inner = new AutoParser(sink, info, false);
    this.gunzip = new Gunzip((data) => {
      this.inflated += data.length;
      this.inner.push(data);
    });
  }

  get failed(): boolean {
    return this.error !== undefined || this.inner.failed;
  }

  push(chunk: Uint8Array): void {
    if (this.error || this.inner.failed || chunk.length === 0) return;
    if (!this.headerChecked && !this.checkHeader(chunk)) return;
    let pos = 0;
    while (pos < chunk.length && !this.error && !this.inner.failed) {
      const take = Math.min(PIECE - this.pieceLen, chunk.length - pos);
      this.piece.set(chunk.subarray(pos, pos + take), this.pieceLen);
      this.pieceLen += take;
      pos += take;
      if (this.pieceLen === PIECE) this.flushPiece(false);
    }
  }

  private flushPiece(final: boolean): void {
    const piece = this.piece.subarray(0, this.pieceLen);
    this.piece = new Uint8Array(PIECE);
    this.pieceLen = 0;
    try {
      this.gunzip.push(piece, final);
      this.consumed += piece.length;
    } catch (e) {
      // fflate reports a stream that stops mid-member as "unexpected EOF": the file was cut short.
      if (final && errorText(e).includes('unexpected EOF')) this.truncated = true;
      else this.fail(e);
    }
  }

  finish(): CaptureEnd {
    if (!this.error && !this.inner.failed) this.flushPiece(true);
    const truncated = this.truncated;
    const end = this.inner.finish();
    // A decompression failure explains whatever the inflated stream lacks (even "empty").
    if (this.error) {
      end.error = this.error;
      delete end.cutShort;
    }
    if (truncated && !end.error && !end.cutShort)
      end.cutShort = { offset: this.inflated, message: CUT_SHORT };
    return end;
  }

  /** The method byte (stream offset 2) must say deflate; fflate would otherwise wait silently. */
  private checkHeader(chunk: Uint8Array): boolean {
    const at = 2 - this.consumed - this.pieceLen;
    if (at >= chunk.length) return true;
    this.headerChecked = true;
    if (chunk[at] !== 8) {
      // tshark reports this while opening the file, without a line break before the detail.
      this.error = {
        kind: 'bad-gzip',
        message: `gzip header names compression method ${chunk[at]}, not deflate (8)`,
        offset: 2,
        tsharkMessage: 'cannot be decompressed; it may be damaged or corrupt.(unknown compression method)',
      };
      return false;
    }
    return true;
  }

  private fail(e: unknown): void {
    const detail = errorText(e);
    this.error = {
      kind: 'bad-gzip',
      message: `gzip decompression failed after ${this.consumed} compressed bytes (${this.inflated} inflated): ${detail}`,
      offset: this.inflated,
      tsharkMessage: `cannot be decompressed; it may be damaged or corrupt.\n(${detail})`,
    };
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True when the bytes start like a gzip stream. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Inflates a whole gzip file (every member) into memory, e.g. to back a ByteSource for re-reading
 * frames of a compressed capture (record offsets are offsets in the inflated stream).
 */
export function inflateGzip(bytes: Uint8Array): Result<Uint8Array, CaptureError> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((data) => {
    parts.push(data);
    total += data.length;
  });
  try {
    gunzip.push(bytes, true);
  } catch (e) {
    const detail = errorText(e);
    return err({
      kind: 'bad-gzip',
      message: `gzip decompression failed: ${detail}`,
      offset: total,
      tsharkMessage: `cannot be decompressed; it may be damaged or corrupt.\n(${detail})`,
    });
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return ok(out);
}
