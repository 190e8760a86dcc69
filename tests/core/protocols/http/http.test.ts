/**
 * HTTP/1.x and the media types it carries, on hand-made captures (cases.ts), compared cell by
 * cell with tshark 4.0's answers on the same bytes (fixtures/tshark.json, from gen-fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { caseMismatches, readAppFixture, revisitMismatches } from './app-fixtures';
import { HTTP_CASES } from './cases';

const FX = readAppFixture(new URL('./', import.meta.url));

describe('HTTP hand-made captures match tshark 4.0', () => {
  for (const [name, build] of Object.entries(HTTP_CASES)) {
    it(name, () => {
      expect(caseMismatches(FX, name, build())).toEqual([]);
    });
  }
});

describe('HTTP: a frame dissected again after a tree-less first pass shows what the single pass showed', () => {
  for (const [name, build] of Object.entries(HTTP_CASES)) {
    it(name, () => {
      expect(revisitMismatches(FX.fields, build())).toEqual([]);
    });
  }
});
