/**
 * On-disk store of shared captures (opaque ciphertext; the server never holds keys).
 *
 * Layout, all in one directory (so renames are atomic):
 *   <id>.bin     the uploaded bytes; mtime = upload time, which drives retention
 *   <id>.token   sha-256 (hex) of the delete token
 *   .tmp-<rand>  uploads in progress
 * ids are 128 random bits in lowercase hex: safe on case-insensitive file systems and checked
 * against CAPTURE_ID before any path is built from them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { err, ok, type Result } from '../base/result';
import { readBody } from './body-reader';

export const CAPTURE_ID = /^[0-9a-f]{32}$/;
const DATA_FILE = /^([0-9a-f]{32})\.bin$/;
const TOKEN_FILE = /^([0-9a-f]{32})\.token$/;
const TEMP_PREFIX = '.tmp-';
/** Temp files (and tokens without data) older than this, not owned by a live upload, are debris. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export interface SavedCapture {
  id: string;
  deleteToken: string;
  size: number;
  expiresAt: Date;
}

export type SaveFailure =
  | { kind: 'too-large'; limit: number }
  | { kind: 'empty' }
  | { kind: 'aborted'; message: string }
  | { kind: 'io'; code: string | undefined; message: string };

export interface OpenCapture {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
}

export interface SweepReport {
  expired: number;
  staleTemps: number;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

async function ignoreMissing(op: Promise<unknown>): Promise<void> {
  try {
    await op;
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw e;
  }
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** FileHandle.write may write less than asked (rare for files, but possible); loop until done. */
async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
    offset += bytesWritten;
  }
}

