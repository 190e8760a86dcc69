import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoInterval, computeIoGraph, downsample, type IoGraphData } from '../../../src/core/stats/io-graph';
import { ioStatRows, loadSession, ORACLE, oracleFilter } from './helpers';

const sum = (a: Float64Array): number => a.reduce((n, v) => n + v, 0);

describe('io-graph', () => {
  for (const name of ['http-loss', 'iperf-loss', 'tcp-failures']) {
    const file = JSON.parse(readFileSync(join(ORACLE, name, 'meta.json'), 'utf8')).capture as string;

    it(`${name}: 1 s intervals give io,stat,1's frames and bytes`, () => {
      const s = loadSession(file);
      const g = computeIoGraph(s, { intervalUs: 1_000_000 });
      const rows = ioStatRows(readFileSync(join(ORACLE, name, 'stats', 'io_stat_1.txt'), 'utf8'));
      expect(rows.length).toBeGreaterThan(1);
      const all = g.series[0];
      for (let i = 0; i < rows.length; i++) {
        expect([all.packets[i], all.bytes[i]], `interval ${i}`).toEqual(rows[i]);
        expect(all.bits[i]).toBe(all.bytes[i] * 8);
      }
      // tshark's table stops at the duration; a frame at exactly the end would add one interval.
      expect(g.intervals - rows.length).toBeLessThanOrEqual(1);
      expect(sum(all.packets)).toBe(s.frameCount);
    });

    it(`${name}: the TCP series count what the display filters select`, () => {
      const s = loadSession(file);
      const g = computeIoGraph(s);
      const errors = oracleFilter(name, 'tcp.analysis.flags');
      const retrans = oracleFilter(name, 'tcp.analysis.retransmission');
      expect(sum(g.series[1].packets)).toBe(errors.length);
      expect(sum(g.series[2].packets)).toBe(retrans.length);
      // Each interval's first frame is the first selected frame of that interval.
      const firsts = [...g.series[2].firstFrame].filter((f) => f !== 0);
      expect(firsts[0]).toBe(retrans[0]);
      for (const f of firsts) expect(retrans).toContain(f);
    });
  }

  it('chooses the interval from the duration', () => {
    expect(autoInterval(0)).toBe(1_000);
    expect(autoInterval(400_000)).toBe(1_000); // 0.4 s: 400 intervals of 1 ms
    expect(autoInterval(5_650_000)).toBe(20_000); // http-loss: 5.65 s
    expect(autoInterval(600e6)).toBe(2e6);
    expect(autoInterval(1e12)).toBe(6e8); // never more than 10 min
    const g = computeIoGraph(loadSession('http-loss.pcap'));
    expect(g.intervalUs).toBe(20_000);
    expect(g.intervals).toBe(283);
  });

  it('downsamples to the maximum of each group, keeping bursts and their first frame', () => {
    const n = 10;
    const mk = (vals: number[]): IoGraphData => ({
      intervalUs: 1000,
      intervals: n,
      groupSize: 1,
      time: Float64Array.from({ length: n }, (_, i) => i / 1000),
      series: [
        {
          name: 'x',
          filter: '',
          packets: Float64Array.from(vals),
          bytes: Float64Array.from(vals.map((v) => v * 100)),
          bits: Float64Array.from(vals.map((v) => v * 800)),
          firstFrame: Uint32Array.from(vals.map((v, i) => (v ? i + 1 : 0))),
        },
      ],
    });
    const d = downsample(mk([0, 0, 1, 9, 0, 0, 0, 0, 2, 0]), 4);
    expect(d.groupSize).toBe(3);
    expect([...d.series[0].packets]).toEqual([1, 9, 2, 0]);
    expect([...d.series[0].bytes]).toEqual([100, 900, 200, 0]);
    expect([...d.series[0].firstFrame]).toEqual([3, 4, 9, 0]);
    expect([...d.time]).toEqual([0, 0.003, 0.006, 0.009]);
    expect(downsample(mk([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 20).groupSize).toBe(1);
    const g = computeIoGraph(loadSession('http-loss.pcap'), { intervalUs: 1000, maxPoints: 300 });
    expect(g.time.length).toBeLessThanOrEqual(300);
    expect(Math.max(...g.series[0].packets)).toBe(
      Math.max(...computeIoGraph(loadSession('http-loss.pcap'), { intervalUs: 1000 }).series[0].packets),
    );
  });
});
