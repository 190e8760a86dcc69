import { FT, type FieldType, type FieldValue } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';

/** What a column of tshark's `-z io,stat` computes per interval. */
export const CALC = {
  FRAMES: 0,
  BYTES: 1,
  FRAMES_AND_BYTES: 2,
  COUNT: 3,
  SUM: 4,
  MIN: 5,
  MAX: 6,
  AVG: 7,
  LOAD: 8,
} as const;
export type CalcType = (typeof CALC)[keyof typeof CALC];

/** Function names as the user writes them (and as the column headers show them). */
export const CALC_NAMES: readonly string[] = [
  'FRAMES',
  'BYTES',
  'FRAMES BYTES',
  'COUNT',
  'SUM',
  'MIN',
  'MAX',
  'AVG',
  'LOAD',
];

/** How a field's values are accumulated: tshark keeps integers, single floats and doubles apart. */
export const enum ValueKind {
  Unsigned,
  Signed,
  Float,
  Double,
  /** Relative times, accumulated in nanoseconds. */
  Time,
  /** Not a number: only COUNT can use it. */
  Other,
}

export function valueKind(t: FieldType): ValueKind {
  switch (t) {
    case FT.UINT8:
    case FT.UINT16:
    case FT.UINT24:
    case FT.UINT32:
    case FT.UINT40:
    case FT.UINT48:
    case FT.UINT64:
    case FT.FRAMENUM:
    case FT.CHAR:
      return ValueKind.Unsigned;
    case FT.INT8:
    case FT.INT16:
    case FT.INT32:
    case FT.INT64:
      return ValueKind.Signed;
    case FT.FLOAT:
      return ValueKind.Float;
    case FT.DOUBLE:
      return ValueKind.Double;
    case FT.RELATIVE_TIME:
      return ValueKind.Time;
    default:
      return ValueKind.Other;
  }
}

/** Orders a value as a 64-bit unsigned integer would be (negatives above every positive). */
function asUnsigned(v: number): number {
  return v < 0 ? v + 2 ** 64 : v;
}

