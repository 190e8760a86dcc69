/**
 * The worker's Statistics tables (stats.tables) come from the first-pass index where it vouches
 * for a frame: they must be the tables of dissecting every frame again (feedFrames), with the
 * progress reported to the end.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryByteSource } from '../../src/core/capture/index';
import { CaptureSession } from '../../src/core/session';
import { CaptureTablesBuilder, feedFrames } from '../../src/core/stats/capture-tables';
import { withStats } from '../../src/worker/stats-api';
import { captureBytes, newWorker, open } from './helpers';

function dissected(bytes: Uint8Array) {
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: false, columns: false },
  });
  s.push(bytes);
  s.finish();
  const b = new CaptureTablesBuilder(s, {});
  feedFrames(b, s, 1, s.frameCount);
  return { frames: s.frameCount, tables: b.result() };
}

const REDISSECTED: Record<string, number> = { 'http-basic.pcap': 0, 'ipv6-http.pcapng': 4, 'dns.pcap': 2 };

describe('worker stats.tables from the index', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const file of ['http-basic.pcap', 'icmp.pcapng', 'ipv6-http.pcapng', 'dns.pcap']) {
    it(`${file}: same tables as dissecting every frame, progress up to the last frame`, async () => {
      const bytes = captureBytes(file);
      const w = withStats(newWorker());
      const { outcome } = await open(w, file, bytes);
      const progress: number[] = [];
      // Frames the index could not answer are dissected and handed to the builder's add().
      const add = vi.spyOn(CaptureTablesBuilder.prototype, 'add');
      const t = await w.stats.tables(outcome.gen, (p) => progress.push(p.done));
      const redissected = add.mock.calls.length;
      add.mockRestore();
      expect(t).not.toBeNull();
      if (!t) return;
      const ref = dissected(bytes);
      expect(t.conversations).toEqual(ref.tables.conversations);
      expect(t.endpoints).toEqual(ref.tables.endpoints);
      expect(t.framesWithTree).toBe(ref.tables.framesWithTree);
      expect(t.frames).toBe(ref.frames);
      expect(progress[progress.length - 1]).toBe(ref.frames);
      // Plain Ethernet/IP frames are read from the index alone. Dissected: IPv6 Neighbor
      // Discovery (4 in ipv6-http, 2 in dns), and in icmp.pcapng IP fragments and ICMP errors.
      if (file === 'icmp.pcapng') expect(redissected).toBeLessThan(ref.frames * 0.6);
      else expect(redissected).toBe(REDISSECTED[file]);
    });
  }
});
