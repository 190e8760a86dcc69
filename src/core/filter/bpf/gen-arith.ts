/**
 * Arithmetic expressions and relations: "ip[2:2] - ((ip[0]&0xf)<<2) > 100", "len >= 64".
 * Every intermediate value lives in a scratch register, as in libpcap; the protocol checks of
 * indexed loads ("tcp[...]" only looks at TCP first fragments) are and-ed in front of the test.
 */
import type { Arth, ArthOp, QProto, RelCode } from './ast';
import type { Block, Stmt } from './insn';
import type { CState } from './cstate';
import { genAbsOffsetVarpart, genAnd, genCmp, genLoadxIphdrlen, genNot, stmt } from './cstate';
import {
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RSH,
  BPF_ST,
  BPF_SUB,
  BPF_TAX,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from './insn';
import { genIpfrag, genProtoAbbrev } from './gen-proto';
import { DLT } from './linktypes';

/** A value being computed: its code, the register holding it, and the protocol checks it needs. */
export interface ArthVal {
  s: Stmt[];
  regno: number;
  b: Block | null;
}

const xferToX = (a: ArthVal): Stmt => stmt(BPF_LDX | BPF_MEM, a.regno);
const xferToA = (a: ArthVal): Stmt => stmt(BPF_LD | BPF_MEM, a.regno);

export function genLoadi(cs: CState, v: number): ArthVal {
  const reg = cs.allocReg();
  return { s: [stmt(BPF_LD | BPF_IMM, v), stmt(BPF_ST, reg)], regno: reg, b: null };
}

export function genLoadlen(cs: CState): ArthVal {
  const reg = cs.allocReg();
  return { s: [stmt(BPF_LD | BPF_LEN), stmt(BPF_ST, reg)], regno: reg, b: null };
}

/** proto[index : size]: loads relative to the header of `proto`, with its presence checks. */
export function genLoad(cs: CState, proto: QProto, inst: ArthVal, size: number): ArthVal {
  const regno = cs.allocReg();
  cs.freeReg(inst.regno);
  let sizeCode: number;
  if (size === 1) sizeCode = BPF_B;
  else if (size === 2) sizeCode = BPF_H;
  else if (size === 4) sizeCode = BPF_W;
  else return cs.error('data size must be 1, 2, or 4');

  switch (proto) {
    case 'radio':
      if (
        cs.linktype !== DLT.IEEE802_11_RADIO_AVS &&
        cs.linktype !== DLT.IEEE802_11_RADIO &&
        cs.linktype !== DLT.PRISM_HEADER
      ) {
        cs.error('radio information not present in capture');
      }
      inst.s.push(xferToX(inst), stmt(BPF_LD | BPF_IND | sizeCode));
      break;
    case 'link': {
      const s = genAbsOffsetVarpart(cs, cs.offLinkhdr);
      if (s) s.push(xferToA(inst), stmt(BPF_ALU | BPF_ADD | BPF_X), stmt(BPF_MISC | BPF_TAX));
      const list = s ?? [xferToX(inst)];
      list.push(stmt(BPF_LD | BPF_IND | sizeCode, cs.offLinkhdr.constantPart));
      inst.s.push(...list);
      break;
    }
    case 'ip':
    case 'arp':
    case 'rarp':
    case 'atalk':
    case 'decnet':
    case 'sca':
    case 'lat':
    case 'moprc':
    case 'mopdl':
    case 'ip6': {
      const s = genAbsOffsetVarpart(cs, cs.offLinkpl);
      if (s) s.push(xferToA(inst), stmt(BPF_ALU | BPF_ADD | BPF_X), stmt(BPF_MISC | BPF_TAX));
      const list = s ?? [xferToX(inst)];
      list.push(stmt(BPF_LD | BPF_IND | sizeCode, cs.offLinkpl.constantPart + cs.offNl));
      inst.s.push(...list);
      const b = genProtoAbbrev(cs, proto);
      if (inst.b) genAnd(inst.b, b);
      inst.b = b;
      break;
    }
    case 'sctp':
    case 'tcp':
    case 'udp':
    case 'icmp':
    case 'igmp':
    case 'igrp':
    case 'pim':
    case 'vrrp':
    case 'carp': {
      const s = genLoadxIphdrlen(cs);
      s.push(xferToA(inst), stmt(BPF_ALU | BPF_ADD | BPF_X), stmt(BPF_MISC | BPF_TAX));
      s.push(stmt(BPF_LD | BPF_IND | sizeCode, cs.offLinkpl.constantPart + cs.offNl));
      inst.s.push(...s);
      // Only for IPv4 first fragments of that protocol.
      const b = genIpfrag(cs);
      genAnd(genProtoAbbrev(cs, proto), b);
      if (inst.b) genAnd(inst.b, b);
      genAnd(genProtoAbbrev(cs, 'ip'), b);
      inst.b = b;
      break;
    }
    case 'icmp6': {
      let b = genProtoAbbrev(cs, 'ip6');
      if (inst.b) genAnd(inst.b, b);
      inst.b = b;
      b = genCmp(cs, 'linkpl', 6, BPF_B, 58);
      genAnd(inst.b, b);
      inst.b = b;
      const s = genAbsOffsetVarpart(cs, cs.offLinkpl);
      if (s) s.push(xferToA(inst), stmt(BPF_ALU | BPF_ADD | BPF_X), stmt(BPF_MISC | BPF_TAX));
      const list = s ?? [xferToX(inst)];
      list.push(stmt(BPF_LD | BPF_IND | sizeCode, cs.offLinkpl.constantPart + cs.offNl + 40));
      inst.s.push(...list);
      break;
    }
    default:
      return cs.error('unsupported index operation');
  }
  inst.regno = regno;
  inst.s.push(stmt(BPF_ST, regno));
  return inst;
}

const ALU_OPS: Record<ArthOp, number> = {
  '+': BPF_ADD,
  '-': BPF_SUB,
  '*': BPF_MUL,
  '/': BPF_DIV,
  '%': BPF_MOD,
  '&': BPF_AND,
  '|': BPF_OR,
  '^': BPF_XOR,
  '<<': BPF_LSH,
  '>>': BPF_RSH,
};

export function genArth(cs: CState, op: ArthOp, a0: ArthVal, a1: ArthVal): ArthVal {
  const code = ALU_OPS[op];
  const first = a1.s[0];
  const constOperand = first.code === (BPF_LD | BPF_IMM);
  // Rejected here so that the check also applies without the optimizer.
  if (code === BPF_DIV && constOperand && first.k === 0) cs.error('division by zero');
  if (code === BPF_MOD && constOperand && first.k === 0) cs.error('modulus by zero');
  if ((code === BPF_LSH || code === BPF_RSH) && constOperand && first.k > 31)
    cs.error('shift by more than 31 bits');
  a1.s.push(xferToX(a1), xferToA(a0), stmt(BPF_ALU | BPF_X | code));
  a0.s.push(...a1.s);
  cs.freeReg(a0.regno);
  cs.freeReg(a1.regno);
  a0.regno = cs.allocReg();
  a0.s.push(stmt(BPF_ST, a0.regno));
  return a0;
}

export function genNeg(_cs: CState, a: ArthVal): ArthVal {
  a.s.push(xferToA(a), stmt(BPF_ALU | BPF_NEG), stmt(BPF_ST, a.regno));
  return a;
}

const REL_CODES: Record<RelCode, number> = { jeq: BPF_JEQ, jgt: BPF_JGT, jge: BPF_JGE };

export function genRelation(cs: CState, rel: RelCode, a0: ArthVal, a1: ArthVal, reversed: boolean): Block {
  const code = REL_CODES[rel];
  let b: Block;
  const s1: Stmt[] = [xferToA(a0)];
  if (code === BPF_JEQ) {
    s1.push(stmt(BPF_ALU | BPF_SUB | BPF_X));
    b = cs.newBlock(BPF_JMP | code | BPF_K);
  } else {
    b = cs.newBlock(BPF_JMP | code | BPF_X);
  }
  if (reversed) genNot(b);
  a1.s.push(xferToX(a1), ...s1);
  a0.s.push(...a1.s);
  b.stmts = a0.s;
  cs.freeReg(a0.regno);
  cs.freeReg(a1.regno);
  let tmp: Block | null;
  if (a0.b) {
    if (a1.b) {
      genAnd(a0.b, a1.b);
      tmp = a1.b;
    } else {
      tmp = a0.b;
    }
  } else {
    tmp = a1.b;
  }
  if (tmp) genAnd(tmp, b);
  return b;
}

/** Generates an arithmetic tree in libpcap's reduction order (operands first, left to right). */
export function genArthTree(cs: CState, a: Arth): ArthVal {
  switch (a.k) {
    case 'imm':
      return genLoadi(cs, a.v);
    case 'len':
      return genLoadlen(cs);
    case 'load':
      return genLoad(cs, a.proto, genArthTree(cs, a.index), a.size);
    case 'neg':
      return genNeg(cs, genArthTree(cs, a.a));
    case 'bin': {
      const l = genArthTree(cs, a.l);
      const r = genArthTree(cs, a.r);
      return genArth(cs, a.op, l, r);
    }
  }
}
