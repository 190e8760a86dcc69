/**
 * Runs a display filter over every frame of a loaded capture with as little dissection as
 * possible:
 *
 * 1. Every field the filter names is indexed (index-accessor.ts): frames whose columns are
 *    exact are answered from the columns; the others (and any frame where the filter asks for
 *    something the columns lack, e.g. an item's bytes) are dissected again.
 * 2. Otherwise, a protocol pre-filter: a field of protocol P can only be in a frame whose
 *    first-pass protocol list (frame.protocols) contains one of P's carrier layers (P itself,
 *    and the layers listed in protocol-sets.ts). Frames that can hold none of the filter's
 *    fields give the filter's answer on an empty frame, computed once; only the others are
 *    dissected. (Filters on protocols without a carrier list, frame.* or _ws.* fields other
 *    than the indexed ones dissect every frame.)
 *
 * A frame whose dissection or evaluation fails does not match (tshark drops it too). The run
 * can be sliced (step) so that a worker stays responsive and can report progress.
 */
import type { DissectOptions, DissectedFrame } from '../dissect/frame';
import type { DisplayFilter } from '../filter/types';
import { UNKNOWN_SET, type FieldColumns } from './field-columns';
import type { IndexAccessor } from './index-accessor';
import { isFrameField, isIndexedField } from './index-accessor';
import { compileColumnFilter, type SlotPredicate } from './column-filter';
import { canRuleOut, mayHold, SHAPE } from './protocol-sets';
import { AbsentFields } from './absent-fields';
import { markShortcut, type FrameMarks, type MarkShortcut } from './frame-marks';

/** What a filter run needs from the session. */
export interface FilterHost {
  readonly frameCount: number;
  dissect(num: number, opts: DissectOptions): DissectedFrame;
  /** Null when the session kept no columns. */
  indexAccessor(): IndexAccessor | null;
  readonly fieldColumns: FieldColumns;
  /** The first pass's frame marks (recorded whenever the field columns are). */
  readonly frameMarks: FrameMarks;
}

/** How a run answers frames (for benchmarks and tests). */
export type FilterStrategy = 'index' | 'protocols' | 'dissect';

/**
 * The tree a filter needs: only its fields' protocols (DissectOptions.treeProtocols), unless it
 * names _ws.* items (expert and malformed items sit inside any protocol's subtree).
 */
function treeOptions(filter: DisplayFilter): DissectOptions {
  const protocols = new Set(filter.fields.map((f) => f.proto));
  for (const p of protocols) if (p.startsWith('_ws')) return { tree: true, columns: false };
  return { tree: true, columns: false, treeProtocols: protocols };
}

export class FilterRun {
  readonly strategy: FilterStrategy;
  /** Frames answered without dissection / dissected (for benchmarks and tests). */
  answered = 0;
  dissected = 0;
  private next = 1;
  private out = new Uint32Array(1024);
  private n = 0;
  private readonly acc: IndexAccessor | null;
  /** Index path: whether a frame's shape matters (false when only frame.* fields are named). */
  private readonly needsShape: boolean;
  /** Protocol path: which protocol lists contain one of the filter's protocols (by set id). */
  private readonly relevant: boolean[] = [];
  private readonly protocols: readonly string[];
  private emptyResult = false;
  /** Index path: the filter compiled over the columns, when it has that form. */
  private slotPredicate: SlotPredicate | null = null;
  /** Protocol/dissect paths: the answer of frames without the filter's marks, if fixed. */
  private marks: MarkShortcut | null = null;
  private readonly treeOpts: DissectOptions;

  constructor(
    private readonly host: FilterHost,
    private readonly filter: DisplayFilter,
    private readonly last = host.frameCount,
  ) {
    const fields = filter.fields;
    this.treeOpts = treeOptions(filter);
    this.acc = host.indexAccessor();
    this.protocols = [...new Set(fields.map((f) => f.proto))];
    if (this.acc && fields.every(isIndexedField)) {
      this.strategy = 'index';
      this.needsShape = !fields.every(isFrameField);
      this.slotPredicate = compileColumnFilter(filter.text, this.acc);
      return;
    }
    this.needsShape = true;
    if (this.acc) this.marks = markShortcut(filter);
    const everywhere = !this.protocols.every(canRuleOut);
    let empty: boolean | null = null;
    if (this.acc && !everywhere) {
      try {
        // What the filter says about a frame that has none of its protocols.
        empty = filter.evaluate(new AbsentFields(() => true));
      } catch {
        empty = null;
      }
    }
    if (empty === null) {
      this.strategy = 'dissect';
    } else {
      this.strategy = 'protocols';
      this.emptyResult = empty;
    }
  }

