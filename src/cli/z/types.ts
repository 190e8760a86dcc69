import type { DissectedFrame, FrameInput } from '../../core/dissect/frame';
import type { CaptureSession } from '../../core/session';

/** A `-z` statistic: sees every frame of the pass (after -Y), prints its report at the end. */
export interface ZTap {
  /** True when the tap needs the protocol tree of each frame. */
  readonly needsTree: boolean;
  /** True when the tap needs the Protocol/Info columns. */
  readonly needsColumns?: boolean;
  onFrame(frame: DissectedFrame, input: FrameInput): void;
  /** The report text, exactly as tshark prints it (including trailing newlines). */
  finish(session: CaptureSession): string;
}

export interface ZHandler {
  /** Prefix of the -z argument, e.g. "conv,tcp" or "follow,". */
  matches(arg: string): boolean;
  /** Builds the tap, or returns an error message (tshark's text) for a bad argument. */
  create(arg: string): ZTap | { error: string };
}
