/**
 * What a per-connection state (an HTTP conversation, a TLS session) looked like at the start
 * of each frame of the first pass, so a frame dissected again later works on the state it
 * first saw. A copy is kept only when the state changed since the last one: a connection
 * whose frames change nothing (segments cut by the snaplen, encrypted records) costs nothing
 * per frame.
 */
export class FrameHistory<T extends object> {
  private readonly frames: number[] = [];
  private readonly states: T[] = [];
  private lastFrame = 0;

  constructor(
    /** Whether two states hold the same values. */
    private readonly same: (a: T, b: T) => boolean,
    /** A copy that later changes to the live state do not reach. */
    private readonly copy: (s: T) => T,
  ) {}

  /**
   * First pass: `live` is the state at the start of `frame`. Only the first call of a frame
   * counts (a frame can carry several PDUs of the connection).
   */
  note(frame: number, live: T): void {
    if (frame === this.lastFrame) return;
    this.lastFrame = frame;
    const n = this.states.length;
    if (n > 0 && this.same(this.states[n - 1], live)) return;
    this.frames.push(frame);
    this.states.push(this.copy(live));
  }

  /**
   * A fresh copy of the state at the start of `frame` (a frame the first pass noted), or null
   * when nothing was noted up to it.
   */
  at(frame: number): T | null {
    const f = this.frames;
    let lo = 0;
    let hi = f.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (f[mid] <= frame) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return hit < 0 ? null : this.copy(this.states[hit]);
  }
}
