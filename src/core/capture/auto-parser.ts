/**
 * The parser handed out by createCaptureParser: buffers the first bytes until the format is known,
 * then delegates to the pcap, pcapng or gzip reader (which re-sniffs the inflated stream).
 */
import type { CaptureEnd, CaptureError, CaptureInfo, CaptureParser, RecordSink } from './types';
import { GzipParser } from './gzip';
import { emptyInfo, PcapParser } from './pcap';
import { PcapngParser } from './pcapng';
import { notACapture } from './messages';
import { SNIFF_WINDOW, sniffFormat } from './sniff';

export class AutoParser implements CaptureParser {
  readonly info: CaptureInfo;
  private readonly sink: RecordSink;
  private readonly allowGzip: boolean;
  private inner: CaptureParser | undefined;
  private head: Uint8Array | undefined;
  private headLen = 0;
  private error: CaptureError | undefined;

  constructor(sink: RecordSink, info?: CaptureInfo, allowGzip = true) {
    this.sink = sink;
    this.info = info ?? emptyInfo('pcap');
    this.allowGzip = allowGzip;
  }

  get failed(): boolean {
    return this.error !== undefined || (this.inner?.failed ?? false);
  }

  push(chunk: Uint8Array): void {
    if (this.error || chunk.length === 0) return;
    if (this.inner) return this.inner.push(chunk);
    if (this.headLen === 0 && chunk.length >= SNIFF_WINDOW) {
      // Common case: the first chunk is big enough to decide without copying.
      this.decide(chunk, false)?.push(chunk);
      return;
    }
    const head = this.head ?? (this.head = new Uint8Array(SNIFF_WINDOW));
    const take = Math.min(SNIFF_WINDOW - this.headLen, chunk.length);
    head.set(chunk.subarray(0, take), this.headLen);
    this.headLen += take;
    const inner = this.decide(head.subarray(0, this.headLen), false);
    if (!inner) return;
    this.head = undefined;
    inner.push(head.subarray(0, this.headLen));
    if (take < chunk.length) inner.push(chunk.subarray(take));
  }

  finish(): CaptureEnd {
    if (!this.inner && !this.error) {
      const head = this.head?.subarray(0, this.headLen) ?? new Uint8Array(0);
      this.decide(head, true)?.push(head);
    }
    if (this.inner) return this.inner.finish();
    return { records: 0, error: this.error };
  }

  /** Returns the chosen reader (which should then get the buffered bytes), if any. */
  private decide(head: Uint8Array, eof: boolean): CaptureParser | undefined {
    const r = sniffFormat(head, eof);
    switch (r.kind) {
      case 'need-more':
        return undefined;
      case 'pcap':
        return (this.inner = new PcapParser(this.sink, this.info));
      case 'pcapng':
        return (this.inner = new PcapngParser(this.sink, this.info));
      case 'gzip':
        if (!this.allowGzip) {
          this.error = notACapture('This is a gzip file inside a gzip file, not a capture file');
          return undefined;
        }
        return (this.inner = new GzipParser(this.sink, this.info));
      case 'empty':
        // tshark reads an empty file as a capture with no packets and says nothing.
        this.error = { kind: 'empty-file', message: 'The file is empty', offset: 0 };
        return undefined;
      case 'unknown':
        this.error = notACapture(r.description);
        return undefined;
    }
  }
}
