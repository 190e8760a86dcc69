/**
 * Runs a capture filter (BPF, tcpdump syntax) over every frame of a loaded capture, reading the
 * source in large blocks and running the compiled program on each frame in place (no copy and
 * no view per frame). The program is compiled once per interface (link types and snaplens may
 * differ between pcapng interfaces).
 */
import { err, ok, type Result } from '../../base/result';
import type { ByteSource, CaptureInterface } from '../capture/types';
import { compileBpf, type BpfError, type BpfProgram } from '../filter/bpf/index';
import type { FrameIndex } from './frame-index';

const BLOCK = 1 << 22;

export function compileForInterfaces(
  expr: string,
  interfaces: readonly CaptureInterface[],
): Result<BpfProgram[], BpfError> {
  const programs: BpfProgram[] = [];
  for (const iface of interfaces) {
    const r = compileBpf(expr, iface.linktype, iface.snaplen || undefined);
    if (!r.ok) return err(r.error);
    programs.push(r.value);
  }
  return ok(programs);
}

/** Frame numbers (1-based) of the frames in [first, last] that the programs accept. */
export function bpfFrames(
  programs: readonly BpfProgram[],
  index: FrameIndex,
  source: ByteSource,
  first = 1,
  last = index.count,
): Uint32Array {
  let out = new Uint32Array(1024);
  let n = 0;
  let blockStart = 0;
  let blockEnd = 0;
  let block: Uint8Array = new Uint8Array(0);
  for (let num = first; num <= last; num++) {
    const i = num - 1;
    const prog = programs[index.iface[i]];
    if (!prog) continue;
    const off = index.offset[i];
    const len = index.caplen[i];
    if (off < blockStart || off + len > blockEnd) {
      blockStart = off;
      // Large blocks, but never past the end: some sources (the worker's block cache) reject that.
      block = source.read(off, Math.min(Math.max(BLOCK, len), Math.max(0, source.size - off)));
      blockEnd = off + block.length;
      if (off + len > blockEnd) continue;
    }
    if (prog.matches(block, off - blockStart, len, index.origlen[i])) {
      if (n === out.length) {
        const o = new Uint32Array(out.length * 2);
        o.set(out);
        out = o;
      }
      out[n++] = num;
    }
  }
  return out.slice(0, n);
}
