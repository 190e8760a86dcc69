/**
 * Lays the block graph out as an instruction array the way libpcap does (depth first, false
 * branch before true branch, filled from the end), so `dump()` matches `tcpdump -d -O`.
 * Branches too far for an 8-bit offset get an extra "ja", and layout is retried.
 */
import type { Block, Program, Stmt } from './insn';
import { BPF_JA, BPF_JMP, bpfClass } from './insn';

interface Insn {
  code: number;
  k: number;
  jt: number;
  jf: number;
}

/** Visit marks: a fresh generation number per pass, stored on the blocks. */
interface Layout {
  mark: number;
}
const isMarked = (b: Block, l: Layout): boolean => b.mark === l.mark;
let generationCounter = 1;
const newLayout = (): Layout => ({ mark: generationCounter++ });

function countInsns(b: Block | null, layout: Layout): number {
  if (!b || isMarked(b, layout)) return 0;
  b.mark = layout.mark;
  return countInsns(b.jt, layout) + countInsns(b.jf, layout) + b.stmts.length + 1 + b.longjt + b.longjf;
}

/** Fills `out` from `tail` downwards; returns false (after flagging the branch) when a jump needs a long form. */
function convert(b: Block | null, layout: Layout, out: Insn[], state: { tail: number }): boolean {
  if (!b || isMarked(b, layout)) return true;
  b.mark = layout.mark;
  if (!convert(b.jf, layout, out, state)) return false;
  if (!convert(b.jt, layout, out, state)) return false;
  const slen = b.stmts.length;
  state.tail -= slen + 1 + b.longjt + b.longjf;
  b.offset = state.tail;
  let dst = state.tail;
  b.stmts.forEach((s: Stmt, off: number) => {
    const insn: Insn = { code: s.code, k: s.k, jt: 0, jf: 0 };
    if (bpfClass(s.code) === BPF_JMP && s.code !== (BPF_JMP | BPF_JA)) {
      // A conditional jump inside a statement list: targets are later statements of the list.
      const jt = s.jt ? b.stmts.indexOf(s.jt) : -1;
      const jf = s.jf ? b.stmts.indexOf(s.jf) : -1;
      insn.jt = jt - off - 1;
      insn.jf = jf - off - 1;
    }
    out[dst++] = insn;
  });
  const last: Insn = { code: b.code, k: b.k, jt: 0, jf: 0 };
  out[dst] = last;
  if (b.jt && b.jf) {
    let extra = 0;
    let off = b.jt.offset - (b.offset + slen) - 1;
    if (off >= 256) {
      if (b.longjt === 0) {
        b.longjt++;
        return false;
      }
      last.jt = extra;
      extra++;
      out[dst + extra] = { code: BPF_JMP | BPF_JA, k: off - extra, jt: 0, jf: 0 };
    } else {
      last.jt = off;
    }
    off = b.jf.offset - (b.offset + slen) - 1;
    if (off >= 256) {
      if (b.longjf === 0) {
        b.longjf++;
        return false;
      }
      last.jf = extra;
      extra++;
      out[dst + extra] = { code: BPF_JMP | BPF_JA, k: off - extra, jt: 0, jf: 0 };
    } else {
      last.jf = off;
    }
  }
  return true;
}

export function linearize(root: Block): Program {
  for (;;) {
    const n = countInsns(root, newLayout());
    const out: Insn[] = new Array<Insn>(n);
    const ok = convert(root, newLayout(), out, { tail: n });
    if (!ok) continue;
    const prog: Program = {
      code: new Uint16Array(n),
      jt: new Uint8Array(n),
      jf: new Uint8Array(n),
      k: new Uint32Array(n),
      length: n,
    };
    out.forEach((insn, i) => {
      prog.code[i] = insn.code;
      prog.jt[i] = insn.jt;
      prog.jf[i] = insn.jf;
      prog.k[i] = insn.k >>> 0;
    });
    return prog;
  }
}
