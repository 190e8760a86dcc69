/** Starts real servers on 127.0.0.1:0 over temp dirs, and speaks raw HTTP to them. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServerConfig } from '../../src/server/config';
import { createServer, type WirelightServer } from '../../src/server/create-server';

export interface TestServer {
  server: WirelightServer;
  port: number;
  config: ServerConfig;
  logs: string[];
  stop(): Promise<void>;
}

export const HASHED_JS = 'assets/index-Bq3xY9a1.js';
export const JS_SOURCE = `console.log(${JSON.stringify('wirelight '.repeat(300))});\n`;

/** A temp directory holding `data/` and a fake vite build in `dist/`. */
export async function makeTempRoot(): Promise<{ root: string; dataDir: string; distDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'wirelight-server-'));
  const distDir = join(root, 'dist');
  await mkdir(join(distDir, 'assets'), { recursive: true });
  await writeFile(
    join(distDir, 'index.html'),
    '<!doctype html><title>Wirelight</title><div id="root"></div>\n',
  );
  await writeFile(join(distDir, HASHED_JS), JS_SOURCE);
  await writeFile(join(distDir, 'assets', 'style-DdE4fG5h.css'), 'body{margin:0}\n');
  await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(distDir, 'manifest.webmanifest'), '{}');
  await writeFile(join(root, 'secret.txt'), 'outside dist');
  return { root, dataDir: join(root, 'data'), distDir };
}

export async function removeTempRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

export async function startServer(
  dirs: { dataDir: string; distDir: string },
  overrides: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const base = loadConfig({});
  if (!base.ok) throw new Error(base.error.join('; '));
  const config: ServerConfig = {
    ...base.value,
    host: '127.0.0.1',
    dataDir: dirs.dataDir,
    distDir: dirs.distDir,
    uploadsPerMinute: 0,
    requestsPerMinute: 0,
    ...overrides,
  };
  const logs: string[] = [];
  const server = createServer(config, (m) => logs.push(m));
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port, config, logs, stop: () => server.close() };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: Uint8Array;
}

/** Plain node:http, so paths go out exactly as written (fetch would normalise "../"). */
export function send(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path,
        headers: req.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export async function upload(port: number, bytes: Uint8Array): Promise<{ id: string; deleteToken: string }> {
  const res = await send(port, {
    method: 'POST',
    path: '/api/captures',
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.body.toString()}`);
  return JSON.parse(res.body.toString()) as { id: string; deleteToken: string };
}

export function randomPayload(n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Polls until `check` passes or the deadline expires (then returns its last answer). */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (check(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}
