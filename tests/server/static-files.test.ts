import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HASHED_JS,
  JS_SOURCE,
  makeTempRoot,
  removeTempRoot,
  send,
  startServer,
  type TestServer,
} from './helpers';

let dirs: Awaited<ReturnType<typeof makeTempRoot>>;
let srv: TestServer;

beforeAll(async () => {
  dirs = await makeTempRoot();
  srv = await startServer(dirs);
});
afterAll(async () => {
  await srv.stop();
  await removeTempRoot(dirs.root);
});

describe('static app files', () => {
  it('serves index.html for the app routes, including share links', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/s/0123456789abcdef0123456789abcdef',
      '/s/anything/',
      '/?url=https://x/y.pcap',
    ]) {
      const res = await send(srv.port, { path });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.body.toString(), path).toContain('<div id="root">');
    }
  });

  it('uses the right content types and caches hashed assets for a year', async () => {
    const js = await send(srv.port, { path: `/${HASHED_JS}` });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body.toString()).toBe(JS_SOURCE);
    const css = await send(srv.port, { path: '/assets/style-DdE4fG5h.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const svg = await send(srv.port, { path: '/favicon.svg' });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('no-cache');
    const manifest = await send(srv.port, { path: '/manifest.webmanifest' });
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
  });

  it('revalidates with ETags', async () => {
    const first = await send(srv.port, { path: '/favicon.svg' });
    const etag = String(first.headers.etag);
    const again = await send(srv.port, { path: '/favicon.svg', headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('compresses text assets for clients that accept it', async () => {
    const br = await send(srv.port, {
      path: `/${HASHED_JS}`,
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(JS_SOURCE);
    expect(br.body.length).toBeLessThan(JS_SOURCE.length / 5);
    const gz = await send(srv.port, {
      path: `/${HASHED_JS}`,
      headers: { 'Accept-Encoding': 'gzip, br;q=0' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS_SOURCE);
    const plain = await send(srv.port, { path: `/${HASHED_JS}`, headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('never serves files outside dist, directories or unknown paths', async () => {
    const paths = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..\\secret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets',
      '/assets/',
      '/nope.html',
      '/s/',
      '/s/a/b',
      '/%00',
      '/%zz',
    ];
    for (const path of paths) {
      const res = await send(srv.port, { path });
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('outside dist');
    }
  });

  it('explains a missing build with 503', async () => {
    const other = await makeTempRoot();
    await rm(join(other.distDir), { recursive: true });
    const s = await startServer(other);
    try {
      const res = await send(s.port, { path: '/s/abc' });
      expect(res.status).toBe(503);
      expect(res.body.toString()).toMatch(/not built yet/);
      expect((await send(s.port, { path: '/api/config' })).status).toBe(200);
    } finally {
      await s.stop();
      await removeTempRoot(other.root);
    }
  });
});
