/**
 * The chunk plumbing shared by the pcap and pcapng readers.
 *
 * A format parses "items" (file header, record, block) with `step()`, directly on the chunk it was
 * given whenever the item lies wholly inside it. Only an item that straddles a chunk boundary is
 * copied, into a carry buffer that grows geometrically with the bytes actually received (never to
 * a length an item merely claims), so every byte is copied at most about twice and a huge block
 * costs linear time.
 */

const EMPTY = new Uint8Array(0);
/** Guards against a step that keeps returning 0 without progressing (a parser bug). */
const MAX_IDLE_STEPS = 8;

export abstract class ChunkedParser {
  /** Set once parsing must stop (error or end of the interesting data). */
  protected stopped = false;
  private carry: Uint8Array = EMPTY;
  private carryView = new DataView(EMPTY.buffer);
  private carryLen = 0;
  private carryNeed = 0;
  /** Absolute offset of the first byte not yet consumed by `step()`. */
  private consumed = 0;

  /**
   * Parses one item starting at `bytes[off]`; `end` bounds the valid bytes and `abs` is the
   * absolute file offset of `bytes[off]`. Returns the number of bytes consumed (0 is allowed when
   * only the parser state changed) or, when the item is incomplete, minus the total number of
   * bytes it needs from `off` (which must exceed `end - off`). With `eof` set no more bytes will
   * come: an incomplete item should then be reported by the parser (or a negative value returned,
   * which becomes `truncated()`).
   */
  protected abstract step(
    bytes: Uint8Array,
    view: DataView,
    off: number,
    end: number,
    abs: number,
    eof: boolean,
  ): number;

  /** Called at end of input when an item is incomplete; `abs` is where it started. */
  protected abstract truncated(abs: number, have: number): void;

  /** Called when a step misbehaves; ends parsing with an error. */
  protected abstract internalError(message: string, abs: number): void;

  /** Feeds the next chunk. */
  protected feed(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    let pos = 0;
    let idle = 0;
    // First finish an item that straddles the previous boundary.
    while (this.carryLen > 0) {
      if (this.carryLen < this.carryNeed) {
        const take = Math.min(this.carryNeed - this.carryLen, chunk.length - pos);
        this.appendCarry(chunk, pos, take);
        pos += take;
        if (this.carryLen < this.carryNeed) return;
      }
      const r = this.step(this.carry, this.carryView, 0, this.carryLen, this.consumed, false);
      if (this.stopped) return;
      if (r < 0) {
        if (-r <= this.carryLen)
          return this.internalError(
            `parser asked for ${-r} bytes with ${this.carryLen} available`,
            this.consumed,
          );
        this.carryNeed = -r;
        if (pos >= chunk.length) return;
        continue;
      }
      if (r === 0) {
        if (++idle > MAX_IDLE_STEPS) return this.internalError('parser made no progress', this.consumed);
        continue;
      }
      idle = 0;
      this.consumed += r;
      this.carryLen -= r;
      if (this.carryLen > 0) this.carry.copyWithin(0, r, r + this.carryLen);
      this.carryNeed = 0;
    }
    if (pos >= chunk.length) return;
    // Then parse in place.
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = chunk.length;
    while (pos < end) {
      const r = this.step(chunk, view, pos, end, this.consumed, false);
      if (this.stopped) return;
      if (r < 0) {
        if (-r <= end - pos)
          return this.internalError(
            `parser asked for ${-r} bytes with ${end - pos} available`,
            this.consumed,
          );
        this.carryNeed = -r;
        this.appendCarry(chunk, pos, end - pos);
        return;
      }
      if (r === 0) {
        if (++idle > MAX_IDLE_STEPS) return this.internalError('parser made no progress', this.consumed);
        continue;
      }
      idle = 0;
      pos += r;
      this.consumed += r;
    }
  }

  /** No more input: lets the format deal with whatever is left. */
  protected drain(): void {
    let idle = 0;
    while (!this.stopped && this.carryLen > 0) {
      const r = this.step(this.carry, this.carryView, 0, this.carryLen, this.consumed, true);
      if (this.stopped) break;
      if (r < 0) {
        this.truncated(this.consumed, this.carryLen);
        break;
      }
      if (r === 0) {
        if (++idle > MAX_IDLE_STEPS) {
          this.internalError('parser made no progress at end of input', this.consumed);
          break;
        }
        continue;
      }
      idle = 0;
      this.consumed += r;
      this.carryLen -= r;
      if (this.carryLen > 0) this.carry.copyWithin(0, r, r + this.carryLen);
    }
    this.carry = EMPTY;
    this.carryView = new DataView(EMPTY.buffer);
    this.carryLen = 0;
  }

  /** Bytes consumed so far (absolute offset of the next item). */
  protected get position(): number {
    return this.consumed;
  }

  private appendCarry(src: Uint8Array, from: number, count: number): void {
    const want = this.carryLen + count;
    if (want > this.carry.length) {
      // Grow with what has arrived, doubling, but never past what the item needs.
      let size = Math.max(this.carry.length * 2, 4096, want);
      if (this.carryNeed > 0) size = Math.min(size, Math.max(this.carryNeed, want));
      const grown = new Uint8Array(size);
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
      this.carryView = new DataView(grown.buffer);
    }
    this.carry.set(src.subarray(from, from + count), this.carryLen);
    this.carryLen = want;
  }
}
