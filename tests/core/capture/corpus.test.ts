/**
 * Every capture of the shared corpus, fed in random-size chunks, must give tshark's frames:
 * same count and, per frame, the same captured length, original length and time stamp.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES, readAll, rng } from './helpers';

const files = existsSync(CAPTURES) ? readdirSync(CAPTURES).filter((f) => /\.(pcap|pcapng)$/.test(f)) : [];

function oracle(name: string): { time: string; len: number; caplen: number }[] {
  const tsv = readFileSync(
    join(CAPTURES, 'oracle', name.replace(/\.(pcap|pcapng)$/, ''), 'fields.tsv'),
    'utf8',
  );
  const [header, ...rows] = tsv.split('\n').filter((l) => l.length > 0);
  const cols = header.split('\t');
  const at = (c: string) => cols.indexOf(c);
  const [t, l, c] = [at('frame.time_epoch'), at('frame.len'), at('frame.cap_len')];
  return rows.map((r) => {
    const f = r.split('\t');
    return { time: f[t], len: Number(f[l]), caplen: Number(f[c]) };
  });
}

describe.skipIf(files.length === 0)('shared capture corpus', () => {
  it('has captures to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const [n, name] of files.entries()) {
    it(`${name} matches tshark's frames when read in random chunks`, () => {
      const bytes = new Uint8Array(readFileSync(join(CAPTURES, name)));
      const expected = oracle(name);
      const random = rng(1000 + n);
      const { end, records } = readAll(bytes, () => 1 + random() * 70000);
      expect(end).toEqual({ records: expected.length });
      const got = records.map((r) => ({
        time: `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}`,
        len: r.origlen,
        caplen: r.caplen,
      }));
      // Report the first differing frame (comparing 15k objects with toEqual is slow).
      const firstDiff = got.findIndex(
        (g, i) => g.time !== expected[i].time || g.len !== expected[i].len || g.caplen !== expected[i].caplen,
      );
      expect(
        firstDiff === -1
          ? undefined
          : { frame: firstDiff + 1, got: got[firstDiff], expected: expected[firstDiff] },
      ).toBeUndefined();
      const misplaced = records.findIndex(
        (r) => Buffer.compare(bytes.subarray(r.dataOffset, r.dataOffset + r.caplen), r.data) !== 0,
      );
      expect(misplaced).toBe(-1);
    });
  }
});
