/** Prints a program the way `tcpdump -d` does (libpcap's bpf_image). */
import type { Program } from './insn';
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
} from './insn';

const hex = (k: number): string => `#0x${(k >>> 0).toString(16)}`;
const signed = (k: number): string => `#${k | 0}`;

const ALU_NAMES: Record<number, string> = {
  [BPF_ADD]: 'add',
  [BPF_SUB]: 'sub',
  [BPF_MUL]: 'mul',
  [BPF_DIV]: 'div',
  [BPF_MOD]: 'mod',
  [BPF_AND]: 'and',
  [BPF_OR]: 'or',
  [BPF_XOR]: 'xor',
  [BPF_LSH]: 'lsh',
  [BPF_RSH]: 'rsh',
};
const JMP_NAMES: Record<number, string> = {
  [BPF_JGT]: 'jgt',
  [BPF_JGE]: 'jge',
  [BPF_JEQ]: 'jeq',
  [BPF_JSET]: 'jset',
};
const SIZE_SUFFIX: Record<number, string> = { [BPF_W]: '', [BPF_H]: 'h', [BPF_B]: 'b' };

function image(code: number, k: number): { op: string; operand: string; cond: boolean } {
  const cls = code & 0x07;
  switch (cls) {
    case BPF_RET:
      return {
        op: 'ret',
        operand: (code & 0x18) === BPF_A ? '' : (code & 0x18) === BPF_X ? 'x' : signed(k),
        cond: false,
      };
    case BPF_LD: {
      const sfx = SIZE_SUFFIX[code & 0x18] ?? '?';
      switch (code & 0xe0) {
        case BPF_ABS:
          return { op: `ld${sfx}`, operand: `[${k | 0}]`, cond: false };
        case BPF_IND:
          return { op: `ld${sfx}`, operand: `[x + ${k | 0}]`, cond: false };
        case BPF_LEN:
          return { op: 'ld', operand: '#pktlen', cond: false };
        case BPF_IMM:
          return { op: 'ld', operand: hex(k), cond: false };
        case BPF_MEM:
          return { op: 'ld', operand: `M[${k | 0}]`, cond: false };
        default:
          break;
      }
      break;
    }
    case BPF_LDX:
      switch (code & 0xe0) {
        case BPF_IMM:
          return { op: 'ldx', operand: hex(k), cond: false };
        case BPF_MEM:
          return { op: 'ldx', operand: `M[${k | 0}]`, cond: false };
        case BPF_MSH:
          return { op: 'ldxb', operand: `4*([${k | 0}]&0xf)`, cond: false };
        case BPF_LEN:
          return { op: 'ldx', operand: '#pktlen', cond: false };
        default:
          break;
      }
      break;
    case BPF_ST:
      return { op: 'st', operand: `M[${k | 0}]`, cond: false };
    case BPF_STX:
      return { op: 'stx', operand: `M[${k | 0}]`, cond: false };
    case BPF_JMP: {
      const jop = code & 0xf0;
      if (jop === BPF_JA) return { op: 'ja', operand: '', cond: false };
      const name = JMP_NAMES[jop];
      if (name) return { op: name, operand: (code & 0x08) === BPF_X ? 'x' : hex(k), cond: true };
      break;
    }
    case BPF_ALU: {
      const aop = code & 0xf0;
      if (aop === BPF_NEG) return { op: 'neg', operand: '', cond: false };
      const name = ALU_NAMES[aop];
      if (name) {
        if ((code & 0x08) === BPF_X) return { op: name, operand: 'x', cond: false };
        const bitwise = aop === BPF_AND || aop === BPF_OR || aop === BPF_XOR;
        return { op: name, operand: bitwise ? hex(k) : signed(k), cond: false };
      }
      break;
    }
    case BPF_MISC:
      if ((code & 0xf8) === BPF_TAX) return { op: 'tax', operand: '', cond: false };
      if ((code & 0xf8) === BPF_TXA) return { op: 'txa', operand: '', cond: false };
      break;
    default:
      break;
  }
  return { op: 'unimp', operand: `0x${code.toString(16)}`, cond: false };
}

/** One line per instruction, as `tcpdump -d` prints them. */
export function dumpProgram(p: Program): string {
  const lines: string[] = [];
  for (let pc = 0; pc < p.length; pc++) {
    const code = p.code[pc];
    const k = p.k[pc];
    const { op, operand, cond } = image(code, k);
    const num = String(pc).padStart(3, '0');
    if ((code & 0x07) === BPF_JMP && (code & 0xf0) === BPF_JA) {
      lines.push(`(${num}) ${'ja'.padEnd(8)} ${(pc + 1 + k) | 0}`);
    } else if (cond) {
      lines.push(
        `(${num}) ${op.padEnd(8)} ${operand.padEnd(16)} jt ${pc + 1 + p.jt[pc]}\tjf ${pc + 1 + p.jf[pc]}`,
      );
    } else {
      lines.push(`(${num}) ${op.padEnd(8)} ${operand}`);
    }
  }
  return lines.join('\n') + '\n';
}
