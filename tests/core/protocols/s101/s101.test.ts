/** S101 on TCP port 9000 against tshark 4.0.17 (fixtures recorded by payload-fixtures/make-fixtures.ts). */
import { describe, expect, it } from 'vitest';
import { dissectRows, fieldsOf, mismatches, readFixture } from '../payload-fixtures/harness';
import { S101_SCENARIOS } from './scenarios';

const HERE = new URL('./', import.meta.url);

describe('S101 scenarios match tshark 4.0', () => {
  for (const s of S101_SCENARIOS) {
    it(`${s.name}: ${s.about}`, () => {
      const want = readFixture(HERE, s.name);
      expect(mismatches(want, dissectRows(s.build(), fieldsOf(s))).slice(0, 10)).toEqual([]);
    });
  }
});
