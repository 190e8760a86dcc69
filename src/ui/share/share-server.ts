/**
 * Talking to the share server (src/server/README.md): is there one (GET /api/config), upload
 * the ciphertext with progress (POST /api/captures), delete it (DELETE /api/captures/<id>).
 * Every failure comes back as a sentence for the dialog, never as an exception.
 */
import { err, ok, type Result } from '../../base/result';
import { formatBytes } from '../lib/units';

/** How this deployment can share: with a share server, or as static files only. */
export type ShareMode =
  | { kind: 'hosted'; publicUrl: string; maxUploadBytes: number; retentionDays: number }
  | { kind: 'static' }
  /** The check itself failed (offline, server down): we cannot tell which of the two. */
  | { kind: 'unknown'; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Reads GET /api/config. A static deployment has no such route: a 404, or a host that answers
 * every path with index.html, both mean "no share server".
 */
export async function fetchShareMode(
  configUrl: string,
  pageOrigin: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ShareMode> {
  let response: Response;
  try {
    response = await fetchImpl(configUrl, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch (e) {
    return {
      kind: 'unknown',
      message: `Could not ask the server whether it keeps shared captures (${e instanceof Error ? e.message : String(e)}).`,
    };
  }
  if (!response.ok) return { kind: 'static' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'static' };
  }
  if (!isRecord(body) || body.shareEnabled !== true) return { kind: 'static' };
  const max = Number(body.maxUploadBytes);
  const days = Number(body.retentionDays);
  // publicUrl is null when the server could not trust the request's Host: use the page's origin.
  const publicUrl = typeof body.publicUrl === 'string' && body.publicUrl ? body.publicUrl : pageOrigin;
  return {
    kind: 'hosted',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    maxUploadBytes: Number.isFinite(max) && max > 0 ? max : Infinity,
    retentionDays: Number.isFinite(days) && days > 0 ? days : 0,
  };
}

/** "30 days", "12 hours": how long the server keeps an upload. */
export function retentionText(days: number): string {
  if (days >= 1) {
    const d = Math.round(days * 10) / 10;
    return `${d} day${d === 1 ? '' : 's'}`;
  }
  const h = Math.max(1, Math.round(days * 24));
  return `${h} hour${h === 1 ? '' : 's'}`;
}

export function tooLargeMessage(encryptedBytes: number, limitBytes: number): string {
  return `This capture is too large to share here: encrypted it is ${formatBytes(encryptedBytes)}, and this server accepts up to ${formatBytes(limitBytes)}. Filter it down in Wireshark or tshark (e.g. tshark -r in.pcap -Y "..." -w out.pcap) and share the smaller file.`;
}

export interface UploadedShare {
  id: string;
  deleteToken: string;
  /** ISO 8601 time after which the server deletes the capture. */
  expiresAt: string;
}

/** The part of XMLHttpRequest an upload uses (tests substitute a fake). */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  getResponseHeader(name: string): string | null;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { onprogress: ((e: ProgressEvent) => void) | null };
  onload: ((e: ProgressEvent) => void) | null;
  onerror: ((e: ProgressEvent) => void) | null;
  onabort: ((e: ProgressEvent) => void) | null;
}

export interface UploadHandle {
  /** ok(share), or err(message); err(null) when cancelled with abort(). */
  done: Promise<Result<UploadedShare, string | null>>;
  abort(): void;
}

function serverMessage(responseText: string): string | null {
  try {
    const body: unknown = JSON.parse(responseText);
    return isRecord(body) && typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

/** The sentence for a failed upload, by HTTP status (0 = no answer at all). */
export function uploadFailureMessage(
  status: number,
  responseText: string,
  retryAfter: string | null,
  sizes: { encryptedBytes: number; limitBytes: number },
): string {
  const said = serverMessage(responseText);
  switch (status) {
    case 0:
      return 'The upload failed: the server could not be reached or the connection broke. Check your connection and try again.';
    case 413:
      return tooLargeMessage(sizes.encryptedBytes, sizes.limitBytes);
    case 429: {
      const wait = Number(retryAfter);
      const when =
        Number.isFinite(wait) && wait > 0 ? `in ${wait} second${wait === 1 ? '' : 's'}` : 'in a minute';
      return `This server has taken too many uploads from your address recently. Try again ${when}.`;
    }
    case 507:
      return 'The server is out of storage space and could not keep the capture. Try again later.';
    default:
      return `The server did not store the capture (HTTP ${status}${said ? `: ${said}` : ''}).`;
  }
}

function parseUploaded(text: string): UploadedShare | null {
  try {
    const body: unknown = JSON.parse(text);
    if (
      isRecord(body) &&
      typeof body.id === 'string' &&
      typeof body.deleteToken === 'string' &&
      typeof body.expiresAt === 'string'
    ) {
      return { id: body.id, deleteToken: body.deleteToken, expiresAt: body.expiresAt };
    }
  } catch {
    // handled below
  }
  return null;
}

/**
 * POSTs the ciphertext with upload progress (fetch cannot report upload progress, hence XHR).
 * `onProgress(sent, total)` follows the bytes that left the browser.
 */
export function uploadCiphertext(
  url: string,
  ciphertext: Blob,
  limitBytes: number,
  onProgress: (sent: number, total: number) => void,
  createRequest: () => UploadRequest = () => new XMLHttpRequest(),
): UploadHandle {
  const xhr = createRequest();
  const done = new Promise<Result<UploadedShare, string | null>>((resolve) => {
    const sizes = { encryptedBytes: ciphertext.size, limitBytes };
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : ciphertext.size);
    xhr.onload = () => {
      if (xhr.status !== 201 && xhr.status !== 200) {
        resolve(
          err(
            uploadFailureMessage(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After'), sizes),
          ),
        );
        return;
      }
      const uploaded = parseUploaded(xhr.responseText);
      resolve(
        uploaded
          ? ok(uploaded)
          : err(
              'The server accepted the upload but its answer was not understood; the link could not be made.',
            ),
      );
    };
    xhr.onerror = () => resolve(err(uploadFailureMessage(0, '', null, sizes)));
    xhr.onabort = () => resolve(err(null));
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(ciphertext);
  });
  return { done, abort: () => xhr.abort() };
}

/** Deletes an upload with its token. A capture that is already gone counts as deleted. */
export async function deleteShare(
  url: string,
  deleteToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<'deleted' | 'gone', string>> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'DELETE', headers: { 'X-Delete-Token': deleteToken } });
  } catch (e) {
    return err(
      `Could not reach the server to delete the capture (${e instanceof Error ? e.message : String(e)}). Try again.`,
    );
  }
  if (response.status === 204 || response.status === 200) return ok('deleted');
  if (response.status === 404) return ok('gone');
  const said = serverMessage(await response.text().catch(() => ''));
  if (response.status === 403) {
    return err('The server refused: the delete token kept in this browser does not match this capture.');
  }
  return err(`The server did not delete the capture (HTTP ${response.status}${said ? `: ${said}` : ''}).`);
}
