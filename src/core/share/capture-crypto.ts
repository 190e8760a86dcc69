/**
 * End-to-end encryption of shared captures. The server only ever sees the output of
 * encryptCapture; the key travels in the link's fragment (#k=...), which browsers never send.
 *
 * Format (all of it is indistinguishable from random bytes; there is deliberately no magic,
 * version or length field in the clear):
 *
 *   nonce0 (12 random bytes) || record[0] || ... || record[n-1]
 *
 *   n         = max(1, ceil(plaintextLength / RECORD_PLAINTEXT_BYTES))
 *   record[i] = AES-256-GCM(key, iv_i, aad_i, plaintext slice i) = ciphertext || 16-byte tag
 *   iv_i      = nonce0 with its last 4 bytes XORed with i (big-endian)
 *   aad_i     = one byte: 1 for the final record, 0 for every other one
 *
 * Every record but the last carries exactly RECORD_PLAINTEXT_BYTES, so record boundaries follow
 * from the total length alone. The per-record counter stops reordering, the final-record flag
 * stops truncation at a record boundary (the "STREAM" construction). Fixed 1 MiB records keep
 * each WebCrypto call small and let a reader decrypt while downloading.
 *
 * Future formats can be told apart by the key: this one is exactly 32 bytes of base64url.
 */
import { assert } from '../../base/assert';
import { err, ok, type Result } from '../../base/result';
import { decodeBase64url, encodeBase64url } from './base64url';

export const RECORD_PLAINTEXT_BYTES = 1 << 20;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
const RECORD_BYTES = RECORD_PLAINTEXT_BYTES + TAG_BYTES;
/** Records decrypted/encrypted at once: WebCrypto runs them off the calling thread in parallel. */
const PARALLEL_RECORDS = 4;

export const WRONG_KEY_MESSAGE = "The link's key does not open this capture (wrong or damaged key).";
export const MISSING_KEY_MESSAGE =
  'The link has no key (#k=...), so this capture cannot be opened. Copy the whole link, including the part after #.';

export interface ShareCryptoError {
  message: string;
}

export interface EncryptedCapture {
  ciphertext: Uint8Array;
  /** base64url, 43 characters; belongs in the link fragment only. */
  key: string;
}

/** Size of the ciphertext for a plaintext of the given length (lets the UI check upload limits first). */
export function encryptedSize(plaintextLength: number): number {
  return NONCE_BYTES + plaintextLength + recordCount(plaintextLength) * TAG_BYTES;
}

function recordCount(plaintextLength: number): number {
  return Math.max(1, Math.ceil(plaintextLength / RECORD_PLAINTEXT_BYTES));
}

function subtle(): SubtleCrypto {
  // Browsers only expose crypto.subtle in secure contexts (https or localhost).
  const s = globalThis.crypto?.subtle;
  assert(s, 'WebCrypto (crypto.subtle) is unavailable: sharing needs https or localhost');
  return s;
}

function recordIv(nonce0: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(NONCE_BYTES);
  iv.set(nonce0);
  iv[8] ^= (index >>> 24) & 0xff;
  iv[9] ^= (index >>> 16) & 0xff;
  iv[10] ^= (index >>> 8) & 0xff;
  iv[11] ^= index & 0xff;
  return iv;
}

const AAD_MORE = new Uint8Array([0]);
const AAD_FINAL = new Uint8Array([1]);

function gcmParams(nonce0: Uint8Array, index: number, final: boolean): AesGcmParams {
  return { name: 'AES-GCM', iv: recordIv(nonce0, index), additionalData: final ? AAD_FINAL : AAD_MORE };
}

/**
 * WebCrypto's TS types (lib.dom, TS >= 5.7) only accept views over a plain ArrayBuffer; our callers
 * hand us ordinary Uint8Arrays, which WebCrypto copies synchronously on every call.
 */
function asBufferSource(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return view as Uint8Array<ArrayBuffer>;
}

