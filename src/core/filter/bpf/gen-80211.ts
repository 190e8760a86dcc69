/**
 * IEEE 802.11 link types (plain, radiotap, Prism, AVS, PPI): the run-time computation of the
 * variable header lengths that libpcap puts in front of the program, frame-type checks and the
 * 802.11 address fields, following libpcap's generated code.
 */
import type { QDir } from './ast';
import type { Block, Stmt } from './insn';
import type { CState } from './cstate';
import { genAnd, genBcmp, genLoadA, genMcmp, genNot, genOr, stmt } from './cstate';
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_OR,
  BPF_ST,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
} from './insn';
import { DLT } from './linktypes';

const FC0_TYPE_MASK = 0x0c;
const FC0_TYPE_CTL = 0x04;
const FC0_SUBTYPE_MASK = 0xf0;
const FC0_SUBTYPE_CTS = 0xc0;
const FC0_SUBTYPE_ACK = 0xd0;
const FC1_DIR_MASK = 0x03;
const FC1_DIR_DSTODS = 0x03;

const jump = (k: number): Stmt => stmt(BPF_JMP | BPF_JSET | BPF_K, k);

/** Radiotap and PPI: the little-endian header length at offset 2, into the link-header register. */
function genLoadLePrefixLen(cs: CState): Stmt[] | null {
  if (cs.offLinkhdr.reg === -1) return null;
  return [
    stmt(BPF_LD | BPF_B | BPF_ABS, 3),
    stmt(BPF_ALU | BPF_LSH | BPF_K, 8),
    stmt(BPF_MISC | BPF_TAX),
    stmt(BPF_LD | BPF_B | BPF_ABS, 2),
    stmt(BPF_ALU | BPF_OR | BPF_X),
    stmt(BPF_ST, cs.offLinkhdr.reg),
    stmt(BPF_MISC | BPF_TAX),
  ];
}

function genLoadAvsPrefixLen(cs: CState): Stmt[] | null {
  if (cs.offLinkhdr.reg === -1) return null;
  return [stmt(BPF_LD | BPF_W | BPF_ABS, 4), stmt(BPF_ST, cs.offLinkhdr.reg), stmt(BPF_MISC | BPF_TAX)];
}

/** Prism header (144 bytes), unless it is really an AVS header (cookie 0x80211000). */
function genLoadPrismPrefixLen(cs: CState): Stmt[] | null {
  cs.noOptimize = true;
  if (cs.offLinkhdr.reg === -1) return null;
  const isAvs = stmt(BPF_JMP | BPF_JEQ | BPF_K, 0x80211000);
  const avsLen = stmt(BPF_LD | BPF_W | BPF_ABS, 4);
  const skip = stmt(BPF_JMP | BPF_JA, 1);
  const prismLen = stmt(BPF_LD | BPF_W | BPF_IMM, 144);
  const store = stmt(BPF_ST, cs.offLinkhdr.reg);
  isAvs.jt = avsLen;
  isAvs.jf = prismLen;
  skip.jf = store;
  return [
    stmt(BPF_LD | BPF_W | BPF_ABS, 0),
    stmt(BPF_ALU | BPF_AND | BPF_K, 0xfffff000),
    isAvs,
    avsLen,
    skip,
    prismLen,
    store,
    stmt(BPF_MISC | BPF_TAX),
  ];
}

/**
 * Offset of the 802.11 payload: 24-byte MAC header, +2 for QoS data frames, rounded up to 4
 * when radiotap says the driver padded it. `snext` is the program's first statement.
 */
