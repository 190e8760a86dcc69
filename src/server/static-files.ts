/**
 * Serves the built app from dist/. `/` and `/s/<id>` (share links) get index.html; the client
 * reads the id from the path and the key from the fragment. Vite's hashed files under assets/
 * are cached for a year; everything else is revalidated (ETag) on each load.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { methodNotAllowed } from './http-util';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pcap': 'application/vnd.tcpdump.pcap',
  '.pcapng': 'application/octet-stream',
  '.cap': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.keylog': 'text/plain; charset=utf-8',
};

/** Types worth compressing on the fly; images, fonts and captures are compressed already or binary. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.md',
  '.xml',
  '.svg',
  '.wasm',
]);
const MIN_COMPRESS_BYTES = 1024;
const MAX_COMPRESS_BYTES = 16 * 1024 * 1024;
/** Vite names build outputs like assets/index-B3xY_9a1.js; those never change content. */
const HASHED_ASSET = /^assets\/.+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** Share-link route: /s/<id>, id validated by the API when the app fetches it. */
const SHARE_ROUTE = /^\/s\/[^/]+\/?$/;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip';

function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    accepted.add(name.trim().toLowerCase());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** Maps a raw URL path to a file inside dist, or undefined when it cannot be one of ours. */
function resolveStaticPath(distDir: string, rawPath: string): string | undefined {
  if (rawPath === '/' || rawPath === '/index.html' || SHARE_ROUTE.test(rawPath))
    return join(distDir, 'index.html');
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    // Decoding happens before the check, so %2e%2e and %2f cannot smuggle a traversal through.
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  if (segments.length === 0) return undefined;
  const path = join(distDir, ...segments);
  return path.startsWith(distDir + sep) ? path : undefined;
}

export interface StaticHandler {
  (req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void>;
}

export function createStaticHandler(distDir: string): StaticHandler {
  /** Compressed bodies keyed by path, encoding and file version; dist is small and fixed. */
  const compressed = new Map<string, Buffer>();

  return async function serveStatic(req, res, rawPath) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      methodNotAllowed(req, res, ['GET', 'HEAD']);
      return;
    }
    const path = resolveStaticPath(distDir, rawPath);
    const st = path ? await stat(path).catch(() => undefined) : undefined;
    if (!path || !st || !st.isFile()) {
      const isIndex = path === join(distDir, 'index.html');
      const status = isIndex ? 503 : 404;
      const message = isIndex
        ? 'Wirelight is not built yet (dist/index.html is missing). Run `npm start`, which builds it.\n'
        : 'Not found\n';
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(message),
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : message);
      return;
    }
    const relative = path
      .slice(distDir.length + 1)
      .split(sep)
      .join('/');
    const ext = extname(path).toLowerCase();
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
      'Last-Modified': st.mtime.toUTCString(),
    };
    const compressible =
      COMPRESSIBLE.has(ext) && st.size >= MIN_COMPRESS_BYTES && st.size <= MAX_COMPRESS_BYTES;
    if (compressible) headers.Vary = 'Accept-Encoding';

    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.slice(2))) {
      res.writeHead(304, headers);
      res.end();
      return;
    }

    const encoding = compressible ? acceptedEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding) {
      const key = `${encoding}:${etag}:${path}`;
      let body = compressed.get(key);
      if (!body) {
        const raw = await readFile(path);
        body =
          encoding === 'br'
            ? await brotli(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
            : await gzipAsync(raw, { level: 9 });
        if (compressed.size >= 1000) compressed.clear(); // dist rebuilt under a running server
        compressed.set(key, body);
      }
      res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
