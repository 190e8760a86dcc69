/**
 * The Protocol and Info columns of one frame, built by dissectors as Wireshark's col_* calls do.
 * The fence protects text written by lower layers from being replaced by higher layers
 * (col_set_fence): set/clear only touch the text after the fence.
 */
export class Columns {
  protocol = '';
  info = '';
  private fence = 0;
  /** When false (e.g. an ICMP error's quoted inner headers) writes are ignored (col_set_writable). */
  writable = true;

  setProtocol(p: string): void {
    if (this.writable) this.protocol = p;
  }

  /** col_set_str / col_add_str / col_add_fstr: replace the text after the fence. */
  setInfo(s: string): void {
    if (this.writable) this.info = this.info.slice(0, this.fence) + s;
  }

  /** col_append_str */
  appendInfo(s: string): void {
    if (this.writable) this.info += s;
  }

  /** col_append_sep_str: appends with a separator when the column already has any text. */
  appendInfoSep(sep: string, s: string): void {
    if (!this.writable) return;
    this.info += this.info.length > 0 ? sep + s : s;
  }

  /** col_prepend_fstr: inserts at the very start (Wireshark ignores the fence here). */
  prependInfo(s: string): void {
    if (!this.writable) return;
    this.info = s + this.info;
    if (this.fence > 0) this.fence += s.length;
  }

  /** col_prepend_fence_fstr: inserts at the start and moves the fence past the inserted text. */
  prependInfoFence(s: string): void {
    if (!this.writable) return;
    this.info = s + this.info;
    this.fence = Math.max(this.fence + s.length, s.length);
  }

  /** col_clear */
  clearInfo(): void {
    if (this.writable) this.info = this.info.slice(0, this.fence);
  }

  /** col_set_fence */
  setFence(): void {
    this.fence = this.info.length;
  }

  /** col_clear_fence */
  clearFence(): void {
    this.fence = 0;
  }
}
