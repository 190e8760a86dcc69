/**
 * Classic BPF instruction encoding (the values of <net/bpf.h>), shared by the code generator,
 * the linearizer, the dumper and the interpreter.
 */

// Instruction classes.
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_RET = 0x06;
export const BPF_MISC = 0x07;

// Load sizes.
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;

// Load modes.
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_LEN = 0x80;
export const BPF_MSH = 0xa0;

// ALU operations.
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;

// Jump conditions.
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;

// Operand source.
export const BPF_K = 0x00;
export const BPF_X = 0x08;
export const BPF_A = 0x10;

// MISC operations.
export const BPF_TAX = 0x00;
export const BPF_TXA = 0x80;

/** Number of scratch memory words (M[0..15]). */
export const BPF_MEMWORDS = 16;

export const bpfClass = (code: number): number => code & 0x07;
export const bpfSize = (code: number): number => code & 0x18;
export const bpfMode = (code: number): number => code & 0xe0;
export const bpfOp = (code: number): number => code & 0xf0;
export const bpfSrc = (code: number): number => code & 0x08;

/**
 * One statement of a basic block. Jump statements inside a statement list (only produced by
 * `protochain`) name their targets as other statements of the same list.
 */
export interface Stmt {
  code: number;
  /** Unsigned 32-bit constant. */
  k: number;
  jt?: Stmt;
  jf?: Stmt;
}

/**
 * A basic block: statements followed by one conditional jump (or a return). While an expression
 * is being built, `jt`/`jf` on the not-yet-resolved side double as the links of the block's
 * exit list, and `sense` says which side that is — exactly as libpcap's code generator does, so
 * that block graphs (and therefore the emitted instruction order) come out identical.
 */
export interface Block {
  id: number;
  stmts: Stmt[];
  code: number;
  k: number;
  jt: Block | null;
  jf: Block | null;
  sense: boolean;
  head: Block;
  // Linearization state.
  mark: number;
  offset: number;
  longjt: number;
  longjf: number;
}

/** The final program, one instruction per index. */
export interface Program {
  code: Uint16Array;
  jt: Uint8Array;
  jf: Uint8Array;
  k: Uint32Array;
  length: number;
}
