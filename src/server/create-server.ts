/** Wires config, storage, limits and handlers into one HTTP server that tests can start on port 0. */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiContext } from './api';
import { clientAddress, rateLimitKey } from './client-address';
import type { ServerConfig } from './config';
import { sendError, splitTarget } from './http-util';
import { TokenBucketLimiter } from './rate-limit';
import { applySecurityHeaders, securityHeaders } from './security-headers';
import { createStaticHandler } from './static-files';
import { CaptureStore, type SweepReport } from './storage';

export interface WirelightServer {
  /** Starts listening (port 0 = any free port); prepares the data dir and runs a first sweep. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, cuts open connections and waits for uploads in progress to clean up. */
  close(): Promise<void>;
  /** Runs the retention sweep now (it also runs at start and every sweepIntervalMinutes). */
  sweep(nowMs?: number): Promise<SweepReport>;
  readonly store: CaptureStore;
}

export function createServer(
  config: ServerConfig,
  log: (message: string) => void = console.error,
): WirelightServer {
  const store = new CaptureStore(config.dataDir, config.retentionDays * 24 * 60 * 60 * 1000);
  const requestLimiter = new TokenBucketLimiter(config.requestsPerMinute);
  const ctx: ApiContext = {
    config,
    store,
    uploadLimiter: new TokenBucketLimiter(config.uploadsPerMinute),
    log,
  };
  const headers = securityHeaders(config.publicUrl);
  const serveStatic = createStaticHandler(config.distDir);
  let sweepTimer: NodeJS.Timeout | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applySecurityHeaders(res, headers);
    const rateKey = rateLimitKey(
      clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustProxy),
    );
    const turn = requestLimiter.take(rateKey);
    if (!turn.allowed) {
      return sendError(req, res, 429, `Too many requests; try again in ${turn.retryAfterSeconds} s`, {
        'Retry-After': String(turn.retryAfterSeconds),
      });
    }
    const { path, query } = splitTarget(req.url);
    if (path === '/api' || path.startsWith('/api/')) return handleApi(ctx, req, res, path, query, rateKey);
    return serveStatic(req, res, path);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    handle(req, res).catch((e: unknown) => {
      log(`${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) sendError(req, res, 500, 'Internal server error');
      else res.destroy();
    });
  }

  const server = createHttpServer(
    {
      // Whole-request limit: a 256 MiB upload on a slow link needs far more than Node's 5 min.
      requestTimeout: 60 * 60 * 1000,
      headersTimeout: 30 * 1000,
      keepAliveTimeout: 5 * 1000,
    },
    onRequest,
  );
  // A stalled connection (no bytes either way) is cut after two minutes.
  server.setTimeout(2 * 60 * 1000, (socket) => socket.destroy());
  // `Expect: 100-continue` (curl sends it for large bodies): refuse oversize uploads before the
  // client transmits a single byte of body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length']);
    if (
      splitTarget(req.url).path === '/api/captures' &&
      req.method === 'POST' &&
      declared > config.maxUploadBytes
    ) {
      applySecurityHeaders(res, headers);
      sendError(
        req,
        res,
        413,
        `The capture is larger than this server accepts (${config.maxUploadBytes} bytes)`,
        {
          Connection: 'close',
        },
      );
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });

  async function sweep(nowMs?: number): Promise<SweepReport> {
    const report = await store.sweep(nowMs);
    if (report.expired > 0 || report.staleTemps > 0) {
      log(
        `retention sweep: removed ${report.expired} expired capture(s), ${report.staleTemps} stale temp file(s)`,
      );
    }
    return report;
  }

  return {
    store,
    sweep,
    async listen(port = config.port, host = config.host) {
      await store.init();
      await sweep();
      sweepTimer = setInterval(
        () => void sweep().catch((e: unknown) => log(`retention sweep failed: ${String(e)}`)),
        config.sweepIntervalMinutes * 60 * 1000,
      );
      sweepTimer.unref();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost =
        host === undefined || host === '0.0.0.0' || host === '::'
          ? 'localhost'
          : host.includes(':')
            ? `[${host}]`
            : host;
      return { port: address.port, url: `http://${shownHost}:${address.port}/` };
    },
    async close() {
      if (sweepTimer) clearInterval(sweepTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await store.idle();
    },
  };
}
