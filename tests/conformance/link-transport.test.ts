/**
 * Link-to-transport conformance against the tshark 4.0.17 oracle: for every capture of
 * shared/captures, every cell of fields.tsv (fields.nokeys.tsv where a key log exists) and the
 * packet-list columns are compared; the fields of the groups in enforced-fields.ts must be
 * 100% equal, as must Source/Destination/Length everywhere and Protocol/Info where our
 * protocols have the last word. The full parity table is printed for every run.
 */
import { describe, expect, it } from 'vitest';
import { computeParity, enforcedFailures, oracleCaptures, parityTable, type ParityResult } from './parity';

const captures = oracleCaptures();
const results: ParityResult[] = [];

describe.skipIf(captures.length === 0)('conformance: link, network and transport layers vs tshark', () => {
  for (const name of captures) {
    it(`${name}: enforced fields and columns are 100% equal`, () => {
      const r = computeParity(name);
      results.push(r);
      const failures = enforcedFailures(r);
      console.log(
        `\n== ${name}: ${r.frames.ours} frames` +
          (r.unsupported.length
            ? `\n   fields not supported (${r.unsupported.length}): ${r.unsupported.join(' ')}`
            : '') +
          `\n${parityTable([r])}`,
      );
      expect(failures).toEqual([]);
    });
  }

  it('overall parity table', () => {
    expect(results.length).toBe(captures.length);
    console.log(`\n== all captures (* = enforced)\n${parityTable(results)}`);
  });
});
