import { describe, expect, it } from 'vitest';
import { FD, FragmentTable, ReassemblyError } from '../../../src/core/analysis/reassembly';
import { U32SortedMap } from '../../../src/core/analysis/u32-sorted-map';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | null): string => new TextDecoder().decode(b ?? new Uint8Array());

describe('FragmentTable (fragment_add semantics)', () => {
  it('completes when the last fragment arrives and all bytes are contiguous', () => {
    const t = new FragmentTable<object>();
    const key = {};
    expect(t.add(key, bytes('hello '), 0, 1, 0, false, 0, 6, true)).toBeNull();
    const head = t.add(key, bytes('world'), 0, 2, 0, false, 6, 5, false);
    expect(head).not.toBeNull();
    expect(text(head!.data)).toBe('hello world');
    expect(head!.reassembledIn).toBe(2);
    expect(head!.frags.map((f) => [f.frame, f.offset, f.len])).toEqual([
      [1, 0, 6],
      [2, 6, 5],
    ]);
  });

  it('waits for a gap to be filled, whatever the arrival order', () => {
    const t = new FragmentTable<string>();
    expect(t.add('k', bytes('CC'), 0, 1, 0, false, 4, 2, false)).toBeNull();
    expect(t.add('k', bytes('AA'), 0, 2, 0, false, 0, 2, true)).toBeNull();
    const head = t.add('k', bytes('BB'), 0, 3, 0, false, 2, 2, true);
    expect(text(head!.data)).toBe('AABBCC');
    expect(head!.reassembledIn).toBe(3);
  });

  it('flags overlaps and conflicting overlaps but keeps the first bytes', () => {
    const t = new FragmentTable<string>();
    t.add('k', bytes('abcd'), 0, 1, 0, false, 0, 4, true);
    t.add('k', bytes('cX'), 0, 2, 0, false, 2, 2, true);
    const head = t.add('k', bytes('ef'), 0, 3, 0, false, 4, 2, false);
    expect(text(head!.data)).toBe('abcdef');
    expect(head!.flags & FD.OVERLAP).toBeTruthy();
    expect(head!.flags & FD.OVERLAPCONFLICT).toBeTruthy();
  });

  it('a completed PDU can be extended only after partial reassembly was requested', () => {
    const t = new FragmentTable<string>();
    t.add('k', bytes('ab'), 0, 1, 0, false, 0, 2, true);
    t.add('k', bytes('cd'), 0, 2, 0, false, 2, 2, false);
    expect(() => t.add('k', bytes('ef'), 0, 3, 0, false, 4, 2, false)).toThrow(ReassemblyError);
    t.setPartialReassembly('k');
    const head = t.add('k', bytes('ef'), 0, 3, 0, false, 4, 2, false);
    expect(text(head!.data)).toBe('abcdef');
    expect(head!.reassembledIn).toBe(3);
  });

  it('resetTotLen reopens a PDU and truncate cuts it', () => {
    const t = new FragmentTable<string>();
    t.add('k', bytes('abcd'), 0, 1, 0, false, 0, 4, false);
    t.resetTotLen('k', 6);
    expect(t.get('k')!.defragmented).toBe(false);
    const head = t.add('k', bytes('ef'), 0, 2, 0, false, 4, 2, true);
    expect(text(head!.data)).toBe('abcdef');
    t.truncate('k', 3);
    expect(text(t.get('k')!.data)).toBe('abc');
    expect(t.get('k')!.frags.map((f) => [f.offset, f.len])).toEqual([[0, 3]]);
  });

  it('re-dissection returns the finished PDU and rejects later retransmissions', () => {
    const t = new FragmentTable<string>();
    t.add('k', bytes('ab'), 0, 1, 0, false, 0, 2, true);
    t.add('k', bytes('cd'), 0, 2, 0, false, 2, 2, false);
    expect(text(t.add('k', bytes('ab'), 0, 1, 0, true, 0, 2, true)!.data)).toBe('abcd');
    expect(() => t.add('k', bytes('cd'), 0, 9, 0, true, 2, 2, false)).toThrow(/retransmission/);
    expect(t.add('other', bytes('zz'), 0, 1, 0, true, 0, 2, false)).toBeNull();
  });

  it('a fragment already added in this pass is ignored', () => {
    const t = new FragmentTable<string>();
    t.add('k', bytes('ab'), 0, 1, 0, false, 0, 2, true);
    expect(t.add('k', bytes('ab'), 0, 1, 0, false, 0, 2, true)).toBeNull();
    expect(t.get('k')!.frags).toHaveLength(1);
  });
});

describe('U32SortedMap', () => {
  it('finds exact keys and the largest key below (unsigned order)', () => {
    const m = new U32SortedMap<string>();
    m.set(100, 'a');
    m.set(300, 'c');
    m.set(200, 'b');
    m.set(0xfffffff0, 'top');
    m.set(200, 'b2');
    expect(m.size).toBe(4);
    expect(m.get(200)).toBe('b2');
    expect(m.get(250)).toBeUndefined();
    expect(m.floor(250)).toBe('b2');
    expect(m.floor(99)).toBeUndefined();
    expect(m.floor(-1)).toBe('top');
    expect(m.floor(300)).toBe('c');
  });
});
