/**
 * Capture filters answered from the field columns: a BPF program specialised once per kind of
 * plain frame (bpf-specialise.ts) and made runnable, as JavaScript generated from the
 * specialised operations (fast) or, where generating code is not allowed (the app's
 * Content-Security-Policy has no 'unsafe-eval'), by a small interpreter of those operations.
 * Both answer REJECT, ACCEPT or UNDECIDED (run the program on the frame's bytes).
 */
import type { Program } from '../filter/bpf/insn';
import {
  BPF_ADD,
  BPF_AND,
  BPF_DIV,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_LSH,
  BPF_MOD,
  BPF_MUL,
  BPF_OR,
  BPF_RSH,
  BPF_SUB,
  BPF_XOR,
} from '../filter/bpf/insn';
import { interpreter } from './bpf-columns-interp';
import { PLAIN_LAYOUTS, WORD } from './bpf-plain-layout';
import {
  ACCEPT,
  REJECT,
  UNDECIDED,
  forwardOnly,
  specialise,
  usedMemory,
  type ColPart,
  type Specialised,
} from './bpf-specialise';

export { ACCEPT, REJECT, UNDECIDED };

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

/** How generated code names the frame's values (parameters, or reads of the columns). */
interface Names {
  s: string;
  d: string;
  sp: string;
  dp: string;
  caplen: string;
  wirelen: string;
}

const PARAMS: Names = { s: 's', d: 'd', sp: 'sp', dp: 'dp', caplen: 'caplen', wirelen: 'wirelen' };
/** In the batch, each column is read where the code uses it (most frames need few of them). */
const READS: Names = {
  s: 'src[i]',
  d: 'dst[i]',
  sp: 'sport[i]',
  dp: 'dport[i]',
  caplen: 'caplens[i]',
  wirelen: 'origlen[i]',
};

function wordExpr(word: number, nm: Names): string {
  if (word === WORD.S) return nm.s;
  if (word === WORD.D) return nm.d;
  if (word === WORD.SP) return nm.sp;
  if (word === WORD.DP) return nm.dp;
  return `W[${word < WORD.D6 ? nm.s : nm.d} * 4 + ${word & 3}]`;
}

function partExpr(p: ColPart, nm: Names): string {
  const w = wordExpr(p.word, nm);
  const shift = p.bits - 8 * (p.pos + p.len);
  let e = w;
  if (!(shift === 0 && p.len * 8 === p.bits)) {
    const mask = p.len === 4 ? '' : ` & ${2 ** (8 * p.len) - 1}`;
    e = shift === 0 ? `(${w}${mask})` : `((${w} >>> ${shift})${mask})`;
  }
  return p.lshift === 0 ? e : `(${e} << ${p.lshift})`;
}

function colExpr(parts: readonly ColPart[], konst: number, nm: Names): string {
  const es = parts.map((p) => partExpr(p, nm));
  if (konst !== 0) es.push(String(konst));
  if (es.length === 1 && parts[0].lshift === 0) return es[0];
  return `((${es.join(' | ')}) >>> 0)`;
}

function aluCode(op: number, rhs: string, ret: (v: string) => string): string {
  switch (op) {
    case BPF_ADD:
      return `A = (A + ${rhs}) >>> 0;`;
    case BPF_SUB:
      return `A = (A - ${rhs}) >>> 0;`;
    case BPF_MUL:
      return `A = Math.imul(A, ${rhs}) >>> 0;`;
    case BPF_DIV:
      return `if (${rhs} === 0) ${ret(String(REJECT))} A = Math.floor(A / ${rhs});`;
    case BPF_MOD:
      return `if (${rhs} === 0) ${ret(String(REJECT))} A = A % ${rhs};`;
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
      return ret(String(UNDECIDED));
  }
}

function condCode(op: number, rhs: string): string {
  if (op === BPF_JGT) return `A > ${rhs}`;
  if (op === BPF_JGE) return `A >= ${rhs}`;
  if (op === BPF_JEQ) return `A === ${rhs}`;
  return `(A & ${rhs}) !== 0`;
}

/**
 * JavaScript for one specialised program. Forward jumps are `break`s out of labeled blocks
 * opened at the top and closed where their target starts (only for targets something breaks
 * to); `ret` writes how a result leaves (return, or set-and-break in the batch).
 */
