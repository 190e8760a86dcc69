import { Gunzip } from 'fflate';
import { CaptureSession } from '../core/session';
import { CUT_SHORT, type ByteSource } from '../core/capture/index';
import { recordTcpSegment } from '../core/stats/tcp-segments';
import { ChunkedMemorySource } from './byte-sources';
import { chunkReader } from './chunk-reader';
import type { CancelToken } from './scheduling';
import { Slice, Throttle } from './scheduling';
import type { CaptureSummaryInfo, LoadOutcome, LoadProgress } from './types';

/** A capture being read or read: the session plus what the page is told about it. */
export interface LoadedCapture {
  gen: number;
  name: string;
  session: CaptureSession;
  compressed: boolean;
  fileBytes: number;
  loading: boolean;
  /** The capture's bytes as the session reads them (inflated if gzip); sharing uploads these. */
  source: ByteSource;
}

/** Where the bytes come from: a stream to read in order, and a File for later re-reads if any. */
export interface LoadInput {
  gen: number;
  name: string;
  stream: ReadableStream<Uint8Array>;
  totalBytes: number;
  /** Re-read frames from here (when the file is not compressed) instead of keeping bytes in memory. */
  reread?: () => ByteSource;
}

export interface LoadHooks {
  token: CancelToken;
  onProgress(p: LoadProgress): void;
  /** The new capture has its first packet: it replaces the previous one from now on. */
  onActivate(c: LoadedCapture): void;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Pieces pushed to the parser at once: small enough to give the event loop a turn often. */
const PUSH_PIECE = 256 * 1024;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function summaryInfo(c: LoadedCapture): CaptureSummaryInfo {
  const info = c.session.info;
  return {
    name: c.name,
    format: info.format,
    compressed: c.compressed,
    linktypes: [...new Set(info.interfaces.map((i) => i.linktype))],
    fileBytes: c.fileBytes,
  };
}

/**
 * Reads a capture from a stream into a new session: inflating gzip on the way (keeping the
 * inflated bytes for re-reads), reporting progress about ten times a second, yielding to the
 * event loop between slices so rows can be served and the load cancelled.
 */
export async function loadCapture(input: LoadInput, hooks: LoadHooks): Promise<LoadOutcome> {
  const t0 = performance.now();
  // A file is re-read from itself later, so its chunks need not outlive their parsing.
  const reader = chunkReader(input.stream, input.reread !== undefined);
  const throttle = new Throttle(100);
  const slice = new Slice(25);
  let bytesRead = 0;
  let memory: ChunkedMemorySource | null = null;
  let gunzip: Gunzip | null = null;
  let capture: LoadedCapture | null = null;
  let active = false;
  let readError: string | undefined;
  let gzipCutShort = false;

  const progress = (force: boolean): void => {
    if (!throttle.ready(force)) return;
    const elapsedMs = performance.now() - t0;
    const packets = capture?.session.frameCount ?? 0;
    hooks.onProgress({
      gen: input.gen,
      bytes: bytesRead,
      totalBytes: input.totalBytes,
      packets,
      packetsPerSec: elapsedMs > 0 ? Math.round((packets * 1000) / elapsedMs) : 0,
      elapsedMs,
      active,
    });
  };

  const feed = (bytes: Uint8Array): void => {
    if (!capture) return;
    memory?.append(bytes);
    capture.session.push(bytes);
    if (!active && capture.session.frameCount > 0) {
      active = true;
      hooks.onActivate(capture);
    }
  };

  const start = (first: Uint8Array): void => {
    const compressed = first.length >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1;
    let source: ByteSource;
    if (input.reread && !compressed) {
      source = input.reread();
    } else {
      memory = new ChunkedMemorySource();
      source = memory;
    }
    if (compressed) gunzip = new Gunzip((data) => feed(data));
    capture = {
      gen: input.gen,
      name: input.name,
      // The statistics' TCP segment table is filled as frames arrive, so graphs and the
      // retransmission summary never dissect the TCP frames again (67 s -> 0.5 s on 1M frames).
      // recordTcpSegment copies numbers out of the frame and keeps no object of it, so the
      // session may reuse its per-frame objects (onFrameTransient).
      session: new CaptureSession({
        source,
        firstPass: { tree: false, columns: false, onFrame: recordTcpSegment, onFrameTransient: true },
      }),
      compressed,
      fileBytes: input.totalBytes,
      loading: true,
      source,
    };
  };

  try {
    while (!hooks.token.cancelled) {
      const value = await reader.read();
      if (!value) break;
      if (!capture) start(value);
      for (let at = 0; at < value.length && !hooks.token.cancelled; at += PUSH_PIECE) {
        const piece = value.subarray(at, Math.min(value.length, at + PUSH_PIECE));
        bytesRead += piece.length;
        // fflate may hold on to the input it was pushed (a gzip header cut by the chunk's end).
        if (gunzip) (gunzip as Gunzip).push(reader.reuses ? piece.slice() : piece, false);
        else feed(piece);
        progress(false);
        if (slice.due()) await slice.yield();
      }
    }
    if (!hooks.token.cancelled && gunzip) {
      try {
        (gunzip as Gunzip).push(new Uint8Array(0), true);
      } catch (e) {
        // fflate's "unexpected EOF": the compressed stream stops mid-member, i.e. a cut-short file.
        if (errorText(e).includes('unexpected EOF')) gzipCutShort = true;
        else throw e;
      }
    }
  } catch (e) {
    // A network failure or corrupt gzip data: keep what was read so far.
    readError = gunzip
      ? `The file "${input.name}" cannot be decompressed; it may be damaged or corrupt (${errorText(e)}, after ${bytesRead} compressed bytes).`
      : `Reading "${input.name}" stopped after ${bytesRead} bytes: ${errorText(e)}`;
  } finally {
    if (hooks.token.cancelled) await reader.cancel().catch(() => undefined);
  }

  const outcome: LoadOutcome = {
    gen: input.gen,
    active: false,
    packets: 0,
    cancelled: hooks.token.cancelled,
    elapsedMs: 0,
  };
  if (!capture) {
    outcome.error = readError ?? (hooks.token.cancelled ? undefined : `The file "${input.name}" is empty.`);
    outcome.elapsedMs = performance.now() - t0;
    return outcome;
  }
  const c: LoadedCapture = capture;
  const end = c.session.finish();
  c.loading = false;
  const name = `The file "${input.name}"`;
  if (end.error && !hooks.token.cancelled) {
    outcome.error = end.error.tsharkMessage
      ? `${name} ${end.error.tsharkMessage.replace('TShark', 'Wirelight')}`
      : `${name} could not be read: ${end.error.message}`;
  } else if (end.cutShort && !hooks.token.cancelled) {
    outcome.warning = `${name} ${end.cutShort.message}`;
  } else if (gzipCutShort && !hooks.token.cancelled) {
    outcome.warning = `${name} ${CUT_SHORT}`;
  }
  if (readError) outcome.error = readError;
  // An empty but valid capture still replaces the previous one; a file that is not a capture
  // (error before any packet) never does.
  if (!active && !hooks.token.cancelled && !(end.error && c.session.frameCount === 0)) {
    active = true;
    hooks.onActivate(c);
  }
  outcome.active = active;
  outcome.packets = c.session.frameCount;
  outcome.elapsedMs = performance.now() - t0;
  outcome.info = summaryInfo(c);
  progress(true);
  return outcome;
}
