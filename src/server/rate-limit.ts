/**
 * Per-client token buckets. Each key holds up to `burst` tokens and regains `perMinute` tokens a
 * minute; a request costs one token. Idle buckets are forgotten so memory stays bounded.
 */

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private lastPruneMs = 0;

  /** perMinute <= 0 disables the limiter. */
  constructor(
    readonly perMinute: number,
    readonly burst: number = perMinute,
    private readonly maxKeys = 100_000,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  take(key: string, nowMs: number = Date.now()): TakeResult {
    if (this.perMinute <= 0) return { allowed: true };
    this.prune(nowMs);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedMs: nowMs };
      this.buckets.set(key, bucket);
    } else {
      const elapsed = Math.max(0, nowMs - bucket.updatedMs);
      bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.refillPerMs);
      bucket.updatedMs = nowMs;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) / this.refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drops buckets that have refilled completely (indistinguishable from new ones). */
  private prune(nowMs: number): void {
    if (nowMs - this.lastPruneMs < 60_000 && this.buckets.size < this.maxKeys) return;
    this.lastPruneMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedMs) * this.refillPerMs >= this.burst)
        this.buckets.delete(key);
    }
    // Still too many (a flood of distinct addresses): forget the oldest entries first.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
