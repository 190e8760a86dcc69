import { describe, expect, it } from 'vitest';
import { FD, FragmentTable } from '../../../src/core/analysis/reassembly';
import { Tvb } from '../../../src/core/dissect/tvb';
import { findLineEnd } from '../../../src/core/protocols/media/text';

const filler = (n: number, seed = 0): Uint8Array => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = 32 + ((i + seed) % 95);
  return b;
};

const same = (a: Uint8Array | null, b: Uint8Array): boolean =>
  a !== null && a.length === b.length && a.every((v, i) => v === b[i]);

/** Builds a PDU the way TCP's "one more segment" does: reopen (partial) and add the next segment. */
function growOneByOne(segs: Uint8Array[]): { t: FragmentTable<string>; views: Uint8Array[] } {
  const t = new FragmentTable<string>();
  const views: Uint8Array[] = [];
  let off = 0;
  segs.forEach((s, i) => {
    if (i > 0) t.setPartialReassembly('k');
    const head = t.add('k', s, 0, i + 1, 0, false, off, s.length, false);
    off += s.length;
    views.push(head!.data!);
  });
  return { t, views };
}

describe('reassembly grown one segment at a time (append fast path)', () => {
  it('gives the same bytes, fragments and flags as a full rebuild, and keeps earlier views intact', () => {
    const segs = Array.from({ length: 40 }, (_, i) => filler(1448, i));
    const { t, views } = growOneByOne(segs);
    const head = t.get('k')!;
    const all = new Uint8Array(segs.reduce((n, s) => n + s.length, 0));
    let o = 0;
    for (const s of segs) {
      all.set(s, o);
      o += s.length;
    }
    expect(same(head.data, all)).toBe(true);
    expect(head.datalen).toBe(all.length);
    expect(head.reassembledIn).toBe(40);
    expect(head.frags.map((f) => [f.frame, f.offset, f.len])).toEqual(
      segs.map((s, i) => [i + 1, i * 1448, 1448]),
    );
    expect(head.flags).toBe(FD.DEFRAGMENTED | FD.DATALEN_SET);
    // Every view handed out earlier still holds exactly the PDU as it was then.
    views.forEach((v, i) => expect(same(v, all.subarray(0, (i + 1) * 1448))).toBe(true));
  });

  it('falls back to the full rebuild after a truncation and stays correct', () => {
    const { t } = growOneByOne([filler(100), filler(100, 1)]);
    t.truncate('k', 150);
    t.setPartialReassembly('k');
    const head = t.add('k', filler(10, 7), 0, 3, 0, false, 150, 10, false)!;
    const want = new Uint8Array(160);
    want.set(filler(100), 0);
    want.set(filler(50, 1), 100);
    want.set(filler(10, 7), 150);
    expect(same(head.data, want)).toBe(true);
  });
});

describe('findLineEnd over a growing reassembled PDU', () => {
  it('finds the same line ends as a plain scan when the terminator arrives late', () => {
    const segs = Array.from({ length: 10 }, (_, i) => filler(1448, i));
    segs.push(new TextEncoder().encode('tail\r\nnext'));
    const t = new FragmentTable<string>();
    let off = 0;
    const results: number[] = [];
    segs.forEach((s, i) => {
      if (i > 0) t.setPartialReassembly('k');
      const head = t.add('k', s, 0, i + 1, 0, false, off, s.length, false)!;
      off += s.length;
      const tvb = Tvb.of({ name: 'r', bytes: head.data! });
      // Scan twice from the start and once from the middle, as HTTP does.
      results.push(findLineEnd(tvb, 0, -1, true).len, findLineEnd(tvb, 0, -1, true).len);
      results.push(findLineEnd(tvb, 700, -1, false).len);
    });
    const expected = segs.flatMap((_, i) => {
      const n = (i + 1) * 1448;
      return i < 10 ? [-1, -1, n - 700] : [14480 + 4, 14480 + 4, 14480 + 4 - 700];
    });
    expect(results).toEqual(expected);
  });
});
