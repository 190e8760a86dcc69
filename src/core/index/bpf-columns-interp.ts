/**
 * Runs a specialised capture filter (bpf-specialise.ts) without generating code, for where the
 * Content-Security-Policy forbids it. The operations are first compacted: jump-target markers,
 * writes nobody reads (most constants the specialisation left behind) and jumps to where control
 * goes anyway are dropped, and jumps to jumps go straight to the end of the chain; what remains
 * is flattened into typed arrays and run by a switch loop, nothing allocated per frame.
 */
import { BPF_DIV, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_MOD } from '../filter/bpf/insn';
import { aluConst } from '../filter/bpf/alu';
import { WORD } from './bpf-plain-layout';
import * as spec from './bpf-specialise';
import type { ColPart, Op, Specialised } from './bpf-specialise';

// Imported constants copied into module constants: the hot loop then reads no import binding
// (some module loaders turn those into getter calls).
const ACCEPT = spec.ACCEPT;
const REJECT = spec.REJECT;
const UNDECIDED = spec.UNDECIDED;
const JGT = BPF_JGT;
const JGE = BPF_JGE;
const JEQ = BPF_JEQ;
const W_S = WORD.S;
const W_D = WORD.D;
const W_SP = WORD.SP;
const W_DP = WORD.DP;
const W_D6 = WORD.D6;

/** Runs one frame: the arguments of a ColumnDecider. */
export type Decide = (
  kind: number,
  s: number,
  d: number,
  sp: number,
  dp: number,
  caplen: number,
  wirelen: number,
  W: Uint32Array,
) => number;

const A_LIVE = 1;
const X_LIVE = 2;
const memLive = (k: number): number => 4 << k;
const regLive = (r: 'A' | 'X'): number => (r === 'A' ? A_LIVE : X_LIVE);

/** Registers an operation reads and writes; `removable` when writing is all it does. */
function effects(op: Op): { reads: number; writes: number; removable: boolean } {
  switch (op.o) {
    case 'pc':
      return { reads: 0, writes: 0, removable: true };
    case 'set':
    case 'len':
      return { reads: 0, writes: regLive(op.reg), removable: true };
    case 'col':
      return { reads: 0, writes: A_LIVE, removable: true };
    case 'msh':
      return { reads: 0, writes: X_LIVE, removable: true };
    case 'ldmem':
      return { reads: memLive(op.k), writes: regLive(op.reg), removable: true };
    case 'st':
      return { reads: regLive(op.reg), writes: memLive(op.k), removable: true };
    case 'tax':
      return { reads: A_LIVE, writes: X_LIVE, removable: true };
    case 'txa':
      return { reads: X_LIVE, writes: A_LIVE, removable: true };
    case 'neg':
      return { reads: A_LIVE, writes: A_LIVE, removable: true };
    case 'alu':
      // Division by zero answers REJECT: that one is not just a write.
      return {
        reads: A_LIVE | (op.x ? X_LIVE : 0),
        writes: A_LIVE,
        removable: op.op !== BPF_DIV && op.op !== BPF_MOD,
      };
    case 'retA':
      return { reads: A_LIVE, writes: 0, removable: false };
    case 'if':
      return { reads: A_LIVE | (op.x ? X_LIVE : 0), writes: 0, removable: false };
    default:
      return { reads: 0, writes: 0, removable: false };
  }
}

/**
 * The operations to run, with jump targets as indices into them. Forward jumps only: every
 * successor of an operation comes after it, so one backward pass computes liveness.
 */
