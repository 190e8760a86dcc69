/**
 * Capture filters (tcpdump/libpcap syntax) compiled to classic BPF and run on a capture's frames.
 *
 * compileBpf follows libpcap 1.10's compiler: same grammar, same generated code as
 * `tcpdump -d -O` (the unoptimized program), same error messages for rejected expressions.
 * The program is evaluated with libpcap's semantics, so a frame matches exactly when
 * `tcpdump -r FILE 'EXPR'` would write it out.
 */
import type { Result } from '../../../base/result';
import { err, ok } from '../../../base/result';
import { dumpProgram } from './dump';
import { explore } from './explore';
import { makeInterpreter, OUT_OF_BOUNDS } from './interp';
import { makeJit } from './jit';
import { compileProgram } from './program';

export interface BpfError {
  message: string;
  from?: number;
  to?: number;
}

export interface BpfProgram {
  /** true when the packet passes; bytes[start, start+caplen) is the captured data, wirelen the original length */
  matches(bytes: Uint8Array, start: number, caplen: number, wirelen: number): boolean;
  /** the compiled instructions, tcpdump -d style, for debugging/tests */
  dump(): string;
}

/** tcpdump's snapshot length when a file does not say otherwise. */
const DEFAULT_SNAPLEN = 262144;

/**
 * Compiles `expr` for frames of link type `linktype` (a LINKTYPE_* value). `snaplen` only
 * shows up in the accept instruction of dump(), as in tcpdump.
 */
export function compileBpf(expr: string, linktype: number, snaplen?: number): Result<BpfProgram, BpfError> {
  const compiled = compileProgram(expr, linktype, snaplen ?? DEFAULT_SNAPLEN);
  if (!compiled.ok) return err(compiled.error);
  const { program, optimized } = compiled.value;
  const run = makeJit(program) ?? makeInterpreter(program);
  return ok({
    matches: (bytes, start, caplen, wirelen) => {
      const r = run(bytes, start, caplen, wirelen);
      if (r !== OUT_OF_BOUNDS) return r !== 0;
      // A load past the captured bytes rejects the frame, unless the outcome did not depend on
      // it: tcpdump's optimized program would not have done that load at all.
      if (!optimized) return false;
      return explore(program, { bytes, start, caplen, wirelen }) === 'accept';
    },
    dump: () => dumpProgram(program),
  });
}
