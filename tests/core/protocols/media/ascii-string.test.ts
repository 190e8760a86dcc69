/**
 * asciiString (tvb_get_string_enc(ENC_ASCII) as a C string) decodes long values natively: it
 * must equal the byte-by-byte definition — ASCII kept, every byte >= 0x80 one U+FFFD, the value
 * ending at the first NUL — for short and long values and every byte value.
 */
import { describe, expect, it } from 'vitest';
import { asciiString } from '../../../../src/core/protocols/media/text';

function reference(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length && b[i] !== 0; i++) s += b[i] < 0x80 ? String.fromCharCode(b[i]) : '\ufffd';
  return s;
}

describe('asciiString', () => {
  it('equals the byte-by-byte definition for every byte value and length', () => {
    const every = new Uint8Array(255).map((_, i) => i + 1);
    expect(asciiString(every)).toBe(reference(every));
    for (let k = 0; k < 500; k++) {
      const n = (k * 37) % 3000;
      const b = new Uint8Array(n).map((_, i) => 1 + ((i * 131 + k * 7) % 255));
      if (k % 5 === 0 && n > 10) b[n - 5] = 0;
      expect(asciiString(b), `case ${k}`).toBe(reference(b));
    }
  });

  it('stops at the first NUL and maps high bytes to U+FFFD', () => {
    expect(asciiString(new Uint8Array([0x41, 0x80, 0xff, 0x42, 0, 0x43]))).toBe('A\ufffd\ufffdB');
    const long = new Uint8Array(1000).fill(0x61);
    long[500] = 0x9d;
    long[900] = 0;
    expect(asciiString(long)).toBe('a'.repeat(500) + '\ufffd' + 'a'.repeat(399));
  });
});