function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', asBufferSource(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** Encrypts a capture under a fresh random 256-bit key. */
export async function encryptCapture(bytes: Uint8Array): Promise<EncryptedCapture> {
  const n = recordCount(bytes.length);
  assert(n <= 0xffffffff, `capture of ${bytes.length} bytes has too many records to encrypt`);
  const rawKey = globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  const key = await importKey(rawKey);
  const nonce0 = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const out = new Uint8Array(encryptedSize(bytes.length));
  out.set(nonce0, 0);
  for (let first = 0; first < n; first += PARALLEL_RECORDS) {
    const batch: Promise<void>[] = [];
    for (let i = first; i < Math.min(n, first + PARALLEL_RECORDS); i++) {
      const start = i * RECORD_PLAINTEXT_BYTES;
      const slice = bytes.subarray(start, Math.min(bytes.length, start + RECORD_PLAINTEXT_BYTES));
      const at = NONCE_BYTES + i * RECORD_BYTES;
      batch.push(
        subtle()
          .encrypt(gcmParams(nonce0, i, i === n - 1), key, asBufferSource(slice))
          .then((sealed) => out.set(new Uint8Array(sealed), at)),
      );
    }
    await Promise.all(batch);
  }
  return { ciphertext: out, key: encodeBase64url(rawKey) };
}

async function keyFromText(text: string | undefined): Promise<Result<CryptoKey, ShareCryptoError>> {
  if (text === undefined || text.length === 0) return err({ message: MISSING_KEY_MESSAGE });
  const raw = decodeBase64url(text);
  // A mangled key (cut short by a mail client, wrong characters) is reported like a wrong key:
  // to the user both mean "this link does not open the capture".
  if (!raw.ok || raw.value.length !== KEY_BYTES) return err({ message: WRONG_KEY_MESSAGE });
  return ok(await importKey(raw.value));
}

/**
 * Decrypts one record. A failure on record 0 means the key is wrong; later failures mean the
 * stored bytes were damaged; a final record that only opens as "not final" means truncation.
 */
async function openRecord(
  key: CryptoKey,
  nonce0: Uint8Array,
  index: number,
  final: boolean,
  sealed: Uint8Array,
  offset: number,
): Promise<Result<Uint8Array, ShareCryptoError>> {
  try {
    return ok(
      new Uint8Array(await subtle().decrypt(gcmParams(nonce0, index, final), key, asBufferSource(sealed))),
    );
  } catch {
    // fall through to diagnosis below: WebCrypto reports every failure as an opaque OperationError
  }
  if (final && index > 0) {
    try {
      await subtle().decrypt(gcmParams(nonce0, index, false), key, asBufferSource(sealed));
      return err({
        message: `This shared capture is incomplete: it ends after record ${index} (byte ${offset + sealed.length}); the upload or download was cut short.`,
      });
    } catch {
      // not a truncation either
    }
  }
  if (index === 0) return err({ message: WRONG_KEY_MESSAGE });
  return err({
    message: `This shared capture is damaged: record ${index} (bytes ${offset}-${offset + sealed.length - 1}) fails its integrity check.`,
  });
}

function tooShort(length: number): ShareCryptoError {
  return {
    message: `This shared capture is damaged: it is ${length} bytes long, shorter than the smallest encrypted capture (${NONCE_BYTES + TAG_BYTES} bytes).`,
  };
}

