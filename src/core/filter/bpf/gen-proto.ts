/** Protocol primitives: "tcp", "ip6", "ip proto 17", "iso proto ...", and the IPv4 fragment test. */
import type { QDir, QProto } from './ast';
import type { Block, Stmt } from './insn';
import type { CState } from './cstate';
import { genAnd, genCmp, genNot, genOr, genLoadA, stmt } from './cstate';
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_B,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_MEM,
  BPF_MISC,
  BPF_MSH,
  BPF_MUL,
  BPF_ST,
  BPF_TAX,
  BPF_TXA,
  BPF_X,
} from './insn';
import { ETHERTYPE, LLCSAP, genLinktype } from './gen-linktype';
import { DLT } from './linktypes';

export const IPPROTO = {
  ICMP: 1,
  IGMP: 2,
  TCP: 6,
  IGRP: 9,
  UDP: 17,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  PIM: 103,
  VRRP: 112,
  SCTP: 132,
} as const;

const ISO8473_CLNP = 0x81;
const ISO9542_ESIS = 0x82;
const ISO10589_ISIS = 0x83;
const ISIS = {
  L1_LAN_IIH: 15,
  L2_LAN_IIH: 16,
  PTP_IIH: 17,
  L1_LSP: 18,
  L2_LSP: 20,
  L1_CSNP: 24,
  L2_CSNP: 25,
  L1_PSNP: 26,
  L2_PSNP: 27,
};

export const ISO_PROTOS: Record<string, number> = {
  esis: ISO9542_ESIS,
  isis: ISO10589_ISIS,
  clnp: ISO8473_CLNP,
};

/** "Not an IPv4 fragment other than the first": (frag offset & 0x1fff) == 0. */
export function genIpfrag(cs: CState): Block {
  const b = cs.newBlock(BPF_JMP | BPF_JSET | BPF_K, 0x1fff);
  b.stmts = genLoadA(cs, 'linkpl', 6, BPF_H);
  genNot(b);
  return b;
}

/** Either of two IS-IS PDU types. */
function genIsisPair(cs: CState, t0: number, t1: number): Block {
  const b0 = genProto(cs, t0, 'isis', 'default');
  const b1 = genProto(cs, t1, 'isis', 'default');
  genOr(b0, b1);
  return b1;
}

