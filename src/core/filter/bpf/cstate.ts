/**
 * Code-generator state and the primitives every generator uses: block construction, the
 * and/or/not combinators (libpcap's exit-list technique, kept so block graphs and therefore
 * instruction order match `tcpdump -d -O`), header-relative loads and comparisons, and the
 * scratch-register allocator.
 */
import type { Block, Stmt } from './insn';
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_IMM,
  BPF_IND,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LSH,
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MSH,
  BPF_RET,
  BPF_TAX,
  BPF_X,
} from './insn';
import { initLinkLayer, OFFSET_NOT_SET } from './linktypes';

/** A libpcap rejection, thrown inside the compiler and returned by compileBpf as an error Result. */
export class CompileError extends Error {
  /** Where in the expression the rejected construct is, when known. */
  from?: number;
  to?: number;
}

export { OFFSET_NOT_SET };

/** An absolute packet offset: a constant plus, optionally, a run-time value kept in a scratch register. */
export interface AbsOffset {
  isVariable: boolean;
  constantPart: number;
  reg: number;
}

/** What a load offset is relative to (libpcap's e_offrel). */
export type OffRel =
  | 'packet'
  | 'linkhdr'
  | 'prevlinkhdr'
  | 'llc'
  | 'prevmplshdr'
  | 'linktype'
  | 'linkpl'
  | 'linkpl_nosnap'
  | 'tran_ipv4'
  | 'tran_ipv6';

const absOff = (constantPart = 0): AbsOffset => ({ isVariable: false, constantPart, reg: -1 });

export class CState {
  linktype: number;
  prevlinktype: number;
  outermostlinktype: number;
  offLinkhdr = absOff();
  offPrevlinkhdr = absOff();
  offOutermostlinkhdr = absOff();
  offLinkpl = absOff();
  offLinktype = absOff();
  offNl = 0;
  offNlNosnap = 0;
  labelStackDepth = 0;
  vlanStackDepth = 0;
  isVlanVloffset = false;
  /** Set by code libpcap's optimizer cannot handle (jumps inside blocks): tcpdump then runs it unoptimized. */
  noOptimize = false;
  /** True for link types libpcap knows but this implementation does not generate code for. */
  unsupportedLink = false;
  private regused = new Uint8Array(BPF_MEMWORDS);
  private curreg = 0;
  private nextBlockId = 0;

  constructor(
    dlt: number,
    readonly snaplen: number,
  ) {
    this.linktype = dlt;
    this.prevlinktype = dlt;
    this.outermostlinktype = dlt;
    initLinkLayer(this);
    this.offOutermostlinkhdr = { ...this.offLinkhdr };
    this.offPrevlinkhdr = { ...this.offLinkhdr };
  }

  error(message: string): never {
    throw new CompileError(message);
  }

  newBlock(code: number, k = 0): Block {
    const b: Block = {
      id: this.nextBlockId++,
      stmts: [],
      code,
      k: k >>> 0,
      jt: null,
      jf: null,
      sense: false,
      head: null as unknown as Block, // set just below; a block is its own head until combined
      mark: 0,
      offset: 0,
      longjt: 0,
      longjf: 0,
    };
    b.head = b;
    return b;
  }

  allocReg(): number {
    for (let n = 0; n < BPF_MEMWORDS; n++) {
      if (!this.regused[this.curreg]) {
        this.regused[this.curreg] = 1;
        return this.curreg;
      }
      this.curreg = (this.curreg + 1) % BPF_MEMWORDS;
    }
    return this.error('too many registers needed to evaluate expression');
  }

  freeReg(n: number): void {
    this.regused[n] = 0;
  }
}

export const stmt = (code: number, k = 0): Stmt => ({ code, k: k >>> 0 });

export function genRetblk(cs: CState, v: number): Block {
  return cs.newBlock(BPF_RET | BPF_K, v);
}

