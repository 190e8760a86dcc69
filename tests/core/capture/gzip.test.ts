import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateGzip } from '../../../src/core/capture/gzip';
import { concat, payload, pcapFile, readAll, rng } from './helpers';

const file = pcapFile({
  records: Array.from({ length: 50 }, (_, i) => ({ sec: 1000 + i, frac: i, data: payload(i, 40 + i * 7) })),
});

describe('gzip-compressed captures', () => {
  it('are inflated transparently, with offsets in the inflated stream', () => {
    const plain = readAll(file);
    const random = rng(11);
    const gz = readAll(gzipSync(file), () => 1 + random() * 300);
    expect(gz.end).toEqual({ records: 50 });
    expect(gz.info.compressed).toBe(true);
    expect(gz.info.format).toBe('pcap');
    expect(gz.records).toEqual(plain.records);
    expect(plain.info.compressed).toBe(false);
  });

  it('reads multi-member files member after member, like tshark', () => {
    const half = 24 + 16 * 25 + Array.from({ length: 25 }, (_, i) => 40 + i * 7).reduce((a, b) => a + b, 0);
    const multi = concat(gzipSync(file.subarray(0, half)), gzipSync(file.subarray(half)));
    const { end, records } = readAll(multi, 97);
    expect(end).toEqual({ records: 50 });
    expect(records[49].data).toEqual(payload(49, 40 + 49 * 7));
  });

  it('reports a truncated gzip file as cut short after the packets it holds', () => {
    const random = rng(2);
    const big = pcapFile({
      records: Array.from({ length: 2000 }, (_, i) => ({
        sec: i,
        frac: 0,
        data: Uint8Array.from({ length: 300 }, () => random() * 256),
      })),
    });
    const gz = gzipSync(big);
    const { end, records } = readAll(gz.subarray(0, Math.floor(gz.length / 2)), 4096);
    expect(records.length).toBeGreaterThan(100);
    expect(records.length).toBeLessThan(2000);
    expect(end.cutShort?.message).toBe('appears to have been cut short in the middle of a packet.');
  });

  it('rejects an unknown compression method like tshark', () => {
    const bad = Uint8Array.from([0x1f, 0x8b, 0x78, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    const { end } = readAll(bad);
    expect(end.error?.kind).toBe('bad-gzip');
    expect(end.error?.tsharkMessage).toBe(
      'cannot be decompressed; it may be damaged or corrupt.(unknown compression method)',
    );
  });

  it('reports corrupt deflate data without throwing', () => {
    const gz = gzipSync(file);
    const broken = gz.slice();
    for (let i = 20; i < 40; i++) broken[i] ^= 0xa5;
    expect(() => readAll(broken, 50)).not.toThrow();
    const { end } = readAll(broken, 50);
    expect(end.error ?? end.cutShort).toBeDefined();
  });
});

describe('inflateGzip', () => {
  it('inflates every member, for re-reading frames of a compressed file', () => {
    const r = inflateGzip(concat(gzipSync(file.subarray(0, 100)), gzipSync(file.subarray(100))));
    expect(r.ok && Buffer.compare(r.value, file)).toBe(0);
    const bad = inflateGzip(gzipSync(file).subarray(0, 50));
    expect(bad.ok).toBe(false);
  });
});