export function compact(sp: Specialised): { ops: Op[]; jt: number[]; jf: number[] } {
  const ops: Op[] = [...sp.ops, { o: 'ret', v: sp.end }];
  const end = ops.length - 1;
  const at = new Map<number, number>();
  ops.forEach((op, i) => {
    if (op.o === 'pc') at.set(op.pc, i);
  });
  const target = (pc: number): number => (pc >= sp.n ? end : (at.get(pc) ?? end));
  const succ = (i: number): number[] => {
    const op = ops[i];
    if (op.o === 'ret' || op.o === 'retA') return [];
    if (op.o === 'goto') return [target(op.t)];
    if (op.o === 'if') return [target(op.t), target(op.f)];
    return [i + 1];
  };
  const keep = new Array<boolean>(ops.length).fill(true);
  const liveIn = new Int32Array(ops.length);
  for (let i = end; i >= 0; i--) {
    let out = 0;
    for (const s of succ(i)) out |= liveIn[s];
    const e = effects(ops[i]);
    if (e.removable && (e.writes & out) === 0) {
      keep[i] = false;
      liveIn[i] = out;
    } else {
      liveIn[i] = (out & ~e.writes) | e.reads;
    }
  }
  /** The first kept operation at or after each index. */
  const forward = (): Int32Array => {
    const f = new Int32Array(ops.length);
    let next = end;
    for (let i = end; i >= 0; i--) {
      if (keep[i]) next = i;
      f[i] = next;
    }
    return f;
  };
  const f1 = forward();
  ops.forEach((op, i) => {
    // A jump to where control would go anyway.
    if (op.o === 'goto' && i < end && f1[target(op.t)] === f1[i + 1]) keep[i] = false;
  });
  const fw = forward();
  const index = new Int32Array(ops.length).fill(-1);
  const kept: Op[] = [];
  ops.forEach((op, i) => {
    if (keep[i]) index[i] = kept.push(op) - 1;
  });
  const jt = new Array<number>(kept.length).fill(0);
  const jf = new Array<number>(kept.length).fill(0);
  const resolve = (pc: number): number => index[fw[target(pc)]];
  // From the end: a jump's target that is itself a jump already knows where its chain ends.
  for (let i = kept.length - 1; i >= 0; i--) {
    const op = kept[i];
    const thread = (t: number): number => (kept[t].o === 'goto' ? jt[t] : t);
    if (op.o === 'goto') jt[i] = thread(resolve(op.t));
    else if (op.o === 'if') {
      jt[i] = thread(resolve(op.t));
      jf[i] = thread(resolve(op.f));
    }
  }
  return { ops: kept, jt, jf };
}

// Operation codes of the interpreter (one typed-array slot per operation).
const I_PC = 0;
const I_RET = 1;
const I_RETA = 2;
const I_GUARD = 3;
const I_SET_A = 4;
const I_SET_X = 5;
const I_COL = 6;
const I_MSH = 7;
const I_LEN_A = 8;
const I_LEN_X = 9;
const I_LDMEM_A = 10;
const I_LDMEM_X = 11;
const I_ST_A = 12;
const I_ST_X = 13;
const I_TAX = 14;
const I_TXA = 15;
const I_ALU_K = 16;
const I_ALU_X = 17;
const I_NEG = 18;
const I_GOTO = 19;
const I_IF_K = 20;
const I_IF_X = 21;
/** A column load and the test on it that follows: one dispatch for the commonest pair. */
const I_COL_IF = 22;

/** Value of column word `w` (WORD) for a frame. */
function columnWord(w: number, s: number, d: number, sp: number, dp: number, W: Uint32Array): number {
  if (w === W_S) return s;
  if (w === W_D) return d;
  if (w === W_SP) return sp;
  if (w === W_DP) return dp;
  return W[(w < W_D6 ? s : d) * 4 + (w & 3)];
}

/**
 * Runs one specialised program without generating code: its operations flattened into typed
 * arrays (jump targets resolved to operation indices), column parts in their own arrays.
 */
