/**
 * A counter tree as Wireshark's stats_tree keeps one (the -z <name>,tree statistics): named
 * nodes with a count, a rate over the time the tap saw packets, and a "burst" (the most ticks
 * within a sliding window) with the time it started. Presentation (sorting, text) is separate.
 */

/** Wireshark's defaults: 100 ms burst window counted in 5 ms buckets. */
export const BURST_WINDOW_MS = 100;
const BURST_RESOLUTION_MS = 5;

/** One bucket of the sliding burst window: ticks within one resolution step. */
interface BurstBucket {
  no: number;
  count: number;
  /** Time of the bucket's first tick (ms since the first frame). */
  startMs: number;
}

export class StatsNode {
  count = 0;
  readonly children: StatsNode[] = [];
  private readonly byName = new Map<string, StatsNode>();
  /** Most ticks within one burst window, and when that window started (ms). */
  maxBurst = 0;
  burstTimeMs = 0;
  /**
   * A node starts with an empty bucket at time 0 (as Wireshark's), so a burst within the first
   * window of the capture is reported as starting at 0.
   */
  private buckets: BurstBucket[] = [{ no: 0, count: 0, startMs: 0 }];
  private bucketsHead = 0;
  private burstCount = 0;

  constructor(
    readonly name: string,
    readonly parent: StatsNode | null,
  ) {}

  /** The child called `name`, created (with count 0) when missing. */
  child(name: string): StatsNode {
    let c = this.byName.get(name);
    if (!c) {
      c = new StatsNode(name, this);
      this.byName.set(name, c);
      this.children.push(c);
    }
    return c;
  }

  /** Counts one tick at `nowMs` (ms since the capture's first frame). */
  tick(nowMs: number): void {
    this.count++;
    this.updateBurst(nowMs);
  }

  /** Sliding window of BURST_WINDOW_MS in BURST_RESOLUTION_MS buckets (stats_tree's burst calc). */
  private updateBurst(nowMs: number): void {
    const current = Math.trunc(nowMs / BURST_RESOLUTION_MS);
    const window = BURST_WINDOW_MS / BURST_RESOLUTION_MS;
    const b = this.buckets;
    const tail = b[b.length - 1];
    if (current > tail.no) {
      b.push({ no: current, count: 1, startMs: nowMs });
      while (current - b[this.bucketsHead].no >= window) {
        this.burstCount -= b[this.bucketsHead].count;
        this.bucketsHead++;
      }
      // Drop spent buckets now and then so the array does not grow with the capture.
      if (this.bucketsHead > 1024) {
        this.buckets = b.slice(this.bucketsHead);
        this.bucketsHead = 0;
      }
      this.burstCount++;
    } else if (current >= b[this.bucketsHead].no) {
      let i = b.length - 1;
      while (b[i].no > current) i--;
      b[i].count++;
      this.burstCount++;
    }
    // Older than the window (out-of-order frames): not part of any burst.
    if (this.burstCount > this.maxBurst) {
      this.maxBurst = this.burstCount;
      this.burstTimeMs = this.buckets[this.bucketsHead].startMs;
    }
  }
}

/** A stats tree: its title, the root's children, and the time span of the ticks it saw. */
export class StatsTree {
  readonly root = new StatsNode('', null);
  private startMs = -1;
  /** ms between the first and the last packet the tap saw (the rate's denominator). */
  elapsedMs = 0;

  constructor(readonly title: string) {}

  /** Notes a packet seen by the tap at `nowMs` (before its ticks). */
  packet(nowMs: number): void {
    if (this.startMs < 0) this.startMs = nowMs;
    this.elapsedMs = nowMs - this.startMs;
  }
}
