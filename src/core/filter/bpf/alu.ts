/**
 * Constant folding of a BPF ALU operation, shared by the program explorer and the index's
 * column-specialised programs.
 */
import {
  BPF_ADD,
  BPF_AND,
  BPF_DIV,
  BPF_LSH,
  BPF_MOD,
  BPF_MUL,
  BPF_OR,
  BPF_RSH,
  BPF_SUB,
  BPF_XOR,
} from './insn';

/**
 * Result of an ALU operation on two constants; null when the program returns 0 there (division
 * by zero), as the interpreter does.
 */
export function aluConst(op: number, a: number, b: number): number | null {
  switch (op) {
    case BPF_ADD:
      return (a + b) >>> 0;
    case BPF_SUB:
      return (a - b) >>> 0;
    case BPF_MUL:
      return Math.imul(a, b) >>> 0;
    case BPF_DIV:
      return b === 0 ? null : Math.floor(a / b);
    case BPF_MOD:
      return b === 0 ? null : a % b;
    case BPF_AND:
      return (a & b) >>> 0;
    case BPF_OR:
      return (a | b) >>> 0;
    case BPF_XOR:
      return (a ^ b) >>> 0;
    case BPF_LSH:
      return b < 32 ? (a << b) >>> 0 : 0;
    case BPF_RSH:
      return b < 32 ? a >>> b : 0;
    default:
      return null;
  }
}