function genLoad80211HeaderLen(cs: CState, prefix: Stmt[] | null, snext: Stmt): Stmt[] | null {
  if (cs.offLinkpl.reg === -1) return prefix;
  cs.noOptimize = true;
  const reg = cs.offLinkpl.reg;
  const s = prefix ?? [stmt(BPF_LDX | BPF_IMM, cs.offOutermostlinkhdr.constantPart)];
  s.push(stmt(BPF_MISC | BPF_TXA), stmt(BPF_ALU | BPF_ADD | BPF_K, 24), stmt(BPF_ST, reg));
  s.push(stmt(BPF_LD | BPF_IND | BPF_B, 0));
  const data1 = jump(0x08);
  const data2 = jump(0x04);
  const qos = jump(0x80);
  s.push(data1, data2, qos);
  data1.jt = data2;
  data1.jf = snext;
  data2.jt = snext;
  data2.jf = qos;
  const addQos = stmt(BPF_LD | BPF_MEM, reg);
  qos.jt = addQos;
  s.push(addQos, stmt(BPF_ALU | BPF_ADD | BPF_IMM, 2), stmt(BPF_ST, reg));
  if (cs.linktype !== DLT.IEEE802_11_RADIO) {
    qos.jf = snext;
    return s;
  }
  // Radiotap fields are little-endian: the presence bits are tested byte-swapped.
  const present = stmt(BPF_LD | BPF_ABS | BPF_W, 4);
  qos.jf = present;
  const flagsPresent = jump(0x02000000);
  const extPresent = jump(0x00000080);
  const tsftPresent = jump(0x01000000);
  s.push(present, flagsPresent, extPresent, tsftPresent);
  flagsPresent.jf = snext;
  flagsPresent.jt = extPresent;
  extPresent.jt = snext;
  extPresent.jf = tsftPresent;
  const flagsAfterTsft = stmt(BPF_LD | BPF_ABS | BPF_B, 16);
  const tsftPad = jump(0x20);
  const flagsNoTsft = stmt(BPF_LD | BPF_ABS | BPF_B, 8);
  const noTsftPad = jump(0x20);
  tsftPresent.jt = flagsAfterTsft;
  tsftPresent.jf = flagsNoTsft;
  const roundup = stmt(BPF_LD | BPF_MEM, reg);
  s.push(flagsAfterTsft, tsftPad, flagsNoTsft, noTsftPad, roundup);
  s.push(
    stmt(BPF_ALU | BPF_ADD | BPF_IMM, 3),
    stmt(BPF_ALU | BPF_AND | BPF_IMM, 0xfffffffc),
    stmt(BPF_ST, reg),
  );
  tsftPad.jt = roundup;
  tsftPad.jf = snext;
  noTsftPad.jt = roundup;
  noTsftPad.jf = snext;
  return s;
}

/** Puts the header-length computations the program needs in front of its first block. */
export function insertComputeVloffsets(cs: CState, root: Block): void {
  if (cs.offLinkpl.reg !== -1 && cs.offLinkhdr.isVariable && cs.offLinkhdr.reg === -1) {
    cs.offLinkhdr.reg = cs.allocReg();
  }
  let s: Stmt[] | null;
  switch (cs.outermostlinktype) {
    case DLT.PRISM_HEADER:
      s = genLoadPrismPrefixLen(cs);
      break;
    case DLT.IEEE802_11_RADIO_AVS:
      s = genLoadAvsPrefixLen(cs);
      break;
    case DLT.IEEE802_11_RADIO:
    case DLT.PPI:
      s = genLoadLePrefixLen(cs);
      break;
    default:
      s = null;
  }
  switch (cs.outermostlinktype) {
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
    case DLT.PPI:
      if (root.stmts.length > 0) s = genLoad80211HeaderLen(cs, s, root.stmts[0]);
      break;
    default:
      break;
  }
  if (s) root.stmts = [...s, ...root.stmts];
}

/** PPI captures: only those carrying 802.11 (DLT 105, little-endian in the PPI header). */
export function genPpiDltCheck(cs: CState): Block | null {
  if (cs.linktype !== DLT.PPI) return null;
  const b = cs.newBlock(BPF_JMP | BPF_JEQ | BPF_K, 0x69000000);
  b.stmts = [stmt(BPF_LD | BPF_W | BPF_ABS, 4)];
  return b;
}

const jsetBlock = (cs: CState, offset: number, k: number): Block => {
  const b = cs.newBlock(BPF_JMP | BPF_JSET | BPF_K, k);
  b.stmts = genLoadA(cs, 'linkhdr', offset, BPF_B);
  return b;
};

/** A data frame: frame-control type bits 0b10. */
export function genCheck80211DataFrame(cs: CState): Block {
  const b0 = jsetBlock(cs, 0, 0x08);
  const b1 = jsetBlock(cs, 0, 0x04);
  genNot(b1);
  genAnd(b1, b0);
  return b0;
}

type AddrTest = (off: number) => Block;

/**
 * Destination (or, with `src`, source) address of management and data frames, wherever the DS
 * bits put it; control frames have none.
 */
