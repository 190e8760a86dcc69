/**
 * The columnar frame index: one slot per frame in growable typed arrays, no object per packet.
 * It holds what the reader saw (where the bytes are, lengths, time, interface); analysis
 * results live in their own columnar stores keyed by frame number.
 */
export class FrameIndex {
  count = 0;
  /** File offset of the frame's first data byte (a double: files may exceed 4 GB). */
  offset = new Float64Array(1024);
  caplen = new Uint32Array(1024);
  origlen = new Uint32Array(1024);
  tsSec = new Float64Array(1024);
  tsNsec = new Uint32Array(1024);
  iface = new Uint16Array(1024);
  /** Frame comments are rare: kept sparse. */
  readonly comments = new Map<number, string[]>();

  private grow(): void {
    const n = this.offset.length * 2;
    const g = <T extends Float64Array | Uint32Array | Uint16Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(n);
      b.set(a);
      return b;
    };
    this.offset = g(this.offset, Float64Array);
    this.caplen = g(this.caplen, Uint32Array);
    this.origlen = g(this.origlen, Uint32Array);
    this.tsSec = g(this.tsSec, Float64Array);
    this.tsNsec = g(this.tsNsec, Uint32Array);
    this.iface = g(this.iface, Uint16Array);
  }

  /** Appends a frame; returns its 1-based frame number. */
  append(
    offset: number,
    caplen: number,
    origlen: number,
    tsSec: number,
    tsNsec: number,
    iface: number,
  ): number {
    if (this.count === this.offset.length) this.grow();
    const i = this.count++;
    this.offset[i] = offset;
    this.caplen[i] = caplen;
    this.origlen[i] = origlen;
    this.tsSec[i] = tsSec;
    this.tsNsec[i] = tsNsec;
    this.iface[i] = iface;
    return i + 1;
  }

  /** Bytes held per frame by the index arrays (for the benchmark's bytes-per-packet figure). */
  static readonly BYTES_PER_FRAME = 8 + 4 + 4 + 8 + 4 + 2;
}
