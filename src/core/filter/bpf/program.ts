/** Expression to linearized program: scan, parse, generate, lay out, and libpcap's rejections. */
import type { Result } from '../../../base/result';
import { err, ok } from '../../../base/result';
import type { BpfError } from './index';
import type { Program } from './insn';
import { CompileError, CState } from './cstate';
import { explore } from './explore';
import { tokenize } from './lexer';
import { linearize } from './linearize';
import { linktypeToDlt } from './linktypes';
import type { Completed } from './parser';
import { FilterParseFailure, completedRoots, parseFilter, scannerError } from './parser';
import type { Spans } from './compile';
import { gen, generate } from './compile';
import { genArthTree } from './gen-arith';

/**
 * libpcap generates code while parsing, so an error in a construct completed before a syntax
 * (or scanner) error is the one it reports. Returns that message, if any.
 */
function earlierCompileError(
  completed: Completed[],
  dlt: number,
  snaplen: number,
  spans: Spans,
): BpfError | null {
  const cs = new CState(dlt, snaplen);
  try {
    for (const { item } of completedRoots(completed)) {
      if (item.k === 'imm' || item.k === 'len' || item.k === 'load' || item.k === 'bin' || item.k === 'neg') {
        genArthTree(cs, item);
      } else {
        gen(cs, item, spans);
      }
    }
  } catch (e) {
    if (e instanceof CompileError) return { message: e.message, from: e.from, to: e.to };
    throw e;
  }
  return null;
}

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
  const dlt = linktypeToDlt(linktype);
  const tokens = tokenize(expr);
  let parsed;
  try {
    parsed = parseFilter(tokens);
  } catch (e) {
    if (!(e instanceof FilterParseFailure)) throw e;
    const earlier = earlierCompileError(e.completed, dlt, snaplen, e.spans);
    if (earlier !== null) return err(earlier);
    return err({ message: e.message, from: e.error.from, to: e.error.to });
  }
  const node = parsed.node;
  // A malformed IPv6 or MAC address is reported even when the expression otherwise parses.
  const bad = scannerError(tokens);
  if (bad) {
    const earlier = earlierCompileError(
      parsed.completed.filter((c) => c.end <= bad.index),
      dlt,
      snaplen,
      parsed.spans,
    );
    if (earlier !== null) return err(earlier);
    return err({ message: bad.token.error as string, from: bad.token.from, to: bad.token.to });
  }
  let program: Program;
  let optimized: boolean;
  try {
    const cs = new CState(dlt, snaplen);
    program = linearize(generate(cs, node, parsed.spans));
    optimized = !cs.noOptimize;
  } catch (e) {
    if (e instanceof CompileError) return err({ message: e.message, from: e.from, to: e.to });
    throw e;
  }
  // libpcap's optimizer notices when no packet can match, and pcap_compile then fails.
  if (optimized && explore(program, null) === 'reject')
    return err({ message: 'expression rejects all packets' });
  return ok({ program, optimized });
}
