import { describe, expect, it } from 'vitest';
import { Slice, nextTask } from '../../src/worker/scheduling';

describe('nextTask', () => {
  it('resumes jobs in the order they yielded', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => nextTask().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('lets a message queued before the yield run before the job continues', async () => {
    // A comlink call arriving during a slice is such a message.
    const other = new MessageChannel();
    const seen: string[] = [];
    const delivered = new Promise<void>((resolve) => {
      other.port1.onmessage = () => {
        seen.push('message');
        resolve();
      };
    });
    other.port2.postMessage('rows please');
    await new Promise((resolve) => setTimeout(resolve, 0)); // the message is now queued
    const p = nextTask().then(() => seen.push('job'));
    await Promise.all([p, delivered]);
    other.port1.close();
    expect(seen).toEqual(['message', 'job']);
  });

  it('can be awaited many times in a row (a long load yields hundreds of times)', async () => {
    let n = 0;
    for (let i = 0; i < 500; i++) {
      await nextTask();
      n++;
    }
    expect(n).toBe(500);
  });

  it('gives a slice a fresh budget after yielding', async () => {
    const slice = new Slice(0);
    expect(slice.due()).toBe(true);
    const s2 = new Slice(60_000);
    expect(s2.due()).toBe(false);
    await s2.yield();
    expect(s2.due()).toBe(false);
  });
});