function genWlanAddr(cs: CState, test: AddrTest, src: boolean): Block {
  let b0: Block;
  let b1: Block;
  let b2: Block;
  if (src) {
    b1 = jsetBlock(cs, 1, 0x01); // To DS
    b0 = test(24);
    genAnd(b1, b0);
    b2 = jsetBlock(cs, 1, 0x01);
    genNot(b2);
    b1 = test(16);
    genAnd(b2, b1);
    genOr(b1, b0);
    b1 = jsetBlock(cs, 1, 0x02); // From DS
    genAnd(b1, b0);
    b2 = jsetBlock(cs, 1, 0x02);
    genNot(b2);
    b1 = test(10);
    genAnd(b2, b1);
    genOr(b1, b0);
  } else {
    b1 = jsetBlock(cs, 1, 0x01);
    b0 = test(16);
    genAnd(b1, b0);
    b2 = jsetBlock(cs, 1, 0x01);
    genNot(b2);
    b1 = test(4);
    genAnd(b2, b1);
    genOr(b1, b0);
  }
  b1 = jsetBlock(cs, 0, 0x08); // data frame
  genAnd(b1, b0);
  b2 = jsetBlock(cs, 0, 0x08);
  genNot(b2);
  b1 = test(src ? 10 : 4); // management frame
  genAnd(b2, b1);
  genOr(b1, b0);
  b1 = jsetBlock(cs, 0, 0x04); // not control (or reserved)
  genNot(b1);
  genAnd(b1, b0);
  return b0;
}

/** Neither a control frame nor... (libpcap's test for frames that have addr2). */
function genNotCtsAck(cs: CState): Block {
  const b0 = genMcmp(cs, 'linkhdr', 0, BPF_B, FC0_TYPE_CTL, FC0_TYPE_MASK);
  genNot(b0);
  const b1 = genMcmp(cs, 'linkhdr', 0, BPF_B, FC0_SUBTYPE_CTS, FC0_SUBTYPE_MASK);
  genNot(b1);
  const b2 = genMcmp(cs, 'linkhdr', 0, BPF_B, FC0_SUBTYPE_ACK, FC0_SUBTYPE_MASK);
  genNot(b2);
  genAnd(b1, b2);
  genOr(b0, b2);
  return b2;
}

/** 802.11 MAC address with a direction qualifier (src/dst/addr1-4/ra/ta). */
export function genWlanhostop(cs: CState, eaddr: ArrayLike<number>, dir: QDir): Block {
  const test: AddrTest = (off) => genBcmp(cs, 'linkhdr', off, eaddr);
  switch (dir) {
    case 'src':
      return genWlanAddr(cs, test, true);
    case 'dst':
      return genWlanAddr(cs, test, false);
    case 'and':
    case 'or':
    case 'default': {
      const b0 = genWlanhostop(cs, eaddr, 'src');
      const b1 = genWlanhostop(cs, eaddr, 'dst');
      if (dir === 'and') genAnd(b0, b1);
      else genOr(b0, b1);
      return b1;
    }
    case 'addr1':
      return test(4);
    case 'addr2': {
      const b2 = genNotCtsAck(cs);
      const b1 = test(10);
      genAnd(b2, b1);
      return b1;
    }
    case 'addr3': {
      const b0 = genMcmp(cs, 'linkhdr', 0, BPF_B, FC0_TYPE_CTL, FC0_TYPE_MASK);
      genNot(b0);
      const b1 = test(16);
      genAnd(b0, b1);
      return b1;
    }
    case 'addr4': {
      const b0 = genMcmp(cs, 'linkhdr', 1, BPF_B, FC1_DIR_DSTODS, FC1_DIR_MASK);
      const b1 = test(24);
      genAnd(b0, b1);
      return b1;
    }
    case 'ra': {
      const b1 = jsetBlock(cs, 0, 0x08);
      const b0 = test(4);
      genAnd(b1, b0);
      return b0;
    }
    case 'ta': {
      const b2 = genNotCtsAck(cs);
      const b1 = jsetBlock(cs, 0, 0x08);
      genAnd(b1, b2);
      const b3 = test(10);
      genAnd(b2, b3);
      return b3;
    }
    default:
      return cs.error('syntax error in filter expression');
  }
}

/** 802.11 multicast: low bit of the destination address, wherever it is. */
export function gen80211Multicast(cs: CState): Block {
  const test: AddrTest = (off) => {
    const b = cs.newBlock(BPF_JMP | BPF_JSET | BPF_K, 1);
    b.stmts = genLoadA(cs, 'linkhdr', off, BPF_B);
    return b;
  };
  return genWlanAddr(cs, test, false);
}

/** "wlan type/subtype ...": frame-control byte under a mask. */
export function genP80211Type(cs: CState, type: number, mask: number): Block {
  switch (cs.linktype) {
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
      return genMcmp(cs, 'linkhdr', 0, BPF_B, type, mask);
    default:
      return cs.error('802.11 link-layer types supported only on 802.11');
  }
}

/** "wlan dir ...": the DS bits. */
export function genP80211Fcdir(cs: CState, fcdir: number): Block {
  switch (cs.linktype) {
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
      return genMcmp(cs, 'linkhdr', 1, BPF_B, fcdir, FC1_DIR_MASK);
    default:
      return cs.error('frame direction supported only with 802.11 headers');
  }
}
