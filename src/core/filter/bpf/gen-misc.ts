/**
 * The remaining primitives: length tests, "byte", broadcast/multicast, direction, ifindex,
 * and the encapsulations that shift later offsets (vlan, mpls, pppoes), plus 802.2 LLC.
 */
import type { QProto } from './ast';
import type { Block } from './insn';
import type { CState } from './cstate';
import {
  genAnd,
  genCmp,
  genCmpGe,
  genCmpGt,
  genCmpLt,
  genLoadA,
  genMcmp,
  genNot,
  genOr,
  genTrue,
  stmt,
} from './cstate';
import {
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_H,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LEN,
  BPF_OR,
  BPF_W,
} from './insn';
import { ETHERTYPE, PPP_MPLS_UCAST, genLinktype } from './gen-linktype';
import { genEhostop } from './gen-host';
import { gen80211Multicast, genCheck80211DataFrame, genWlanhostop } from './gen-80211';
import { genLoad, genLoadi, genRelation } from './gen-arith';
import { DLT, dltDescription } from './linktypes';

function genLen(cs: CState, jmp: number, n: number): Block {
  const b = cs.newBlock(BPF_JMP | jmp | BPF_K, n);
  b.stmts = [stmt(BPF_LD | BPF_LEN)];
  return b;
}

export const genGreater = (cs: CState, n: number): Block => genLen(cs, BPF_JGE, n);

/** "less n" is really "length <= n". */
export function genLess(cs: CState, n: number): Block {
  const b = genLen(cs, BPF_JGT, n);
  genNot(b);
  return b;
}

/** "byte idx op val", idx relative to the link-layer header. */
export function genByteop(cs: CState, op: string, idx: number, val: number): Block {
  switch (op) {
    case '=':
      return genCmp(cs, 'linkhdr', idx, BPF_B, val);
    case '<':
      return genCmpLt(cs, 'linkhdr', idx, BPF_B, val);
    case '>':
      return genCmpGt(cs, 'linkhdr', idx, BPF_B, val);
    default: {
      // As in libpcap, '&' and '|' operate on whatever is in A without loading the byte.
      const b = cs.newBlock(BPF_JMP | BPF_JEQ | BPF_K);
      b.stmts = [stmt(BPF_ALU | (op === '|' ? BPF_OR : BPF_AND) | BPF_K, val)];
      genNot(b);
      return b;
    }
  }
}

const EBROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

export function genBroadcast(cs: CState, proto: QProto): Block {
  switch (proto) {
    case 'default':
    case 'link':
      switch (cs.linktype) {
        case DLT.EN10MB:
        case DLT.NETANALYZER:
        case DLT.NETANALYZER_TRANSPARENT:
          return genEhostop(cs, EBROADCAST, 'dst');
        case DLT.IEEE802_11:
        case DLT.PRISM_HEADER:
        case DLT.IEEE802_11_RADIO_AVS:
        case DLT.IEEE802_11_RADIO:
        case DLT.PPI:
          return genWlanhostop(cs, EBROADCAST, 'dst');
        case DLT.ARCNET:
        case DLT.ARCNET_LINUX:
        case DLT.FDDI:
        case DLT.IEEE802:
        case DLT.IP_OVER_FC:
          return cs.error(`broadcast filtering is not supported for ${dltDescription(cs.linktype)}`);
        default:
          return cs.error('not a broadcast link');
      }
    case 'ip': {
      // Reading a file, tcpdump has no netmask (0): the host part is the whole address.
      const hostmask = 0xffffffff;
      const b0 = genLinktype(cs, ETHERTYPE.IP);
      const b1 = genMcmp(cs, 'linkpl', 16, BPF_W, 0, hostmask);
      const b2 = genMcmp(cs, 'linkpl', 16, BPF_W, hostmask, hostmask);
      genOr(b1, b2);
      genAnd(b0, b2);
      return b2;
    }
    default:
      return cs.error('only link-layer/IP broadcast filters supported');
  }
}

/** Low bit of the first byte of a MAC address. */
function genMacMulticast(cs: CState, offset: number): Block {
  const b = cs.newBlock(BPF_JMP | BPF_JSET | BPF_K, 1);
  b.stmts = genLoadA(cs, 'linkhdr', offset, BPF_B);
  return b;
}

