/**
 * bitString (the ".... ..1." part of a bit field's label) remembers its results per mask: the
 * answers must equal the definition — one character per bit of the width, the masked bits as
 * 0/1 and the others as '.', a space every four bits — for every width up to 64, repeated calls
 * (served from the memo) included.
 */
import { describe, expect, it } from 'vitest';
import { bitString } from '../../../src/core/dissect/format';

function reference(mask: number, width: number, value: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? (Math.floor(value / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

describe('bitString', () => {
  it('equals the definition for any mask, width and value, memoised or not', () => {
    for (const width of [1, 3, 4, 8, 12, 16, 24, 32, 40, 64]) {
      for (let k = 0; k < 600; k++) {
        const mask =
          width >= 32
            ? [0xffffffff, 0x80000000, 0xf0000000, 0x1, 0x00ff00ff, 2 ** 36 + 1][k % 6]
            : (k * 2654435761) % 2 ** width;
        const value = (k * 40503 * 2654435761) % 2 ** Math.min(width, 32);
        const want = reference(mask, width, value);
        expect(bitString(mask, width, value), `${mask}/${width}/${value}`).toBe(want);
        expect(bitString(mask, width, value)).toBe(want);
      }
    }
  });

  it('renders TCP flag patterns as the details tree shows them', () => {
    expect(bitString(0x002, 12, 0x012)).toBe('.... .... ..1.');
    expect(bitString(0x010, 12, 0x002)).toBe('.... ...0 ....');
    expect(bitString(0xf0, 8, 0x50)).toBe('0101 ....');
  });
});
