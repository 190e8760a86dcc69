import { describe, expect, it } from 'vitest';
import { RowFetcher } from '../../../src/ui/lib/row-fetcher';
import type { RowData } from '../../../src/worker/types';

const row = (num: number, tag: string): RowData => ({
  num,
  time: tag,
  source: '',
  destination: '',
  protocol: '',
  length: 0,
  info: '',
  color: -1,
});

describe('RowFetcher', () => {
  it('fetches only missing rows, one request at a time, and drops rows of an old key', async () => {
    const calls: number[][] = [];
    let release: (() => void) | null = null;
    const f = new RowFetcher(async (nums, key) => {
      calls.push([...nums]);
      await new Promise<void>((r) => (release = r));
      return [...nums].map((n) => row(n, key));
    });
    f.setKey('a');
    f.request([1, 2, 3]);
    f.request([2, 3, 4]); // replaces the wanted set while the first request is in flight
    expect(calls).toEqual([[1, 2, 3]]);
    (release as unknown as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([[1, 2, 3], [4]]);
    (release as unknown as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    expect(f.get(4)?.time).toBe('a');
    f.setKey('b');
    expect(f.get(4)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.at(-1)).toEqual([2, 3, 4]);
  });
});
