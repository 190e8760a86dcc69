/**
 * Redundant-load elimination for the JIT. Unoptimized libpcap code reloads the same packet
 * fields many times ("ldh [12]" once per protocol test). When an identical load dominates
 * another (it ran on every path to it, from the same offset, with the same index register
 * value), the later one reuses its value and skips the bounds check; a bounds check is also
 * dropped when a dominating fixed-offset load already reached at least as far. Loads that
 * succeed give the same values, so this changes nothing but speed.
 */
import type { Program } from './insn';
import {
  BPF_ABS,
  BPF_B,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JMP,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_MSH,
  BPF_RET,
} from './insn';

export interface LoadPlan {
  /** For each pc: the pc of an identical dominating load whose value to reuse, or -1. */
  reuse: Int32Array;
  /** For each pc: whether its value must be kept for a later reuse. */
  keep: Uint8Array;
  /** For each pc: whether the bounds check can be skipped. */
  proven: Uint8Array;
}

const width = (code: number): number => ((code & 0x18) === BPF_B ? 1 : (code & 0x18) === BPF_H ? 2 : 4);

function successors(p: Program, pc: number): number[] {
  const code = p.code[pc];
  if ((code & 0x07) === BPF_RET) return [];
  if ((code & 0x07) === BPF_JMP) {
    if ((code & 0xf0) === BPF_JA) return [pc + 1 + p.k[pc]];
    return [pc + 1 + p.jt[pc], pc + 1 + p.jf[pc]];
  }
  return [pc + 1];
}

/** Plans load reuse for a program whose jumps all go forward. */
export function planLoads(p: Program): LoadPlan {
  const n = p.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let pc = 0; pc < n; pc++) for (const s of successors(p, pc)) if (s < n) preds[s].push(pc);

  // Immediate dominators; instruction order is a topological order (jumps go forward).
  const idom = new Int32Array(n).fill(-2);
  idom[0] = -1;
  for (let pc = 1; pc < n; pc++) {
    let d = -2;
    for (const q of preds[pc]) {
      if (idom[q] === -2) continue; // unreachable predecessor
      if (d === -2) {
        d = q;
        continue;
      }
      let a = d;
      let b = q;
      while (a !== b) {
        while (a > b) a = idom[a];
        while (b > a) b = idom[b];
      }
      d = a;
    }
    idom[pc] = d;
  }

  // What the index register holds, when it is a pure function of the packet.
  const xIn: (string | null)[] = new Array<string | null>(n).fill(null);
  const xOut: (string | null)[] = new Array<string | null>(n).fill(null);
  for (let pc = 0; pc < n; pc++) {
    if (pc === 0) xIn[pc] = 'i0';
    else {
      let v: string | null | undefined;
      for (const q of preds[pc]) {
        if (idom[q] === -2) continue;
        v = v === undefined || v === xOut[q] ? xOut[q] : null;
      }
      xIn[pc] = v ?? null;
    }
    const code = p.code[pc];
    if ((code & 0x07) === BPF_LDX) {
      const mode = code & 0xe0;
      xOut[pc] =
        mode === BPF_MSH ? `m${p.k[pc]}` : mode === BPF_IMM ? `i${p.k[pc]}` : mode === BPF_LEN ? 'len' : null;
    } else if ((code & 0x07) === 0x07 /* MISC */ && (code & 0xf8) === 0 /* TAX */) {
      xOut[pc] = null;
    } else {
      xOut[pc] = xIn[pc];
    }
  }

  const key = (pc: number): string | null => {
    const code = p.code[pc];
    const cls = code & 0x07;
    const mode = code & 0xe0;
    if (cls === BPF_LD && mode === BPF_ABS) return `a${width(code)}:${p.k[pc]}`;
    if (cls === BPF_LD && mode === BPF_IND)
      return xIn[pc] === null ? null : `x${width(code)}:${p.k[pc]}:${xIn[pc]}`;
    if (cls === BPF_LDX && mode === BPF_MSH) return `m${p.k[pc]}`;
    return null;
  };
  /** Bytes a load is known to need: fixed-offset loads and index-register loads with a known X. */
  const end = (pc: number): { base: string; end: number } | null => {
    const code = p.code[pc];
    const cls = code & 0x07;
    const mode = code & 0xe0;
    if (cls === BPF_LD && mode === BPF_ABS) return { base: '', end: p.k[pc] + width(code) };
    if (cls === BPF_LDX && mode === BPF_MSH) return { base: '', end: p.k[pc] + 1 };
    if (cls === BPF_LD && mode === BPF_IND && xIn[pc] !== null)
      return { base: xIn[pc] as string, end: p.k[pc] + width(code) };
    return null;
  };

  const reuse = new Int32Array(n).fill(-1);
  const keep = new Uint8Array(n);
  const proven = new Uint8Array(n);
  for (let pc = 0; pc < n; pc++) {
    if (idom[pc] === -2) continue;
    const k = key(pc);
    if (k === null) continue;
    const mine = end(pc);
    for (let d = idom[pc]; d >= 0; d = idom[d]) {
      if (reuse[pc] < 0 && key(d) === k) {
        reuse[pc] = reuse[d] >= 0 ? reuse[d] : d;
        keep[reuse[pc]] = 1;
        break;
      }
      const e = end(d);
      if (mine && e && e.base === mine.base && e.end >= mine.end) proven[pc] = 1;
    }
  }
  return { reuse, keep, proven };
}
