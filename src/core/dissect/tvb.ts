/**
 * A bounds-checked view of packet bytes (Wireshark's tvbuff).
 * `length` is what was captured, `reportedLength` what was on the wire. Reading past
 * `length` but within `reportedLength` means the snaplen cut the packet (tshark: "Packet size
 * limited during capture"); past `reportedLength` means the packet is malformed. Both throw a
 * BoundsError that the frame dissector turns into an expert item, never out of the core.
 */
export class BoundsError {
  // Not an Error: bounds errors are control flow (every truncated packet of a headers-only
  // capture throws one) and are never shown with a stack. A plain object is cheaper to create
  // than an Error even with stack capture switched off (about 0.5 us a throw, ~4% of loading
  // a headers-only capture); catch sites test `instanceof BoundsError`.
  readonly name = 'BoundsError';
  constructor(
    /** 'captured': cut short by snaplen; 'reported': malformed. */
    readonly kind: 'captured' | 'reported',
    readonly message: string,
  ) {}

  toString(): string {
    return `BoundsError: ${this.message}`;
  }
}

/** Where a tvb's bytes come from: the frame itself or a reassembled/decoded buffer. */
export interface DataSource {
  /** Tab name in the bytes pane ("Frame (74 bytes)", "Reassembled TCP (1234 bytes)"). */
  name: string;
  bytes: Uint8Array;
}

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_SOURCE: DataSource = { name: '', bytes: EMPTY_BYTES };

export class Tvb {
  /**
   * The length a dissector claimed for the PDU in this tvb (tvb_set_reported_length, see
   * protocols/ethernet/actual-length.ts); -1 while none did.
   */
  claimedLength: number;

  constructor(
    /** Underlying buffer; this tvb covers bytes[start, start + length). */
    readonly bytes: Uint8Array,
    readonly start: number,
    /** Captured bytes available. */
    readonly length: number,
    /** Bytes the packet claimed on the wire (>= length). */
    readonly reportedLength: number,
    readonly source: DataSource,
    /** Offset of `start` within source.bytes, so tree items can point into the data source. */
    readonly sourceOffset: number,
  ) {
    // Set here rather than by a field initializer, which engines run as a separate function.
    this.claimedLength = -1;
  }

  /**
   * Points this tvb at another frame, as `new Tvb(...)` would make it: only for the one frame
   * tvb that a scratch first pass reuses (see dissectFrame), which nobody holds past its frame.
   */
  repoint(
    bytes: Uint8Array,
    start: number,
    length: number,
    reportedLength: number,
    source: DataSource,
    sourceOffset: number,
  ): this {
    const w = this as unknown as { -readonly [K in keyof Tvb]: Tvb[K] };
    w.bytes = bytes;
    w.start = start;
    w.length = length;
    w.reportedLength = reportedLength;
    w.source = source;
    w.sourceOffset = sourceOffset;
    this.claimedLength = -1;
    return this;
  }

  /** A tvb over a whole buffer (a frame or a reassembled PDU). */
  static of(source: DataSource, reportedLength = source.bytes.length): Tvb {
    return new Tvb(
      source.bytes,
      0,
      source.bytes.length,
      Math.max(reportedLength, source.bytes.length),
      source,
      0,
    );
  }

  /**
   * A subset starting at `offset`; `length` -1 means "to the end". With `into`, that tvb is
   * re-pointed to be the subset instead of a new one being made (scratch first passes, see
   * PacketInfo.takeOnce: only for a tvb nobody holds past the frame).
   */
  sub(offset: number, length = -1, reportedLength = -1, into: Tvb | null = null): Tvb {
    if (offset > this.length) {
      throw new BoundsError(
        offset > this.reportedLength ? 'reported' : 'captured',
        `offset ${offset} past end`,
      );
    }
    const avail = this.length - offset;
    const repAvail = this.reportedLength - offset;
    let len = length < 0 ? avail : Math.min(length, avail);
    let rep = reportedLength >= 0 ? reportedLength : length >= 0 ? length : repAvail;
    if (rep > repAvail) rep = repAvail;
    if (len > rep) len = rep;
    if (into)
      return into.repoint(this.bytes, this.start + offset, len, rep, this.source, this.sourceOffset + offset);
    return new Tvb(this.bytes, this.start + offset, len, rep, this.source, this.sourceOffset + offset);
  }