/** A decider running the compacted operations of `sp`. */
export function interpreter(sp: Specialised): Decide {
  const { ops, jt: tt, jf: ff } = compact(sp);
  const count = ops.length;
  const code = new Uint8Array(count);
  const arg = new Float64Array(count);
  const sub = new Uint8Array(count);
  const jt = Int32Array.from(tt);
  const jf = Int32Array.from(ff);
  /** Column parts of COL/MSH operation i: partFrom[i] .. partFrom[i] + partCount[i]. */
  const partFrom = new Int32Array(count);
  const partCount = new Uint8Array(count);
  const parts: ColPart[] = [];
  let usesMemory = false;
  ops.forEach((op, i) => {
    switch (op.o) {
      case 'pc':
        code[i] = I_PC;
        break;
      case 'ret':
        code[i] = I_RET;
        arg[i] = op.v;
        break;
      case 'retA':
        code[i] = I_RETA;
        break;
      case 'guard':
        code[i] = I_GUARD;
        arg[i] = op.end;
        break;
      case 'set':
        code[i] = op.reg === 'A' ? I_SET_A : I_SET_X;
        arg[i] = op.v;
        break;
      case 'col':
        code[i] = I_COL;
        arg[i] = op.konst;
        partFrom[i] = parts.length;
        partCount[i] = op.parts.length;
        parts.push(...op.parts);
        break;
      case 'msh':
        code[i] = I_MSH;
        partFrom[i] = parts.length;
        partCount[i] = 1;
        parts.push(op.part);
        break;
      case 'len':
        code[i] = op.reg === 'A' ? I_LEN_A : I_LEN_X;
        break;
      case 'ldmem':
        usesMemory = true;
        code[i] = op.reg === 'A' ? I_LDMEM_A : I_LDMEM_X;
        arg[i] = op.k;
        break;
      case 'st':
        usesMemory = true;
        code[i] = op.reg === 'A' ? I_ST_A : I_ST_X;
        arg[i] = op.k;
        break;
      case 'tax':
        code[i] = I_TAX;
        break;
      case 'txa':
        code[i] = I_TXA;
        break;
      case 'alu':
        code[i] = op.x ? I_ALU_X : I_ALU_K;
        sub[i] = op.op;
        arg[i] = op.k;
        break;
      case 'neg':
        code[i] = I_NEG;
        break;
      case 'goto':
        code[i] = I_GOTO;
        break;
      case 'if':
        code[i] = op.x ? I_IF_X : I_IF_K;
        sub[i] = op.op;
        arg[i] = op.k;
        break;
    }
  });
  // Fuse each column load with a test on a constant right after it. The test stays in place for
  // jumps that land on it.
  const k2 = new Float64Array(count);
  for (let i = 0; i + 1 < count; i++) {
    const next = ops[i + 1];
    if (ops[i].o === 'col' && next.o === 'if' && !next.x) {
      code[i] = I_COL_IF;
      sub[i] = next.op;
      k2[i] = next.k;
      jt[i] = jt[i + 1];
      jf[i] = jf[i + 1];
    }
  }
  const pWord = Uint8Array.from(parts, (p) => p.word);
  const pShift = Uint8Array.from(parts, (p) => p.bits - 8 * (p.pos + p.len));
  const pMask = Float64Array.from(parts, (p) => 2 ** (8 * p.len) - 1);
  const pScale = Float64Array.from(parts, (p) => 2 ** p.lshift);
  const mem = new Float64Array(16);

  return (_kind, s, d, spt, dpt, caplen, wirelen, W) => {
    // Scratch memory starts at 0 for every frame, as in the generated code.
    if (usesMemory) mem.fill(0);
    let A = 0;
    let X = 0;
    let ip = 0;
    for (;;) {
      switch (code[ip]) {
        case I_PC:
          break;
        case I_RET:
          return arg[ip];
        case I_RETA:
          return A !== 0 ? ACCEPT : REJECT;
        case I_GUARD:
          if (caplen < arg[ip]) return UNDECIDED;
          break;
        case I_SET_A:
          A = arg[ip];
          break;
        case I_SET_X:
          X = arg[ip];
          break;
        case I_COL: {
          // Parts never overlap: adding their unsigned values is or-ing them.
          let v = arg[ip];
          for (let j = partFrom[ip]; j < partFrom[ip] + partCount[ip]; j++) {
            const w = columnWord(pWord[j], s, d, spt, dpt, W);
            v += (((w >>> pShift[j]) & pMask[j]) >>> 0) * pScale[j];
          }
          A = v;
          break;
        }
        case I_MSH:
          X = ((columnWord(pWord[partFrom[ip]], s, d, spt, dpt, W) >>> pShift[partFrom[ip]]) & 15) << 2;
          break;
        case I_LEN_A:
          A = wirelen;
          break;
        case I_LEN_X:
          X = wirelen;
          break;
        case I_LDMEM_A:
          A = mem[arg[ip]];
          break;
        case I_LDMEM_X:
          X = mem[arg[ip]];
          break;
        case I_ST_A:
          mem[arg[ip]] = A;
          break;
        case I_ST_X:
          mem[arg[ip]] = X;
          break;
        case I_TAX:
          X = A;
          break;
        case I_TXA:
          A = X;
          break;
        case I_ALU_K:
        case I_ALU_X: {
          const v = aluConst(sub[ip], A, code[ip] === I_ALU_X ? X : arg[ip]);
          // Division by zero: the interpreter returns 0 (other operations never give null here).
          if (v === null) return REJECT;
          A = v;
          break;
        }
        case I_NEG:
          A = (0 - A) >>> 0;
          break;
        case I_GOTO:
          ip = jt[ip];
          continue;
        case I_COL_IF: {
          let v = arg[ip];
          for (let j = partFrom[ip]; j < partFrom[ip] + partCount[ip]; j++) {
            const w = columnWord(pWord[j], s, d, spt, dpt, W);
            v += (((w >>> pShift[j]) & pMask[j]) >>> 0) * pScale[j];
          }
          A = v;
          const rhs = k2[ip];
          const op = sub[ip];
          const c = op === JGT ? A > rhs : op === JGE ? A >= rhs : op === JEQ ? A === rhs : (A & rhs) !== 0;
          ip = c ? jt[ip] : jf[ip];
          continue;
        }
        case I_IF_K:
        case I_IF_X: {
          const rhs = code[ip] === I_IF_X ? X : arg[ip];
          const op = sub[ip];
          const c = op === JGT ? A > rhs : op === JGE ? A >= rhs : op === JEQ ? A === rhs : (A & rhs) !== 0;
          ip = c ? jt[ip] : jf[ip];
          continue;
        }
        default:
          return UNDECIDED;
      }
      ip++;
    }
  };
}