/** A bare protocol keyword ("tcp", "ip6", "arp", "l1", ...). */
export function genProtoAbbrev(cs: CState, proto: QProto): Block {
  const both = (p: number): Block => genProto(cs, p, 'default', 'default');
  switch (proto) {
    case 'sctp':
      return both(IPPROTO.SCTP);
    case 'tcp':
      return both(IPPROTO.TCP);
    case 'udp':
      return both(IPPROTO.UDP);
    case 'icmp':
      return genProto(cs, IPPROTO.ICMP, 'ip', 'default');
    case 'igmp':
      return genProto(cs, IPPROTO.IGMP, 'ip', 'default');
    case 'igrp':
      return genProto(cs, IPPROTO.IGRP, 'ip', 'default');
    case 'pim':
      return both(IPPROTO.PIM);
    case 'vrrp':
    case 'carp':
      return genProto(cs, IPPROTO.VRRP, 'ip', 'default');
    case 'ip':
      return genLinktype(cs, ETHERTYPE.IP);
    case 'arp':
      return genLinktype(cs, ETHERTYPE.ARP);
    case 'rarp':
      return genLinktype(cs, ETHERTYPE.REVARP);
    case 'link':
      return cs.error('link layer applied in wrong context');
    case 'atalk':
      return genLinktype(cs, ETHERTYPE.ATALK);
    case 'aarp':
      return genLinktype(cs, ETHERTYPE.AARP);
    case 'decnet':
      return genLinktype(cs, ETHERTYPE.DN);
    case 'sca':
      return genLinktype(cs, ETHERTYPE.SCA);
    case 'lat':
      return genLinktype(cs, ETHERTYPE.LAT);
    case 'mopdl':
      return genLinktype(cs, ETHERTYPE.MOPDL);
    case 'moprc':
      return genLinktype(cs, ETHERTYPE.MOPRC);
    case 'ip6':
      return genLinktype(cs, ETHERTYPE.IPV6);
    case 'icmp6':
      return genProto(cs, IPPROTO.ICMPV6, 'ip6', 'default');
    case 'ah':
      return both(IPPROTO.AH);
    case 'esp':
      return both(IPPROTO.ESP);
    case 'iso':
      return genLinktype(cs, LLCSAP.ISONS);
    case 'esis':
      return genProto(cs, ISO9542_ESIS, 'iso', 'default');
    case 'isis':
      return genProto(cs, ISO10589_ISIS, 'iso', 'default');
    case 'l1': {
      const b0 = genProto(cs, ISIS.L1_LAN_IIH, 'isis', 'default');
      const b1 = genProto(cs, ISIS.PTP_IIH, 'isis', 'default');
      genOr(b0, b1);
      for (const t of [ISIS.L1_LSP, ISIS.L1_CSNP, ISIS.L1_PSNP])
        genOr(genProto(cs, t, 'isis', 'default'), b1);
      return b1;
    }
    case 'l2': {
      const b0 = genProto(cs, ISIS.L2_LAN_IIH, 'isis', 'default');
      const b1 = genProto(cs, ISIS.PTP_IIH, 'isis', 'default');
      genOr(b0, b1);
      for (const t of [ISIS.L2_LSP, ISIS.L2_CSNP, ISIS.L2_PSNP])
        genOr(genProto(cs, t, 'isis', 'default'), b1);
      return b1;
    }
    case 'iih': {
      const b0 = genProto(cs, ISIS.L1_LAN_IIH, 'isis', 'default');
      const b1 = genProto(cs, ISIS.L2_LAN_IIH, 'isis', 'default');
      genOr(b0, b1);
      genOr(genProto(cs, ISIS.PTP_IIH, 'isis', 'default'), b1);
      return b1;
    }
    case 'lsp':
      return genIsisPair(cs, ISIS.L1_LSP, ISIS.L2_LSP);
    case 'snp': {
      const b0 = genProto(cs, ISIS.L1_CSNP, 'isis', 'default');
      const b1 = genProto(cs, ISIS.L2_CSNP, 'isis', 'default');
      genOr(b0, b1);
      genOr(genProto(cs, ISIS.L1_PSNP, 'isis', 'default'), b1);
      genOr(genProto(cs, ISIS.L2_PSNP, 'isis', 'default'), b1);
      return b1;
    }
    case 'csnp':
      return genIsisPair(cs, ISIS.L1_CSNP, ISIS.L2_CSNP);
    case 'psnp':
      return genIsisPair(cs, ISIS.L1_PSNP, ISIS.L2_PSNP);
    case 'clnp':
      return genProto(cs, ISO8473_CLNP, 'iso', 'default');
    case 'stp':
      return genLinktype(cs, LLCSAP.STP);
    case 'ipx':
      return genLinktype(cs, LLCSAP.IPX);
    case 'netbeui':
      return genLinktype(cs, LLCSAP.NETBEUI);
    case 'radio':
      return cs.error("'radio' is not a valid protocol type");
    default:
      return cs.error('syntax error in filter expression');
  }
}

