/**
 * TLS records, handshakes and the X.509 certificates they carry, on hand-made captures (cases.ts, certificates in ../x509/certs), compared cell by
 * cell with tshark 4.0's answers on the same bytes (fixtures/tshark.json, from gen-fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { caseMismatches, readAppFixture } from '../http/app-fixtures';
import { TLS_CASES } from './cases';

const FX = readAppFixture(new URL('./', import.meta.url));

describe('TLS hand-made captures match tshark 4.0', () => {
  for (const [name, build] of Object.entries(TLS_CASES)) {
    it(name, () => {
      expect(caseMismatches(FX, name, build())).toEqual([]);
    });
  }
});
