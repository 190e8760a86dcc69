import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listDir,
  makeTempRoot,
  randomPayload,
  removeTempRoot,
  send,
  startServer,
  upload,
  type TestServer,
} from './helpers';

let root: string;
let dataDir: string;
let srv: TestServer;

beforeAll(async () => {
  const dirs = await makeTempRoot();
  root = dirs.root;
  dataDir = dirs.dataDir;
  srv = await startServer(dirs, { publicUrl: 'https://share.example.org' });
});
afterAll(async () => {
  await srv.stop();
  await removeTempRoot(root);
});

describe('capture API', () => {
  it('stores an upload and returns it byte for byte', async () => {
    const payload = randomPayload(3 * 1024 * 1024 + 17);
    const res = await send(srv.port, {
      method: 'POST',
      path: '/api/captures',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: payload,
    });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body.toString()) as { id: string; deleteToken: string; expiresAt: string };
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86400_000);
    expect(res.headers.location).toBe(`/api/captures/${body.id}`);

    const got = await send(srv.port, { path: `/api/captures/${body.id}` });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-length']).toBe(String(payload.length));
    expect(got.headers['accept-ranges']).toBe('bytes');
    expect(got.body.equals(payload)).toBe(true);

    const head = await send(srv.port, { method: 'HEAD', path: `/api/captures/${body.id}` });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(payload.length));
    expect(head.body.length).toBe(0);

    // The delete token is stored only as a hash.
    const files = await listDir(dataDir);
    expect(files).toContain(`${body.id}.bin`);
    const { readFile } = await import('node:fs/promises');
    const tokenFile = await readFile(`${dataDir}/${body.id}.token`, 'utf8');
    expect(tokenFile).not.toContain(body.deleteToken);
    expect(tokenFile).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers Range requests (206/416) and ignores ones it does not support', async () => {
    const payload = randomPayload(10_000);
    const { id } = await upload(srv.port, payload);
    const path = `/api/captures/${id}`;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=9990-', 9990, 9999],
      ['bytes=-10', 9990, 9999],
      ['bytes=5000-99999', 5000, 9999],
      ['bytes=-20000', 0, 9999],
      ['BYTES = 7 - 7', 7, 7],
    ];
    for (const [range, start, end] of cases) {
      const res = await send(srv.port, { path, headers: { Range: range } });
      expect(res.status, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/10000`);
      expect(res.body.equals(payload.subarray(start, end + 1)), range).toBe(true);
    }
    for (const range of ['bytes=10000-', 'bytes=20000-30000', 'bytes=-0']) {
      const res = await send(srv.port, { path, headers: { Range: range } });
      expect(res.status, range).toBe(416);
      expect(res.headers['content-range']).toBe('bytes */10000');
    }
    for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=5-2', 'bytes=x-y']) {
      const res = await send(srv.port, { path, headers: { Range: range } });
      expect(res.status, range).toBe(200);
      expect(res.body.equals(payload)).toBe(true);
    }
    const headRange = await send(srv.port, { method: 'HEAD', path, headers: { Range: 'bytes=0-9' } });
    expect(headRange.status).toBe(206);
    expect(headRange.headers['content-length']).toBe('10');
    // If-Range with a stale validator: the whole body.
    const stale = await send(srv.port, { path, headers: { Range: 'bytes=0-9', 'If-Range': '"other"' } });
    expect(stale.status).toBe(200);
    const fresh = await send(srv.port, { path, headers: { Range: 'bytes=0-9', 'If-Range': `"${id}"` } });
    expect(fresh.status).toBe(206);
  });

  it('returns 404 for unknown, malformed and path-traversal ids without touching the disk', async () => {
    const paths = [
      `/api/captures/${'0'.repeat(32)}`,
      `/api/captures/${randomPayload(16).toString('hex')}`,
      '/api/captures/../../secret.txt',
      '/api/captures/..%2f..%2fsecret.txt',
      '/api/captures/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/api/captures/%2E%2E/%2E%2E/secret.txt',
      '/api/captures/..',
      '/api/captures/.',
      '/api/captures/',
      '/api/captures/ABCDEF0123456789ABCDEF0123456789', // uppercase is not an id
      '/api/captures/0123456789abcdef0123456789abcde', // 31 chars
      '/api/captures/0123456789abcdef0123456789abcdef0',
      '/api/captures/0123456789abcdef0123456789abcdef/x',
      '/api/captures/0123456789abcdef0123456789abcdef.token',
      '/api/captures/%00',
      '/api/nothing',
      '/api',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'DELETE']) {
        const res = await send(srv.port, { method, path, headers: { 'X-Delete-Token': 'x' } });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
  });

  it('deletes only with the right token', async () => {
    const { id, deleteToken } = await upload(srv.port, randomPayload(1000));
    const path = `/api/captures/${id}`;
    expect((await send(srv.port, { method: 'DELETE', path })).status).toBe(403);
    expect(
      (await send(srv.port, { method: 'DELETE', path, headers: { 'X-Delete-Token': 'wrong' } })).status,
    ).toBe(403);
    expect((await send(srv.port, { method: 'DELETE', path: `${path}?token=${deleteToken}x` })).status).toBe(
      403,
    );
    expect((await send(srv.port, { path })).status).toBe(200);
    const ok = await send(srv.port, { method: 'DELETE', path, headers: { 'X-Delete-Token': deleteToken } });
    expect(ok.status).toBe(204);
    expect(ok.body.length).toBe(0);
    expect((await send(srv.port, { path })).status).toBe(404);
    expect(
      (await send(srv.port, { method: 'DELETE', path, headers: { 'X-Delete-Token': deleteToken } })).status,
    ).toBe(404);
    expect(await listDir(dataDir)).not.toContain(`${id}.bin`);
    expect(await listDir(dataDir)).not.toContain(`${id}.token`);

    // The query-string form works too.
    const second = await upload(srv.port, randomPayload(10));
    const viaQuery = await send(srv.port, {
      method: 'DELETE',
      path: `/api/captures/${second.id}?token=${encodeURIComponent(second.deleteToken)}`,
    });
    expect(viaQuery.status).toBe(204);
  });

  it('answers wrong methods with 405 and an Allow header; nothing is listable', async () => {
    const { id } = await upload(srv.port, randomPayload(10));
    const cases: [string, string, string][] = [
      ['GET', '/api/captures', 'POST'],
      ['PUT', '/api/captures', 'POST'],
      ['POST', `/api/captures/${id}`, 'GET, HEAD, DELETE'],
      ['PUT', `/api/captures/${id}`, 'GET, HEAD, DELETE'],
      ['POST', '/api/config', 'GET, HEAD'],
      ['DELETE', '/', 'GET, HEAD'],
      ['POST', '/s/abc', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await send(srv.port, {
        method,
        path,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
  });

  it('refuses uploads that are not octet-stream, and empty ones', async () => {
    const before = await listDir(dataDir);
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await send(srv.port, {
        method: 'POST',
        path: '/api/captures',
        headers: type ? { 'Content-Type': type } : {},
        body: Buffer.from('hello'),
      });
      expect(res.status, String(type)).toBe(415);
    }
    const empty = await send(srv.port, {
      method: 'POST',
      path: '/api/captures',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(empty.status).toBe(400);
    await srv.server.store.idle();
    expect(await listDir(dataDir)).toEqual(before);
  });

  it('describes itself at /api/config', async () => {
    const res = await send(srv.port, { path: '/api/config' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString())).toEqual({
      shareEnabled: true,
      publicUrl: 'https://share.example.org',
      maxUploadBytes: 256 * 1024 * 1024,
      retentionDays: 30,
    });
  });
});

describe('capture API without a configured public URL', () => {
  it('derives the origin from the Host header, rejecting odd hosts', async () => {
    const dirs = await makeTempRoot();
    const s = await startServer(dirs);
    try {
      const res = await send(s.port, { path: '/api/config', headers: { Host: 'wl.example:8443' } });
      expect((JSON.parse(res.body.toString()) as { publicUrl: string }).publicUrl).toBe(
        'http://wl.example:8443',
      );
      const bad = await send(s.port, { path: '/api/config', headers: { Host: 'evil"><script>' } });
      expect((JSON.parse(bad.body.toString()) as { publicUrl: string | null }).publicUrl).toBeNull();
    } finally {
      await s.stop();
      await removeTempRoot(dirs.root);
    }
  });
});