/** Decrypts a whole ciphertext held in memory. */
export async function decryptCapture(
  ciphertext: Uint8Array,
  keyText: string | undefined,
): Promise<Result<Uint8Array, ShareCryptoError>> {
  const key = await keyFromText(keyText);
  if (!key.ok) return key;
  if (ciphertext.length < NONCE_BYTES + TAG_BYTES) return err(tooShort(ciphertext.length));
  const nonce0 = ciphertext.subarray(0, NONCE_BYTES);
  const body = ciphertext.length - NONCE_BYTES;
  const n = Math.max(1, Math.ceil(body / RECORD_BYTES));
  const lastSealed = body - (n - 1) * RECORD_BYTES;
  if (lastSealed < TAG_BYTES) {
    // A final record shorter than a tag cannot exist: the file was cut inside a record.
    return err({
      message: `This shared capture is incomplete: its last record has ${lastSealed} of at least ${TAG_BYTES} bytes (file length ${ciphertext.length}).`,
    });
  }
  const out = new Uint8Array(body - n * TAG_BYTES);
  for (let first = 0; first < n; first += PARALLEL_RECORDS) {
    const batch: Promise<Result<Uint8Array, ShareCryptoError>>[] = [];
    for (let i = first; i < Math.min(n, first + PARALLEL_RECORDS); i++) {
      const at = NONCE_BYTES + i * RECORD_BYTES;
      const sealed = ciphertext.subarray(at, Math.min(ciphertext.length, at + RECORD_BYTES));
      batch.push(openRecord(key.value, nonce0, i, i === n - 1, sealed, at));
    }
    const opened = await Promise.all(batch);
    for (let j = 0; j < opened.length; j++) {
      const r = opened[j];
      if (!r.ok) return r;
      out.set(r.value, (first + j) * RECORD_PLAINTEXT_BYTES);
    }
  }
  return ok(out);
}

/**
 * Incremental decryption for a download in progress. Call push() for each received chunk in order
 * (awaiting each call) and finish() after the last one; each returns the plaintext pieces completed
 * so far. A full record is only opened once the next byte arrives, because until then it might be
 * the final one.
 */
export interface CaptureDecryptor {
  push(chunk: Uint8Array): Promise<Result<Uint8Array[], ShareCryptoError>>;
  finish(): Promise<Result<Uint8Array[], ShareCryptoError>>;
}

export async function createCaptureDecryptor(
  keyText: string | undefined,
): Promise<Result<CaptureDecryptor, ShareCryptoError>> {
  const key = await keyFromText(keyText);
  if (!key.ok) return key;
  const cryptoKey = key.value;
  const nonce0 = new Uint8Array(NONCE_BYTES);
  let nonceFill = 0;
  const record = new Uint8Array(RECORD_BYTES);
  let recordFill = 0;
  let index = 0;
  let consumed = 0; // ciphertext bytes before the record being filled, for error offsets
  let failed: ShareCryptoError | undefined;
  let finished = false;

  async function push(chunk: Uint8Array): Promise<Result<Uint8Array[], ShareCryptoError>> {
    if (failed) return err(failed);
    assert(!finished, 'CaptureDecryptor.push called after finish');
    const out: Uint8Array[] = [];
    let pos = 0;
    if (nonceFill < NONCE_BYTES) {
      const take = Math.min(NONCE_BYTES - nonceFill, chunk.length);
      nonce0.set(chunk.subarray(0, take), nonceFill);
      nonceFill += take;
      pos = take;
      consumed += take;
    }
    while (pos < chunk.length) {
      if (recordFill === RECORD_BYTES) {
        // More bytes follow, so the buffered full record is not the final one.
        const r = await openRecord(cryptoKey, nonce0, index, false, record, consumed);
        if (!r.ok) {
          failed = r.error;
          return r;
        }
        out.push(r.value);
        index++;
        consumed += RECORD_BYTES;
        recordFill = 0;
      }
      const take = Math.min(RECORD_BYTES - recordFill, chunk.length - pos);
      record.set(chunk.subarray(pos, pos + take), recordFill);
      recordFill += take;
      pos += take;
    }
    return ok(out);
  }

  async function finish(): Promise<Result<Uint8Array[], ShareCryptoError>> {
    if (failed) return err(failed);
    finished = true;
    if (nonceFill < NONCE_BYTES || (index === 0 && recordFill < TAG_BYTES)) {
      return err(tooShort(consumed + recordFill));
    }
    if (recordFill < TAG_BYTES) {
      return err({
        message: `This shared capture is incomplete: its last record has ${recordFill} of at least ${TAG_BYTES} bytes (file length ${consumed + recordFill}).`,
      });
    }
    const r = await openRecord(cryptoKey, nonce0, index, true, record.subarray(0, recordFill), consumed);
    if (!r.ok) return r;
    return ok([r.value]);
  }

  return ok({ push, finish });
}
