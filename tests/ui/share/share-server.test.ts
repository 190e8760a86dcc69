import { describe, expect, it } from 'vitest';
import {
  deleteShare,
  fetchShareMode,
  retentionText,
  uploadCiphertext,
  uploadFailureMessage,
  type UploadRequest,
} from '../../../src/ui/share/share-server';

const ORIGIN = 'http://127.0.0.1:8080';

function answering(body: string, init: ResponseInit = {}): typeof fetch {
  return (async () => new Response(body, init)) as typeof fetch;
}

describe('fetchShareMode', () => {
  it('reads a share server configuration', async () => {
    const mode = await fetchShareMode(
      `${ORIGIN}/api/config`,
      ORIGIN,
      answering(
        JSON.stringify({
          shareEnabled: true,
          publicUrl: 'https://w.example/',
          maxUploadBytes: 1000,
          retentionDays: 7,
        }),
        { headers: { 'content-type': 'application/json' } },
      ),
    );
    expect(mode).toEqual({
      kind: 'hosted',
      publicUrl: 'https://w.example',
      maxUploadBytes: 1000,
      retentionDays: 7,
    });
  });

  it('uses the page origin when the server has no trustworthy public URL', async () => {
    const mode = await fetchShareMode(
      `${ORIGIN}/api/config`,
      ORIGIN,
      answering(
        JSON.stringify({ shareEnabled: true, publicUrl: null, maxUploadBytes: 5, retentionDays: 30 }),
      ),
    );
    expect(mode).toMatchObject({ kind: 'hosted', publicUrl: ORIGIN });
  });

  it('takes a 404, an HTML fallback page or sharing turned off for a static deployment', async () => {
    expect(await fetchShareMode('x', ORIGIN, answering('not found', { status: 404 }))).toEqual({
      kind: 'static',
    });
    expect(await fetchShareMode('x', ORIGIN, answering('<!doctype html><div id="root"></div>'))).toEqual({
      kind: 'static',
    });
    expect(await fetchShareMode('x', ORIGIN, answering('{"shareEnabled":false}'))).toEqual({
      kind: 'static',
    });
  });

  it('says so when the server cannot be asked at all', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const mode = await fetchShareMode('x', ORIGIN, down);
    expect(mode.kind).toBe('unknown');
    expect(mode.kind === 'unknown' && mode.message).toMatch(/Failed to fetch/);
  });

  it('words the retention period', () => {
    expect(retentionText(30)).toBe('30 days');
    expect(retentionText(1)).toBe('1 day');
    expect(retentionText(0.5)).toBe('12 hours');
    expect(retentionText(0.0001)).toBe('1 hour');
  });
});

/** An XMLHttpRequest stand-in that records the request and lets the test play the network. */
class FakeXhr implements UploadRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  aborted = false;
  readonly upload: UploadRequest['upload'] = { onprogress: null };
  onload: UploadRequest['onload'] = null;
  onerror: UploadRequest['onerror'] = null;
  onabort: UploadRequest['onabort'] = null;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: Blob): void {
    this.body = body;
  }
  abort(): void {
    this.aborted = true;
    this.onabort?.(new Event('abort') as ProgressEvent);
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.(new Event('load') as ProgressEvent);
  }
  fail(): void {
    this.onerror?.(new Event('error') as ProgressEvent);
  }
}

function startUpload(size = 100, limit = 1000) {
  const xhr = new FakeXhr();
  const progress: [number, number][] = [];
  const handle = uploadCiphertext(
    `${ORIGIN}/api/captures`,
    new Blob([new Uint8Array(size)]),
    limit,
    (sent, total) => progress.push([sent, total]),
    () => xhr,
  );
  return { xhr, progress, handle };
}

