/**
 * SigComp against tshark 4.0.17: hand-made and seeded random captures (fixtures recorded by
 * payload-fixtures/make-fixtures.ts), and the corpus's zero-window transfer to port 5555.
 */
import { describe, expect, it } from 'vitest';
import { dissectRows, fieldsOf, mismatches, readFixture } from '../payload-fixtures/harness';
import { corpusColumns } from '../payload-fixtures/corpus';
import { SIGCOMP_SCENARIOS } from './scenarios';

const HERE = new URL('./', import.meta.url);

describe('SigComp scenarios match tshark 4.0', () => {
  for (const s of SIGCOMP_SCENARIOS) {
    it(`${s.name}: ${s.about}`, () => {
      const want = readFixture(HERE, s.name);
      const got = dissectRows(s.build(), fieldsOf(s));
      expect(mismatches(want, got).slice(0, 10)).toEqual([]);
    });
  }
  it('re-dissection after a tree-less first pass gives the same columns and layers', () => {
    for (const s of SIGCOMP_SCENARIOS) {
      const want = readFixture(HERE, s.name);
      const got = dissectRows(s.build(), fieldsOf(s), true);
      const cols = new Set(['frame.protocols', '_ws.col.Protocol', '_ws.col.Info']);
      expect(mismatches(want, got, (f) => cols.has(f)).slice(0, 10)).toEqual([]);
    }
  });
});

describe('SigComp in the corpus', () => {
  it.skipIf(!corpusColumns.available)(
    'zero-window.pcap: Protocol, Info and frame.protocols of every frame as tshark',
    () => {
      expect(corpusColumns('zero-window').slice(0, 10)).toEqual([]);
    },
    60_000,
  );
});