/** Protocols whose "proto" qualifier libpcap rejects, with the message it uses. */
const BOGUS_PROTO: Partial<Record<QProto, string>> = {
  arp: 'arp does not encapsulate another protocol',
  rarp: 'rarp does not encapsulate another protocol',
  sctp: "'sctp proto' is bogus",
  tcp: "'tcp proto' is bogus",
  udp: "'udp proto' is bogus",
  icmp: "'icmp proto' is bogus",
  igmp: "'igmp proto' is bogus",
  igrp: "'igrp proto' is bogus",
  atalk: 'AppleTalk encapsulation is not specifiable',
  decnet: 'DECNET encapsulation is not specifiable',
  lat: 'LAT does not encapsulate another protocol',
  sca: 'SCA does not encapsulate another protocol',
  moprc: 'MOPRC does not encapsulate another protocol',
  mopdl: 'MOPDL does not encapsulate another protocol',
  icmp6: "'icmp6 proto' is bogus",
  ah: "'ah proto' is bogus",
  esp: "'esp proto' is bogus",
  pim: "'pim proto' is bogus",
  vrrp: "'vrrp proto' is bogus",
  aarp: "'aarp proto' is bogus",
  esis: "'esis proto' is bogus",
  clnp: "'clnp proto' is not supported",
  stp: "'stp proto' is bogus",
  ipx: "'ipx proto' is bogus",
  netbeui: "'netbeui proto' is bogus",
  l1: "'l1 proto' is bogus",
  l2: "'l2 proto' is bogus",
  iih: "'iih proto' is bogus",
  snp: "'snp proto' is bogus",
  csnp: "'csnp proto' is bogus",
  psnp: "'psnp proto' is bogus",
  lsp: "'lsp proto' is bogus",
  radio: "'radio proto' is bogus",
  carp: "'carp proto' is bogus",
};

/** "<proto> proto <v>": the next-protocol field of `proto` equals v (IPv6 also behind one fragment header). */
export function genProto(cs: CState, v: number, proto: QProto, dir: QDir): Block {
  if (dir !== 'default') return cs.error("direction applied to 'proto'");
  switch (proto) {
    case 'default': {
      const b0 = genProto(cs, v, 'ip', dir);
      const b1 = genProto(cs, v, 'ip6', dir);
      genOr(b0, b1);
      return b1;
    }
    case 'link':
      return genLinktype(cs, v);
    case 'ip': {
      const b0 = genLinktype(cs, ETHERTYPE.IP);
      const b1 = genCmp(cs, 'linkpl', 9, BPF_B, v);
      genAnd(b0, b1);
      return b1;
    }
    case 'ip6': {
      const b0 = genLinktype(cs, ETHERTYPE.IPV6);
      let b2 = genCmp(cs, 'linkpl', 6, BPF_B, IPPROTO.FRAGMENT);
      const b1 = genCmp(cs, 'linkpl', 40, BPF_B, v);
      genAnd(b2, b1);
      b2 = genCmp(cs, 'linkpl', 6, BPF_B, v);
      genOr(b2, b1);
      genAnd(b0, b1);
      return b1;
    }
    case 'iso':
      if (cs.linktype === DLT.FRELAY) return genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | v);
      if (cs.linktype === DLT.C_HDLC) {
        const b0 = genLinktype(cs, (LLCSAP.ISONS << 8) | LLCSAP.ISONS);
        const b1 = genCmp(cs, 'linkpl_nosnap', 1, BPF_B, v);
        genAnd(b0, b1);
        return b1;
      } else {
        const b0 = genLinktype(cs, LLCSAP.ISONS);
        const b1 = genCmp(cs, 'linkpl_nosnap', 0, BPF_B, v);
        genAnd(b0, b1);
        return b1;
      }
    case 'isis': {
      const b0 = genProto(cs, ISO10589_ISIS, 'iso', 'default');
      const b1 = genCmp(cs, 'linkpl_nosnap', 4, BPF_B, v);
      genAnd(b0, b1);
      return b1;
    }
    default:
      return cs.error(BOGUS_PROTO[proto] ?? 'syntax error in filter expression');
  }
}

const IPPROTO_NONE = 59;
const IPV6_EXT_HEADERS = [
  0 /* hop-by-hop */, 60 /* destination options */, 43 /* routing */, 44 /* fragment */,
];

/**
 * "protochain v": walks IPv6 extension headers and IPv4/IPv6 AH headers looking for protocol v.
 * It loops (backward jumps inside one block), so libpcap leaves such programs unoptimized.
 */
