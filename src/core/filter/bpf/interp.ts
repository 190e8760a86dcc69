/**
 * Classic BPF interpreter with libpcap's semantics: a load outside the captured bytes stops
 * the program (reported as OUT_OF_BOUNDS), division by a zero X rejects it, shifts by 32 or more give 0, `len` is the
 * original (wire) length. Nothing is allocated per packet: the scratch memory belongs to the
 * program (generated code always stores before it loads) and registers are locals.
 */
import type { Program } from './insn';
import {
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
  BPF_K,
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
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
  BPF_A,
} from './insn';

const LD_W_ABS = BPF_LD | BPF_W | BPF_ABS;
const LD_H_ABS = BPF_LD | BPF_H | BPF_ABS;
const LD_B_ABS = BPF_LD | BPF_B | BPF_ABS;
const LD_W_IND = BPF_LD | BPF_W | BPF_IND;
const LD_H_IND = BPF_LD | BPF_H | BPF_IND;
const LD_B_IND = BPF_LD | BPF_B | BPF_IND;
const LD_W_LEN = BPF_LD | BPF_W | BPF_LEN;
const LDX_W_LEN = BPF_LDX | BPF_W | BPF_LEN;
const LD_IMM = BPF_LD | BPF_IMM;
const LDX_IMM = BPF_LDX | BPF_IMM;
const LD_MEM = BPF_LD | BPF_MEM;
const LDX_MEM = BPF_LDX | BPF_MEM;
const LDX_MSH_B = BPF_LDX | BPF_MSH | BPF_B;
const ST = BPF_ST;
const STX = BPF_STX;
const JA = BPF_JMP | BPF_JA;
const JGT_K = BPF_JMP | BPF_JGT | BPF_K;
const JGE_K = BPF_JMP | BPF_JGE | BPF_K;
const JEQ_K = BPF_JMP | BPF_JEQ | BPF_K;
const JSET_K = BPF_JMP | BPF_JSET | BPF_K;
const JGT_X = BPF_JMP | BPF_JGT | BPF_X;
const JGE_X = BPF_JMP | BPF_JGE | BPF_X;
const JEQ_X = BPF_JMP | BPF_JEQ | BPF_X;
const JSET_X = BPF_JMP | BPF_JSET | BPF_X;
const RET_K = BPF_RET | BPF_K;
const RET_A = BPF_RET | BPF_A;
const TAX = BPF_MISC | BPF_TAX;
const TXA = BPF_MISC | BPF_TXA;
const NEG = BPF_ALU | BPF_NEG;
const alu = (op: number, src: number): number => BPF_ALU | op | src;
const ADD_K = alu(BPF_ADD, BPF_K);
const SUB_K = alu(BPF_SUB, BPF_K);
const MUL_K = alu(BPF_MUL, BPF_K);
const DIV_K = alu(BPF_DIV, BPF_K);
const MOD_K = alu(BPF_MOD, BPF_K);
const AND_K = alu(BPF_AND, BPF_K);
const OR_K = alu(BPF_OR, BPF_K);
const XOR_K = alu(BPF_XOR, BPF_K);
const LSH_K = alu(BPF_LSH, BPF_K);
const RSH_K = alu(BPF_RSH, BPF_K);
const ADD_X = alu(BPF_ADD, BPF_X);
const SUB_X = alu(BPF_SUB, BPF_X);
const MUL_X = alu(BPF_MUL, BPF_X);
const DIV_X = alu(BPF_DIV, BPF_X);
const MOD_X = alu(BPF_MOD, BPF_X);
const AND_X = alu(BPF_AND, BPF_X);
const OR_X = alu(BPF_OR, BPF_X);
const XOR_X = alu(BPF_XOR, BPF_X);
const LSH_X = alu(BPF_LSH, BPF_X);
const RSH_X = alu(BPF_RSH, BPF_X);

/**
 * Signature of a runnable filter: the return value (0 = reject, otherwise the snapshot length),
 * or OUT_OF_BOUNDS when a load fell outside the captured bytes (the kernel/libpcap reject then,
 * unless the optimizer had removed that load; see explore.ts).
 */
export const OUT_OF_BOUNDS = -1;

export type Runner = (bytes: Uint8Array, start: number, caplen: number, wirelen: number) => number;

