/**
 * Capture filters answered from the field columns: a BPF program specialised, once per kind of
 * plain frame (bpf-plain-layout.ts), into JavaScript that reads the frame's columns instead of
 * its bytes. Constant bytes (ethertype, protocol, IPv4 header length, fragment bits) fold the
 * program's tests away; address and port loads become column reads; lengths come from the
 * frame index. Wherever the program would test a byte the columns do not hold (MACs, TTL, TCP
 * flags...), compute a load offset from one, or read past the bytes the frame is known to have
 * captured (where the real run could fall off the end), the generated code answers UNDECIDED
 * and the caller runs the program on the frame's real bytes. A decided answer is therefore the
 * one the program gives on the bytes: it follows the same path with the same values.
 *
 * The data flow is a single forward pass (BPF jumps only go forward; programs with a backward
 * jump, protochain, get no specialisation): each instruction's register values are the join of
 * what reaches it, and a test decided by constants sends nothing down its other edge.
 */
import type { Program } from '../filter/bpf/insn';
import {
  BPF_A,
  BPF_ABS,
  BPF_ALU,
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
  BPF_NEG,
  BPF_RET,
  BPF_ST,
  BPF_STX,
  BPF_TXA,
  BPF_X,
  BPF_ADD,
  BPF_SUB,
  BPF_MUL,
  BPF_AND,
  BPF_OR,
  BPF_XOR,
  BPF_LSH,
  BPF_RSH,
} from '../filter/bpf/insn';
import {
  type AbsVal,
  EXACT,
  UNKNOWN,
  aluConst,
  aluPartial,
  join,
  konst,
  partial,
  testKnown,
} from './bpf-abstract';
import { PLAIN_LAYOUTS, type KnownByte, type PlainLayout } from './bpf-plain-layout';

export const REJECT = 0;
export const ACCEPT = 1;
export const UNDECIDED = 2;

/**
 * Decides a frame from its columns: `kind` (FieldColumns.kind), `s`/`d`/`sp`/`dp` (the src,
 * dst, sport, dport columns), caplen and wirelen (the frame index) and `W` (the IPv6 address
 * table as 4 big-endian words per id). Returns REJECT, ACCEPT or UNDECIDED.
 */
export type ColumnDecider = (
  kind: number,
  s: number,
  d: number,
  sp: number,
  dp: number,
  caplen: number,
  wirelen: number,
  W: Uint32Array,
) => number;

interface State {
  A: AbsVal;
  X: AbsVal;
  mem: AbsVal[];
}

const WIDTH: Record<number, number> = { [BPF_B]: 1, [BPF_H]: 2, 0: 4 };

function joinState(a: State | null, b: State): State {
  if (!a) return { A: b.A, X: b.X, mem: b.mem.slice() };
  return { A: join(a.A, b.A), X: join(a.X, b.X), mem: a.mem.map((m, i) => join(m, b.mem[i])) };
}

/** JavaScript for `bytes` (consecutive bytes of one column word), as a number. */
function runExpr(b: Extract<KnownByte, { t: 'w' }>, len: number): string {
  const shift = b.bits - 8 * (b.pos + len);
  if (shift === 0 && len * 8 === b.bits) return b.word;
  const mask = len === 4 ? '' : ` & ${2 ** (8 * len) - 1}`;
  return shift === 0 ? `(${b.word}${mask})` : `((${b.word} >>> ${shift})${mask})`;
}

/**
 * A load of `width` bytes at `off` over known bytes: its abstract value and, when exact, the
 * JavaScript computing it.
 */
