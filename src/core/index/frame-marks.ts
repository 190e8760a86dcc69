/**
 * The first pass's FRAME_MARK bits per frame (src/core/dissect/frame-marks.ts), one byte a frame,
 * and what a display filter can conclude from them: for a filter whose answer is fixed when the
 * fields of its marked families are absent, frames without the marks need no dissection.
 */
import { markOfField } from '../dissect/frame-marks';
import type { DisplayFilter } from '../filter/types';
import { AbsentFields } from './absent-fields';

export class FrameMarks {
  count = 0;
  bits = new Uint8Array(1024);

  /** Bytes held per frame. */
  static readonly BYTES_PER_FRAME = 1;

  /** Records frame `num` (1-based, in order). */
  record(num: number, marks: number): void {
    const i = num - 1;
    if (i >= this.bits.length) {
      const b = new Uint8Array(this.bits.length * 2);
      b.set(this.bits);
      this.bits = b;
    }
    this.bits[i] = marks;
    this.count = num;
  }
}

/** What frames without some marks answer, when the filter's answer does not need them. */
export interface MarkShortcut {
  /** Frames with none of these bits give `result`. */
  readonly bits: number;
  readonly result: boolean;
}

/**
 * The shortcut for a filter, or null when it names no marked family or its answer still
 * depends on other fields once those families are absent.
 */
export function markShortcut(filter: DisplayFilter): MarkShortcut | null {
  let bits = 0;
  for (const f of filter.fields) bits |= markOfField(f.abbrev);
  if (bits === 0) return null;
  try {
    const absent = new AbsentFields((def) => (markOfField(def.abbrev) & bits) !== 0);
    return { bits, result: filter.evaluate(absent) };
  } catch {
    return null;
  }
}
