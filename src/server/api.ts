/**
 * The share API:
 *   GET    /api/config            {shareEnabled, publicUrl, maxUploadBytes} (absent on static hosting)
 *   POST   /api/captures          body = ciphertext (application/octet-stream) → 201 {id, deleteToken, expiresAt}
 *   GET    /api/captures/<id>     the bytes (Range supported), HEAD too
 *   DELETE /api/captures/<id>     with X-Delete-Token header or ?token= → 204
 * There is deliberately no listing: GET /api/captures is 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config';
import { methodNotAllowed, sendError, sendJson } from './http-util';
import { parseRange } from './range';
import type { TokenBucketLimiter } from './rate-limit';
import { CAPTURE_ID, type CaptureStore } from './storage';

export interface ApiContext {
  config: ServerConfig;
  store: CaptureStore;
  uploadLimiter: TokenBucketLimiter;
  /** Logs unexpected server-side failures (never request contents). */
  log: (message: string) => void;
}

/** How long a rejected upload's connection may keep sending before it is cut. */
const LINGER_MS = 5_000;
const CAPTURE_PATH = /^\/api\/captures\/([^/?]*)$/;

/** Handles /api/*; `rateKey` identifies the client for the upload limit. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  rateKey: string,
): Promise<void> {
  if (path === '/api/config') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req, res, ['GET', 'HEAD']);
    return sendJson(req, res, 200, {
      shareEnabled: true,
      publicUrl: ctx.config.publicUrl ?? requestOrigin(req, ctx.config.trustProxy),
      maxUploadBytes: ctx.config.maxUploadBytes,
      retentionDays: ctx.config.retentionDays,
    });
  }
  if (path === '/api/captures') {
    if (req.method !== 'POST') return methodNotAllowed(req, res, ['POST']);
    return upload(ctx, req, res, rateKey);
  }
  const m = CAPTURE_PATH.exec(path);
  // The id is matched against the strict pattern on the raw path, before any decoding or file
  // system access: "..", "%2e%2e%2f" and friends simply are not ids.
  if (!m || !CAPTURE_ID.test(m[1])) return sendError(req, res, 404, 'No such capture');
  const id = m[1];
  if (req.method === 'GET' || req.method === 'HEAD') return download(ctx, req, res, id);
  if (req.method === 'DELETE') return remove(ctx, req, res, id, query);
  return methodNotAllowed(req, res, ['GET', 'HEAD', 'DELETE']);
}

/** Origin the client used, for share links when WIRELIGHT_PUBLIC_URL is unset. */
function requestOrigin(req: IncomingMessage, trustProxy: boolean): string | null {
  const host = req.headers.host;
  if (!host || !/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host)) return null;
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        .trim()
    : '';
  const proto =
    forwarded === 'https' || forwarded === 'http' ? forwarded : 'encrypted' in req.socket ? 'https' : 'http';
  return `${proto}://${host}`;
}

/** Answers an upload we will not take, then discards what the client keeps sending for a while. */
function rejectUpload(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  // Closing at once would make the kernel reset the connection while the client is still
  // sending, and many clients then lose our response. Let Node drain the rest for a moment.
  sendError(req, res, status, message);
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.socket.once('close', () => clearTimeout(timer));
  req.once('end', () => clearTimeout(timer));
  req.resume();
}

async function upload(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  rateKey: string,
): Promise<void> {
  const limit = ctx.config.maxUploadBytes;
  const turn = ctx.uploadLimiter.take(rateKey);
  if (!turn.allowed) {
    res.setHeader('Retry-After', String(turn.retryAfterSeconds));
    return rejectUpload(req, res, 429, `Too many uploads; try again in ${turn.retryAfterSeconds} s`);
  }
  // Only application/octet-stream: a cross-site page can send text/plain or form bodies without
  // a CORS preflight, but not this type, so other sites cannot make visitors upload here.
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/octet-stream') {
    return rejectUpload(
      req,
      res,
      415,
      'Upload the encrypted capture as Content-Type: application/octet-stream',
    );
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return rejectUpload(req, res, 413, `The capture is larger than this server accepts (${limit} bytes)`);
  }
  const saved = await ctx.store.save(req, limit);
  if (saved.ok) {
    const { id, deleteToken, expiresAt } = saved.value;
    return sendJson(
      req,
      res,
      201,
      { id, deleteToken, expiresAt: expiresAt.toISOString() },
      { Location: `/api/captures/${id}` },
    );
  }
  const failure = saved.error;
  switch (failure.kind) {
    case 'too-large':
      return rejectUpload(req, res, 413, `The capture is larger than this server accepts (${limit} bytes)`);
    case 'empty':
      return sendError(req, res, 400, 'The upload is empty');
    case 'aborted':
      res.destroy(); // nobody is listening any more
      return;
    case 'io':
      ctx.log(`upload failed: ${failure.code ?? ''} ${failure.message}`);
      if (failure.code === 'ENOSPC' || failure.code === 'EDQUOT') {
        return rejectUpload(req, res, 507, 'The server is out of storage space; try again later');
      }
      return rejectUpload(req, res, 500, 'The server could not store the capture');
  }
}

async function download(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  const capture = await ctx.store.open(id);
  if (!capture) return sendError(req, res, 404, 'No such capture (it may have expired or been deleted)');
  const { handle, size } = capture;
  let handedOff = false;
  try {
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      // The bytes are immutable but deletable: no shared caches, no keeping after a delete.
      'Cache-Control': 'no-store',
      ETag: `"${id}"`,
      'Content-Disposition': `attachment; filename="wirelight-${id}.bin"`,
    };
    const range = parseRange(req.headers.range, size);
    const ifRange = req.headers['if-range'];
    const rangeApplies = range.kind !== 'full' && (ifRange === undefined || ifRange === `"${id}"`);
    if (rangeApplies && range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    let start = 0;
    let end = size - 1;
    if (rangeApplies && range.kind === 'partial') {
      ({ start, end } = range);
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        'Content-Length': end - start + 1,
      });
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': size });
    }
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    const stream = handle.createReadStream({ start, end, autoClose: true });
    handedOff = true;
    stream.on('error', (e) => {
      ctx.log(`download of ${id} failed: ${e.message}`);
      res.destroy();
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  } finally {
    if (!handedOff) await handle.close();
  }
}

async function remove(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  const header = req.headers['x-delete-token'];
  const token = (Array.isArray(header) ? header[0] : header) ?? query.get('token') ?? '';
  if (token === '')
    return sendError(req, res, 403, 'A delete token is required (X-Delete-Token header or ?token=)');
  const outcome = await ctx.store.remove(id, token);
  if (outcome === 'deleted') {
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  if (outcome === 'forbidden')
    return sendError(req, res, 403, 'The delete token does not match this capture');
  return sendError(req, res, 404, 'No such capture (it may have expired or been deleted)');
}
