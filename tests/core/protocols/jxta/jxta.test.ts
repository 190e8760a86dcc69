/**
 * JXTA (and the other heuristics that see the same snaplen-cut segments: TDS, Spice, RTPS,
 * OpenWire, H1) against tshark 4.0.17: hand-made JXTA streams and seeded iperf3-like
 * transfers (fixtures recorded by payload-fixtures/make-fixtures.ts), and the corpus's
 * iperf-loss capture.
 */
import { describe, expect, it } from 'vitest';
import { dissectRows, fieldsOf, mismatches, readFixture } from '../payload-fixtures/harness';
import { corpusColumns } from '../payload-fixtures/corpus';
import { JXTA_SCENARIOS } from './scenarios';

const HERE = new URL('./', import.meta.url);

describe('JXTA scenarios match tshark 4.0', () => {
  for (const s of JXTA_SCENARIOS) {
    it(`${s.name}: ${s.about}`, () => {
      const want = readFixture(HERE, s.name);
      const got = dissectRows(s.build(), fieldsOf(s));
      expect(mismatches(want, got).slice(0, 10)).toEqual([]);
    });
  }
  it('re-dissection after a tree-less first pass gives the same columns and layers', () => {
    const cols = new Set(['frame.protocols', '_ws.col.Protocol', '_ws.col.Info']);
    for (const s of JXTA_SCENARIOS.filter((x) => x.name.startsWith('jxta-iperf'))) {
      const want = readFixture(HERE, s.name);
      const got = dissectRows(s.build(), fieldsOf(s), true);
      expect(mismatches(want, got, (f) => cols.has(f)).slice(0, 10)).toEqual([]);
    }
  });
});

describe('JXTA in the corpus', () => {
  it.skipIf(!corpusColumns.available)(
    'iperf-loss.pcap: Protocol, Info and frame.protocols of every frame as tshark',
    () => {
      expect(corpusColumns('iperf-loss').slice(0, 10)).toEqual([]);
    },
    120_000,
  );
});
