/**
 * Symbolic execution of a program, standing in for what libpcap's optimizer changes.
 *
 * tcpdump runs the *optimized* program. The optimizer never changes which packets match, with
 * two visible exceptions, and both come from it proving branch outcomes by value numbering
 * (a test repeated on the same value, or an equality known true implying another false):
 *  - when no packet can reach "accept", pcap_compile fails with "expression rejects all packets";
 *  - a load whose result cannot change the outcome is removed, so a frame too short for it is
 *    not rejected ("tcp[100:4] = 0 or tcp[100:4] != 0" accepts every TCP frame).
 * Exploring the unoptimized program with unknown values for the loads that cannot be done, and
 * folding branches with the same rules, reproduces both: the outcome is the one every path
 * agrees on. Used at compile time (every packet byte unknown) and, at run time, only for frames
 * where a load fell outside the captured bytes.
 */
import { aluConst } from './alu';
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
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TXA,
  BPF_X,
  BPF_XOR,
} from './insn';

/** A register value: a known 32-bit number, or the name of an unknown one. */
type Val = number | string;

export interface PacketView {
  bytes: Uint8Array;
  start: number;
  caplen: number;
  wirelen: number;
}

export type Outcome = 'accept' | 'reject' | 'mixed' | 'unknown';

interface State {
  pc: number;
  A: Val;
  X: Val;
  mem: Val[];
  /** Known outcomes of tests: "value|jump code|constant" -> taken. */
  facts: Map<string, boolean>;
  /** Values known equal to a constant (a "jeq" taken on its true edge). */
  equal: Map<string, number>;
}

const SIZES: Record<number, number> = { [BPF_B]: 1, [BPF_H]: 2, 0: 4 };

class Explorer {
  private steps = 0;
  private accept = false;
  private reject = false;
  /** "(t-c)" terms: the value t and constant c, so "t - c == 0" can be tested as "t == c". */
  private readonly subTerms = new Map<string, [string, number]>();

  constructor(
    private readonly p: Program,
    private readonly pkt: PacketView | null,
    private readonly budget: number,
  ) {}

  run(): Outcome {
    const mem: Val[] = new Array<Val>(BPF_MEMWORDS).fill(0);
    const ok = this.walk({ pc: 0, A: 0, X: 0, mem, facts: new Map(), equal: new Map() });
    if (!ok) return 'unknown';
    if (this.accept && this.reject) return 'mixed';
    return this.accept ? 'accept' : 'reject';
  }

  private load(size: number, offset: Val, indexed = false): Val {
    const tag = (size === 4 ? 'w' : size === 2 ? 'h' : 'b') + (indexed ? 'x' : '');
    if (typeof offset === 'number' && this.pkt && offset + size <= this.pkt.caplen) {
      const { bytes, start } = this.pkt;
      let v = 0;
      for (let i = 0; i < size; i++) v = v * 256 + bytes[start + offset + i];
      return v;
    }
    return `${tag}[${offset}]`;
  }

  private alu(op: number, a: Val, b: Val): Val | null {
    if (typeof a === 'number' && typeof b === 'number') {
      const v = aluConst(op, a, b);
      // null: division by zero (the program returns 0); an operation it does not know gives 0.
      return v ?? (op === BPF_DIV || op === BPF_MOD ? null : 0);
    }
    // Identities the optimizer's constant folding sees through.
    if ((op === BPF_ADD || op === BPF_SUB || op === BPF_OR || op === BPF_XOR) && b === 0) return a;
    if (op === BPF_ADD && a === 0) return b;
    if ((op === BPF_AND || op === BPF_MUL) && (a === 0 || b === 0)) return 0;
    const key = `(${a}${op.toString(16)}${b})`;
    if (op === BPF_SUB && typeof a === 'string' && typeof b === 'number') this.subTerms.set(key, [a, b]);
    return key;
  }

