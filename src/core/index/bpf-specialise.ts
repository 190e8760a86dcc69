/**
 * Specialises a BPF program for one kind of plain frame (bpf-plain-layout.ts): a single forward
 * pass (BPF jumps only go forward) computes, for each instruction, what its registers hold when
 * it runs (the join of what reaches it; bpf-abstract.ts) and writes the program again as a list
 * of operations on the frame's columns. Constant bytes fold tests away (a test decided by
 * constants sends nothing down its other edge); address and port loads become column reads;
 * `len` is the frame's wire length.
 *
 * Wherever the program would test bits the columns do not hold, compute a load offset from
 * them, or read past the bytes the frame is known to have captured (where the real run could
 * fall off the end), the operations answer UNDECIDED and the caller runs the program on the
 * frame's bytes. A decided answer is the program's own: the operations follow the program's
 * path with the program's values. bpf-columns.ts turns the operations into JavaScript or runs
 * them.
 */
import { aluConst } from '../filter/bpf/alu';
import type { Program } from '../filter/bpf/insn';
import {
  BPF_A,
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TXA,
  BPF_X,
  BPF_XOR,
} from '../filter/bpf/insn';
import { type AbsVal, EXACT, UNKNOWN, aluPartial, join, konst, partial, testKnown } from './bpf-abstract';
import type { KnownByte, PlainLayout } from './bpf-plain-layout';

export const REJECT = 0;
export const ACCEPT = 1;
export const UNDECIDED = 2;

/**
 * `len` consecutive bytes, from byte `pos` (0 = most significant), of column word `word`
 * (`bits` wide), shifted left by `lshift` bits: one run of a load that spans columns.
 */
export interface ColPart {
  word: number;
  bits: 32 | 16;
  pos: number;
  len: number;
  lshift: number;
}

export type Reg = 'A' | 'X';

/** One operation of a specialised program; `pc` fields are the program's instruction numbers. */
export type Op =
  /** Instruction `pc` starts here (a jump target, or where the previous one falls through). */
  | { o: 'pc'; pc: number }
  | { o: 'ret'; v: number }
  /** ACCEPT when A is not 0, else REJECT. */
  | { o: 'retA' }
  /** UNDECIDED when the frame holds fewer than `end` captured bytes. */
  | { o: 'guard'; end: number }
  | { o: 'set'; reg: Reg; v: number }
  /** A = konst | parts (the parts and the constant bytes do not overlap). */
  | { o: 'col'; parts: ColPart[]; konst: number }
  /** X = (one column byte & 15) << 2. */
  | { o: 'msh'; part: ColPart }
  | { o: 'len'; reg: Reg }
  | { o: 'ldmem'; reg: Reg; k: number }
  | { o: 'st'; reg: Reg; k: number }
  | { o: 'tax' }
  | { o: 'txa' }
  /** A = A op (X or k), the interpreter's arithmetic; division by zero REJECTs. */
  | { o: 'alu'; op: number; x: boolean; k: number }
  | { o: 'neg' }
  | { o: 'goto'; pc: number; t: number }
  /** Jump to `t` when "A op (X or k)" holds, else to `f`. */
  | { o: 'if'; pc: number; op: number; x: boolean; k: number; t: number; f: number };

export interface Specialised {
  layout: PlainLayout;
  /** Length of the program: jumps to `n` or beyond fall off its end. */
  n: number;
  ops: Op[];
  /** What falling off the end answers (REJECT as the interpreter, or UNDECIDED if unreachable). */
  end: number;
}

interface State {
  A: AbsVal;
  X: AbsVal;
  mem: AbsVal[];
}

const WIDTH: Record<number, number> = { [BPF_B]: 1, [BPF_H]: 2, 0: 4 };
const ALL_BITS = 0xffffffff;
const ALU_OPS = new Set([
  BPF_ADD,
  BPF_SUB,
  BPF_MUL,
  BPF_DIV,
  BPF_MOD,
  BPF_AND,
  BPF_OR,
  BPF_XOR,
  BPF_LSH,
  BPF_RSH,
]);

function joinState(a: State | null, b: State): State {
  if (!a) return { A: b.A, X: b.X, mem: b.mem.slice() };
  return { A: join(a.A, b.A), X: join(a.X, b.X), mem: a.mem.map((m, i) => join(m, b.mem[i])) };
}

function toBits(a: AbsVal): { m: number; v: number } {
  if (a.t === 'c') return { m: ALL_BITS, v: a.v };
  if (a.t === 'p') return a;
  return { m: 0, v: 0 };
}

