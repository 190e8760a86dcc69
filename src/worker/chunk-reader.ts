/** Reading a capture's byte stream for the loader (src/worker/loader.ts). */

/** The buffer a file is read into, again and again, when the stream lets us supply it. */
const READ_BUFFER = 1 << 20;

/** Hands out the stream's bytes chunk by chunk; null at the end. */
export interface ChunkReader {
  /** A chunk's memory goes back to the stream at the next read() (see chunkReader). */
  reuses: boolean;
  read(): Promise<Uint8Array | null>;
  cancel(): Promise<void>;
}

/**
 * Reads `stream` one chunk ahead: the next chunk is requested as soon as one is handed out, so
 * the stream fills it while the session parses. With `reuse`, a byte stream (File.stream()) is
 * read into two buffers taking turns, each handed back to the stream for the read after next,
 * so a chunk is only valid until the next `read()`: Chromium otherwise allocates a fresh
 * ArrayBuffer per chunk (up to 2 MB each). Only safe when nothing keeps the chunks: the session
 * re-reads frames from the file and keeps no view of what it was pushed (the CLI reuses its
 * buffer too).
 */
export function chunkReader(stream: ReadableStream<Uint8Array>, reuse: boolean): ChunkReader {
  let byob: ReadableStreamBYOBReader | null = null;
  if (reuse) {
    try {
      byob = stream.getReader({ mode: 'byob' });
    } catch {
      // Not a byte stream: read the chunks it makes.
    }
  }
  let request: () => Promise<Uint8Array | null>;
  let cancel: () => Promise<void>;
  if (byob) {
    const reader = byob;
    const buffers = [new ArrayBuffer(READ_BUFFER), new ArrayBuffer(READ_BUFFER)];
    let turn = 0;
    request = async () => {
      const i = turn;
      turn ^= 1;
      const { done, value } = await reader.read(new Uint8Array(buffers[i]));
      if (done || !value) return null;
      // The read transferred the buffer: its memory now belongs to value's buffer.
      buffers[i] = value.buffer as ArrayBuffer;
      return value;
    };
    cancel = () => reader.cancel();
  } else {
    const reader = stream.getReader();
    request = async () => {
      const { done, value } = await reader.read();
      return done ? null : value;
    };
    cancel = () => reader.cancel();
  }
  let ahead: Promise<Uint8Array | null> | null = null;
  return {
    reuses: byob !== null,
    async read() {
      const chunk = await (ahead ?? request());
      ahead = chunk ? request() : null;
      // A failed read ahead is reported by the read() that awaits it, or dropped on cancel.
      ahead?.catch(() => undefined);
      return chunk;
    },
    async cancel() {
      await cancel();
      ahead = null;
    },
  };
}
