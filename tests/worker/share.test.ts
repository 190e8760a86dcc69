import { gzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MISSING_KEY_MESSAGE,
  RECORD_PLAINTEXT_BYTES,
  WRONG_KEY_MESSAGE,
  decryptCapture,
  encryptCapture,
  encryptedSize,
} from '../../src/core/share/capture-crypto';
import { NOT_FOUND_MESSAGE, openSharedStream, plaintextSize } from '../../src/worker/share';
import type { LoadProgress } from '../../src/worker/types';
import { captureBytes, newWorker, open, oracleColumns } from './helpers';

const SHARE_URL = 'http://127.0.0.1:1/api/captures/0123456789abcdef0123456789abcdef';

/** A fetch that serves `body` (or a status) for every request, counting calls. */
function serve(body: Uint8Array | null, status = 200): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fake = (async () => {
    calls++;
    if (body === null) return new Response(JSON.stringify({ error: 'No such capture' }), { status });
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
    });
  }) as typeof fetch;
  return { fetch: fake, calls: () => calls };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; error?: string }> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  let error: string | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, error };
}

function otherKey(key: string): string {
  // Flip one bit of the first byte: still 32 bytes of valid base64url, but the wrong key.
  const c = key[0] === 'A' ? 'B' : 'A';
  return c + key.slice(1);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('plaintextSize', () => {
  it('inverts encryptedSize for empty, small, exact-record and multi-record captures', () => {
    for (const n of [
      0,
      1,
      24,
      RECORD_PLAINTEXT_BYTES - 1,
      RECORD_PLAINTEXT_BYTES,
      RECORD_PLAINTEXT_BYTES + 1,
      5 * RECORD_PLAINTEXT_BYTES + 77,
    ]) {
      expect(plaintextSize(encryptedSize(n))).toBe(n);
    }
  });
});

describe('sealing the open capture', () => {
  it('encrypts exactly the file bytes under a fresh key each time', async () => {
    const w = newWorker();
    const plain = captureBytes('http-basic.pcap');
    const { outcome } = await open(w, 'http-basic.pcap', plain);
    expect(w.shareSize(outcome.gen)).toBe(plain.length);
    const a = await w.sealForShare(outcome.gen);
    const b = await w.sealForShare(outcome.gen);
    if (!a.ok || !b.ok) throw new Error('sealing failed');
    expect(a.plainBytes).toBe(plain.length);
    expect(a.ciphertext.size).toBe(encryptedSize(plain.length));
    expect(a.key).not.toBe(b.key);
    const back = await decryptCapture(new Uint8Array(await a.ciphertext.arrayBuffer()), a.key);
    expect(back.ok && Buffer.from(back.value).equals(Buffer.from(plain))).toBe(true);
  });

  it('shares the inflated capture of a gzip file', async () => {
    const w = newWorker();
    const plain = captureBytes('dns.pcap');
    const { outcome } = await open(w, 'dns.pcap.gz', gzipSync(plain));
    expect(w.shareSize(outcome.gen)).toBe(plain.length);
    const sealed = await w.sealForShare(outcome.gen);
    if (!sealed.ok) throw new Error(sealed.message);
    const back = await decryptCapture(new Uint8Array(await sealed.ciphertext.arrayBuffer()), sealed.key);
    expect(back.ok && Buffer.from(back.value).equals(Buffer.from(plain))).toBe(true);
  });

  it('refuses when no capture of that load is open', async () => {
    const w = newWorker();
    expect(w.shareSize(7)).toBeNull();
    expect(await w.sealForShare(7)).toEqual({ ok: false, message: 'No capture is open.' });
  });
});

describe('openSharedStream', () => {
  it('decrypts a multi-record capture while streaming and knows its plaintext size', async () => {
    const plain = captureBytes('http-loss.pcap');
    expect(plain.length).toBeGreaterThan(RECORD_PLAINTEXT_BYTES);
    const { ciphertext, key } = await encryptCapture(plain);
    const r = await openSharedStream(SHARE_URL, key, serve(ciphertext).fetch);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.totalBytes).toBe(plain.length);
    const out = await drain(r.value.stream);
    expect(out.error).toBeUndefined();
    expect(Buffer.from(out.bytes).equals(Buffer.from(plain))).toBe(true);
  });

  it('reports a wrong key before any plaintext is handed out', async () => {
    const { ciphertext, key } = await encryptCapture(captureBytes('http-loss.pcap'));
    const r = await openSharedStream(SHARE_URL, otherKey(key), serve(ciphertext).fetch);
    expect(r).toEqual({ ok: false, error: WRONG_KEY_MESSAGE });
  });

  it('reports a missing key without downloading anything', async () => {
    const server = serve(new Uint8Array(100));
    expect(await openSharedStream(SHARE_URL, undefined, server.fetch)).toEqual({
      ok: false,
      error: MISSING_KEY_MESSAGE,
    });
    expect(server.calls()).toBe(0);
  });

  it('words an unknown or expired id, rate limiting and network failures for people', async () => {
    const { key } = await encryptCapture(new Uint8Array(10));
    expect(await openSharedStream(SHARE_URL, key, serve(null, 404).fetch)).toEqual({
      ok: false,
      error: NOT_FOUND_MESSAGE,
    });
    const busy = (async () =>
      new Response('{}', { status: 429, headers: { 'retry-after': '12' } })) as typeof fetch;
    const r429 = await openSharedStream(SHARE_URL, key, busy);
    expect(!r429.ok && r429.error).toMatch(/too many requests.*in 12 s/);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const rNet = await openSharedStream(SHARE_URL, key, down);
    expect(!rNet.ok && rNet.error).toMatch(/^Could not download the shared capture: Failed to fetch\./);
    const r500 = await openSharedStream(SHARE_URL, key, serve(null, 500).fetch);
    expect(!r500.ok && r500.error).toBe('Could not download the shared capture: HTTP 500 (No such capture).');
  });

  it('ends the stream with the damage message when a later record fails', async () => {
    const plain = captureBytes('http-loss.pcap');
    const { ciphertext, key } = await encryptCapture(plain);
    const damaged = ciphertext.slice();
    damaged[damaged.length - 5] ^= 1;
    const r = await openSharedStream(SHARE_URL, key, serve(damaged).fetch);
    if (!r.ok) throw new Error(r.error);
    const out = await drain(r.value.stream);
    expect(out.bytes.length).toBe(RECORD_PLAINTEXT_BYTES);
    expect(out.error).toMatch(/^This shared capture is damaged: record 1 /);
  });
});

