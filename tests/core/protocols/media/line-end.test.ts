/**
 * findLineEnd (src/core/protocols/media/text.ts) finds the first CR or LF with a native search
 * past its first bytes: its answers must equal a byte-by-byte scan for terminators anywhere
 * (inside the first bytes, at window edges, far away, CR before LF and LF before CR), for every
 * `len` and `desegment` mode.
 */
import { describe, expect, it } from 'vitest';
import { Tvb } from '../../../../src/core/dissect/tvb';
import { findLineEnd } from '../../../../src/core/protocols/media/text';

/** The definition: first CR/LF in the captured part of [offset, offset+len). */
function reference(
  b: Uint8Array,
  offset: number,
  len: number,
  desegment: boolean,
): { len: number; next: number } {
  const avail = b.length - offset;
  if (len < 0) len = avail;
  const eob = offset + len;
  const stop = Math.min(eob, b.length);
  let eol = -1;
  for (let i = offset; i < stop; i++) {
    if (b[i] === 0x0d || b[i] === 0x0a) {
      eol = i;
      break;
    }
  }
  if (eol < 0) return desegment ? { len: -1, next: offset } : { len: eob - offset, next: eob };
  const lineLen = eol - offset;
  if (b[eol] === 0x0d) {
    if (eol + 1 >= eob) {
      if (desegment) return { len: -1, next: offset };
    } else if (eol + 1 < b.length && b[eol + 1] === 0x0a) {
      eol++;
    }
  }
  return { len: lineLen, next: eol + 1 };
}

describe('findLineEnd', () => {
  it('equals a byte-by-byte scan wherever the terminator is', () => {
    const positions = [0, 1, 63, 64, 65, 1000, 1087, 1088, 1089, 3135, 3136, 3137, 7000, 19_999];
    for (const size of [10, 100, 1448, 5000, 20_000]) {
      for (const at of positions.filter((p) => p < size)) {
        for (const term of [[0x0d], [0x0a], [0x0d, 0x0a], [0x0a, 0x0d]]) {
          const b = new Uint8Array(size);
          for (let i = 0; i < size; i++) b[i] = 32 + ((i * 7) % 95);
          term.forEach((t, k) => {
            if (at + k < size) b[at + k] = t;
          });
          // A later terminator of the other kind must not win over the first one.
          if (at + 300 < size) b[at + 300] = term[0] === 0x0d ? 0x0a : 0x0d;
          const tvb = Tvb.of({ name: 't', bytes: b });
          for (const offset of [0, 5, 64].filter((o) => o < size)) {
            for (const len of [-1, Math.min(size - offset, at + 1 - offset), size - offset]) {
              if (len === 0 || len < -1) continue;
              for (const desegment of [true, false]) {
                const got = findLineEnd(tvb, offset, len, desegment);
                const want = reference(b, offset, len, desegment);
                expect(
                  { len: got.len, next: got.next },
                  `size ${size} at ${at} off ${offset} len ${len}`,
                ).toEqual(want);
              }
            }
          }
        }
      }
    }
  });

  it('reports a missing terminator over a long line', () => {
    const b = new Uint8Array(50_000).fill(0x41);
    const tvb = Tvb.of({ name: 't', bytes: b });
    expect(findLineEnd(tvb, 0, -1, true).len).toBe(-1);
    expect(findLineEnd(tvb, 10, -1, false)).toEqual({ len: 49_990, next: 50_000 });
  });
});
