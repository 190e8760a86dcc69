import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  listDir,
  makeTempRoot,
  randomPayload,
  removeTempRoot,
  send,
  startServer,
  type RawResponse,
  type TestServer,
} from './helpers';

const LIMIT = 1024 * 1024;
let dirs: Awaited<ReturnType<typeof makeTempRoot>>;
let srv: TestServer;

beforeAll(async () => {
  dirs = await makeTempRoot();
  srv = await startServer(dirs, { maxUploadBytes: LIMIT });
});
afterAll(async () => {
  await srv.stop();
  await removeTempRoot(dirs.root);
});

/** Streams `total` bytes in 64 KiB writes, stopping early once a response arrives. */
function streamingUpload(total: number, headers: Record<string, string | number>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port: srv.port, method: 'POST', path: '/api/captures', headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          req.destroy();
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = randomPayload(64 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('upload limits', () => {
  it('accepts exactly the limit', async () => {
    const res = await send(srv.port, {
      method: 'POST',
      path: '/api/captures',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: randomPayload(LIMIT),
    });
    expect(res.status).toBe(201);
  });

  it('answers 413 to a declared oversize body and keeps nothing', async () => {
    const before = await listDir(dirs.dataDir);
    const res = await streamingUpload(4 * LIMIT, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': 4 * LIMIT,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).error).toMatch(/larger than this server accepts/);
    await srv.server.store.idle();
    expect(await listDir(dirs.dataDir)).toEqual(before);
  });

  it('answers 413 to an oversize chunked body part-way through and keeps nothing', async () => {
    const before = await listDir(dirs.dataDir);
    const res = await streamingUpload(4 * LIMIT, {
      'Content-Type': 'application/octet-stream',
      'Transfer-Encoding': 'chunked',
    });
    expect(res.status).toBe(413);
    await srv.server.store.idle();
    expect(await listDir(dirs.dataDir)).toEqual(before);
  });

  it('refuses an oversize Expect: 100-continue upload before any body is sent', async () => {
    const res = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = httpRequest({
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: '/api/captures',
        agent: false,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': LIMIT + 1,
          Expect: '100-continue',
        },
      });
      req.on('continue', () => {
        continued = true;
      });
      req.on('response', (r) => {
        r.resume();
        r.on('end', () => {
          resolve({ status: r.statusCode ?? 0, continued });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(res).toEqual({ status: 413, continued: false });
  });

  it('accepts a small Expect: 100-continue upload', async () => {
    const res = await send(srv.port, {
      method: 'POST',
      path: '/api/captures',
      headers: { 'Content-Type': 'application/octet-stream', Expect: '100-continue' },
      body: randomPayload(5000),
    });
    expect(res.status).toBe(201);
  });

  it('leaves no file behind when the client disappears mid-body', async () => {
    const before = await listDir(dirs.dataDir);
    const socket = connect(srv.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /api/captures HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 900000\r\n\r\n',
    );
    socket.write(randomPayload(600_000));
    // Wait until the upload demonstrably reached the disk as a temp file...
    const during = await eventually(
      () => listDir(dirs.dataDir),
      (files) => files.some((f) => f.startsWith('.tmp-') && !before.includes(f)),
    );
    expect(during.some((f) => f.startsWith('.tmp-') && !before.includes(f))).toBe(true);
    // ...then vanish.
    socket.destroy();
    const after = await eventually(
      () => listDir(dirs.dataDir),
      (files) => files.length === before.length,
    );
    await srv.server.store.idle();
    expect(after).toEqual(before);
    expect(await listDir(dirs.dataDir)).toEqual(before);
  });

  it('leaves no file behind when a chunked upload is cut off', async () => {
    const before = await listDir(dirs.dataDir);
    const socket = connect(srv.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /api/captures HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = randomPayload(300_000);
    socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    socket.write('\r\n');
    const during = await eventually(
      () => listDir(dirs.dataDir),
      (files) => files.some((f) => f.startsWith('.tmp-') && !before.includes(f)),
    );
    expect(during.length).toBeGreaterThan(before.length);
    socket.destroy();
    const after = await eventually(
      () => listDir(dirs.dataDir),
      (files) => files.length === before.length,
    );
    expect(after).toEqual(before);
  });
});