  /** The last frame the run looks at (the session's frame count when it started). */
  get total(): number {
    return this.last;
  }

  get done(): boolean {
    return this.next > this.last;
  }

  /** Frames looked at so far. */
  get position(): number {
    return this.next - 1;
  }

  /** Looks at up to `budget` more frames; returns true when the run is complete. */
  step(budget: number): boolean {
    const end = Math.min(this.last, this.next + budget - 1);
    if (this.strategy === 'index') this.stepIndex(end);
    else if (this.strategy === 'protocols') this.stepProtocols(end);
    else for (let num = this.next; num <= end; num++) if (this.markedMatch(num)) this.push(num);
    this.next = end + 1;
    return this.done;
  }

  /** The matching frame numbers so far, in order (a copy). */
  frames(): Uint32Array {
    return this.out.slice(0, this.n);
  }

  private stepIndex(end: number): void {
    if (this.slotPredicate) {
      this.stepColumns(end, this.slotPredicate);
      return;
    }
    const acc = this.acc as IndexAccessor;
    const filter = this.filter;
    for (let num = this.next; num <= end; num++) {
      let m: boolean;
      if (this.needsShape && !acc.exact(num)) {
        m = this.dissectMatch(num);
      } else {
        try {
          m = filter.evaluate(acc.use(num));
          this.answered++;
        } catch {
          // NotIndexed (the filter asked for what the columns lack), or an evaluation error
          // that the tree path handles as tshark does: the frame is dissected.
          m = this.dissectMatch(num);
        }
      }
      if (m) this.push(num);
    }
  }

  /** The index path with the filter compiled over the columns (column-filter.ts). */
  private stepColumns(end: number, pred: SlotPredicate): void {
    const kind = this.host.fieldColumns.kind;
    const needsShape = this.needsShape;
    let answered = 0;
    for (let num = this.next; num <= end; num++) {
      const i = num - 1;
      let m: boolean;
      if (needsShape && (kind[i] & 3) === SHAPE.OTHER) {
        m = this.dissectMatch(num);
      } else {
        m = pred(i);
        answered++;
      }
      if (m) this.push(num);
    }
    this.answered += answered;
  }

  private stepProtocols(end: number): void {
    const sets = this.host.fieldColumns.protoSet;
    for (let num = this.next; num <= end; num++) {
      const id = sets[num - 1];
      let m: boolean;
      if (id !== UNKNOWN_SET && !this.isRelevant(id)) {
        m = this.emptyResult;
        this.answered++;
      } else {
        m = this.markedMatch(num);
      }
      if (m) this.push(num);
    }
  }

  /** A frame without the filter's marks takes the shortcut's answer; others are dissected. */
  private markedMatch(num: number): boolean {
    const marks = this.marks;
    if (marks && (this.host.frameMarks.bits[num - 1] & marks.bits) === 0) {
      this.answered++;
      return marks.result;
    }
    return this.dissectMatch(num);
  }

  private isRelevant(id: number): boolean {
    let r = this.relevant[id];
    if (r === undefined) {
      const set = this.host.fieldColumns.sets.get(id);
      r = this.protocols.some((p) => mayHold(set, p));
      this.relevant[id] = r;
    }
    return r;
  }

  private dissectMatch(num: number): boolean {
    this.dissected++;
    try {
      return this.filter.matches(this.host.dissect(num, this.treeOpts));
    } catch {
      // A frame whose dissection or evaluation fails does not match (tshark drops it too).
      return false;
    }
  }

  private push(num: number): void {
    if (this.n === this.out.length) {
      const o = new Uint32Array(this.out.length * 2);
      o.set(this.out);
      this.out = o;
    }
    this.out[this.n++] = num;
  }
}
