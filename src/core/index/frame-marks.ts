/**
 * The first pass's FRAME_MARK bits per frame (src/core/dissect/frame-marks.ts), one byte a frame,
 * and what a display filter can conclude from them: for a filter whose answer is fixed when the
 * fields of its marked families are absent, frames without the marks need no dissection.
 */
import type { FieldValue } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import { markOfField } from '../dissect/frame-marks';
import type { FieldAccessor } from '../filter/accessor';
import type { DisplayFilter } from '../filter/types';
import { NotIndexed } from './index-accessor';

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

/**
 * The fields of the given families are absent; asking for anything else throws NotIndexed, so
 * an evaluation that completes did not depend on the frame's other fields.
 */
class FamiliesAbsent implements FieldAccessor {
  constructor(private readonly bits: number) {}

  private absent(def: FieldDef): boolean {
    return (markOfField(def.abbrev) & this.bits) !== 0;
  }
  count(def: FieldDef): number {
    if (this.absent(def)) return 0;
    throw new NotIndexed(def.abbrev);
  }
  value(def: FieldDef): FieldValue {
    throw new NotIndexed(def.abbrev);
  }
  bytes(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }
  tail(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }
  length(def: FieldDef): number {
    throw new NotIndexed(def.abbrev);
  }
  layer(def: FieldDef): number {
    throw new NotIndexed(def.abbrev);
  }
  layerCount(def: FieldDef): number {
    if (this.absent(def)) return 0;
    throw new NotIndexed(def.abbrev);
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
    return { bits, result: filter.evaluate(new FamiliesAbsent(bits)) };
  } catch {
    return null;
  }
}
