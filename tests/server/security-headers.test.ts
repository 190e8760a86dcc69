import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTempRoot,
  randomPayload,
  removeTempRoot,
  send,
  startServer,
  upload,
  type RawResponse,
  type TestServer,
} from './helpers';

let dirs: Awaited<ReturnType<typeof makeTempRoot>>;
let srv: TestServer;

beforeAll(async () => {
  dirs = await makeTempRoot();
  srv = await startServer(dirs, { maxUploadBytes: 1000, publicUrl: 'https://wl.example' });
});
afterAll(async () => {
  await srv.stop();
  await removeTempRoot(dirs.root);
});

function expectStrictHeaders(res: RawResponse, what: string): void {
  const csp = String(res.headers['content-security-policy']);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src'), what).toEqual(["'self'"]);
  expect(directives.get('script-src'), what).toEqual(["'self'"]);
  expect(directives.get('worker-src'), what).toEqual(["'self'", 'blob:']);
  expect(directives.get('connect-src'), what).toContain("'self'");
  expect(directives.get('connect-src'), what).toContain('https:');
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  expect(csp, what).not.toMatch(/unsafe-(inline|eval)/);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['strict-transport-security'], what).toBe('max-age=31536000');
}

describe('security headers', () => {
  it('are on every kind of response', async () => {
    const { id } = await upload(srv.port, randomPayload(500));
    const responses: [string, RawResponse][] = [
      ['index', await send(srv.port, { path: '/' })],
      ['share route', await send(srv.port, { path: `/s/${id}` })],
      ['asset', await send(srv.port, { path: '/favicon.svg' })],
      ['static 404', await send(srv.port, { path: '/nope.js' })],
      ['api config', await send(srv.port, { path: '/api/config' })],
      ['download', await send(srv.port, { path: `/api/captures/${id}` })],
      ['range', await send(srv.port, { path: `/api/captures/${id}`, headers: { Range: 'bytes=0-1' } })],
      ['416', await send(srv.port, { path: `/api/captures/${id}`, headers: { Range: 'bytes=9999-' } })],
      ['api 404', await send(srv.port, { path: '/api/captures/../x' })],
      ['405', await send(srv.port, { method: 'PATCH', path: '/' })],
      [
        '413',
        await send(srv.port, {
          method: 'POST',
          path: '/api/captures',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: randomPayload(2000),
        }),
      ],
      [
        '403',
        await send(srv.port, {
          method: 'DELETE',
          path: `/api/captures/${id}`,
          headers: { 'X-Delete-Token': 'no' },
        }),
      ],
    ];
    expect(responses.map(([, r]) => r.status)).toEqual([
      200, 200, 200, 404, 200, 200, 206, 416, 404, 405, 413, 403,
    ]);
    for (const [what, res] of responses) expectStrictHeaders(res, what);
  });

  it('omits HSTS when the public URL is not https', async () => {
    const other = await makeTempRoot();
    const s = await startServer(other);
    try {
      const res = await send(s.port, { path: '/' });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['content-security-policy']).toBeDefined();
    } finally {
      await s.stop();
      await removeTempRoot(other.root);
    }
  });
});
