import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_TEMP_MS } from '../../src/server/storage';
import { listDir, makeTempRoot, randomPayload, removeTempRoot, send, startServer, upload } from './helpers';

const DAY = 86_400_000;
let dirs: Awaited<ReturnType<typeof makeTempRoot>>;

beforeAll(async () => {
  dirs = await makeTempRoot();
});
afterAll(async () => {
  await removeTempRoot(dirs.root);
});

async function age(path: string, ms: number): Promise<void> {
  const t = new Date(Date.now() - ms);
  await utimes(path, t, t);
}

describe('retention', () => {
  it('sweeps expired captures, stale temp files and orphan tokens, and keeps the rest', async () => {
    const srv = await startServer(dirs, { retentionDays: 30 });
    try {
      const old = await upload(srv.port, randomPayload(100));
      const young = await upload(srv.port, randomPayload(100));
      await age(join(dirs.dataDir, `${old.id}.bin`), 31 * DAY);
      await age(join(dirs.dataDir, `${young.id}.bin`), 29 * DAY);
      const staleTemp = join(dirs.dataDir, '.tmp-0123456789abcdef01234567');
      const freshTemp = join(dirs.dataDir, '.tmp-fedcba9876543210fedcba98');
      await writeFile(staleTemp, 'x');
      await writeFile(freshTemp, 'x');
      await age(staleTemp, STALE_TEMP_MS + 60_000);
      const orphan = join(dirs.dataDir, `${'a'.repeat(32)}.token`);
      await writeFile(orphan, 'f'.repeat(64));
      await age(orphan, STALE_TEMP_MS + 60_000);
      const unrelated = join(dirs.dataDir, 'README');
      await writeFile(unrelated, 'operator notes');
      await age(unrelated, 400 * DAY);

      const report = await srv.server.sweep();
      expect(report).toEqual({ expired: 1, staleTemps: 2 });
      const files = await listDir(dirs.dataDir);
      expect(files).not.toContain(`${old.id}.bin`);
      expect(files).not.toContain(`${old.id}.token`);
      expect(files).toContain(`${young.id}.bin`);
      expect(files).toContain(`${young.id}.token`);
      expect(files).toContain('.tmp-fedcba9876543210fedcba98');
      expect(files).not.toContain('.tmp-0123456789abcdef01234567');
      expect(files).not.toContain(`${'a'.repeat(32)}.token`);
      expect(files).toContain('README');
      expect((await send(srv.port, { path: `/api/captures/${old.id}` })).status).toBe(404);
      expect((await send(srv.port, { path: `/api/captures/${young.id}` })).status).toBe(200);
      expect(srv.logs.join('\n')).toMatch(/removed 1 expired capture/);
    } finally {
      await srv.stop();
    }
  });

  it('treats an expired capture as gone even before the sweep, and sweeps at start-up', async () => {
    const srv = await startServer(dirs, { retentionDays: 1 });
    let kept: string;
    let expired: string;
    try {
      const a = await upload(srv.port, randomPayload(100));
      const b = await upload(srv.port, randomPayload(100));
      kept = a.id;
      expired = b.id;
      await age(join(dirs.dataDir, `${b.id}.bin`), 2 * DAY);
      expect((await send(srv.port, { path: `/api/captures/${b.id}` })).status).toBe(404);
      expect(
        (
          await send(srv.port, {
            method: 'DELETE',
            path: `/api/captures/${b.id}`,
            headers: { 'X-Delete-Token': b.deleteToken },
          })
        ).status,
      ).toBe(404);
      // Expire the other one while no server is running: the next start sweeps it.
      await age(join(dirs.dataDir, `${a.id}.bin`), 2 * DAY);
    } finally {
      await srv.stop();
    }
    const next = await startServer(dirs, { retentionDays: 1 });
    try {
      const files = await listDir(dirs.dataDir);
      expect(files).not.toContain(`${kept}.bin`);
      expect(files).not.toContain(`${expired}.bin`);
    } finally {
      await next.stop();
    }
  });

  it('runs the sweep periodically', async () => {
    const srv = await startServer(dirs, { retentionDays: 1, sweepIntervalMinutes: 0.002 }); // every 120 ms
    try {
      const { id } = await upload(srv.port, randomPayload(10));
      await age(join(dirs.dataDir, `${id}.bin`), 2 * DAY);
      const deadline = Date.now() + 5000;
      while ((await listDir(dirs.dataDir)).includes(`${id}.bin`) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await listDir(dirs.dataDir)).not.toContain(`${id}.bin`);
    } finally {
      await srv.stop();
    }
  });
});
