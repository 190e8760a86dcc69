import type { DissectedFrame } from '../dissect/frame';
import type { FieldDef } from '../dissect/fields';
import type { FieldAccessor } from './accessor';

/** A display-filter error: tshark's message and the offending source span [from, to). */
export interface FilterError {
  message: string;
  from: number;
  to: number;
  /** tshark prints no location (caret line) for this error; the span is still a hint for the UI. */
  noLocation?: boolean;
}

/** A compiled display filter. */
export interface DisplayFilter {
  readonly text: string;
  /** Fields and protocols the filter references (what a dissection must produce for it). */
  readonly fields: readonly FieldDef[];
  /** Evaluates the filter on a dissected frame (its tree must have been built). */
  matches(frame: DissectedFrame): boolean;
  /** Evaluates the filter over any source of field values (a tree, or index columns). */
  evaluate(acc: FieldAccessor): boolean;
  /** The frame whose values ${field} references read (the selected frame in the UI); null: none. */
  setReference(frame: DissectedFrame | null): void;
}
