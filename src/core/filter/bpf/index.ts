/**
 * Capture filters (tcpdump/libpcap syntax) compiled to classic BPF and run on a capture's frames.
 *
 * compileBpf follows libpcap 1.10's compiler: same grammar, same generated code as
 * `tcpdump -d -O` (the unoptimized program), same error messages for rejected expressions.
 * The program is evaluated with libpcap's interpreter semantics, so a frame matches exactly when
 * `tcpdump -r FILE 'EXPR'` would write it out.
 */
import type { Result } from '../../../base/result';
import { err, ok } from '../../../base/result';
import { CompileError, CState } from './cstate';
import { generate } from './compile';
import { dumpProgram } from './dump';
import { explore } from './explore';
import { makeInterpreter, OUT_OF_BOUNDS } from './interp';
import { makeJit } from './jit';
import { tokenize } from './lexer';
import { linearize } from './linearize';
import { linktypeToDlt } from './linktypes';
import { FilterSyntaxError, parseFilter, scannerError } from './parser';

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
  const snap = snaplen ?? DEFAULT_SNAPLEN;
  if (snap === 0) return err({ message: 'snaplen of 0 rejects all packets' });
  const tokens = tokenize(expr);
  let node;
  try {
    node = parseFilter(tokens).node;
  } catch (e) {
    if (e instanceof FilterSyntaxError) return err({ message: e.message, from: e.from, to: e.to });
    throw e;
  }
  // A malformed IPv6 or MAC address is reported even when the expression otherwise parses.
  const bad = scannerError(tokens);
  if (bad) return err({ message: bad.error as string, from: bad.from, to: bad.to });
  let program;
  let noOptimize = false;
  try {
    const cs = new CState(linktypeToDlt(linktype), snap);
    program = linearize(generate(cs, node));
    noOptimize = cs.noOptimize;
  } catch (e) {
    if (e instanceof CompileError) return err({ message: e.message });
    throw e;
  }
  // libpcap's optimizer notices when no packet can match, and pcap_compile then fails. Some
  // code (802.11 header lengths) makes libpcap skip the optimizer: then neither applies.
  const optimized = !noOptimize;
  if (optimized && explore(program, null) === 'reject')
    return err({ message: 'expression rejects all packets' });
  const run = makeJit(program) ?? makeInterpreter(program);
  const prog = program;
  return ok({
    matches: (bytes, start, caplen, wirelen) => {
      const r = run(bytes, start, caplen, wirelen);
      if (r !== OUT_OF_BOUNDS) return r !== 0;
      if (!optimized) return false;
      // A load past the captured bytes: rejected, unless the outcome did not depend on it
      // (then tcpdump's optimized program would not have done that load at all).
      return explore(prog, { bytes, start, caplen, wirelen }) === 'accept';
    },
    dump: () => dumpProgram(prog),
  });
}
