/** Shared helpers for the capture reader tests: file builders, seeded randomness, record capture. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCaptureParser } from '../../../src/core/capture/index';
import type { CaptureEnd, CaptureInfo, RawRecord } from '../../../src/core/capture/types';

/** The shared capture corpus: `shared/` beside the repository (CI), else the workplace copy. */
export const CAPTURES = (() => {
  const beside = fileURLToPath(new URL('../../../../shared/captures', import.meta.url));
  return existsSync(beside) ? beside : '/work/shared/captures';
})();

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A delivered record, copied (the parser reuses its object). */
export interface Got extends RawRecord {
  data: Uint8Array;
}

export interface ReadResult {
  end: CaptureEnd;
  records: Got[];
  info: CaptureInfo;
}

/**
 * Feeds `bytes` to a fresh parser in chunks whose sizes come from `chunkSize` (called per chunk)
 * and returns copies of every record.
 */
export function readAll(bytes: Uint8Array, chunkSize: number | (() => number) = 1 << 20): ReadResult {
  const records: Got[] = [];
  const parser = createCaptureParser((rec, buf, start) => {
    records.push({
      ...rec,
      comments: rec.comments ? [...rec.comments] : undefined,
      data: buf.slice(start, start + rec.caplen),
    });
  });
  const next = typeof chunkSize === 'number' ? () => chunkSize : chunkSize;
  for (let off = 0; off < bytes.length;) {
    const n = Math.max(1, Math.floor(next()));
    parser.push(bytes.subarray(off, Math.min(bytes.length, off + n)));
    off += n;
  }
  const end = parser.finish();
  return { end, records, info: parser.info };
}

/** Little byte writer for hand-built capture files. */
export class Bytes {
  private parts: number[] = [];
  constructor(private readonly le = true) {}
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v).u8(v >>> 8) : this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    for (const x of this.le ? b : b.reverse()) this.u8(x);
    return this;
  }
  u64(v: bigint): this {
    const lo = Number(v & 0xffffffffn);
    const hi = Number((v >> 32n) & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  /** pcapng time stamp: high 32 bits first, each word in the section's byte order. */
  ticks(v: bigint): this {
    return this.u32(Number((v >> 32n) & 0xffffffffn)).u32(Number(v & 0xffffffffn));
  }
  raw(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i] & 0xff);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A packet payload whose bytes encode its number, so mix-ups are visible. */
export function payload(n: number, len: number): Uint8Array {
  return Uint8Array.from({ length: len }, (_, i) => (n * 31 + i) & 0xff);
}

export interface PcapRecordSpec {
  sec: number;
  frac: number;
  data: Uint8Array;
  orig?: number;
  /** Override the stored captured length (for absurd-length tests). */
  incl?: number;
}

/** A classic pcap file. */
export function pcapFile(opts: {
  le?: boolean;
  magic?: number;
  version?: [number, number];
  snaplen?: number;
  network?: number;
  records: PcapRecordSpec[];
}): Uint8Array {
  const le = opts.le ?? true;
  const w = new Bytes(le)
    .u32(opts.magic ?? 0xa1b2c3d4)
    .u16(opts.version?.[0] ?? 2)
    .u16(opts.version?.[1] ?? 4)
    .u32(0)
    .u32(0)
    .u32(opts.snaplen ?? 65535)
    .u32(opts.network ?? 1);
  for (const r of opts.records) {
    w.u32(r.sec)
      .u32(r.frac)
      .u32(r.incl ?? r.data.length)
      .u32(r.orig ?? r.data.length)
      .raw(r.data);
  }
  return w.bytes();
}

/** pcapng building blocks. */
export const ng = {
  option(le: boolean, code: number, value: Uint8Array): Uint8Array {
    return new Bytes(le).u16(code).u16(value.length).raw(value).pad4().bytes();
  },
  text(s: string): Uint8Array {
    return new TextEncoder().encode(s);
  },
  endOfOptions(le: boolean): Uint8Array {
    return new Bytes(le).u32(0).bytes();
  },
  block(le: boolean, type: number, body: Uint8Array): Uint8Array {
    const padded = concat(body, new Uint8Array((4 - (body.length % 4)) % 4));
    const len = padded.length + 12;
    return new Bytes(le).u32(type).u32(len).raw(padded).u32(len).bytes();
  },
  shb(le: boolean, options: Uint8Array = new Uint8Array(0)): Uint8Array {
    const body = new Bytes(le)
      .u32(0x1a2b3c4d)
      .u16(1)
      .u16(0)
      .u64(-1n & 0xffffffffffffffffn)
      .raw(options)
      .bytes();
    return ng.block(le, 0x0a0d0d0a, body);
  },
  idb(le: boolean, linktype: number, snaplen: number, options: Uint8Array = new Uint8Array(0)): Uint8Array {
    return ng.block(le, 1, new Bytes(le).u16(linktype).u16(0).u32(snaplen).raw(options).bytes());
  },
  epb(
    le: boolean,
    ifid: number,
    ticks: bigint,
    data: Uint8Array,
    orig = data.length,
    options: Uint8Array = new Uint8Array(0),
  ): Uint8Array {
    const w = new Bytes(le).u32(ifid).ticks(ticks).u32(data.length).u32(orig).raw(data).pad4().raw(options);
    return ng.block(le, 6, w.bytes());
  },
  pb(le: boolean, ifid: number, ticks: bigint, data: Uint8Array): Uint8Array {
    const w = new Bytes(le).u16(ifid).u16(0).ticks(ticks).u32(data.length).u32(data.length).raw(data).pad4();
    return ng.block(le, 2, w.bytes());
  },
  spb(le: boolean, orig: number, data: Uint8Array): Uint8Array {
    return ng.block(le, 3, new Bytes(le).u32(orig).raw(data).bytes());
  },
};
