import type { ByteSource } from '../core/capture/types';

/**
 * Reads `length` bytes at `offset` from some backing store; the block cache below calls it
 * with block-aligned requests.
 */
export type RawReader = (offset: number, length: number) => Uint8Array;

const BLOCK = 64 * 1024;
const MAX_BLOCKS = 64;

/**
 * Random access through a small cache of 64 KB blocks: re-reading frames in order (filtering,
 * sorting, the visible rows) touches each block once instead of issuing one read per frame.
 */
export class BlockCachedSource implements ByteSource {
  private readonly blocks = new Map<number, Uint8Array>();
  /** The block of the last read that missed the cache (-2: none yet). */
  private lastMiss = -2;
  /** Reads served from the cache since that miss. */
  private hitsSinceMiss = 0;

  constructor(
    readonly size: number,
    private readonly readRaw: RawReader,
  ) {}

  private block(index: number): Uint8Array {
    const hit = this.blocks.get(index);
    if (hit) {
      this.hitsSinceMiss++;
      // Move to the back: Map iteration order doubles as LRU order.
      this.blocks.delete(index);
      this.blocks.set(index, hit);
      return hit;
    }
    this.lastMiss = index;
    this.hitsSinceMiss = 0;
    const start = index * BLOCK;
    const b = this.readRaw(start, Math.min(BLOCK, this.size - start));
    if (this.blocks.size >= MAX_BLOCKS) {
      const oldest = this.blocks.keys().next().value;
      if (oldest !== undefined) this.blocks.delete(oldest);
    }
    this.blocks.set(index, b);
    return b;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(
        `read of ${length} bytes at offset ${offset} is outside the ${this.size}-byte file`,
      );
    }
    if (length > BLOCK) return this.readRaw(offset, length);
    const first = Math.floor(offset / BLOCK);
    const last = Math.floor((offset + length - 1) / BLOCK);
    if (length === 0 || first === last) {
      // Sparse reads (a filter dissecting one frame in thousands) read just the frame: a miss
      // in another block than the previous miss, whose block served nothing since. A second
      // read in the same block means the reads are dense again, and blocks are read.
      if (
        length !== 0 &&
        this.lastMiss !== -2 &&
        first !== this.lastMiss &&
        this.hitsSinceMiss === 0 &&
        !this.blocks.has(first)
      ) {
        this.lastMiss = first;
        return this.readRaw(offset, length);
      }
      const b = this.block(first);
      const at = offset - first * BLOCK;
      return b.subarray(at, at + length);
    }
    const out = new Uint8Array(length);
    const a = this.block(first);
    const head = a.length - (offset - first * BLOCK);
    out.set(a.subarray(offset - first * BLOCK), 0);
    out.set(this.block(last).subarray(0, length - head), head);
    return out;
  }
}

/** Worker-only API; the project's lib settings include the DOM lib, not the WebWorker one. */
declare const FileReaderSync: new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer };

/** A File read synchronously (FileReaderSync exists only in workers). */
export function fileSource(file: Blob): ByteSource {
  const reader = new FileReaderSync();
  return new BlockCachedSource(
    file.size,
    (offset, length) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length))),
  );
}

/**
 * Bytes kept in memory as the chunks they arrived in: inflated gzip captures and captures
 * fetched from a URL, which have no File to re-read.
 */
export class ChunkedMemorySource implements ByteSource {
  private readonly chunks: Uint8Array[] = [];
  /** starts[i] = offset of chunks[i]; grows with the chunks. */
  private starts: number[] = [];
  size = 0;

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.starts.push(this.size);
    this.size += chunk.length;
  }

  private find(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(
        `read of ${length} bytes at offset ${offset} is outside the ${this.size} bytes held`,
      );
    }
    if (length === 0) return new Uint8Array(0);
    let i = this.find(offset);
    let at = offset - this.starts[i];
    const first = this.chunks[i];
    if (at + length <= first.length) return first.subarray(at, at + length);
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const c = this.chunks[i];
      const n = Math.min(c.length - at, length - done);
      out.set(c.subarray(at, at + n), done);
      done += n;
      i++;
      at = 0;
    }
    return out;
  }
}