export class CaptureStore {
  /** Temp files of uploads in progress in this process; the sweep leaves them alone. */
  private readonly activeTemps = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly dir: string,
    readonly retentionMs: number,
  ) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  private dataPath(id: string): string {
    return join(this.dir, `${id}.bin`);
  }

  private tokenPath(id: string): string {
    return join(this.dir, `${id}.token`);
  }

  private newTempPath(): string {
    const path = join(this.dir, TEMP_PREFIX + randomBytes(12).toString('hex'));
    this.activeTemps.add(path);
    return path;
  }

  private isExpired(mtimeMs: number, nowMs: number): boolean {
    return nowMs - mtimeMs > this.retentionMs;
  }

  /** Resolves once every upload in progress has finished or cleaned up after itself. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Streams `source` to a temp file, then publishes it atomically (fsync, rename, fsync dir).
   * On any failure — too large, client gone, disk full — nothing is left behind. On 'too-large'
   * the source is left paused and unread so the caller can still answer.
   */
  save(source: Readable, maxBytes: number): Promise<Result<SavedCapture, SaveFailure>> {
    const job = this.saveNow(source, maxBytes);
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
    return job;
  }

  private async saveNow(source: Readable, maxBytes: number): Promise<Result<SavedCapture, SaveFailure>> {
    const tempData = this.newTempPath();
    const tempToken = this.newTempPath();
    let handle: FileHandle | undefined;
    try {
      handle = await open(tempData, 'wx', 0o600);
      const file = handle;
      const body = await readBody(source, maxBytes, (batch) => writeAll(file, batch));
      switch (body.kind) {
        case 'too-large':
          return err({ kind: 'too-large', limit: maxBytes });
        case 'aborted':
          return err({ kind: 'aborted', message: `${body.message} after ${body.bytes} bytes` });
        case 'sink-failed':
          throw body.error;
        case 'complete':
          if (body.bytes === 0) return err({ kind: 'empty' });
      }
      await handle.sync();
      await handle.close();
      handle = undefined;

      const id = randomBytes(16).toString('hex');
      const deleteToken = randomBytes(32).toString('base64url');
      const tokenHandle = await open(tempToken, 'wx', 0o600);
      try {
        await tokenHandle.writeFile(hashToken(deleteToken).toString('hex'));
        await tokenHandle.sync();
      } finally {
        await tokenHandle.close();
      }
      // Token first: a crash between the renames leaves a harmless orphan token (swept later)
      // rather than a capture nobody can delete.
      await rename(tempToken, this.tokenPath(id));
      await rename(tempData, this.dataPath(id));
      await this.syncDir();
      return ok({ id, deleteToken, size: body.bytes, expiresAt: new Date(Date.now() + this.retentionMs) });
    } catch (e) {
      return err({ kind: 'io', code: errorCode(e), message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (handle) await handle.close().catch(() => undefined);
      // After a successful publish these are already renamed away (ENOENT is fine).
      await ignoreMissing(unlink(tempData)).catch(() => undefined);
      await ignoreMissing(unlink(tempToken)).catch(() => undefined);
      this.activeTemps.delete(tempData);
      this.activeTemps.delete(tempToken);
    }
  }

  /** Makes the renames durable; some platforms cannot fsync a directory, which is not fatal. */
  private async syncDir(): Promise<void> {
    try {
      const dir = await open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // best effort
    }
  }

  /** Opens a capture for reading; undefined for malformed, unknown or expired ids. */
  async open(id: string, nowMs: number = Date.now()): Promise<OpenCapture | undefined> {
    if (!CAPTURE_ID.test(id)) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(this.dataPath(id), 'r');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return undefined;
      throw e;
    }
    const st = await handle.stat();
    if (this.isExpired(st.mtimeMs, nowMs)) {
      // Expired but not swept yet: it is gone as far as clients are concerned.
      await handle.close();
      await this.removeFiles(id);
      return undefined;
    }
    return { handle, size: st.size, mtimeMs: st.mtimeMs };
  }

  private async removeFiles(id: string): Promise<void> {
    await ignoreMissing(unlink(this.dataPath(id)));
    await ignoreMissing(unlink(this.tokenPath(id)));
  }

  async remove(
    id: string,
    token: string,
    nowMs: number = Date.now(),
  ): Promise<'deleted' | 'not-found' | 'forbidden'> {
    if (!CAPTURE_ID.test(id)) return 'not-found';
    let data;
    try {
      data = await stat(this.dataPath(id));
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return 'not-found';
      throw e;
    }
    if (this.isExpired(data.mtimeMs, nowMs)) {
      await this.removeFiles(id);
      return 'not-found';
    }
    let stored: Buffer;
    try {
      stored = Buffer.from((await readFile(this.tokenPath(id), 'utf8')).trim(), 'hex');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return 'forbidden'; // no token on record: nobody may delete it
      throw e;
    }
    const offered = hashToken(token);
    if (stored.length !== offered.length || !timingSafeEqual(stored, offered)) return 'forbidden';
    try {
      await unlink(this.dataPath(id));
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return 'not-found'; // a concurrent delete won
      throw e;
    }
    await ignoreMissing(unlink(this.tokenPath(id)));
    await this.syncDir();
    return 'deleted';
  }

  /** Deletes expired captures, stale temp files and orphaned tokens. Per-file errors are skipped. */
  async sweep(nowMs: number = Date.now()): Promise<SweepReport> {
    const report: SweepReport = { expired: 0, staleTemps: 0 };
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return report;
      throw e;
    }
    const dataIds = new Set(names.map((n) => DATA_FILE.exec(n)?.[1]).filter((id) => id !== undefined));
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        const data = DATA_FILE.exec(name);
        if (data) {
          const st = await stat(path);
          if (this.isExpired(st.mtimeMs, nowMs)) {
            await this.removeFiles(data[1]);
            report.expired++;
          }
          continue;
        }
        const token = TOKEN_FILE.exec(name);
        const orphan = token !== null && !dataIds.has(token[1]);
        if (orphan || (name.startsWith(TEMP_PREFIX) && !this.activeTemps.has(path))) {
          const st = await stat(path);
          if (nowMs - st.mtimeMs > STALE_TEMP_MS) {
            await ignoreMissing(unlink(path));
            report.staleTemps++;
          }
        }
      } catch {
        // a file vanishing or unreadable mid-sweep must not stop the sweep
      }
    }
    return report;
  }
}