describe('opening a share in the worker', () => {
  it('loads a shared capture like a file, with plaintext progress', async () => {
    const plain = captureBytes('http-basic.pcap');
    const { ciphertext, key } = await encryptCapture(plain);
    vi.stubGlobal('fetch', serve(ciphertext).fetch);
    const w = newWorker();
    const progress: LoadProgress[] = [];
    const outcome = await w.open({ kind: 'share', url: SHARE_URL, key, name: 'Shared capture' }, (p) =>
      progress.push(p),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.active).toBe(true);
    expect(outcome.packets).toBe(oracleColumns('http-basic').length);
    expect(progress.at(-1)).toMatchObject({ bytes: plain.length, totalBytes: plain.length });
    // The shared capture can itself be shared again (its bytes are kept in memory).
    expect(w.shareSize(outcome.gen)).toBe(plain.length);
  });

  it('keeps the open capture when a link has the wrong key', async () => {
    const w = newWorker();
    const first = await open(w, 'dns.pcap', captureBytes('dns.pcap'));
    const { ciphertext, key } = await encryptCapture(captureBytes('http-basic.pcap'));
    vi.stubGlobal('fetch', serve(ciphertext).fetch);
    const outcome = await w.open({ kind: 'share', url: SHARE_URL, key: otherKey(key) }, () => undefined);
    expect(outcome).toMatchObject({ active: false, error: WRONG_KEY_MESSAGE });
    expect(
      w.rows({ gen: first.outcome.gen, nums: Uint32Array.of(1), timeFormat: 'relative', coloring: false }),
    ).toHaveLength(1);
  });
});