/** A load of `width` bytes at `off`: its value and, when exact, the operation computing it. */
function loadValue(
  layout: PlainLayout,
  off: number,
  width: number,
  toX = false,
): { val: AbsVal; op: Op | null } {
  const bs: (KnownByte | undefined)[] = [];
  for (let i = 0; i < width; i++) bs.push(Number.isSafeInteger(off + i) ? layout.bytes[off + i] : undefined);
  if (bs.every((b) => b !== undefined && b.t !== 'p') && bs.some((b) => b?.t === 'w')) {
    const parts: ColPart[] = [];
    let konstPart = 0;
    for (let i = 0; i < width;) {
      const b = bs[i] as KnownByte;
      const after = width - i;
      if (b.t === 'c') {
        konstPart += b.v * 2 ** (8 * (after - 1));
        i++;
        continue;
      }
      if (b.t !== 'w') throw new Error('unreachable: partial bytes were excluded above');
      let len = 1;
      while (i + len < width) {
        const n = bs[i + len];
        if (n?.t !== 'w' || n.word !== b.word || n.pos !== b.pos + len) break;
        len++;
      }
      parts.push({ word: b.word, bits: b.bits, pos: b.pos, len, lshift: 8 * (after - len) });
      i += len;
    }
    return { val: EXACT, op: toX ? { o: 'msh', part: parts[0] } : { o: 'col', parts, konst: konstPart } };
  }
  let m = 0;
  let v = 0;
  for (let i = 0; i < width; i++) {
    const b = bs[i];
    m *= 256;
    v *= 256;
    if (b?.t === 'c') {
      m += 255;
      v += b.v;
    } else if (b?.t === 'p') {
      m += b.m;
      v += b.v;
    }
  }
  // Bits above a byte or halfword load are zero.
  const val = partial(m + (2 ** 32 - 2 ** (8 * width)), v);
  return { val, op: val.t === 'c' && !toX ? { o: 'set', reg: 'A', v: val.v } : null };
}

/** Whether every jump goes forward (protochain's loops do not). */
export function forwardOnly(p: Program): boolean {
  for (let pc = 0; pc < p.length; pc++) {
    const code = p.code[pc];
    if ((code & 0x07) === BPF_JMP && (code & 0xf0) === BPF_JA && (p.k[pc] | 0) < 0) return false;
  }
  return true;
}

/** Scratch memory words the program uses. */
export function usedMemory(p: Program): number[] {
  const used = new Set<number>();
  for (let pc = 0; pc < p.length; pc++) {
    const code = p.code[pc];
    const cls = code & 0x07;
    const isMem =
      cls === BPF_ST || cls === BPF_STX || ((cls === BPF_LD || cls === BPF_LDX) && (code & 0xe0) === BPF_MEM);
    if (isMem && p.k[pc] < BPF_MEMWORDS) used.add(p.k[pc]);
  }
  return [...used].sort((a, b) => a - b);
}

