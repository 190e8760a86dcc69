/**
 * TCP/UDP/SCTP ports and port ranges over IPv4 (first fragments only, variable IP header length)
 * and IPv6 (next header only, no extension-header walk — as libpcap does).
 */
import type { QDir } from './ast';
import type { Block } from './insn';
import type { CState } from './cstate';
import { genAnd, genCmp, genCmpGe, genCmpLe, genOr } from './cstate';
import { BPF_B, BPF_H } from './insn';
import { ETHERTYPE, genLinktype } from './gen-linktype';
import { dirQualifierError } from './gen-host';
import { IPPROTO, genIpfrag } from './gen-proto';

/** A transport protocol number, or null for "tcp, udp or sctp". */
export type PortProto = number | null;

type Atom = (off: number) => Block;

/** Combines the source (offset 0) and destination (offset 2) atoms for a direction qualifier. */
function byDir(cs: CState, dir: QDir, atom: Atom, what: string): Block {
  switch (dir) {
    case 'src':
      return atom(0);
    case 'dst':
      return atom(2);
    case 'and':
    case 'or':
    case 'default': {
      const tmp = atom(0);
      const b1 = atom(2);
      if (dir === 'and') genAnd(tmp, b1);
      else genOr(tmp, b1);
      return b1;
    }
    default:
      return dirQualifierError(
        cs,
        dir,
        `are not valid qualifiers for ${what}`,
        `is not a valid qualifier for ${what}`,
      );
  }
}

/** IPv4: protocol is `proto`, not a non-first fragment, and the port test. */
function genPortopV4(cs: CState, atom: Atom, proto: number, dir: QDir, what: string): Block {
  const tmp = genCmp(cs, 'linkpl', 9, BPF_B, proto);
  const b0 = genIpfrag(cs);
  genAnd(tmp, b0);
  const b1 = byDir(cs, dir, atom, what);
  genAnd(b0, b1);
  return b1;
}

function genPortopV6(cs: CState, atom: Atom, proto: number, dir: QDir, what: string): Block {
  const b0 = genCmp(cs, 'linkpl', 6, BPF_B, proto);
  const b1 = byDir(cs, dir, atom, what);
  genAnd(b0, b1);
  return b1;
}

type Op = (proto: number) => Block;

/** Link type check, then one protocol or the tcp/udp/sctp alternatives. */
function genForProtos(cs: CState, ethertype: number, proto: PortProto, op: Op): Block {
  const b0 = genLinktype(cs, ethertype);
  let b1: Block;
  if (proto !== null) {
    b1 = op(proto);
  } else {
    const tmp = op(IPPROTO.TCP);
    b1 = op(IPPROTO.UDP);
    genOr(tmp, b1);
    genOr(op(IPPROTO.SCTP), b1);
  }
  genAnd(b0, b1);
  return b1;
}

export function genPort(cs: CState, port: number, proto: PortProto, dir: QDir): Block {
  const atom: Atom = (off) => genCmp(cs, 'tran_ipv4', off, BPF_H, port);
  return genForProtos(cs, ETHERTYPE.IP, proto, (p) => genPortopV4(cs, atom, p, dir, 'ports'));
}

export function genPort6(cs: CState, port: number, proto: PortProto, dir: QDir): Block {
  const atom: Atom = (off) => genCmp(cs, 'tran_ipv6', off, BPF_H, port);
  return genForProtos(cs, ETHERTYPE.IPV6, proto, (p) => genPortopV6(cs, atom, p, dir, 'ports'));
}

function rangeAtom(cs: CState, rel: 'tran_ipv4' | 'tran_ipv6', p1: number, p2: number): Atom {
  const lo = Math.min(p1, p2);
  const hi = Math.max(p1, p2);
  return (off) => {
    const b1 = genCmpGe(cs, rel, off, BPF_H, lo);
    const b2 = genCmpLe(cs, rel, off, BPF_H, hi);
    genAnd(b1, b2);
    return b2;
  };
}

export function genPortrange(cs: CState, p1: number, p2: number, proto: PortProto, dir: QDir): Block {
  const atom = rangeAtom(cs, 'tran_ipv4', p1, p2);
  return genForProtos(cs, ETHERTYPE.IP, proto, (p) => genPortopV4(cs, atom, p, dir, 'port ranges'));
}

export function genPortrange6(cs: CState, p1: number, p2: number, proto: PortProto, dir: QDir): Block {
  const atom = rangeAtom(cs, 'tran_ipv6', p1, p2);
  return genForProtos(cs, ETHERTYPE.IPV6, proto, (p) => genPortopV6(cs, atom, p, dir, 'port ranges'));
}
