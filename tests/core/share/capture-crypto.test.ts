import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createCaptureDecryptor,
  decryptCapture,
  encryptCapture,
  encryptedSize,
  MISSING_KEY_MESSAGE,
  NONCE_BYTES,
  RECORD_PLAINTEXT_BYTES,
  TAG_BYTES,
  WRONG_KEY_MESSAGE,
} from '../../../src/core/share/capture-crypto';

const CAPTURES = '/work/shared/captures';

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

async function streamDecrypt(
  ciphertext: Uint8Array,
  key: string,
  chunk: number,
): Promise<Uint8Array | string> {
  const d = await createCaptureDecryptor(key);
  if (!d.ok) return d.error.message;
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < ciphertext.length; i += chunk) {
    const r = await d.value.push(ciphertext.subarray(i, Math.min(ciphertext.length, i + chunk)));
    if (!r.ok) return r.error.message;
    pieces.push(...r.value);
  }
  const r = await d.value.finish();
  if (!r.ok) return r.error.message;
  pieces.push(...r.value);
  return Buffer.concat(pieces);
}

describe('capture encryption', () => {
  it('round-trips sizes around record boundaries, in one piece and streamed', async () => {
    const R = RECORD_PLAINTEXT_BYTES;
    for (const size of [0, 1, 100, R - 1, R, R + 1, 2 * R, 2 * R + 12345]) {
      const plain = randomBytes(size);
      const { ciphertext, key } = await encryptCapture(plain);
      expect(ciphertext.length).toBe(encryptedSize(size));
      const back = await decryptCapture(ciphertext, key);
      expect(back.ok, `size ${size}`).toBe(true);
      if (back.ok) expect(Buffer.from(back.value).equals(Buffer.from(plain))).toBe(true);
      for (const chunk of [1 << 16, 65537, R + TAG_BYTES, 3 * R]) {
        if (size > 200_000 && chunk === 1) continue;
        const streamed = await streamDecrypt(ciphertext, key, chunk);
        expect(typeof streamed, `size ${size} chunk ${chunk}`).not.toBe('string');
        expect(Buffer.from(streamed as Uint8Array).equals(Buffer.from(plain))).toBe(true);
      }
    }
  });

  it('streams byte by byte for a small capture', async () => {
    const plain = randomBytes(300);
    const { ciphertext, key } = await encryptCapture(plain);
    const streamed = await streamDecrypt(ciphertext, key, 1);
    expect(Buffer.from(streamed as Uint8Array).equals(Buffer.from(plain))).toBe(true);
  });

  it('uses a fresh key and nonce every time', async () => {
    const plain = new TextEncoder().encode('same plaintext');
    const a = await encryptCapture(plain);
    const b = await encryptCapture(plain);
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      Buffer.from(a.ciphertext.subarray(0, NONCE_BYTES)).equals(
        Buffer.from(b.ciphertext.subarray(0, NONCE_BYTES)),
      ),
    ).toBe(false);
  });

  it('leaves no trace of a real pcap in the ciphertext: no magic, no 16-byte run of plaintext', async () => {
    for (const name of ['http-basic.pcap', 'tls.pcapng', 'dns.pcap']) {
      const plain = new Uint8Array(readFileSync(`${CAPTURES}/${name}`));
      const { ciphertext } = await encryptCapture(plain);
      for (const magic of [
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0x0a, 0x0d, 0x0d, 0x0a],
      ]) {
        expect(indexOf(ciphertext.subarray(0, 64), new Uint8Array(magic)), name).toBe(-1);
      }
      // Every 16-byte window of the plaintext, at every offset, must be absent from the ciphertext.
      const pt = Buffer.from(plain);
      const windows = new Set<string>();
      for (let i = 0; i + 16 <= pt.length; i++) windows.add(pt.toString('latin1', i, i + 16));
      const ct = Buffer.from(ciphertext);
      for (let i = 0; i + 16 <= ct.length; i++) {
        if (windows.has(ct.toString('latin1', i, i + 16)))
          throw new Error(`${name}: plaintext run at ciphertext offset ${i}`);
      }
    }
  });

  it('reports a wrong, garbled or missing key clearly', async () => {
    const { ciphertext, key } = await encryptCapture(randomBytes(5000));
    const other = await encryptCapture(new Uint8Array(1));
    const cases: [string | undefined, string][] = [
      [other.key, WRONG_KEY_MESSAGE],
      [key.slice(0, 40), WRONG_KEY_MESSAGE],
      [key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), WRONG_KEY_MESSAGE],
      ['not a key!', WRONG_KEY_MESSAGE],
      [undefined, MISSING_KEY_MESSAGE],
      ['', MISSING_KEY_MESSAGE],
    ];
    for (const [k, message] of cases) {
      const r = await decryptCapture(ciphertext, k);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(message);
      expect(await streamDecrypt(ciphertext, k as string, 4096)).toBe(message);
    }
  });

  it('detects truncation and damage after the first record', async () => {
    const R = RECORD_PLAINTEXT_BYTES;
    const plain = randomBytes(2 * R + 500);
    const { ciphertext, key } = await encryptCapture(plain);
    // Cut exactly at a record boundary: the remaining last record was not sealed as final.
    const cut = ciphertext.subarray(0, NONCE_BYTES + 2 * (R + TAG_BYTES));
    const r1 = await decryptCapture(cut, key);
    expect(!r1.ok && r1.error.message).toMatch(/incomplete/);
    expect(await streamDecrypt(cut, key, 100_000)).toMatch(/incomplete/);
    // Flip one byte in record 1.
    const damaged = ciphertext.slice();
    damaged[NONCE_BYTES + R + TAG_BYTES + 10] ^= 1;
    const r2 = await decryptCapture(damaged, key);
    expect(!r2.ok && r2.error.message).toMatch(/damaged: record 1 /);
    // Too short to be anything.
    const r3 = await decryptCapture(ciphertext.subarray(0, 20), key);
    expect(!r3.ok && r3.error.message).toMatch(/20 bytes long/);
    expect(await streamDecrypt(ciphertext.subarray(0, 20), key, 7)).toMatch(/20 bytes long/);
  });
});
