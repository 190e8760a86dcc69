/**
 * Turns a filter tree into a block graph (post-order, left to right: libpcap's reduction order)
 * and closes it with the accept/reject return blocks.
 */
import type { Node } from './ast';
import type { Block } from './insn';
import type { CState } from './cstate';
import { CompileError, backpatch, genAnd, genNot, genOr, genRetblk } from './cstate';
import { genAcode, genEcode, genMcode, genMcode6, genNcode, genScode } from './gen-code';
import { genProtoAbbrev } from './gen-proto';
import { genPpiDltCheck, insertComputeVloffsets, genP80211Fcdir, genP80211Type } from './gen-80211';
import { genArthTree, genRelation } from './gen-arith';
import {
  genBroadcast,
  genByteop,
  genGreater,
  genIfindex,
  genInbound,
  genLess,
  genLlc,
  genMpls,
  genMulticast,
  genPppoed,
  genPppoes,
  genVlan,
} from './gen-misc';

/** Source positions of tree nodes, to locate a rejected construct in the expression. */
export type Spans = WeakMap<object, [number, number]>;

export function gen(cs: CState, n: Node, spans?: Spans): Block {
  try {
    return genNode(cs, n, spans);
  } catch (e) {
    const span = spans?.get(n);
    if (e instanceof CompileError && e.from === undefined && span) [e.from, e.to] = span;
    throw e;
  }
}

function genNode(cs: CState, n: Node, spans?: Spans): Block {
  switch (n.k) {
    case 'and':
    case 'or': {
      const l = gen(cs, n.l, spans);
      const r = gen(cs, n.r, spans);
      if (n.k === 'and') genAnd(l, r);
      else genOr(l, r);
      return r;
    }
    case 'not': {
      const b = gen(cs, n.e, spans);
      genNot(b);
      return b;
    }
    case 'scode':
      return genScode(cs, n.name, n.q);
    case 'ncode':
      return genNcode(cs, n.s, n.v, n.q);
    case 'mcode':
      return genMcode(cs, n.s1, n.s2, n.masklen, n.q);
    case 'mcode6':
      return genMcode6(cs, n.s, n.masklen, n.q);
    case 'ecode':
      return genEcode(cs, n.s, n.q);
    case 'acode':
      return genAcode(cs, n.q);
    case 'error':
      return cs.error(n.message);
    case 'abbrev':
      return genProtoAbbrev(cs, n.proto);
    case 'rel': {
      const a0 = genArthTree(cs, n.a0);
      const a1 = genArthTree(cs, n.a1);
      return genRelation(cs, n.code, a0, a1, n.reversed);
    }
    case 'broadcast':
      return genBroadcast(cs, n.proto);
    case 'multicast':
      return genMulticast(cs, n.proto);
    case 'less':
      return genLess(cs, n.n);
    case 'greater':
      return genGreater(cs, n.n);
    case 'byte':
      return genByteop(cs, n.op, n.idx, n.val);
    case 'inbound':
      return genInbound(cs, n.dir);
    case 'ifindex':
      return genIfindex(cs, n.n);
    case 'vlan':
      return genVlan(cs, n.num);
    case 'mpls':
      return genMpls(cs, n.num);
    case 'pppoed':
      return genPppoed(cs);
    case 'pppoes':
      return genPppoes(cs, n.num);
    case 'geneve':
      return cs.error("'geneve' is not supported");
    case 'llc':
      return genLlc(cs, n.kind);
    case 'unsupported':
      return cs.error(n.what);
    case 'p80211type':
      return genP80211Type(cs, n.value, n.mask);
    case 'p80211dir':
      return genP80211Fcdir(cs, n.value);
  }
}

/** Root block of the program for `node` (null = accept everything). */
export function generate(cs: CState, node: Node | null, spans?: Spans): Block {
  if (node === null) return genRetblk(cs, cs.snaplen);
  const p = gen(cs, node, spans);
  insertComputeVloffsets(cs, p.head);
  const ppi = genPpiDltCheck(cs);
  if (ppi) genAnd(ppi, p);
  backpatch(p, genRetblk(cs, cs.snaplen));
  p.sense = !p.sense;
  backpatch(p, genRetblk(cs, 0));
  return p.head;
}
