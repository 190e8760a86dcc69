import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { inflateGzip, memoryByteSource } from '../core/capture/index';
import type { ByteSource } from '../core/capture/types';

/** A ByteSource over a file descriptor (frames are re-read with pread). */
export function fileByteSource(fd: number): ByteSource {
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset: number, length: number): Uint8Array {
      const buf = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return got === length ? buf : buf.subarray(0, got);
    },
  };
}

/** Reads a file in chunks, calling `onChunk` for each; stops early when it returns false. */
export function readFileChunks(
  fd: number,
  onChunk: (chunk: Uint8Array) => boolean,
  chunkSize = 1 << 20,
): void {
  const buf = new Uint8Array(chunkSize);
  let pos = 0;
  while (true) {
    const n = readSync(fd, buf, 0, chunkSize, pos);
    if (n <= 0) return;
    pos += n;
    if (!onChunk(buf.subarray(0, n))) return;
  }
}

export function openFile(path: string): number {
  return openSync(path, 'r');
}

export function closeFile(fd: number): void {
  closeSync(fd);
}

/** True when the file starts with the gzip magic (its record offsets then refer to the inflated stream). */
export function startsWithGzipMagic(fd: number): boolean {
  const b = new Uint8Array(2);
  return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * Frames of a gzip file are re-read from the inflated bytes, which are built only when a frame is
 * first re-read (one-pass output never needs them).
 */
export function lazyInflatedSource(path: string): ByteSource {
  let inner: ByteSource | null = null;
  const get = (): ByteSource => {
    if (!inner) {
      const r = inflateGzip(new Uint8Array(readFileSync(path)));
      if (!r.ok) throw new Error(`${path}: ${r.error.message}`);
      inner = memoryByteSource(r.value);
    }
    return inner;
  };
  return {
    get size() {
      return get().size;
    },
    read: (offset, length) => get().read(offset, length),
  };
}
