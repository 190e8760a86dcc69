/**
 * The worker's part of share links: encrypting the open capture before upload, and turning a
 * downloaded share back into a plaintext stream for the ordinary loader. Both run here so the
 * page stays responsive while megabytes are encrypted or decrypted.
 */
import { err, ok, type Result } from '../base/result';
import {
  NONCE_BYTES,
  RECORD_PLAINTEXT_BYTES,
  TAG_BYTES,
  createCaptureDecryptor,
  encryptCapture,
  type CaptureDecryptor,
} from '../core/share/capture-crypto';
import type { LoadedCapture } from './loader';

export const NOT_FOUND_MESSAGE = 'This shared capture does not exist or has expired.';

export type SealOutcome =
  /**
   * The ciphertext travels as a Blob: crossing to the page costs nothing, and an upload streams
   * it from the browser's blob store (an ArrayBuffer body would be copied on the page's thread).
   */
  { ok: true; ciphertext: Blob; key: string; plainBytes: number } | { ok: false; message: string };

/** Bytes the share would carry (the capture as the session reads it), null when none can be shared yet. */
export function shareableSize(c: LoadedCapture | null): number | null {
  return c && !c.loading ? c.source.size : null;
}

/** Encrypts the whole capture under a fresh key, here in the worker. */
export async function sealCapture(c: LoadedCapture | null): Promise<SealOutcome> {
  if (!c) return { ok: false, message: 'No capture is open.' };
  if (c.loading) return { ok: false, message: `"${c.name}" is still loading; share it once it is read.` };
  let bytes: Uint8Array;
  try {
    bytes = c.source.read(0, c.source.size);
  } catch (e) {
    // A File read again can fail if it changed or vanished on disk since it was opened.
    return {
      ok: false,
      message: `Could not read "${c.name}" again to share it (${e instanceof Error ? e.message : String(e)}).`,
    };
  }
  const { ciphertext, key } = await encryptCapture(bytes);
  return {
    ok: true,
    ciphertext: new Blob([ciphertext as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    key,
    plainBytes: bytes.length,
  };
}

/** Plaintext length of a ciphertext of `n` bytes (exact: every record but the last is full). */
export function plaintextSize(n: number): number {
  const body = n - NONCE_BYTES;
  if (body < TAG_BYTES) return 0;
  const records = Math.max(1, Math.ceil(body / (RECORD_PLAINTEXT_BYTES + TAG_BYTES)));
  return Math.max(0, body - records * TAG_BYTES);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function httpFailure(response: Response): Promise<string> {
  if (response.status === 404 || response.status === 410) return NOT_FOUND_MESSAGE;
  if (response.status === 429) {
    const wait = response.headers.get('retry-after');
    return `The server is answering too many requests from your address; try again${wait ? ` in ${wait} s` : ' shortly'}.`;
  }
  let detail = response.statusText;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string')
      detail = body.error;
  } catch {
    // not JSON: the status text will do
  }
  return `Could not download the shared capture: HTTP ${response.status}${detail ? ` (${detail})` : ''}.`;
}

export interface SharedStream {
  /** The decrypted capture, for loadCapture. */
  stream: ReadableStream<Uint8Array>;
  /** Plaintext bytes to expect, 0 when the server did not say. */
  totalBytes: number;
}

/**
 * Downloads a shared capture and decrypts it while it arrives. The first record is opened before
 * this returns, so a wrong key or an unknown id is reported as such instead of as a read error
 * halfway through loading; later failures (damage, truncation) end the stream with their message.
 */
export async function openSharedStream(
  url: string,
  keyText: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<SharedStream, string>> {
  const made = await createCaptureDecryptor(keyText);
  if (!made.ok) return err(made.error.message);
  const decryptor: CaptureDecryptor = made.value;
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-store' });
  } catch (e) {
    return err(
      `Could not download the shared capture: ${errorText(e)}. Check your connection and try again.`,
    );
  }
  if (!response.ok || !response.body) return err(await httpFailure(response));
  const encoded = response.headers.get('content-encoding');
  const length = Number(response.headers.get('content-length') ?? 0);
  const totalBytes = encoded || !Number.isFinite(length) ? 0 : plaintextSize(length);
  const reader = response.body.getReader();
  const queue: Uint8Array[] = [];
  let ended = false;

  /** Reads and decrypts until some plaintext is ready or the download ends. */
  const fill = async (): Promise<Result<void, string>> => {
    while (queue.length === 0 && !ended) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        return err(`The download of the shared capture stopped: ${errorText(e)}.`);
      }
      const r = chunk.done ? await decryptor.finish() : await decryptor.push(chunk.value);
      if (chunk.done) ended = true;
      if (!r.ok) return err(r.error.message);
      for (const piece of r.value) if (piece.length > 0) queue.push(piece);
    }
    return ok(undefined);
  };

  const first = await fill();
  if (!first.ok) {
    await reader.cancel().catch(() => undefined);
    return err(first.error);
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await fill();
      if (!r.ok) {
        await reader.cancel().catch(() => undefined);
        controller.error(new Error(r.error));
        return;
      }
      const piece = queue.shift();
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
    cancel() {
      return reader.cancel();
    },
  });
  return ok({ stream, totalBytes });
}