/** The program specialised for frames of `layout` (forward jumps only: see forwardOnly). */
export function specialise(p: Program, layout: PlainLayout): Specialised {
  const n = p.length;
  const states: (State | null)[] = new Array<State | null>(n + 1).fill(null);
  states[0] = { A: konst(0), X: konst(0), mem: new Array<AbsVal>(BPF_MEMWORDS).fill(konst(0)) };
  const ops: Op[] = [{ o: 'guard', end: layout.minCaplen }];
  const flow = (to: number, s: State): void => {
    if (to <= n) states[to] = joinState(states[to], s);
  };
  const undecided: Op = { o: 'ret', v: UNDECIDED };
  const guard = (end: number): void => {
    if (end > layout.minCaplen) ops.push({ o: 'guard', end });
  };

  for (let pc = 0; pc < n; pc++) {
    const st = states[pc];
    if (!st) continue;
    ops.push({ o: 'pc', pc });
    const s: State = { A: st.A, X: st.X, mem: st.mem.slice() };
    const code = p.code[pc];
    const k = p.k[pc] >>> 0;
    let next = true;
    const stop = (op: Op): void => {
      ops.push(op);
      next = false;
    };
    switch (code & 0x07) {
      case BPF_RET: {
        if ((code & 0x18) !== BPF_A) stop({ o: 'ret', v: k !== 0 ? ACCEPT : REJECT });
        else if (s.A.t === 'e') stop({ o: 'retA' });
        else {
          const nonZero = testKnown(BPF_JSET, s.A, konst(ALL_BITS));
          stop({ o: 'ret', v: nonZero === null ? UNDECIDED : nonZero ? ACCEPT : REJECT });
        }
        break;
      }
      case BPF_LD:
      case BPF_LDX: {
        const toX = (code & 0x07) === BPF_LDX;
        const reg: Reg = toX ? 'X' : 'A';
        const mode = code & 0xe0;
        let val: AbsVal = UNKNOWN;
        if (mode === BPF_ABS || mode === BPF_IND) {
          // Not instructions libpcap generates; the interpreter rejects them, the bytes decide.
          if (toX) {
            stop(undecided);
            break;
          }
          // An offset that depends on the frame: the columns cannot tell which bytes are read.
          if (mode === BPF_IND && s.X.t !== 'c') {
            stop(undecided);
            break;
          }
          const off = mode === BPF_ABS ? k : (s.X as { v: number }).v + k;
          const width = WIDTH[code & 0x18];
          guard(off + width);
          const r = loadValue(layout, off, width);
          val = r.val;
          if (r.op) ops.push(r.op);
        } else if (mode === BPF_MSH) {
          if (!toX) {
            stop(undecided);
            break;
          }
          guard(k + 1);
          const r = loadValue(layout, k, 1, true);
          if (r.op) {
            val = EXACT;
            ops.push(r.op);
          } else {
            val = aluPartial(BPF_LSH, toBits(aluPartial(BPF_AND, toBits(r.val), 15)), 2);
            if (val.t === 'c') ops.push({ o: 'set', reg: 'X', v: val.v });
          }
        } else if (mode === BPF_LEN) {
          val = EXACT;
          ops.push({ o: 'len', reg });
        } else if (mode === BPF_IMM) {
          val = konst(k);
          ops.push({ o: 'set', reg, v: k });
        } else if (mode === BPF_MEM && k < BPF_MEMWORDS) {
          val = s.mem[k];
          ops.push({ o: 'ldmem', reg, k });
        } else {
          stop(undecided);
          break;
        }
        if (toX) s.X = val;
        else s.A = val;
        break;
      }
      case BPF_ST:
      case BPF_STX: {
        if (k >= BPF_MEMWORDS) {
          stop(undecided);
          break;
        }
        const reg: Reg = (code & 0x07) === BPF_STX ? 'X' : 'A';
        s.mem[k] = reg === 'X' ? s.X : s.A;
        ops.push({ o: 'st', reg, k });
        break;
      }
      case BPF_MISC:
        if ((code & 0xf8) === BPF_TXA) {
          s.A = s.X;
          ops.push({ o: 'txa' });
        } else {
          s.X = s.A;
          ops.push({ o: 'tax' });
        }
        break;
      case BPF_ALU: {
        const op = code & 0xf0;
        if (op === BPF_NEG) {
          s.A = s.A.t === 'c' ? konst(0 - s.A.v) : s.A.t === 'e' ? EXACT : UNKNOWN;
          ops.push(s.A.t === 'c' ? { o: 'set', reg: 'A', v: s.A.v } : { o: 'neg' });
          break;
        }
        if (!ALU_OPS.has(op)) {
          stop(undecided);
          break;
        }
        const x = (code & 0x08) === BPF_X;
        const rhs = x ? s.X : konst(k);
        if (s.A.t === 'c' && rhs.t === 'c') {
          const v = aluConst(op, s.A.v, rhs.v);
          if (v === null) {
            // Division by zero: the interpreter returns 0.
            stop({ o: 'ret', v: op === BPF_DIV || op === BPF_MOD ? REJECT : UNDECIDED });
            break;
          }
          s.A = konst(v);
          ops.push({ o: 'set', reg: 'A', v });
        } else if (s.A.t !== 'p' && rhs.t !== 'p') {
          s.A = EXACT;
          ops.push(rhs.t === 'c' ? { o: 'alu', op, x: false, k: rhs.v } : { o: 'alu', op, x: true, k: 0 });
        } else if (rhs.t === 'c') {
          s.A = aluPartial(op, toBits(s.A), rhs.v);
          if (s.A.t === 'c') ops.push({ o: 'set', reg: 'A', v: s.A.v });
        } else {
          s.A = UNKNOWN;
        }
        break;
      }
      case BPF_JMP: {
        const op = code & 0xf0;
        next = false;
        if (op === BPF_JA) {
          const t = pc + 1 + (p.k[pc] | 0);
          flow(t, s);
          ops.push({ o: 'goto', pc, t });
          break;
        }
        if (op !== BPF_JEQ && op !== BPF_JGT && op !== BPF_JGE && op !== BPF_JSET) {
          ops.push(undecided);
          break;
        }
        const x = (code & 0x08) === BPF_X;
        const rhs = x ? s.X : konst(k);
        const t = pc + 1 + p.jt[pc];
        const f = pc + 1 + p.jf[pc];
        const known = testKnown(op, s.A, rhs);
        if (known !== null) {
          const to = known ? t : f;
          flow(to, s);
          ops.push({ o: 'goto', pc, t: to });
        } else if (s.A.t !== 'p' && rhs.t !== 'p') {
          flow(t, s);
          flow(f, s);
          ops.push(
            rhs.t === 'c'
              ? { o: 'if', pc, op, x: false, k: rhs.v, t, f }
              : { o: 'if', pc, op, x: true, k: 0, t, f },
          );
        } else {
          ops.push(undecided);
        }
        break;
      }
      default:
        stop(undecided);
    }
    if (next) flow(pc + 1, s);
  }
  // Falling off the end rejects, as in the interpreter.
  return { layout, n, ops, end: states[n] ? REJECT : UNDECIDED };
}
