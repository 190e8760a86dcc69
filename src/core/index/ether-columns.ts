/**
 * The Ethernet source and destination of every frame, as interned address ids (two Uint16
 * columns, 4 bytes per frame), recorded during the first pass so the Ethernet conversation and
 * endpoint tables need not read the frames again. Interning uses an open-addressing table in
 * typed arrays: nothing is allocated per frame.
 */

const LINKTYPE_ETHERNET = 1;

/** Id of a frame without a readable Ethernet header, or of an address past the table's room. */
export const NO_ETHER = 0xffff;

/** Ids 0..MAX_ETHER_IDS-1 fit a Uint16 column next to NO_ETHER. */
const MAX_ETHER_IDS = NO_ETHER;

function grow<T extends Uint16Array | Uint8Array | Uint32Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

export class EtherColumns {
  /** Address ids of each frame's Ethernet source and destination (NO_ETHER: none recorded). */
  src = new Uint16Array(1024);
  dst = new Uint16Array(1024);
  /** The 6 bytes of each address id, in id order. */
  private bytes = new Uint8Array(6 * 64);
  private count = 0;
  /** Open-addressing slots: id + 1, 0 when empty. */
  private slots = new Int32Array(256);
  /** Each id's address as two numbers (first two bytes, last four): compared before the bytes. */
  private hi = new Uint16Array(64);
  private lo = new Uint32Array(64);

  /** Number of distinct addresses seen. */
  get size(): number {
    return this.count;
  }

  /** Records frame index `i` (0-based, in order) from its bytes. */
  record(i: number, b: Uint8Array, linktype: number): void {
    if (i >= this.src.length) {
      const n = Math.max(this.src.length * 2, i + 1);
      this.src = grow(this.src, n);
      this.dst = grow(this.dst, n);
    }
    if (linktype !== LINKTYPE_ETHERNET || b.length < 14) {
      this.src[i] = NO_ETHER;
      this.dst[i] = NO_ETHER;
      return;
    }
    this.dst[i] = this.idOf(b, 0);
    this.src[i] = this.idOf(b, 6);
  }

  /** The 6 bytes of address `id` (a view into the table: copy to keep). */
  address(id: number): Uint8Array {
    return this.bytes.subarray(id * 6, id * 6 + 6);
  }

  private idOf(b: Uint8Array, at: number): number {
    const hi = (b[at] << 8) | b[at + 1];
    const lo = ((b[at + 2] << 24) | (b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]) >>> 0;
    let mask = this.slots.length - 1;
    let h = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
    for (;;) {
      const s = this.slots[h];
      if (s === 0) break;
      if (this.lo[s - 1] === lo && this.hi[s - 1] === hi) return s - 1;
      h = (h + 1) & mask;
    }
    if (this.count >= MAX_ETHER_IDS) return NO_ETHER;
    const id = this.count++;
    if (id >= this.hi.length) {
      this.hi = grow(this.hi, this.hi.length * 2);
      this.lo = grow(this.lo, this.lo.length * 2);
      this.bytes = grow(this.bytes, this.bytes.length * 2);
    }
    this.hi[id] = hi;
    this.lo[id] = lo;
    this.bytes.set(b.subarray(at, at + 6), id * 6);
    if (this.count * 2 > this.slots.length) {
      this.rehash();
      mask = this.slots.length - 1;
      h = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
      while (this.slots[h] !== 0) h = (h + 1) & mask;
    }
    this.slots[h] = id + 1;
    return id;
  }

  /** Doubles the slots and re-inserts every id but the one being added (the caller places it). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count - 1; id++) {
      let h = (Math.imul(this.lo[id] ^ Math.imul(this.hi[id], 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }
}
