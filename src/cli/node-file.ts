import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
