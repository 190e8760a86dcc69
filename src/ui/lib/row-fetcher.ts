import type { RowData } from '../../worker/types';

export type FetchRows = (nums: Uint32Array, key: string) => Promise<RowData[] | null>;

const MAX_BATCH = 200;
const MAX_CACHED = 4000;

/**
 * Keeps the rows of the visible window: asks the worker only for rows it does not hold, one
 * request at a time (a newer window replaces the wanted set while a request is in flight), and
 * drops everything when the key (capture, time format, colouring...) changes.
 */
export class RowFetcher {
  private cache = new Map<number, RowData>();
  private key = '';
  private inflight = false;
  private want: number[] = [];
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchRows: FetchRows) {}

  setKey(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.cache = new Map();
    this.bump();
    void this.pump();
  }

  get(num: number): RowData | undefined {
    return this.cache.get(num);
  }

  /** Sets the frames wanted now (the visible window); fetches the missing ones. */
  request(nums: number[]): void {
    this.want = nums;
    void this.pump();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private async pump(): Promise<void> {
    if (this.inflight) return;
    const missing = this.want.filter((n) => !this.cache.has(n)).slice(0, MAX_BATCH);
    if (missing.length === 0) return;
    const key = this.key;
    this.inflight = true;
    let rows: RowData[] | null = null;
    try {
      rows = await this.fetchRows(Uint32Array.from(missing), key);
    } catch {
      // The capture went away under the request (a new file): the next window asks again.
      rows = null;
    } finally {
      this.inflight = false;
    }
    if (key === this.key && rows) {
      if (this.cache.size + rows.length > MAX_CACHED) this.evict(rows.length);
      for (const r of rows) this.cache.set(r.num, r);
      this.bump();
    }
    if (key !== this.key || (rows && rows.length > 0)) void this.pump();
  }

  /** Drops the oldest entries that are not wanted now (Map order = insertion order). */
  private evict(room: number): void {
    const keep = new Set(this.want);
    for (const k of this.cache.keys()) {
      if (this.cache.size + room <= MAX_CACHED) break;
      if (!keep.has(k)) this.cache.delete(k);
    }
  }
}