function numeric(v: FieldValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/**
 * One column of `-z io,stat` for one filter: per-interval cells, kept exactly as tshark keeps
 * them (its quirks included, because the report must print the same numbers):
 * - a frame whose interval is earlier than the last one seen (out-of-order files) is counted in
 *   the last one seen;
 * - MIN starts from the first frame of the interval even when that frame lacks the field (so
 *   it can stay 0);
 * - LOAD spreads a response time back over earlier intervals, and wraps from the first
 *   interval to the last one;
 * - the widths of the printed columns come from the largest value seen after each frame
 *   (`maxFrames`, `maxValue`), not from the final cells.
 */
export class IoStatColumn {
  readonly frames: number[] = [0];
  /** Integer/time accumulator (bytes, counts, sums, ns, µs for LOAD). */
  readonly counter: number[] = [0];
  /** Single-precision accumulator of FT_FLOAT fields. */
  readonly floatCounter: number[] = [0];
  readonly doubleCounter: number[] = [0];
  /** Values seen (AVG's divisor). */
  readonly num: number[] = [0];
  maxFrames = 0;
  maxValue = 0;
  readonly kind: ValueKind;

  constructor(
    readonly calc: CalcType,
    readonly field: FieldDef | null,
    /** Interval in microseconds; Infinity for the whole capture (`io,stat,0`). */
    readonly intervalUs: number,
  ) {
    this.kind = field ? valueKind(field.type) : ValueKind.Other;
  }

  /** Number of the last interval that has a cell. */
  get last(): number {
    return this.frames.length - 1;
  }

  /**
   * Adds a frame that passed the column's filter. `relUs`: microseconds since the first frame
   * (relativeMicros); `values`: the occurrences of the column's field in the frame's tree.
   */
  add(relUs: number, frameLen: number, values: readonly FieldValue[]): void {
    let it = this.last;
    if (this.intervalUs !== Infinity) {
      const want = Math.floor(relUs / this.intervalUs);
      while (it < want) {
        this.frames.push(0);
        this.counter.push(0);
        this.floatCounter.push(0);
        this.doubleCounter.push(0);
        this.num.push(0);
        it++;
      }
    }
    const frames = ++this.frames[it];
    const kind = this.kind;
    switch (this.calc) {
      case CALC.FRAMES:
      case CALC.BYTES:
      case CALC.FRAMES_AND_BYTES:
        this.counter[it] += frameLen;
        break;
      case CALC.COUNT:
        this.counter[it] += values.length;
        break;
      case CALC.SUM:
        for (const v of values) this.accumulate(it, numeric(v));
        break;
      case CALC.AVG:
        for (const v of values) {
          this.num[it]++;
          this.accumulate(it, numeric(v));
        }
        break;
      case CALC.MIN:
      case CALC.MAX: {
        const min = this.calc === CALC.MIN;
        // Unsigned and time values compare as tshark's guint64: negative times sort above all.
        const unsigned = kind === ValueKind.Unsigned || kind === ValueKind.Time;
        for (let i = 0; i < values.length; i++) {
          const v = numeric(values[i]);
          // MIN takes the first value of the interval's first frame unconditionally.
          const first = min && frames === 1 && i === 0;
          if (kind === ValueKind.Float) {
            const f = Math.fround(v);
            if (first || (min ? f < this.floatCounter[it] : f > this.floatCounter[it]))
              this.floatCounter[it] = f;
          } else if (kind === ValueKind.Double) {
            if (first || (min ? v < this.doubleCounter[it] : v > this.doubleCounter[it]))
              this.doubleCounter[it] = v;
          } else {
            const a = unsigned ? asUnsigned(v) : v;
            const b = unsigned ? asUnsigned(this.counter[it]) : this.counter[it];
            if (first || (min ? a < b : a > b)) this.counter[it] = v;
          }
        }
        break;
      }
      case CALC.LOAD:
        for (const v of values) this.spreadLoad(it, numeric(v));
        break;
    }
    this.updateMax(it);
  }

  private accumulate(it: number, v: number): void {
    if (this.kind === ValueKind.Float)
      this.floatCounter[it] = Math.fround(this.floatCounter[it] + Math.fround(v));
    else if (this.kind === ValueKind.Double) this.doubleCounter[it] += v;
    else this.counter[it] += v;
  }

  /** LOAD: the part of a response time inside this interval, the rest back over earlier ones. */
  private spreadLoad(it: number, ns: number): void {
    const interval = this.intervalUs;
    let us = ns < 0 ? Math.ceil(ns / 1000) : Math.floor(ns / 1000);
    const here = interval === Infinity ? us : us % interval;
    this.counter[it] += here;
    us -= here;
    let p = it;
    while (us > 0) {
      // Walking back from the first interval continues at the last one (a circular list).
      p = p === 0 ? this.last : p - 1;
      if (us < interval) {
        this.counter[p] += us;
        break;
      }
      this.counter[p] += interval;
      us -= interval;
    }
  }

  private updateMax(it: number): void {
    const kind = this.kind;
    switch (this.calc) {
      case CALC.FRAMES:
        this.maxFrames = Math.max(this.maxFrames, this.frames[it]);
        break;
      case CALC.FRAMES_AND_BYTES:
        this.maxFrames = Math.max(this.maxFrames, this.frames[it]);
        this.maxValue = Math.max(this.maxValue, this.counter[it]);
        break;
      case CALC.BYTES:
      case CALC.COUNT:
      case CALC.LOAD:
        this.maxValue = Math.max(this.maxValue, this.counter[it]);
        break;
      case CALC.SUM:
      case CALC.MIN:
      case CALC.MAX:
        if (kind === ValueKind.Float)
          this.maxValue = Math.max(this.maxValue, Math.trunc(this.floatCounter[it] + 0.5));
        else if (kind === ValueKind.Double)
          this.maxValue = Math.max(this.maxValue, Math.trunc(this.doubleCounter[it] + 0.5));
        else this.maxValue = Math.max(this.maxValue, this.counter[it]);
        break;
      case CALC.AVG: {
        const n = this.num[it];
        if (n === 0) break;
        let v: number;
        if (kind === ValueKind.Float) v = Math.floor(Math.trunc(this.floatCounter[it]) / n);
        else if (kind === ValueKind.Double) v = Math.floor(Math.trunc(this.doubleCounter[it]) / n);
        else if (kind === ValueKind.Time)
          v = Math.floor((Math.floor(this.counter[it] / n) + 500_000_000) / 1e9);
        else v = Math.trunc(this.counter[it] / n);
        this.maxValue = Math.max(this.maxValue, v);
        break;
      }
    }
  }
}