export function genMulticast(cs: CState, proto: QProto): Block {
  switch (proto) {
    case 'default':
    case 'link':
      switch (cs.linktype) {
        case DLT.EN10MB:
        case DLT.NETANALYZER:
        case DLT.NETANALYZER_TRANSPARENT:
          return genMacMulticast(cs, 0);
        case DLT.FDDI:
          return genMacMulticast(cs, 1);
        case DLT.IEEE802:
        case DLT.IP_OVER_FC:
          return genMacMulticast(cs, 2);
        case DLT.IEEE802_11:
        case DLT.PRISM_HEADER:
        case DLT.IEEE802_11_RADIO_AVS:
        case DLT.IEEE802_11_RADIO:
        case DLT.PPI:
          return gen80211Multicast(cs);
        default:
          break;
      }
      break;
    case 'ip': {
      const b0 = genLinktype(cs, ETHERTYPE.IP);
      const b1 = genCmpGe(cs, 'linkpl', 16, BPF_B, 224);
      genAnd(b0, b1);
      return b1;
    }
    case 'ip6': {
      const b0 = genLinktype(cs, ETHERTYPE.IPV6);
      const b1 = genCmp(cs, 'linkpl', 24, BPF_B, 255);
      genAnd(b0, b1);
      return b1;
    }
    default:
      break;
  }
  return cs.error(
    'link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel',
  );
}

const LINUX_SLL_OUTGOING = 4;

/** inbound (dir 0) / outbound (dir 1), for link types whose header records the direction. */
export function genInbound(cs: CState, dir: 0 | 1): Block {
  switch (cs.linktype) {
    case DLT.SLIP: {
      const load = genLoad(cs, 'link', genLoadi(cs, 0), 1);
      return genRelation(cs, 'jeq', load, genLoadi(cs, 0), dir === 1);
    }
    case DLT.IPNET:
      return genCmp(cs, 'linkhdr', 2, BPF_H, dir ? 2 : 1);
    case DLT.LINUX_SLL: {
      const b0 = genCmp(cs, 'linkhdr', 0, BPF_H, LINUX_SLL_OUTGOING);
      if (!dir) genNot(b0);
      return b0;
    }
    case DLT.LINUX_SLL2: {
      const b0 = genCmp(cs, 'linkhdr', 10, BPF_B, LINUX_SLL_OUTGOING);
      if (!dir) genNot(b0);
      return b0;
    }
    default:
      return cs.error(
        `inbound/outbound not supported on ${dltDescription(cs.linktype)} when reading savefiles`,
      );
  }
}

export function genIfindex(cs: CState, ifindex: number): Block {
  if (cs.linktype === DLT.LINUX_SLL2) return genCmp(cs, 'linkhdr', 4, BPF_W, ifindex);
  return cs.error(`ifindex not supported on ${dltDescription(cs.linktype)} when reading savefiles`);
}

/** 802.1Q / 802.1ad / QinQ tag, optionally with a VLAN id; later tests then look past the tag. */
export function genVlan(cs: CState, num: number | null): Block {
  if (cs.labelStackDepth > 0) cs.error('no VLAN match after MPLS');
  switch (cs.linktype) {
    case DLT.EN10MB:
    case DLT.NETANALYZER:
    case DLT.NETANALYZER_TRANSPARENT:
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
      break;
    default:
      return cs.error(`no VLAN support for ${dltDescription(cs.linktype)}`);
  }
  let b0 = genLinktype(cs, ETHERTYPE.VLAN_8021Q);
  let b1 = genLinktype(cs, ETHERTYPE.VLAN_8021AD);
  genOr(b0, b1);
  b0 = b1;
  b1 = genLinktype(cs, ETHERTYPE.VLAN_8021QINQ);
  genOr(b0, b1);
  b0 = b1;
  if (num !== null) {
    if (num > 0x0fff) cs.error(`VLAN tag ${num} greater than maximum ${0x0fff}`);
    b1 = genMcmp(cs, 'linkpl', 0, BPF_H, num, 0x0fff);
    genAnd(b0, b1);
    b0 = b1;
  }
  cs.offLinkpl.constantPart += 4;
  cs.offLinktype.constantPart += 4;
  cs.vlanStackDepth++;
  return b0;
}

