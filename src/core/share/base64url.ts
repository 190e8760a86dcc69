/**
 * base64url (RFC 4648 §5) without padding: the alphabet that survives URLs, fragments and
 * file names unescaped. Implemented here rather than with btoa/Buffer so the same code runs in
 * the browser, workers and Node without platform branches.
 */
import { err, ok, type Result } from '../../base/result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Reverse lookup: char code → 6-bit value, 255 for characters outside the alphabet. */
const DECODE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/**
 * Strict decoder: rejects padding, whitespace, the '+' and '/' of plain base64, impossible
 * lengths (4n+1) and non-zero trailing bits, so that exactly one string maps to each byte string.
 */
export function decodeBase64url(text: string): Result<Uint8Array, { message: string }> {
  if (text.length % 4 === 1) {
    return err({ message: `base64url text of length ${text.length} cannot encode whole bytes` });
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? DECODE[code] : 255;
    if (v === 255) return err({ message: `invalid base64url character at offset ${i}` });
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    return err({ message: 'base64url text has non-zero trailing bits' });
  }
  return ok(out);
}
