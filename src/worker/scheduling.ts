/**
 * Long jobs in the worker (loading, filtering, sorting) run in slices and give the event loop a
 * turn between slices, so that row requests and "cancel" messages from the page get answered.
 */

/** Node's MessagePort keeps the process alive while referenced; browsers have no such methods. */
interface RefCountedPort {
  ref?(): void;
  unref?(): void;
}

let channel: MessageChannel | null = null;
/** Continuations of the jobs waiting for their next task, in the order they yielded. */
const waiting: (() => void)[] = [];

function wakeNext(): void {
  const resume = waiting.shift();
  if (waiting.length === 0) (channel?.port1 as RefCountedPort | undefined)?.unref?.();
  resume?.();
}

/**
 * Lets queued messages (comlink calls) run before the job continues. A message to ourselves is
 * a new task without delay; setTimeout(0) is clamped to 4 ms once timers nest five deep, which
 * cost a loading worker 4 ms per 25 ms slice (~14% of a load) in Chromium.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = wakeNext;
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) (channel?.port1 as RefCountedPort | undefined)?.ref?.();
    port.postMessage(null);
  });
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