/** Builds the interpreter loop for one program. */
export function makeInterpreter(p: Program): Runner {
  const code = Int32Array.from(p.code);
  const kk = Float64Array.from(p.k);
  const jt = Int32Array.from(p.jt);
  const jf = Int32Array.from(p.jf);
  const n = p.length;
  const mem = new Float64Array(BPF_MEMWORDS);
  return (b: Uint8Array, s: number, caplen: number, wirelen: number): number => {
    let A = 0;
    let X = 0;
    let pc = 0;
    while (pc < n) {
      const k = kk[pc];
      switch (code[pc]) {
        case RET_K:
          return k;
        case RET_A:
          return A;
        case LD_W_ABS:
          if (k + 4 > caplen) return OUT_OF_BOUNDS;
          A = ((b[s + k] << 24) | (b[s + k + 1] << 16) | (b[s + k + 2] << 8) | b[s + k + 3]) >>> 0;
          break;
        case LD_H_ABS:
          if (k + 2 > caplen) return OUT_OF_BOUNDS;
          A = (b[s + k] << 8) | b[s + k + 1];
          break;
        case LD_B_ABS:
          if (k >= caplen) return OUT_OF_BOUNDS;
          A = b[s + k];
          break;
        case LD_W_IND: {
          const o = X + k;
          if (o + 4 > caplen) return OUT_OF_BOUNDS;
          A = ((b[s + o] << 24) | (b[s + o + 1] << 16) | (b[s + o + 2] << 8) | b[s + o + 3]) >>> 0;
          break;
        }
        case LD_H_IND: {
          const o = X + k;
          if (o + 2 > caplen) return OUT_OF_BOUNDS;
          A = (b[s + o] << 8) | b[s + o + 1];
          break;
        }
        case LD_B_IND: {
          const o = X + k;
          if (o >= caplen) return OUT_OF_BOUNDS;
          A = b[s + o];
          break;
        }
        case LD_W_LEN:
          A = wirelen;
          break;
        case LDX_W_LEN:
          X = wirelen;
          break;
        case LD_IMM:
          A = k;
          break;
        case LDX_IMM:
          X = k;
          break;
        case LD_MEM:
          A = mem[k];
          break;
        case LDX_MEM:
          X = mem[k];
          break;
        case LDX_MSH_B:
          if (k >= caplen) return OUT_OF_BOUNDS;
          X = (b[s + k] & 0xf) << 2;
          break;
        case ST:
          mem[k] = A;
          break;
        case STX:
          mem[k] = X;
          break;
        case JA:
          // Signed: protochain loops back.
          pc += k | 0;
          break;
        case JGT_K:
          pc += A > k ? jt[pc] : jf[pc];
          break;
        case JGE_K:
          pc += A >= k ? jt[pc] : jf[pc];
          break;
        case JEQ_K:
          pc += A === k ? jt[pc] : jf[pc];
          break;
        case JSET_K:
          pc += (A & k) !== 0 ? jt[pc] : jf[pc];
          break;
        case JGT_X:
          pc += A > X ? jt[pc] : jf[pc];
          break;
        case JGE_X:
          pc += A >= X ? jt[pc] : jf[pc];
          break;
        case JEQ_X:
          pc += A === X ? jt[pc] : jf[pc];
          break;
        case JSET_X:
          pc += (A & X) !== 0 ? jt[pc] : jf[pc];
          break;
        case ADD_X:
          A = (A + X) >>> 0;
          break;
        case SUB_X:
          A = (A - X) >>> 0;
          break;
        case MUL_X:
          A = Math.imul(A, X) >>> 0;
          break;
        case DIV_X:
          if (X === 0) return 0;
          A = Math.floor(A / X);
          break;
        case MOD_X:
          if (X === 0) return 0;
          A = A % X;
          break;
        case AND_X:
          A = (A & X) >>> 0;
          break;
        case OR_X:
          A = (A | X) >>> 0;
          break;
        case XOR_X:
          A = (A ^ X) >>> 0;
          break;
        case LSH_X:
          A = X < 32 ? (A << X) >>> 0 : 0;
          break;
        case RSH_X:
          A = X < 32 ? A >>> X : 0;
          break;
        case ADD_K:
          A = (A + k) >>> 0;
          break;
        case SUB_K:
          A = (A - k) >>> 0;
          break;
        case MUL_K:
          A = Math.imul(A, k) >>> 0;
          break;
        case DIV_K:
          if (k === 0) return 0;
          A = Math.floor(A / k);
          break;
        case MOD_K:
          if (k === 0) return 0;
          A = A % k;
          break;
        case AND_K:
          A = (A & k) >>> 0;
          break;
        case OR_K:
          A = (A | k) >>> 0;
          break;
        case XOR_K:
          A = (A ^ k) >>> 0;
          break;
        case LSH_K:
          A = k < 32 ? (A << k) >>> 0 : 0;
          break;
        case RSH_K:
          A = k < 32 ? A >>> k : 0;
          break;
        case NEG:
          A = (0 - A) >>> 0;
          break;
        case TAX:
          X = A;
          break;
        case TXA:
          A = X;
          break;
        default:
          // Unknown opcodes never come out of our code generator; reject like an invalid program.
          return 0;
      }
      pc++;
    }
    return 0;
  };
}
