/**
 * Streams a request body to an async sink in batches, enforcing a byte limit, without ever
 * holding the whole body. Unlike stream.pipeline it does not destroy the request when the limit
 * is hit, so the caller can still answer 413 on the same connection.
 */
import type { Readable } from 'node:stream';

export type BodyOutcome =
  | { kind: 'complete'; bytes: number }
  /** The source is left paused with its remaining bytes unread. */
  | { kind: 'too-large'; bytes: number }
  /** The client went away (or the connection failed) before the body ended. */
  | { kind: 'aborted'; bytes: number; message: string }
  /** The sink failed (disk full, I/O error); the source is left paused. */
  | { kind: 'sink-failed'; bytes: number; error: unknown };

export function readBody(
  source: Readable,
  maxBytes: number,
  sink: (batch: Buffer) => Promise<void>,
  batchBytes = 1 << 20,
): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    let total = 0;
    let batch: Buffer[] = [];
    let batchLength = 0;
    let ended = false;
    let settled = false;
    /** The sink call in flight; teardown waits for it so callers can close files safely. */
    let writing: Promise<void> = Promise.resolve();

    const cleanup = (): void => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
    };
    const settle = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      cleanup();
      void writing.then(
        () => resolve(outcome),
        () => resolve(outcome),
      );
    };
    const flush = (): Promise<void> => {
      const buf = batch.length === 1 ? batch[0] : Buffer.concat(batch, batchLength);
      batch = [];
      batchLength = 0;
      writing = sink(buf);
      return writing;
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) {
        source.pause();
        settle({ kind: 'too-large', bytes: total });
        return;
      }
      batch.push(chunk);
      batchLength += chunk.length;
      if (batchLength >= batchBytes) {
        source.pause(); // back-pressure: read no further until the disk has caught up
        flush().then(
          () => {
            if (!settled) source.resume();
          },
          (error: unknown) => settle({ kind: 'sink-failed', bytes: total, error }),
        );
      }
    };
    const onEnd = (): void => {
      ended = true;
      const tail = batchLength > 0 ? flush() : writing;
      tail.then(
        () => settle({ kind: 'complete', bytes: total }),
        (error: unknown) => settle({ kind: 'sink-failed', bytes: total, error }),
      );
    };
    const onError = (error: Error): void => {
      settle({ kind: 'aborted', bytes: total, message: error.message });
    };
    const onClose = (): void => {
      if (!ended)
        settle({ kind: 'aborted', bytes: total, message: 'connection closed before the body ended' });
    };

    if (source.destroyed) {
      settle({ kind: 'aborted', bytes: 0, message: 'connection already closed' });
      return;
    }
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
    source.on('close', onClose);
  });
}
