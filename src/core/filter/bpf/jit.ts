/**
 * Compiles a BPF program to a JavaScript function: each instruction becomes straight-line code
 * with its constants inlined and the scratch memory words become locals. BPF jumps only go
 * forward, so a jump to instruction T is `break LT`, out of a labeled block opened at the top
 * of the function and closed just before T (all such blocks start at the top, so they nest).
 * Repeated loads of the same field reuse the first value (jit-reuse.ts). Same semantics as
 * interp.ts, an order of magnitude faster. Programs with backward jumps (protochain) are left
 * to the interpreter.
 * Returns null where code generation is not allowed (a Content-Security-Policy without
 * 'unsafe-eval'); callers then use the interpreter.
 *
 * Only numbers from the compiled program are interpolated into the source, never user text.
 */
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
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from './insn';
import type { Runner } from './interp';
import { OUT_OF_BOUNDS } from './interp';
import { planLoads } from './jit-reuse';

const OOB = `return ${OUT_OF_BOUNDS};`;

function loadExpr(size: number, off: string): string {
  if (size === BPF_W) {
    return `((b[s + ${off}] << 24) | (b[s + ${off} + 1] << 16) | (b[s + ${off} + 2] << 8) | b[s + ${off} + 3]) >>> 0`;
  }
  if (size === BPF_H) return `(b[s + ${off}] << 8) | b[s + ${off} + 1]`;
  return `b[s + ${off}]`;
}

const WIDTH: Record<number, number> = { [BPF_W]: 4, [BPF_H]: 2, [BPF_B]: 1 };

function aluExpr(op: number, rhs: string, rhsIsK: boolean, k: number): string | null {
  switch (op) {
    case BPF_ADD:
      return `A = (A + ${rhs}) >>> 0;`;
    case BPF_SUB:
      return `A = (A - ${rhs}) >>> 0;`;
    case BPF_MUL:
      return `A = Math.imul(A, ${rhs}) >>> 0;`;
    case BPF_DIV:
      return rhsIsK
        ? k === 0
          ? 'return 0;'
          : `A = Math.floor(A / ${k});`
        : 'if (X === 0) return 0; A = Math.floor(A / X);';
    case BPF_MOD:
      return rhsIsK ? (k === 0 ? 'return 0;' : `A = A % ${k};`) : 'if (X === 0) return 0; A = A % X;';
    case BPF_AND:
      return `A = (A & ${rhs}) >>> 0;`;
    case BPF_OR:
      return `A = (A | ${rhs}) >>> 0;`;
    case BPF_XOR:
      return `A = (A ^ ${rhs}) >>> 0;`;
    case BPF_LSH:
      return rhsIsK ? (k < 32 ? `A = (A << ${k}) >>> 0;` : 'A = 0;') : 'A = X < 32 ? (A << X) >>> 0 : 0;';
    case BPF_RSH:
      return rhsIsK ? (k < 32 ? `A = A >>> ${k};` : 'A = 0;') : 'A = X < 32 ? A >>> X : 0;';
    default:
      return null;
  }
}

function condExpr(op: number, rhs: string): string | null {
  switch (op) {
    case BPF_JGT:
      return `A > ${rhs}`;
    case BPF_JGE:
      return `A >= ${rhs}`;
    case BPF_JEQ:
      return `A === ${rhs}`;
    case BPF_JSET:
      return `(A & ${rhs}) !== 0`;
    default:
      return null;
  }
}