describe('uploadCiphertext', () => {
  it('POSTs the bytes as application/octet-stream, reports progress and returns the share', async () => {
    const { xhr, progress, handle } = startUpload(100);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${ORIGIN}/api/captures`);
    expect(xhr.headers).toEqual({ 'Content-Type': 'application/octet-stream' });
    expect(xhr.body?.size).toBe(100);
    xhr.progress(40, 100);
    xhr.progress(100, 100);
    const share = { id: 'a'.repeat(32), deleteToken: 'tok', expiresAt: '2030-01-01T00:00:00.000Z' };
    xhr.answer(201, share);
    expect(await handle.done).toEqual({ ok: true, value: share });
    expect(progress).toEqual([
      [40, 100],
      [100, 100],
    ]);
  });

  it('explains 413, 429, 507, other statuses and network failures', async () => {
    const tooBig = startUpload(3 * 1024 * 1024, 2 * 1024 * 1024);
    tooBig.xhr.answer(413, { error: 'The capture is larger than this server accepts (2097152 bytes)' });
    const r413 = await tooBig.handle.done;
    expect(!r413.ok && r413.error).toMatch(
      /^This capture is too large to share here: encrypted it is 3.0 MB, and this server accepts up to 2.0 MB\./,
    );

    const busy = startUpload();
    busy.xhr.answer(429, { error: 'Too many uploads' }, { 'retry-after': '17' });
    const r429 = await busy.handle.done;
    expect(!r429.ok && r429.error).toBe(
      'This server has taken too many uploads from your address recently. Try again in 17 seconds.',
    );

    const full = startUpload();
    full.xhr.answer(507, { error: 'disk' });
    const r507 = await full.handle.done;
    expect(!r507.ok && r507.error).toMatch(/out of storage space/);

    const odd = startUpload();
    odd.xhr.answer(415, { error: 'Upload the encrypted capture as Content-Type: application/octet-stream' });
    const r415 = await odd.handle.done;
    expect(!r415.ok && r415.error).toBe(
      'The server did not store the capture (HTTP 415: Upload the encrypted capture as Content-Type: application/octet-stream).',
    );

    const cut = startUpload();
    cut.xhr.fail();
    const rNet = await cut.handle.done;
    expect(!rNet.ok && rNet.error).toMatch(/^The upload failed: the server could not be reached/);

    const garbled = startUpload();
    garbled.xhr.answer(201, '<html>');
    const rBad = await garbled.handle.done;
    expect(!rBad.ok && rBad.error).toMatch(/answer was not understood/);
  });

  it('ends with err(null) when cancelled', async () => {
    const { xhr, handle } = startUpload();
    handle.abort();
    expect(xhr.aborted).toBe(true);
    expect(await handle.done).toEqual({ ok: false, error: null });
  });

  it('falls back to "in a minute" without a usable Retry-After', () => {
    expect(uploadFailureMessage(429, '', null, { encryptedBytes: 1, limitBytes: 2 })).toMatch(
      /Try again in a minute\.$/,
    );
    expect(uploadFailureMessage(429, '', '1', { encryptedBytes: 1, limitBytes: 2 })).toMatch(
      /in 1 second\.$/,
    );
  });
});

describe('deleteShare', () => {
  it('sends the token in X-Delete-Token and accepts 204 and an already-gone capture', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const server = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    expect(await deleteShare(`${ORIGIN}/api/captures/abc`, 'secret', server)).toEqual({
      ok: true,
      value: 'deleted',
    });
    expect(seen[0].init?.method).toBe('DELETE');
    expect(seen[0].init?.headers).toEqual({ 'X-Delete-Token': 'secret' });
    expect(await deleteShare('x', 't', answering('{"error":"No such capture"}', { status: 404 }))).toEqual({
      ok: true,
      value: 'gone',
    });
  });

  it('explains a refused token, other statuses and network failures', async () => {
    const r403 = await deleteShare('x', 't', answering('{"error":"no"}', { status: 403 }));
    expect(!r403.ok && r403.error).toMatch(/delete token kept in this browser does not match/);
    const r500 = await deleteShare('x', 't', answering('{"error":"Internal server error"}', { status: 500 }));
    expect(!r500.ok && r500.error).toBe(
      'The server did not delete the capture (HTTP 500: Internal server error).',
    );
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const rNet = await deleteShare('x', 't', down);
    expect(!rNet.ok && rNet.error).toMatch(
      /^Could not reach the server to delete the capture \(Failed to fetch\)/,
    );
  });
});