/** Points every pending exit in `list` at `target`; `sense` tells which edge of each block is pending. */
export function backpatch(list: Block | null, target: Block): void {
  while (list) {
    let next: Block | null;
    if (!list.sense) {
      next = list.jt;
      list.jt = target;
    } else {
      next = list.jf;
      list.jf = target;
    }
    list = next;
  }
}

/** Appends exit list b1 to the end of exit list b0. */
export function merge(b0: Block, b1: Block): void {
  let cur = b0;
  for (;;) {
    const next = !cur.sense ? cur.jt : cur.jf;
    if (!next) {
      if (!cur.sense) cur.jt = b1;
      else cur.jf = b1;
      return;
    }
    cur = next;
  }
}

export function genAnd(b0: Block, b1: Block): void {
  backpatch(b0, b1.head);
  b0.sense = !b0.sense;
  b1.sense = !b1.sense;
  merge(b1, b0);
  b1.sense = !b1.sense;
  b1.head = b0.head;
}

export function genOr(b0: Block, b1: Block): void {
  b0.sense = !b0.sense;
  backpatch(b0, b1.head);
  b0.sense = !b0.sense;
  merge(b1, b0);
  b1.head = b0.head;
}

export function genNot(b: Block): void {
  b.sense = !b.sense;
}

/** X = variable part of an offset (allocating its register on first use), or null when constant. */
export function genAbsOffsetVarpart(cs: CState, off: AbsOffset): Stmt[] | null {
  if (!off.isVariable) return null;
  if (off.reg === -1) off.reg = cs.allocReg();
  return [stmt(BPF_LDX | BPF_MEM, off.reg)];
}

function genLoadAbsoffsetrel(cs: CState, off: AbsOffset, offset: number, size: number): Stmt[] {
  const s = genAbsOffsetVarpart(cs, off);
  if (s) {
    s.push(stmt(BPF_LD | BPF_IND | size, off.constantPart + offset));
    return s;
  }
  return [stmt(BPF_LD | BPF_ABS | size, off.constantPart + offset)];
}

/** X = IPv4 header length (+ variable part of the link-layer payload offset). */
export function genLoadxIphdrlen(cs: CState): Stmt[] {
  const s = genAbsOffsetVarpart(cs, cs.offLinkpl);
  if (s) {
    s.push(stmt(BPF_LD | BPF_IND | BPF_B, cs.offLinkpl.constantPart + cs.offNl));
    s.push(stmt(BPF_ALU | BPF_AND | BPF_K, 0xf));
    s.push(stmt(BPF_ALU | BPF_LSH | BPF_K, 2));
    s.push(stmt(BPF_ALU | BPF_ADD | BPF_X));
    s.push(stmt(BPF_MISC | BPF_TAX));
    return s;
  }
  return [stmt(BPF_LDX | BPF_MSH | BPF_B, cs.offLinkpl.constantPart + cs.offNl)];
}

/** Loads `size` bytes at `offset` relative to the header `rel` into A. */
export function genLoadA(cs: CState, rel: OffRel, offset: number, size: number): Stmt[] {
  switch (rel) {
    case 'packet':
      return [stmt(BPF_LD | BPF_ABS | size, offset)];
    case 'linkhdr':
      return genLoadAbsoffsetrel(cs, cs.offLinkhdr, offset, size);
    case 'prevlinkhdr':
      return genLoadAbsoffsetrel(cs, cs.offPrevlinkhdr, offset, size);
    case 'llc':
      return genLoadAbsoffsetrel(cs, cs.offLinkpl, offset, size);
    case 'prevmplshdr':
      return genLoadAbsoffsetrel(cs, cs.offLinkpl, cs.offNl - 4 + offset, size);
    case 'linkpl':
      return genLoadAbsoffsetrel(cs, cs.offLinkpl, cs.offNl + offset, size);
    case 'linkpl_nosnap':
      return genLoadAbsoffsetrel(cs, cs.offLinkpl, cs.offNlNosnap + offset, size);
    case 'linktype':
      return genLoadAbsoffsetrel(cs, cs.offLinktype, offset, size);
    case 'tran_ipv4': {
      const s = genLoadxIphdrlen(cs);
      s.push(stmt(BPF_LD | BPF_IND | size, cs.offLinkpl.constantPart + cs.offNl + offset));
      return s;
    }
    case 'tran_ipv6':
      return genLoadAbsoffsetrel(cs, cs.offLinkpl, cs.offNl + 40 + offset, size);
  }
}