  /** Explores from `s`; false when the step budget ran out. */
  private walk(s: State): boolean {
    const { p } = this;
    for (;;) {
      if (++this.steps > this.budget) return false;
      if (s.pc >= p.length) {
        this.reject = true;
        return true;
      }
      const code = p.code[s.pc];
      const k = p.k[s.pc];
      switch (code & 0x07) {
        case BPF_RET: {
          const v = (code & 0x18) === BPF_A ? s.A : k;
          if (typeof v === 'number') {
            if (v !== 0) this.accept = true;
            else this.reject = true;
          } else {
            this.accept = true;
            this.reject = true;
          }
          return true;
        }
        case BPF_LD:
        case BPF_LDX: {
          const toX = (code & 0x07) === BPF_LDX;
          let v: Val;
          switch (code & 0xe0) {
            case BPF_ABS:
              v = this.load(SIZES[code & 0x18], k);
              break;
            case BPF_IND:
              // Keyed apart from fixed-offset loads even when X is known: libpcap's value
              // numbering does not identify "ldb [x + 20]" with X = 0 and "ldb [20]".
              v = this.load(SIZES[code & 0x18], typeof s.X === 'number' ? s.X + k : `${s.X}+${k}`, true);
              break;
            case BPF_MSH: {
              const byte = this.load(1, k);
              v = typeof byte === 'number' ? (byte & 0xf) << 2 : `msh(${byte})`;
              break;
            }
            case BPF_LEN:
              v = this.pkt ? this.pkt.wirelen : 'len';
              break;
            case BPF_IMM:
              v = k;
              break;
            case BPF_MEM:
              v = s.mem[k];
              break;
            default:
              return this.unknownOutcome();
          }
          if (toX) s.X = v;
          else s.A = v;
          break;
        }
        case BPF_ST:
          s.mem[k] = s.A;
          break;
        case BPF_STX:
          s.mem[k] = s.X;
          break;
        case BPF_MISC:
          if ((code & 0xf8) === BPF_TXA) s.A = s.X;
          else s.X = s.A;
          break;
        case BPF_ALU: {
          const op = code & 0xf0;
          if (op === BPF_NEG) {
            s.A = typeof s.A === 'number' ? (0 - s.A) >>> 0 : `neg(${s.A})`;
            break;
          }
          const v = this.alu(op, s.A, (code & 0x08) === BPF_X ? s.X : k);
          if (v === null) {
            this.reject = true;
            return true;
          }
          s.A = v;
          break;
        }
        case BPF_JMP: {
          const op = code & 0xf0;
          if (op === BPF_JA) {
            s.pc += (k | 0) + 1;
            continue;
          }
          return this.branch(s, op, (code & 0x08) === BPF_X ? s.X : k);
        }
        default:
          return this.unknownOutcome();
      }
      s.pc++;
    }
  }

  private unknownOutcome(): boolean {
    this.accept = true;
    this.reject = true;
    return true;
  }

  private branch(s: State, op: number, operand: Val): boolean {
    let a = s.A;
    let b = operand;
    // "t - c == 0" is the relation "t == c" as libpcap generates it.
    if (op === BPF_JEQ && b === 0 && typeof a === 'string') {
      const sub = this.subTerms.get(a);
      if (sub) [a, b] = sub;
    }
    const pcT = s.pc + 1 + this.p.jt[s.pc];
    const pcF = s.pc + 1 + this.p.jf[s.pc];
    if (typeof a === 'number' && typeof b === 'number') {
      s.pc = test(op, a, b) ? pcT : pcF;
      return this.walk(s);
    }
    const key = `${a}|${op}|${b}`;
    let known = s.facts.get(key);
    if (known === undefined && op === BPF_JEQ && typeof a === 'string' && typeof b === 'number') {
      const eq = s.equal.get(a);
      if (eq !== undefined) known = eq === b;
    }
    if (known !== undefined) {
      s.pc = known ? pcT : pcF;
      return this.walk(s);
    }
    const t: State = { ...s, pc: pcT, mem: s.mem.slice(), facts: new Map(s.facts), equal: new Map(s.equal) };
    t.facts.set(key, true);
    if (op === BPF_JEQ && typeof a === 'string' && typeof b === 'number') t.equal.set(a, b);
    s.pc = pcF;
    s.facts.set(key, false);
    return this.walk(t) && this.walk(s);
  }
}

function test(op: number, a: number, b: number): boolean {
  switch (op) {
    case BPF_JGT:
      return a > b;
    case BPF_JGE:
      return a >= b;
    case BPF_JEQ:
      return a === b;
    case BPF_JSET:
      return (a & b) !== 0;
    default:
      return false;
  }
}

/**
 * Which outcomes are possible: with `pkt` null every packet value is unknown; otherwise only
 * the loads beyond the captured bytes are. 'unknown' when the search budget runs out.
 */
export function explore(p: Program, pkt: PacketView | null, budget = 20000): Outcome {
  return new Explorer(p, pkt, budget).run();
}