  /** A tvb to re-point with `sub(..., into)`. */
  static reusable(): Tvb {
    return new Tvb(EMPTY_BYTES, 0, 0, 0, EMPTY_SOURCE, 0);
  }

  /** Absolute position in the data source of a local offset (for tree items and byte highlighting). */
  pos(offset: number): number {
    return this.sourceOffset + offset;
  }

  /** Captured bytes remaining from offset (0 when past the end). */
  remaining(offset: number): number {
    return offset >= this.length ? 0 : this.length - offset;
  }

  reportedRemaining(offset: number): number {
    return offset >= this.reportedLength ? 0 : this.reportedLength - offset;
  }

  has(offset: number, n: number): boolean {
    return offset >= 0 && offset + n <= this.length;
  }

  /** Throws a BoundsError unless [offset, offset+n) is captured. */
  ensure(offset: number, n: number): void {
    if (offset < 0 || offset + n > this.length) {
      const kind = offset + n > this.reportedLength ? 'reported' : 'captured';
      throw new BoundsError(kind, `need ${n} bytes at offset ${offset}, have ${this.length - offset}`);
    }
  }

  u8(o: number): number {
    if (o < 0 || o >= this.length) this.ensure(o, 1);
    return this.bytes[this.start + o];
  }

  u16(o: number): number {
    if (o < 0 || o + 2 > this.length) this.ensure(o, 2);
    const p = this.start + o;
    return (this.bytes[p] << 8) | this.bytes[p + 1];
  }

  u16le(o: number): number {
    if (o < 0 || o + 2 > this.length) this.ensure(o, 2);
    const p = this.start + o;
    return this.bytes[p] | (this.bytes[p + 1] << 8);
  }

  u24(o: number): number {
    if (o < 0 || o + 3 > this.length) this.ensure(o, 3);
    const p = this.start + o;
    return (this.bytes[p] << 16) | (this.bytes[p + 1] << 8) | this.bytes[p + 2];
  }

  u32(o: number): number {
    if (o < 0 || o + 4 > this.length) this.ensure(o, 4);
    const p = this.start + o;
    const b = this.bytes;
    return ((b[p] << 24) >>> 0) + ((b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]);
  }

  u32le(o: number): number {
    if (o < 0 || o + 4 > this.length) this.ensure(o, 4);
    const p = this.start + o;
    const b = this.bytes;
    return ((b[p + 3] << 24) >>> 0) + ((b[p + 2] << 16) | (b[p + 1] << 8) | b[p]);
  }

  u64(o: number): bigint {
    return (BigInt(this.u32(o)) << 32n) | BigInt(this.u32(o + 4));
  }

  u64le(o: number): bigint {
    return (BigInt(this.u32le(o + 4)) << 32n) | BigInt(this.u32le(o));
  }

  i8(o: number): number {
    return (this.u8(o) << 24) >> 24;
  }

  i16(o: number): number {
    return (this.u16(o) << 16) >> 16;
  }

  i32(o: number): number {
    return this.u32(o) | 0;
  }

  /** A view (no copy) of n captured bytes. */
  view(o: number, n: number): Uint8Array {
    this.ensure(o, n);
    return this.bytes.subarray(this.start + o, this.start + o + n);
  }

  /** Bytes from offset to the end of the captured data (no copy). */
  rest(o: number): Uint8Array {
    if (o > this.length) this.ensure(o, 0);
    return this.bytes.subarray(this.start + o, this.start + this.length);
  }

  /** Latin-1 decoding of n bytes (protocol text such as HTTP header lines). */
  latin1(o: number, n: number): string {
    this.ensure(o, n);
    let s = '';
    const b = this.bytes;
    const end = this.start + o + n;
    for (let p = this.start + o; p < end; p++) s += String.fromCharCode(b[p]);
    return s;
  }

  /** Finds byte `value` from offset within the captured data; -1 when absent. */
  find(o: number, value: number, maxLength = -1): number {
    const end = maxLength < 0 ? this.length : Math.min(this.length, o + maxLength);
    const b = this.bytes;
    for (let i = o; i < end; i++) if (b[this.start + i] === value) return i;
    return -1;
  }
}