/** (field & mask) <jtype> v, optionally reversed for > and >= (giving <= and <). */
export function genNcmp(
  cs: CState,
  rel: OffRel,
  offset: number,
  size: number,
  mask: number,
  jtype: number,
  reverse: boolean,
  v: number,
): Block {
  const s = genLoadA(cs, rel, offset, size);
  if (mask >>> 0 !== 0xffffffff) s.push(stmt(BPF_ALU | BPF_AND | BPF_K, mask));
  const b = cs.newBlock(BPF_JMP | jtype | BPF_K, v);
  b.stmts = s;
  if (reverse && (jtype === BPF_JGT || jtype === BPF_JGE)) genNot(b);
  return b;
}

export const genCmp = (cs: CState, rel: OffRel, off: number, size: number, v: number): Block =>
  genNcmp(cs, rel, off, size, 0xffffffff, BPF_JEQ, false, v);
export const genCmpGt = (cs: CState, rel: OffRel, off: number, size: number, v: number): Block =>
  genNcmp(cs, rel, off, size, 0xffffffff, BPF_JGT, false, v);
export const genCmpGe = (cs: CState, rel: OffRel, off: number, size: number, v: number): Block =>
  genNcmp(cs, rel, off, size, 0xffffffff, BPF_JGE, false, v);
export const genCmpLt = (cs: CState, rel: OffRel, off: number, size: number, v: number): Block =>
  genNcmp(cs, rel, off, size, 0xffffffff, BPF_JGE, true, v);
export const genCmpLe = (cs: CState, rel: OffRel, off: number, size: number, v: number): Block =>
  genNcmp(cs, rel, off, size, 0xffffffff, BPF_JGT, true, v);
export const genMcmp = (cs: CState, rel: OffRel, off: number, size: number, v: number, mask: number): Block =>
  genNcmp(cs, rel, off, size, mask, BPF_JEQ, false, v);

/** Compares a byte string, word by word from the end (the order libpcap uses). */
export function genBcmp(cs: CState, rel: OffRel, offset: number, bytes: ArrayLike<number>): Block {
  let size = bytes.length;
  let b: Block | null = null;
  const be = (i: number, n: number): number => {
    let v = 0;
    for (let j = 0; j < n; j++) v = v * 256 + bytes[i + j];
    return v;
  };
  while (size >= 4) {
    const tmp = genCmp(cs, rel, offset + size - 4, 0x00, be(size - 4, 4));
    if (b) genAnd(b, tmp);
    b = tmp;
    size -= 4;
  }
  while (size >= 2) {
    const tmp = genCmp(cs, rel, offset + size - 2, 0x08, be(size - 2, 2));
    if (b) genAnd(b, tmp);
    b = tmp;
    size -= 2;
  }
  if (size > 0) {
    const tmp = genCmp(cs, rel, offset, 0x10, bytes[0]);
    if (b) genAnd(b, tmp);
    b = tmp;
  }
  return b as Block;
}

/** A block that is always true (rsense 1) or always false (0). */
export function genUncond(cs: CState, rsense: boolean): Block {
  const b = cs.newBlock(BPF_JMP | BPF_JEQ | BPF_K);
  b.stmts = [stmt(BPF_LD | BPF_IMM, rsense ? 0 : 1)];
  return b;
}

export const genTrue = (cs: CState): Block => genUncond(cs, true);
export const genFalse = (cs: CState): Block => genUncond(cs, false);