function loadValue(layout: PlainLayout, off: number, width: number): { val: AbsVal; expr: string | null } {
  const bs: (KnownByte | undefined)[] = [];
  for (let i = 0; i < width; i++) bs.push(Number.isSafeInteger(off + i) ? layout.bytes[off + i] : undefined);
  if (bs.every((b) => b !== undefined && b.t !== 'p') && bs.some((b) => b?.t === 'w')) {
    const parts: string[] = [];
    let konstPart = 0;
    for (let i = 0; i < width;) {
      const b = bs[i] as KnownByte;
      const after = width - i;
      if (b.t === 'c') {
        konstPart += b.v * 2 ** (8 * (after - 1));
        i++;
        continue;
      }
      if (b.t !== 'w') throw new Error('unreachable');
      let len = 1;
      while (i + len < width) {
        const n = bs[i + len];
        if (n?.t !== 'w' || n.word !== b.word || n.pos !== b.pos + len) break;
        len++;
      }
      const shift = 8 * (after - len);
      const e = runExpr(b, len);
      parts.push(shift === 0 ? e : `(${e} << ${shift})`);
      i += len;
    }
    if (konstPart !== 0) parts.push(String(konstPart));
    const expr = parts.length === 1 && !parts[0].includes('<<') ? parts[0] : `((${parts.join(' | ')}) >>> 0)`;
    return { val: EXACT, expr };
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
  return { val, expr: val.t === 'c' ? String(val.v) : null };
}

/** JavaScript of the ALU operation `A = A op rhs` on exact/constant operands. */
function aluCode(op: number, rhs: string): string {
  switch (op) {
    case BPF_ADD:
      return `A = (A + ${rhs}) >>> 0;`;
    case BPF_SUB:
      return `A = (A - ${rhs}) >>> 0;`;
    case BPF_MUL:
      return `A = Math.imul(A, ${rhs}) >>> 0;`;
    case BPF_DIV:
      return `if (${rhs} === 0) return ${REJECT}; A = Math.floor(A / ${rhs});`;
    case BPF_MOD:
      return `if (${rhs} === 0) return ${REJECT}; A = A % ${rhs};`;
    case BPF_AND:
      return `A = (A & ${rhs}) >>> 0;`;
    case BPF_OR:
      return `A = (A | ${rhs}) >>> 0;`;
    case BPF_XOR:
      return `A = (A ^ ${rhs}) >>> 0;`;
    case BPF_LSH:
      return `A = ${rhs} < 32 ? (A << ${rhs}) >>> 0 : 0;`;
    case BPF_RSH:
      return `A = ${rhs} < 32 ? A >>> ${rhs} : 0;`;
    default:
      return `return ${UNDECIDED};`;
  }
}

function condCode(op: number, rhs: string): string {
  switch (op) {
    case BPF_JGT:
      return `A > ${rhs}`;
    case BPF_JGE:
      return `A >= ${rhs}`;
    case BPF_JEQ:
      return `A === ${rhs}`;
    default:
      return `(A & ${rhs}) !== 0`;
  }
}

/** Whether every jump goes forward (protochain's loops do not). */
function forwardOnly(p: Program): boolean {
  for (let pc = 0; pc < p.length; pc++) {
    const code = p.code[pc];
    if ((code & 0x07) === BPF_JMP && (code & 0xf0) === BPF_JA && (p.k[pc] | 0) < 0) return false;
  }
  return true;
}

/** The body of the function deciding frames of one layout. */
function specialise(p: Program, layout: PlainLayout): string {
  const n = p.length;
  const states: (State | null)[] = new Array<State | null>(n + 1).fill(null);
  states[0] = { A: konst(0), X: konst(0), mem: new Array<AbsVal>(BPF_MEMWORDS).fill(konst(0)) };
  const targets = new Set<number>();
  for (let pc = 0; pc < n; pc++) {
    const code = p.code[pc];
    if ((code & 0x07) !== BPF_JMP) continue;
    if ((code & 0xf0) === BPF_JA) targets.add(pc + 1 + (p.k[pc] | 0));
    else {
      targets.add(pc + 1 + p.jt[pc]);
      targets.add(pc + 1 + p.jf[pc]);
    }
  }
  const label = (t: number): string => `L${t}`;
  // Instructions' code; a number marks where the block of that jump target closes.
  const body: (string | number)[] = [];
  /** Targets some emitted code breaks to: only their blocks are written out. */
  const used = new Set<number>();
  const flow = (to: number, s: State): void => {
    if (to <= n) states[to] = joinState(states[to], s);
  };
  const goto = (pc: number, to: number, s: State): string => {
    flow(to, s);
    if (to === pc + 1) return '';
    used.add(to);
    return `break ${label(to)};`;
  };
  const guard = (end: number): string =>
    end > layout.minCaplen ? `if (${end} > caplen) return ${UNDECIDED}; ` : '';

  for (let pc = 0; pc < n; pc++) {
    if (targets.has(pc)) body.push(pc);
    const st = states[pc];
    if (!st) continue;
    const s: State = { A: st.A, X: st.X, mem: st.mem.slice() };
    const code = p.code[pc];
    const k = p.k[pc] >>> 0;
    let line: string;
    let next = true;
    switch (code & 0x07) {
      case BPF_RET: {
        next = false;
        if ((code & 0x18) !== BPF_A) line = `return ${k !== 0 ? ACCEPT : REJECT};`;
        else if (s.A.t === 'e') line = `return A !== 0 ? ${ACCEPT} : ${REJECT};`;
        else {
          const nonZero = testKnown(BPF_JSET, s.A, konst(ALL_BITS));
          line = `return ${nonZero === null ? UNDECIDED : nonZero ? ACCEPT : REJECT};`;
        }
        break;
      }
      case BPF_LD:
      case BPF_LDX: {
        const toX = (code & 0x07) === BPF_LDX;
        const reg = toX ? 'X' : 'A';
        const mode = code & 0xe0;
        let val: AbsVal = UNKNOWN;
        line = '';
        if (mode === BPF_ABS || mode === BPF_IND) {
          if (toX) {
            line = `return ${UNDECIDED};`;
            next = false;
            break;
          }
          if (mode === BPF_IND && s.X.t !== 'c') {
            // The offset depends on the frame: the columns cannot tell which bytes are read.
            line = `return ${UNDECIDED};`;
            next = false;
            break;
          }
          const off = mode === BPF_ABS ? k : (s.X as { v: number }).v + k;
          const width = WIDTH[code & 0x18];
          const r = loadValue(layout, off, width);
          val = r.val;
          line = guard(off + width) + (r.expr !== null ? `A = ${r.expr};` : '');
        } else if (mode === BPF_MSH) {
          if (!toX) {
            line = `return ${UNDECIDED};`;
            next = false;
            break;
          }
          const r = loadValue(layout, k, 1);
          if (r.val.t === 'e') {
            val = EXACT;
            line = `${guard(k + 1)}X = (${r.expr ?? '0'} & 15) << 2;`;
          } else {
            val = aluPartial(BPF_LSH, toBits(aluPartial(BPF_AND, toBits(r.val), 15)), 2);
            line = guard(k + 1) + (val.t === 'c' ? `X = ${val.v};` : '');
          }
        } else if (mode === BPF_LEN) {
          val = EXACT;
          line = `${reg} = wirelen;`;
        } else if (mode === BPF_IMM) {
          val = konst(k);
          line = `${reg} = ${k};`;
        } else if (mode === BPF_MEM && k < BPF_MEMWORDS) {
          val = s.mem[k];
          line = `${reg} = m${k};`;
        } else {
          line = `return ${UNDECIDED};`;
          next = false;
          break;
        }
        if (toX) s.X = val;
        else s.A = val;
        break;
      }
      case BPF_ST:
      case BPF_STX:
        if (k >= BPF_MEMWORDS) {
          line = `return ${UNDECIDED};`;
          next = false;
          break;
        }
        s.mem[k] = (code & 0x07) === BPF_STX ? s.X : s.A;
        line = `m${k} = ${(code & 0x07) === BPF_STX ? 'X' : 'A'};`;
        break;
      case BPF_MISC:
        if ((code & 0xf8) === BPF_TXA) {
          s.A = s.X;
          line = 'A = X;';
        } else {
          s.X = s.A;
          line = 'X = A;';
        }
        break;
      case BPF_ALU: {
        const op = code & 0xf0;
        if (op === BPF_NEG) {
          s.A = s.A.t === 'c' ? konst(0 - s.A.v) : s.A.t === 'e' ? EXACT : UNKNOWN;
          line = s.A.t === 'c' ? `A = ${s.A.v};` : 'A = (0 - A) >>> 0;';
          break;
        }
        const rhs = (code & 0x08) === BPF_X ? s.X : konst(k);
        if (s.A.t === 'c' && rhs.t === 'c') {
          const v = aluConst(op, s.A.v, rhs.v);
          if (v === null) {
            line = `return ${op === BPF_DIV || op === BPF_MOD ? REJECT : UNDECIDED};`;
            next = false;
            break;
          }
          s.A = konst(v);
          line = `A = ${v};`;
        } else if (s.A.t !== 'p' && rhs.t !== 'p') {
          s.A = EXACT;
          line = aluCode(op, rhs.t === 'c' ? String(rhs.v) : 'X');
          if (line.startsWith('return')) next = false;
        } else if (rhs.t === 'c') {
          s.A = aluPartial(op, toBits(s.A), rhs.v);
          line = s.A.t === 'c' ? `A = ${s.A.v};` : '';
        } else {
          s.A = UNKNOWN;
          line = '';
        }
        break;
      }
      case BPF_JMP: {
        const op = code & 0xf0;
        next = false;
        if (op === BPF_JA) {
          line = goto(pc, pc + 1 + (p.k[pc] | 0), s);
          break;
        }
        if (op !== BPF_JEQ && op !== BPF_JGT && op !== BPF_JGE && op !== BPF_JSET) {
          line = `return ${UNDECIDED};`;
          break;
        }
        const rhs = (code & 0x08) === BPF_X ? s.X : konst(k);
        const t = pc + 1 + p.jt[pc];
        const f = pc + 1 + p.jf[pc];
        const known = testKnown(op, s.A, rhs);
        if (known !== null) {
          line = goto(pc, known ? t : f, s);
        } else if (s.A.t !== 'p' && rhs.t !== 'p') {
          const cond = condCode(op, rhs.t === 'c' ? String(rhs.v) : 'X');
          const gt = goto(pc, t, s);
          const gf = goto(pc, f, s);
          if (t === f) line = gt;
          else if (gt === '') line = `if (!(${cond})) ${gf}`;
          else if (gf === '') line = `if (${cond}) ${gt}`;
          else line = `if (${cond}) ${gt} else ${gf}`;
        } else {
          line = `return ${UNDECIDED};`;
        }
        break;
      }
      default:
        line = `return ${UNDECIDED};`;
        next = false;
    }
    if (line) body.push(line);
    if (next) flow(pc + 1, s);
  }
  for (const t of targets) if (t >= n) body.push(t);
  // Falling off the end rejects, as in the interpreter.
  body.push(`return ${states[n] ? REJECT : UNDECIDED};`);
  const out = [`if (caplen < ${layout.minCaplen}) return ${UNDECIDED};`];
  for (const t of [...used].sort((a, b) => b - a)) out.push(`${label(t)}: {`);
  for (const line of body) {
    if (typeof line === 'string') out.push(line);
    else if (used.has(line)) out.push(`} // ${label(line)}`);
  }
  return out.join('\n');
}

const ALL_BITS = 0xffffffff;

function toBits(a: AbsVal): { m: number; v: number } {
  if (a.t === 'c') return { m: ALL_BITS, v: a.v };
  if (a.t === 'p') return a;
  return { m: 0, v: 0 };
}

/** In the batch, each column is read where the code uses it (most frames need few of them). */
const COLUMN_READ: Record<string, string> = {
  s: 'src[i]',
  d: 'dst[i]',
  sp: 'sport[i]',
  dp: 'dport[i]',
  caplen: 'caplens[i]',
  wirelen: 'origlen[i]',
};

/** Scratch memory words the program uses (the others need no local). */
function usedMemory(p: Program): number[] {
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

/**
 * JavaScript source of a factory returning `{ decide, batch }`, or null for a program it cannot
 * specialise. `decide` is a ColumnDecider; `batch` (a ColumnBatch) runs the same code inline
 * over a range of frames, without a call per frame.
 */
export function columnDeciderSource(p: Program): string | null {
  if (!forwardOnly(p)) return null;
  const locals = ['A = 0', 'X = 0', ...usedMemory(p).map((m) => `m${m} = 0`)].join(', ');
  const fns: string[] = [];
  const cases: string[] = [];
  const inline: string[] = [];
  for (const layout of PLAIN_LAYOUTS) {
    const body = specialise(p, layout);
    fns.push(`function k${layout.kind}(s, d, sp, dp, caplen, wirelen, W) {`, `let ${locals};`, body, '}');
    cases.push(`case ${layout.kind}: return k${layout.kind}(s, d, sp, dp, caplen, wirelen, W);`);
    // The body's returns become "set the result and leave the frame's switch".
    const asBlock = body
      .replace(/return ([^;]+);/g, '{ r = $1; break F; }')
      .replace(/\b(s|d|sp|dp|caplen|wirelen)\b/g, (v) => COLUMN_READ[v]);
    inline.push(`case ${layout.kind}: {`, `let ${locals};`, asBlock, '}');
  }
  return [
    '"use strict";',
    ...fns,
    'function decide(kind, s, d, sp, dp, caplen, wirelen, W) {',
    'switch (kind) {',
    ...cases,
    `default: return ${UNDECIDED};`,
    '}',
    '}',
    'function batch(from, to, id, iface, kind, src, dst, sport, dport, caplens, origlen, W, res) {',
    'for (let i = from; i < to; i++) {',
    'if (iface[i] !== id) continue;',
    `let r = ${UNDECIDED};`,
    'F: switch (kind[i]) {',
    ...inline,
    '}',
    'res[i - from] = r;',
    '}',
    '}',
    'return { decide, batch };',
  ].join('\n');
}

/**
 * Decides the frames of interface `id` among frame indices [from, to) into `res[i - from]`
 * (REJECT, ACCEPT or UNDECIDED); frames of other interfaces are left as they are.
 */
export type ColumnBatch = (
  from: number,
  to: number,
  id: number,
  iface: Uint16Array,
  kind: Uint8Array,
  src: Uint32Array,
  dst: Uint32Array,
  sport: Uint16Array,
  dport: Uint16Array,
  caplen: Uint32Array,
  origlen: Uint32Array,
  W: Uint32Array,
  res: Uint8Array,
) => void;

export interface ColumnFilter {
  decide: ColumnDecider;
  batch: ColumnBatch;
}

/**
 * The program specialised for plain Ethernet frames, or null when it cannot be (backward jumps)
 * or this environment forbids generating code (callers then use the bytes for every frame).
 */
export function makeColumnFilter(p: Program): ColumnFilter | null {
  const src = columnDeciderSource(p);
  if (src === null) return null;
  try {
    // Generated from the program's numbers and fixed column names only, never from user text.
    const factory = new Function(src) as () => ColumnFilter;
    return factory();
  } catch {
    return null;
  }
}
