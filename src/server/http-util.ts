/** Small response helpers shared by the API and static handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(req, res, status, { error: message }, headers);
}

export function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: readonly string[]): void {
  sendError(req, res, 405, `${req.method} is not allowed here; use ${allow.join(' or ')}`, {
    Allow: allow.join(', '),
  });
}

/** Splits the raw request target into path and query WITHOUT normalising dot segments. */
export function splitTarget(rawUrl: string | undefined): { path: string; query: URLSearchParams } {
  const url = rawUrl ?? '/';
  const q = url.indexOf('?');
  return q < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}
