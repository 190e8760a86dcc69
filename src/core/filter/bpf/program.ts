/** Expression to linearized program: scan, parse, generate, lay out, and libpcap's rejections. */
import type { Result } from '../../../base/result';
import { err, ok } from '../../../base/result';
import type { BpfError } from './index';
import type { Program } from './insn';
import { CompileError, CState } from './cstate';
import { generate } from './compile';
import { explore } from './explore';
import { tokenize } from './lexer';
import { linearize } from './linearize';
import { linktypeToDlt } from './linktypes';
import { FilterSyntaxError, parseFilter, scannerError } from './parser';

export interface CompiledFilter {
  program: Program;
  /**
   * Whether tcpdump would run this program through libpcap's optimizer (it does unless the
   * code contains jumps inside blocks: 802.11 header lengths, protochain).
   */
  optimized: boolean;
}

export function compileProgram(
  expr: string,
  linktype: number,
  snaplen: number,
): Result<CompiledFilter, BpfError> {
  if (snaplen === 0) return err({ message: 'snaplen of 0 rejects all packets' });
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
  let program: Program;
  let optimized: boolean;
  try {
    const cs = new CState(linktypeToDlt(linktype), snaplen);
    program = linearize(generate(cs, node));
    optimized = !cs.noOptimize;
  } catch (e) {
    if (e instanceof CompileError) return err({ message: e.message });
    throw e;
  }
  // libpcap's optimizer notices when no packet can match, and pcap_compile then fails.
  if (optimized && explore(program, null) === 'reject')
    return err({ message: 'expression rejects all packets' });
  return ok({ program, optimized });
}
