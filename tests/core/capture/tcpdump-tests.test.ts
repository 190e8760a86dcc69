/**
 * Robustness against tcpdump's test captures (many fuzzed or deliberately malformed): reading
 * never throws, finds exactly as many frames as tshark 4.0, and fails where tshark fails, with
 * tshark's words.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES, readAll, rng } from './helpers';

interface Entry {
  frames: number;
  format: string;
  tshark_error: string | null;
}

const dir = join(CAPTURES, 'tcpdump-tests');
const index: Record<string, Entry> = existsSync(join(dir, 'index.json'))
  ? JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
  : {};
const names = Object.keys(index).sort();

describe.skipIf(names.length === 0)('tcpdump test captures', () => {
  it('reads every file like tshark', () => {
    const random = rng(42);
    const problems: string[] = [];
    for (const name of names) {
      const e = index[name];
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      let result;
      try {
        result = readAll(bytes, () => 1 + random() * 5000);
      } catch (err) {
        problems.push(`${name}: threw ${String(err)}`);
        continue;
      }
      const { end, records } = result;
      if (end.records !== e.frames || records.length !== e.frames)
        problems.push(`${name}: ${end.records} frames, tshark ${e.frames}`);
      const ours = end.error
        ? end.error.tsharkMessage === undefined
          ? null
          : `tshark: The file "${name}" ${end.error.tsharkMessage}`
        : end.cutShort
          ? `tshark: The file "${name}" ${end.cutShort.message}`
          : null;
      if (ours !== e.tshark_error)
        problems.push(`${name}: reported ${JSON.stringify(ours)}, tshark ${JSON.stringify(e.tshark_error)}`);
      for (const r of records) {
        if (r.dataOffset < 0 || r.dataOffset + r.caplen > bytes.length)
          problems.push(`${name}: frame ${r.index + 1} outside the file`);
      }
    }
    expect(problems).toEqual([]);
  });
});