export function genProtochain(cs: CState, v: number, proto: QProto): Block {
  const reg2 = cs.allocReg();
  if (proto === 'default') {
    const b0 = genProtochain(cs, v, 'ip');
    const b = genProtochain(cs, v, 'ip6');
    genOr(b0, b);
    return b;
  }
  if (proto !== 'ip' && proto !== 'ip6') return cs.error("bad protocol applied for 'protochain'");
  if (cs.offLinkpl.isVariable) return cs.error("'protochain' not supported with variable length headers");
  cs.noOptimize = true;
  const nl = cs.offLinkpl.constantPart + cs.offNl;
  const s: Stmt[] = [];
  let b0: Block;
  if (proto === 'ip') {
    b0 = genLinktype(cs, ETHERTYPE.IP);
    s.push(stmt(BPF_LD | BPF_ABS | BPF_B, nl + 9), stmt(BPF_LDX | BPF_MSH | BPF_B, nl));
  } else {
    b0 = genLinktype(cs, ETHERTYPE.IPV6);
    s.push(stmt(BPF_LD | BPF_ABS | BPF_B, nl + 6), stmt(BPF_LDX | BPF_IMM, 40));
  }
  const again = s.length;
  const found = stmt(BPF_JMP | BPF_JEQ | BPF_K, v);
  const none = stmt(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_NONE);
  found.jf = none;
  s.push(found, none);
  // Backward jump to "again" from the statement about to be appended.
  const jumpBack = (): Stmt => stmt(BPF_JMP | BPF_JA, again - s.length - 1);
  let lastExt: Stmt | null = null;
  if (proto === 'ip6') {
    const exts = IPV6_EXT_HEADERS.map((h) => stmt(BPF_JMP | BPF_JEQ | BPF_K, h));
    none.jf = exts[0];
    for (let i = 0; i + 1 < exts.length; i++) exts[i].jf = exts[i + 1];
    s.push(...exts);
    lastExt = exts[exts.length - 1];
    // Next header and length of this extension header: X += (len + 1) * 8.
    const advance = stmt(BPF_LD | BPF_IND | BPF_B, nl);
    for (const e of exts) e.jt = advance;
    s.push(advance, stmt(BPF_ST, reg2), stmt(BPF_LD | BPF_IND | BPF_B, nl + 1));
    s.push(
      stmt(BPF_ALU | BPF_ADD | BPF_K, 1),
      stmt(BPF_ALU | BPF_MUL | BPF_K, 8),
      stmt(BPF_ALU | BPF_ADD | BPF_X),
    );
    s.push(stmt(BPF_MISC | BPF_TAX), stmt(BPF_LD | BPF_MEM, reg2));
    s.push(jumpBack());
  } else {
    const nop = stmt(BPF_ALU | BPF_ADD | BPF_K, 0);
    none.jf = nop;
    s.push(nop);
  }
  // AH: X += (len + 2) * 4.
  const ah = stmt(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO.AH);
  if (lastExt) lastExt.jf = ah;
  const ahStart = stmt(BPF_MISC | BPF_TXA);
  ah.jt = ahStart;
  s.push(ah, ahStart, stmt(BPF_LD | BPF_IND | BPF_B, nl), stmt(BPF_ST, reg2), stmt(BPF_MISC | BPF_TXA));
  s.push(stmt(BPF_ALU | BPF_ADD | BPF_K, 1), stmt(BPF_MISC | BPF_TAX), stmt(BPF_LD | BPF_IND | BPF_B, nl));
  s.push(stmt(BPF_ALU | BPF_ADD | BPF_K, 2), stmt(BPF_ALU | BPF_MUL | BPF_K, 4), stmt(BPF_MISC | BPF_TAX));
  s.push(stmt(BPF_LD | BPF_MEM, reg2));
  s.push(jumpBack());
  const end = stmt(BPF_ALU | BPF_ADD | BPF_K, 0);
  none.jt = end;
  ah.jf = end;
  found.jt = end;
  s.push(end);
  const b = cs.newBlock(BPF_JMP | BPF_JEQ | BPF_K, v);
  b.stmts = s;
  cs.freeReg(reg2);
  genAnd(b0, b);
  return b;
}
