/**
 * Growable, append-only byte buffers for PDUs that are reassembled again and again with one more
 * segment each time (a payload dissector asking for "one more segment" or "until FIN" on bulk
 * data). Rebuilding the whole PDU for every segment and rescanning it for line ends made such
 * streams quadratic; here the bytes grow into spare capacity (doubling) and the no-line-end
 * prefix found by earlier scans is remembered per buffer.
 *
 * Invariant that makes the memo safe: bytes of an append-only buffer are written once, only past
 * every view handed out so far, and never changed afterwards.
 */

/** Bytes [from, to) (indices into the ArrayBuffer) hold no CR and no LF. */
interface NoLineEnd {
  from: number;
  to: number;
}

const noLineEnd = new WeakMap<ArrayBufferLike, NoLineEnd>();

/** Scans shorter than this are not worth a memo lookup. */
export const LINE_MEMO_MIN = 1024;

/**
 * Returns `data` (a prefix view of an append-only buffer, or any bytes) extended by
 * `src[srcOffset, srcOffset + len)`, appending in place when `data` is the prefix of `cap` and
 * capacity allows. Returns the new view and the (possibly new) capacity buffer.
 */
export function appendBytes(
  cap: Uint8Array | null,
  data: Uint8Array,
  src: Uint8Array,
  srcOffset: number,
  len: number,
): { cap: Uint8Array; data: Uint8Array } {
  const oldLen = data.length;
  const newLen = oldLen + len;
  const inPlace =
    cap !== null && data.buffer === cap.buffer && data.byteOffset === cap.byteOffset && newLen <= cap.length;
  let buf: Uint8Array;
  if (inPlace) {
    buf = cap;
  } else {
    buf = new Uint8Array(Math.max(newLen * 2, 4096));
    buf.set(data, 0);
    // The copied prefix keeps what scans learned about it (same indices: both start at 0).
    const memo = cap !== null && data.buffer === cap.buffer ? noLineEnd.get(cap.buffer) : undefined;
    if (memo && data.byteOffset === 0 && memo.to <= oldLen) noLineEnd.set(buf.buffer, { ...memo });
    else noLineEnd.set(buf.buffer, { from: 0, to: 0 });
  }
  buf.set(src.subarray(srcOffset, srcOffset + len), oldLen);
  return { cap: buf, data: buf.subarray(0, newLen) };
}

/**
 * Where a CR/LF search over `b` from absolute index `start` (b.byteOffset + index) can begin:
 * past the remembered terminator-free run when `start` lies in it, else `start`.
 */
export function lineScanStart(b: Uint8Array, start: number): number {
  const m = noLineEnd.get(b.buffer);
  if (m === undefined || start < m.from || start > m.to) return start;
  return m.to;
}

/** Records that absolute [start, end) of `b`'s buffer holds no CR/LF (append-only buffers only). */
export function noteNoLineEnd(b: Uint8Array, start: number, end: number): void {
  const m = noLineEnd.get(b.buffer);
  if (m === undefined) return;
  if (start >= m.from && start <= m.to) {
    if (end > m.to) m.to = end;
  } else if (end - start > m.to - m.from) {
    m.from = start;
    m.to = end;
  }
}