export function genMpls(cs: CState, label: number | null): Block {
  let b0: Block;
  if (cs.labelStackDepth > 0) {
    // Inner label: the previous one must not have had the bottom-of-stack bit.
    b0 = genMcmp(cs, 'prevmplshdr', 2, BPF_B, 0, 0x01);
  } else {
    switch (cs.linktype) {
      case DLT.C_HDLC:
      case DLT.EN10MB:
      case DLT.NETANALYZER:
      case DLT.NETANALYZER_TRANSPARENT:
        b0 = genLinktype(cs, ETHERTYPE.MPLS);
        break;
      case DLT.PPP:
        b0 = genLinktype(cs, PPP_MPLS_UCAST);
        break;
      default:
        return cs.error(`no MPLS support for ${dltDescription(cs.linktype)}`);
    }
  }
  if (label !== null) {
    if (label > 0xfffff) cs.error(`MPLS label ${label} greater than maximum ${0xfffff}`);
    const b1 = genMcmp(cs, 'linkpl', 0, BPF_W, (label << 12) >>> 0, 0xfffff000);
    genAnd(b0, b1);
    b0 = b1;
  }
  cs.offNlNosnap += 4;
  cs.offNl += 4;
  cs.labelStackDepth++;
  return b0;
}

export const genPppoed = (cs: CState): Block => genLinktype(cs, ETHERTYPE.PPPOED);

/** PPPoE session; later tests look at the PPP frame inside it. */
export function genPppoes(cs: CState, sess: number | null): Block {
  let b0 = genLinktype(cs, ETHERTYPE.PPPOES);
  if (sess !== null) {
    if (sess > 0xffff) cs.error(`PPPoE session number ${sess} greater than maximum ${0xffff}`);
    const b1 = genMcmp(cs, 'linkpl', 0, BPF_W, sess, 0x0000ffff);
    genAnd(b0, b1);
    b0 = b1;
  }
  cs.prevlinktype = cs.linktype;
  cs.offPrevlinkhdr = { ...cs.offLinkhdr };
  cs.linktype = DLT.PPP;
  cs.offLinkhdr = {
    isVariable: cs.offLinkpl.isVariable,
    constantPart: cs.offLinkpl.constantPart + cs.offNl + 6,
    reg: cs.offLinkpl.reg,
  };
  cs.offLinktype = { ...cs.offLinkhdr };
  cs.offLinkpl.constantPart = cs.offLinkhdr.constantPart + 2;
  cs.offNl = 0;
  cs.offNlNosnap = 0;
  return b0;
}

const LLC_S_SUBTYPES: Record<string, number> = { rr: 0x01, rnr: 0x05, rej: 0x09 };
const LLC_U_SUBTYPES: Record<string, number> = {
  ui: 0x03,
  ua: 0x63,
  disc: 0x43,
  dm: 0x0f,
  sabme: 0x6f,
  test: 0xe3,
  xid: 0xaf,
  frmr: 0x87,
};

function genLlcInternal(cs: CState): Block {
  switch (cs.linktype) {
    case DLT.EN10MB: {
      // An 802.3 length field, and not Novell "raw" 802.3 (0xFFFF where the SAPs would be).
      const b0 = genCmpGt(cs, 'linktype', 0, BPF_H, 1500);
      genNot(b0);
      const b1 = genCmp(cs, 'llc', 0, BPF_H, 0xffff);
      genNot(b1);
      genAnd(b0, b1);
      return b1;
    }
    case DLT.IEEE802:
    case DLT.FDDI:
    case DLT.ATM_RFC1483:
      return genTrue(cs);
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.PPI:
      return genCheck80211DataFrame(cs);
    default:
      return cs.error(`'llc' not supported for ${dltDescription(cs.linktype)}`);
  }
}

/** "llc", "llc i|s|u", "llc <S or U subtype>". */
export function genLlc(cs: CState, kind: string | null): Block {
  const k = kind?.toLowerCase() ?? null;
  if (k !== null && !['i', 's', 'u'].includes(k) && !(k in LLC_S_SUBTYPES) && !(k in LLC_U_SUBTYPES)) {
    cs.error(`unknown LLC type name "${kind}"`);
  }
  const b0 = genLlcInternal(cs);
  if (k === null) return b0;
  let b1: Block;
  if (k === 'i') {
    b1 = cs.newBlock(BPF_JMP | BPF_JSET | BPF_K, 0x01);
    b1.stmts = genLoadA(cs, 'llc', 2, BPF_B);
    genNot(b1);
  } else if (k === 's') {
    b1 = genMcmp(cs, 'llc', 2, BPF_B, 0x01, 0x03);
  } else if (k === 'u') {
    b1 = genMcmp(cs, 'llc', 2, BPF_B, 0x03, 0x03);
  } else if (k in LLC_S_SUBTYPES) {
    b1 = genMcmp(cs, 'llc', 2, BPF_B, LLC_S_SUBTYPES[k], 0x0f);
  } else {
    b1 = genMcmp(cs, 'llc', 2, BPF_B, LLC_U_SUBTYPES[k], 0xef);
  }
  genAnd(b0, b1);
  return b1;
}