/** JavaScript source of the function body, or null for an instruction it does not know. */
export function jitSource(p: Program): string | null {
  const targets = new Set<number>([0]);
  for (let pc = 0; pc < p.length; pc++) {
    const code = p.code[pc];
    if ((code & 0x07) !== BPF_JMP) continue;
    if ((code & 0xf0) === BPF_JA) targets.add((pc + 1 + p.k[pc]) | 0);
    else {
      targets.add(pc + 1 + p.jt[pc]);
      targets.add(pc + 1 + p.jf[pc]);
    }
  }
  for (let pc = 0; pc < p.length; pc++) {
    if ((p.code[pc] & 0x07) === BPF_JMP && (p.code[pc] & 0xf0) === BPF_JA && (p.k[pc] | 0) < 0) return null;
  }
  const plan = planLoads(p);
  const body: string[] = [];
  const usedMem = new Set<number>();
  const locals: string[] = [];
  /** Bounds check (unless proven by an earlier load) and, if reused later, the value's local. */
  const check = (pc: number, cond: string): string => (plan.proven[pc] ? '' : `if (${cond}) ${OOB} `);
  const store = (pc: number): string => {
    if (!plan.keep[pc]) return '';
    locals.push(`v${pc} = 0`);
    return `v${pc} = `;
  };
  targets.delete(0);
  const goto = (pc: number, target: number): string => (target === pc + 1 ? '' : `break L${target};`);
  const opened = [...targets].sort((a, b) => b - a);
  for (const t of opened) body.push(`L${t}: {`);
  for (let pc = 0; pc < p.length; pc++) {
    if (targets.has(pc)) body.push(`} // L${pc}`);
    const code = p.code[pc];
    const k = p.k[pc] >>> 0;
    let line: string | null = null;
    switch (code & 0x07) {
      case BPF_RET:
        line = (code & 0x18) === BPF_A ? 'return A;' : `return ${k};`;
        break;
      case BPF_LD:
      case BPF_LDX: {
        const reg = (code & 0x07) === BPF_LDX ? 'X' : 'A';
        const size = code & 0x18;
        switch (code & 0xe0) {
          case BPF_ABS:
            if (reg === 'X') break;
            if (plan.reuse[pc] >= 0) line = `A = v${plan.reuse[pc]};`;
            else
              line = `${check(pc, `${k + WIDTH[size]} > caplen`)}A = ${store(pc)}${loadExpr(size, String(k))};`;
            break;
          case BPF_IND:
            if (reg === 'X') break;
            if (plan.reuse[pc] >= 0) line = `A = v${plan.reuse[pc]};`;
            else {
              line = `o = X + ${k}; ${check(pc, `o + ${WIDTH[size]} > caplen`)}A = ${store(pc)}${loadExpr(size, 'o')};`;
            }
            break;
          case BPF_MSH:
            if (reg === 'A') break;
            if (plan.reuse[pc] >= 0) line = `X = v${plan.reuse[pc]};`;
            else line = `${check(pc, `${k} >= caplen`)}X = ${store(pc)}(b[s + ${k}] & 15) << 2;`;
            break;
          case BPF_LEN:
            line = `${reg} = wirelen;`;
            break;
          case BPF_IMM:
            line = `${reg} = ${k};`;
            break;
          case BPF_MEM:
            if (k > 15) break;
            usedMem.add(k);
            line = `${reg} = m${k};`;
            break;
          default:
            break;
        }
        break;
      }
      case BPF_ST:
      case BPF_STX:
        if (k > 15) break;
        usedMem.add(k);
        line = `m${k} = ${(code & 0x07) === BPF_STX ? 'X' : 'A'};`;
        break;
      case BPF_MISC:
        line = (code & 0xf8) === BPF_TXA ? 'A = X;' : 'X = A;';
        break;
      case BPF_ALU: {
        const op = code & 0xf0;
        if (op === BPF_NEG) line = 'A = (0 - A) >>> 0;';
        else if ((code & 0x08) === BPF_X) line = aluExpr(op, 'X', false, 0);
        else line = aluExpr(op, String(k), true, k);
        break;
      }
      case BPF_JMP: {
        const op = code & 0xf0;
        if (op === BPF_JA) {
          line = goto(pc, pc + 1 + k) || '/* ja next */';
          break;
        }
        const cond = condExpr(op, (code & 0x08) === BPF_X ? 'X' : String(k));
        if (!cond) break;
        const t = pc + 1 + p.jt[pc];
        const f = pc + 1 + p.jf[pc];
        if (t === f) line = goto(pc, t) || '/* both next */';
        else if (t === pc + 1) line = `if (!(${cond})) break L${f};`;
        else if (f === pc + 1) line = `if (${cond}) break L${t};`;
        else line = `if (${cond}) break L${t}; else break L${f};`;
        break;
      }
      default:
        break;
    }
    if (line === null) return null;
    body.push(line);
  }
  const mems = [...[...usedMem].map((m) => `m${m} = 0`), ...locals];
  return [
    '"use strict";',
    'return function bpf(b, s, caplen, wirelen) {',
    `let A = 0, X = 0, o = 0${mems.length ? ', ' + mems.join(', ') : ''};`,
    ...body,
    'return 0;',
    '};',
  ].join('\n');
}

/** A compiled runner, or null when this environment forbids generating code. */
export function makeJit(p: Program): Runner | null {
  const src = jitSource(p);
  if (src === null) return null;
  try {
    // The Function constructor is the point of a JIT; the source contains only numbers.
    const factory = new Function(src) as () => Runner;
    return factory();
  } catch {
    return null;
  }
}
