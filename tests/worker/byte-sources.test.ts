/**
 * The worker's block cache (src/worker/byte-sources.ts) returns exactly the file's bytes for any
 * read, reads whole blocks when frames are re-read in order, and reads only the frame when the
 * reads jump far apart (a filter that dissects one frame in thousands).
 */
import { describe, expect, it } from 'vitest';
import { BlockCachedSource } from '../../src/worker/byte-sources';

const SIZE = 3_000_000;
const file = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i++) file[i] = (i * 2654435761) >>> 24;

function source(): { src: BlockCachedSource; requested: () => number } {
  let bytes = 0;
  const src = new BlockCachedSource(SIZE, (offset, length) => {
    bytes += length;
    return file.slice(offset, offset + length);
  });
  return { src, requested: () => bytes };
}

describe('BlockCachedSource', () => {
  it('returns the bytes of the file for sequential, sparse, straddling and empty reads', () => {
    const { src } = source();
    let seed = 1;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const len = k % 50 === 0 ? 0 : 1 + rnd(k % 7 === 0 ? 200_000 : 1600);
      const off = k % 3 === 0 ? (k * 997) % (SIZE - len) : rnd(SIZE - len);
      const got = src.read(off, len);
      let same = got.length === len;
      for (let i = 0; same && i < len; i++) same = got[i] === file[off + i];
      expect(same, `read(${off}, ${len})`).toBe(true);
    }
    expect(() => src.read(SIZE - 10, 11)).toThrow(RangeError);
  });

  it('reads whole blocks when frames come in order', () => {
    const { src, requested } = source();
    for (let off = 0; off < 1_000_000; off += 300) src.read(off, 300);
    // Every 64 KB block once (plus nothing read twice).
    expect(requested()).toBeLessThan(1_000_000 + 2 * 65536);
  });

  it('reads only the frame when each read falls in a new block, and blocks again when reads get dense', () => {
    const { src, requested } = source();
    // One frame per block (neighbouring blocks): after the first block, only the frames.
    for (let k = 0; k < 20; k++) src.read(k * 65_536 + 100, 200);
    expect(requested()).toBe(65_536 + 19 * 200);
    // Dense again: the second read in a block reads the block, the rest are served from it.
    const before = requested();
    for (let off = 2_000_000; off < 2_000_000 + 60_000; off += 300) src.read(off, 300);
    expect(requested() - before).toBeLessThanOrEqual(2 * 65_536 + 300);
  });

  it('reads only the frame when reads are far apart', () => {
    const { src, requested } = source();
    for (let k = 0; k < 20; k++) src.read(k * 140_000, 200);
    // The first read cannot know the reads are sparse: it reads its block.
    expect(requested()).toBe(65_536 + 19 * 200);
  });
});