function jsBody(sp: Specialised, nm: Names, ret: (v: string) => string): string {
  const used = new Set<number>();
  const jump = (pc: number, t: number): string => {
    if (t === pc + 1) return '';
    const to = Math.min(t, sp.n);
    used.add(to);
    return `break L${to};`;
  };
  const lines: (string | number)[] = [];
  for (const op of sp.ops) {
    switch (op.o) {
      case 'pc':
        lines.push(op.pc);
        break;
      case 'ret':
        lines.push(ret(String(op.v)));
        break;
      case 'retA':
        lines.push(ret(`A !== 0 ? ${ACCEPT} : ${REJECT}`));
        break;
      case 'guard':
        lines.push(`if (${nm.caplen} < ${op.end}) ${ret(String(UNDECIDED))}`);
        break;
      case 'set':
        lines.push(`${op.reg} = ${op.v};`);
        break;
      case 'col':
        lines.push(`A = ${colExpr(op.parts, op.konst, nm)};`);
        break;
      case 'msh':
        lines.push(`X = (${partExpr(op.part, nm)} & 15) << 2;`);
        break;
      case 'len':
        lines.push(`${op.reg} = ${nm.wirelen};`);
        break;
      case 'ldmem':
        lines.push(`${op.reg} = m${op.k};`);
        break;
      case 'st':
        lines.push(`m${op.k} = ${op.reg};`);
        break;
      case 'tax':
        lines.push('X = A;');
        break;
      case 'txa':
        lines.push('A = X;');
        break;
      case 'alu':
        lines.push(aluCode(op.op, op.x ? 'X' : String(op.k), ret));
        break;
      case 'neg':
        lines.push('A = (0 - A) >>> 0;');
        break;
      case 'goto':
        lines.push(jump(op.pc, op.t));
        break;
      case 'if': {
        const cond = condCode(op.op, op.x ? 'X' : String(op.k));
        const gt = jump(op.pc, op.t);
        const gf = jump(op.pc, op.f);
        if (op.t === op.f) lines.push(gt);
        else if (gt === '') lines.push(`if (!(${cond})) ${gf}`);
        else if (gf === '') lines.push(`if (${cond}) ${gt}`);
        else lines.push(`if (${cond}) ${gt} else ${gf}`);
        break;
      }
    }
  }
  lines.push(sp.n);
  lines.push(ret(String(sp.end)));
  const out: string[] = [];
  for (const t of [...used].sort((a, b) => b - a)) out.push(`L${t}: {`);
  for (const line of lines) {
    if (typeof line === 'string') {
      if (line) out.push(line);
    } else if (used.has(line)) out.push(`} // L${line}`);
  }
  return out.join('\n');
}

/** JavaScript source of a factory returning a ColumnFilter, or null for a program it cannot specialise. */
export function columnFilterSource(p: Program): string | null {
  if (!forwardOnly(p)) return null;
  const locals = ['A = 0', 'X = 0', ...usedMemory(p).map((m) => `m${m} = 0`)].join(', ');
  const fns: string[] = [];
  const cases: string[] = [];
  const inline: string[] = [];
  for (const layout of PLAIN_LAYOUTS) {
    const sp = specialise(p, layout);
    const fn = `k${layout.kind}`;
    fns.push(`function ${fn}(s, d, sp, dp, caplen, wirelen, W) {`, `let ${locals};`);
    fns.push(
      jsBody(sp, PARAMS, (v) => `return ${v};`),
      '}',
    );
    cases.push(`case ${layout.kind}: return ${fn}(s, d, sp, dp, caplen, wirelen, W);`);
    // In the batch a result is stored and the frame's switch left.
    inline.push(
      `case ${layout.kind}: {`,
      `let ${locals};`,
      jsBody(sp, READS, (v) => `{ r = ${v}; break F; }`),
      '}',
    );
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

/** The specialised programs run by interpreters (no code generation). */
export function interpretedColumnFilter(p: Program): ColumnFilter | null {
  if (!forwardOnly(p)) return null;
  const byKind: (ColumnDecider | undefined)[] = [];
  for (const layout of PLAIN_LAYOUTS) byKind[layout.kind] = interpreter(specialise(p, layout));
  // A local, not the import binding, in the per-frame path (see bpf-columns-interp.ts).
  const undecided = UNDECIDED;
  const decide: ColumnDecider = (kind, s, d, sp, dp, caplen, wirelen, W) => {
    const run = byKind[kind];
    return run ? run(kind, s, d, sp, dp, caplen, wirelen, W) : undecided;
  };
  const batch: ColumnBatch = (from, to, id, iface, kind, src, dst, sport, dport, caplen, origlen, W, res) => {
    for (let i = from; i < to; i++) {
      if (iface[i] !== id) continue;
      res[i - from] = decide(kind[i], src[i], dst[i], sport[i], dport[i], caplen[i], origlen[i], W);
    }
  };
  return { decide, batch };
}

/**
 * The program specialised for plain Ethernet frames as generated code, else (code generation
 * forbidden, or `codegen` false) interpreted; null when it cannot be specialised (backward
 * jumps): callers then use the bytes for every frame.
 */
export function makeColumnFilter(p: Program, codegen = true): ColumnFilter | null {
  if (codegen) {
    const src = columnFilterSource(p);
    if (src === null) return null;
    try {
      // Generated from the program's numbers and fixed column names only, never from user text.
      const factory = new Function(src) as () => ColumnFilter;
      return factory();
    } catch {
      // A Content-Security-Policy without 'unsafe-eval': interpret instead.
    }
  }
  return interpretedColumnFilter(p);
}
