/**
 * Long jobs in the worker (loading, filtering, sorting) run in slices and give the event loop a
 * turn between slices, so that row requests and "cancel" messages from the page get answered.
 */

/** Lets queued messages (comlink calls) run before the job continues. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A cancellation flag shared between a job and whoever may stop it. */
export class CancelToken {
  cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
}

/** Tracks a time slice: `due()` is true once the slice's budget is spent. */
export class Slice {
  private start = performance.now();
  constructor(private readonly budgetMs = 30) {}
  due(): boolean {
    return performance.now() - this.start >= this.budgetMs;
  }
  async yield(): Promise<void> {
    await nextTask();
    this.start = performance.now();
  }
}

/** Calls `fn` at most every `intervalMs` (plus once when forced), for progress reports. */
export class Throttle {
  private last = -Infinity;
  constructor(private readonly intervalMs = 100) {}
  ready(force = false): boolean {
    const now = performance.now();
    if (!force && now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
}
