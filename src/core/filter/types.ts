import type { DissectedFrame } from '../dissect/frame';
import type { FieldDef } from '../dissect/fields';

/** A display-filter error: tshark's message and the offending source span [from, to). */
export interface FilterError {
  message: string;
  from: number;
  to: number;
}

/** A compiled display filter. */
export interface DisplayFilter {
  readonly text: string;
  /** Fields and protocols the filter references (what a dissection must produce for it). */
  readonly fields: readonly FieldDef[];
  /** Evaluates the filter on a dissected frame (its tree must have been built). */
  matches(frame: DissectedFrame): boolean;
}
