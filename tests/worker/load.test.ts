import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { captureBytes, newWorker, open, oracleColumns } from './helpers';

describe('worker loading', () => {
  it('reads every frame of a pcap and serves rows with the oracle lengths and times', async () => {
    const w = newWorker();
    const { outcome, progress } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const oracle = oracleColumns('http-basic');
    expect(outcome.active).toBe(true);
    expect(outcome.error).toBeUndefined();
    expect(outcome.packets).toBe(oracle.length);
    expect(progress.at(-1)?.packets).toBe(oracle.length);
    expect(progress.at(-1)?.bytes).toBe(captureBytes('http-basic.pcap').length);
    const nums = Uint32Array.from([1, 2, 100, oracle.length]);
    const rows = w.rows({ gen: outcome.gen, nums, timeFormat: 'relative', coloring: false });
    expect(rows?.map((r) => r.num)).toEqual([...nums]);
    for (const r of rows ?? []) {
      const o = oracle[r.num - 1];
      expect(String(r.length)).toBe(o[5]);
      expect(r.time).toBe(o[1]);
    }
  });

  it('keeps the inflated bytes of a gzip capture for re-reads', async () => {
    const w = newWorker();
    const plain = captureBytes('dns.pcap');
    const { outcome } = await open(w, 'dns.pcap.gz', gzipSync(plain));
    const oracle = oracleColumns('dns');
    expect(outcome.packets).toBe(oracle.length);
    expect(outcome.info?.compressed).toBe(true);
    const d = w.details(outcome.gen, oracle.length);
    expect(d?.sources[0].bytes.length).toBeGreaterThan(0);
    expect(d?.nodes[0].label).toMatch(new RegExp(`^Frame ${oracle.length}: `));
  });

  it('keeps the previous capture when the next file is not a capture', async () => {
    const w = newWorker();
    const first = await open(w, 'dns.pcap', captureBytes('dns.pcap'));
    const junk = new TextEncoder().encode('this is not a capture file at all, just some text\n'.repeat(10));
    const second = await open(w, 'notes.txt', junk);
    expect(second.outcome.active).toBe(false);
    expect(second.outcome.error).toMatch(/notes\.txt.*isn't a capture file/);
    const rows = w.rows({
      gen: first.outcome.gen,
      nums: Uint32Array.of(1),
      timeFormat: 'relative',
      coloring: false,
    });
    expect(rows).toHaveLength(1);
  });

  it('keeps what was read of a capture cut short and says so', async () => {
    const w = newWorker();
    const bytes = captureBytes('http-basic.pcap');
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    const { outcome } = await open(w, 'cut.pcap', cut);
    expect(outcome.active).toBe(true);
    expect(outcome.packets).toBeGreaterThan(10);
    expect(outcome.warning).toMatch(/cut short/);
  });

  it('can be cancelled and still shows the frames read before', async () => {
    const w = newWorker();
    const bytes = captureBytes('http-loss.pcap');
    const progress: number[] = [];
    const file = (await import('./helpers')).fileOf('http-loss.pcap', bytes);
    const outcome = await w.open({ kind: 'file', file }, (p) => {
      progress.push(p.packets);
      if (p.packets > 0) w.cancelLoad();
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.packets).toBeLessThan(oracleColumns('http-loss').length);
  });
});
