/**
 * Content decoding as Wireshark's tvb_uncompress does it: zlib or gzip framing detected from
 * the data, raw deflate as a fallback, and whatever could be inflated before the data ran out
 * (a body cut short by the capture) rather than nothing.
 */
import { Gunzip, Inflate, Unzlib } from 'fflate';

type Stream = { push(chunk: Uint8Array, final?: boolean): void };

function run(
  make: (ondata: (c: Uint8Array, final: boolean) => void) => Stream,
  data: Uint8Array,
): { out: Uint8Array | null; done: boolean } {
  const parts: Uint8Array[] = [];
  let done = false;
  let failed = false;
  const s = make((c, final) => {
    parts.push(c);
    if (final) done = true;
  });
  try {
    s.push(data, false);
  } catch {
    failed = true;
  }
  const n = parts.reduce((a, p) => a + p.length, 0);
  if (failed && n === 0) return { out: null, done: false };
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { out: n > 0 || done ? out : null, done };
}

function looksZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0] & 0x0f) === 8 && ((b[0] << 8) | b[1]) % 31 === 0;
}

/** Inflated bytes, or null when nothing could be decoded. */
export function uncompress(data: Uint8Array): Uint8Array | null {
  if (data.length === 0) return null;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    const r = run((cb) => new Gunzip(cb), data);
    if (r.out) return r.out;
  } else if (looksZlib(data)) {
    const r = run((cb) => new Unzlib(cb), data);
    if (r.out) return r.out;
  }
  // Some servers send "deflate" without the zlib header.
  return run((cb) => new Inflate(cb), data).out;
}
