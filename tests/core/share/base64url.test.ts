import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../src/core/share/base64url';

describe('base64url', () => {
  it('matches Node Buffer base64url for every length 0..64', () => {
    for (let len = 0; len <= 64; len++) {
      const bytes = new Uint8Array(len).map((_, i) => (i * 73 + len * 11) & 0xff);
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      const back = decodeBase64url(text);
      expect(back.ok && Array.from(back.value)).toEqual(Array.from(bytes));
    }
  });

  it('rejects characters outside the alphabet, padding and impossible lengths', () => {
    for (const bad of ['ab+c', 'ab/c', 'abc=', 'ab c', 'abcde', 'é']) {
      expect(decodeBase64url(bad).ok, bad).toBe(false);
    }
  });

  it('rejects non-canonical trailing bits', () => {
    expect(decodeBase64url('AA').ok).toBe(true);
    expect(decodeBase64url('AB').ok).toBe(false);
  });
});
