import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDir, makeTempRoot, randomPayload, removeTempRoot, send, startServer, upload } from './helpers';

let dirs: Awaited<ReturnType<typeof makeTempRoot>>;

beforeAll(async () => {
  dirs = await makeTempRoot();
});
afterAll(async () => {
  await removeTempRoot(dirs.root);
});

describe('concurrent uploads and restarts', () => {
  it('keeps 50 concurrent uploads intact, and all of them survive a restart', async () => {
    const srv = await startServer(dirs);
    // Sizes from a few bytes to several MB; every payload distinct.
    const payloads = Array.from({ length: 50 }, (_, i) =>
      randomPayload(i % 10 === 0 ? 3 * 1024 * 1024 + i * 4099 : 1 + i * 37_813),
    );
    const started = Date.now();
    const ids = await Promise.all(payloads.map((p) => upload(srv.port, p)));
    const uploadMs = Date.now() - started;
    expect(new Set(ids.map((r) => r.id)).size).toBe(50);
    const check = async (port: number): Promise<void> => {
      const got = await Promise.all(ids.map(({ id }) => send(port, { path: `/api/captures/${id}` })));
      got.forEach((res, i) => {
        expect(res.status, `upload ${i}`).toBe(200);
        expect(res.body.equals(payloads[i]), `upload ${i} (${payloads[i].length} bytes)`).toBe(true);
      });
    };
    await check(srv.port);
    await srv.stop();
    // No temp files are left once everything is published.
    const files = await listDir(dirs.dataDir);
    expect(files.filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    expect(files.length).toBe(100);

    const again = await startServer(dirs);
    try {
      await check(again.port);
      // Delete tokens still work after the restart.
      const del = await send(again.port, {
        method: 'DELETE',
        path: `/api/captures/${ids[7].id}`,
        headers: { 'X-Delete-Token': ids[7].deleteToken },
      });
      expect(del.status).toBe(204);
    } finally {
      await again.stop();
    }
    const total = payloads.reduce((n, p) => n + p.length, 0);
    console.log(`50 concurrent uploads, ${(total / 1e6).toFixed(1)} MB in ${uploadMs} ms`);
  });
});
