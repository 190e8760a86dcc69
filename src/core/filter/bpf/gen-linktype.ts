/**
 * "Is this packet of network protocol P?" for each link type (libpcap's gen_linktype family).
 * P is an Ethernet type (> 1500) or an 802.2 LLC SAP (<= 1500).
 */
import type { Block } from './insn';
import type { CState } from './cstate';
import {
  genAnd,
  genCmp,
  genCmpGt,
  genFalse,
  genMcmp,
  genNot,
  genOr,
  genTrue,
  genBcmp,
  OFFSET_NOT_SET,
} from './cstate';
import { BPF_B, BPF_H, BPF_W } from './insn';
import { DLT, dltDescription } from './linktypes';
import { genCheck80211DataFrame } from './gen-80211';

export const ETHERTYPE = {
  IP: 0x0800,
  ARP: 0x0806,
  REVARP: 0x8035,
  IPV6: 0x86dd,
  ATALK: 0x809b,
  AARP: 0x80f3,
  DN: 0x6003,
  LAT: 0x6004,
  SCA: 0x6007,
  MOPDL: 0x6001,
  MOPRC: 0x6002,
  NS: 0x0600,
  IPX: 0x8137,
  LOOPBACK: 0x9000,
  VLAN_8021Q: 0x8100,
  VLAN_8021AD: 0x88a8,
  VLAN_8021QINQ: 0x9100,
  MPLS: 0x8847,
  PPPOED: 0x8863,
  PPPOES: 0x8864,
} as const;

export const LLCSAP = { IP: 0x06, ISONS: 0xfe, NETBEUI: 0xf0, IPX: 0xe0, SNAP: 0xaa, STP: 0x42 } as const;

const ETHERMTU = 1500;
const LINUX_SLL_P_802_3 = 0x0001;
const LINUX_SLL_P_802_2 = 0x0004;

const PPP = {
  IP: 0x0021,
  OSI: 0x0023,
  NS: 0x0025,
  DECNET: 0x0027,
  APPLE: 0x0029,
  IPX: 0x002b,
  VJC: 0x002d,
  VJNC: 0x002f,
  BRPDU: 0x0031,
  IPV6: 0x0057,
  MPLS_UCAST: 0x0281,
} as const;
export const PPP_MPLS_UCAST = PPP.MPLS_UCAST;

// AF_ values for IPv6 used by the various BSDs (and Npcap); a savefile may hold any of them.
const BSD_AFNUM_INET6 = [24, 28, 30];
const AF_INET = 2;

/** SNAP header with the given OUI and protocol type (LLC DSAP/SSAP = SNAP, control = UI). */
export function genSnap(cs: CState, orgcode: number, ptype: number): Block {
  const snap = [
    LLCSAP.SNAP,
    LLCSAP.SNAP,
    0x03,
    (orgcode >> 16) & 0xff,
    (orgcode >> 8) & 0xff,
    orgcode & 0xff,
    (ptype >> 8) & 0xff,
    ptype & 0xff,
  ];
  return genBcmp(cs, 'llc', 0, snap);
}

function genEtherLinktype(cs: CState, proto: number): Block {
  switch (proto) {
    case LLCSAP.ISONS:
    case LLCSAP.IP:
    case LLCSAP.NETBEUI: {
      const b0 = genCmpGt(cs, 'linktype', 0, BPF_H, ETHERMTU);
      genNot(b0);
      const b1 = genCmp(cs, 'llc', 0, BPF_H, (proto << 8) | proto);
      genAnd(b0, b1);
      return b1;
    }
    case LLCSAP.IPX: {
      let b0 = genCmp(cs, 'llc', 0, BPF_B, LLCSAP.IPX);
      const b1 = genCmp(cs, 'llc', 0, BPF_H, 0xffff);
      genOr(b0, b1);
      b0 = genSnap(cs, 0x000000, ETHERTYPE.IPX);
      genOr(b0, b1);
      b0 = genCmpGt(cs, 'linktype', 0, BPF_H, ETHERMTU);
      genNot(b0);
      genAnd(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, ETHERTYPE.IPX);
      genOr(b0, b1);
      return b1;
    }
    case ETHERTYPE.ATALK:
    case ETHERTYPE.AARP: {
      let b0 = genCmpGt(cs, 'linktype', 0, BPF_H, ETHERMTU);
      genNot(b0);
      const b1 =
        proto === ETHERTYPE.ATALK
          ? genSnap(cs, 0x080007, ETHERTYPE.ATALK)
          : genSnap(cs, 0x000000, ETHERTYPE.AARP);
      genAnd(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, proto);
      genOr(b0, b1);
      return b1;
    }
    default:
      if (proto <= ETHERMTU) {
        const b0 = genCmpGt(cs, 'linktype', 0, BPF_H, ETHERMTU);
        genNot(b0);
        const b1 = genCmp(cs, 'linktype', 2, BPF_B, proto);
        genAnd(b0, b1);
        return b1;
      }
      return genCmp(cs, 'linktype', 0, BPF_H, proto);
  }
}

function genLinuxSllLinktype(cs: CState, proto: number): Block {
  switch (proto) {
    case LLCSAP.ISONS:
    case LLCSAP.IP:
    case LLCSAP.NETBEUI: {
      const b0 = genCmp(cs, 'linktype', 0, BPF_H, LINUX_SLL_P_802_2);
      const b1 = genCmp(cs, 'llc', 0, BPF_H, (proto << 8) | proto);
      genAnd(b0, b1);
      return b1;
    }
    case LLCSAP.IPX: {
      let b0 = genCmp(cs, 'llc', 0, BPF_B, LLCSAP.IPX);
      const b1 = genSnap(cs, 0x000000, ETHERTYPE.IPX);
      genOr(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, LINUX_SLL_P_802_2);
      genAnd(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, LINUX_SLL_P_802_3);
      genOr(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, ETHERTYPE.IPX);
      genOr(b0, b1);
      return b1;
    }
    case ETHERTYPE.ATALK:
    case ETHERTYPE.AARP: {
      let b0 = genCmp(cs, 'linktype', 0, BPF_H, LINUX_SLL_P_802_2);
      const b1 =
        proto === ETHERTYPE.ATALK
          ? genSnap(cs, 0x080007, ETHERTYPE.ATALK)
          : genSnap(cs, 0x000000, ETHERTYPE.AARP);
      genAnd(b0, b1);
      b0 = genCmp(cs, 'linktype', 0, BPF_H, proto);
      genOr(b0, b1);
      return b1;
    }
    default:
      if (proto <= ETHERMTU) {
        const b0 = genCmp(cs, 'linktype', 0, BPF_H, LINUX_SLL_P_802_2);
        const b1 = genCmp(cs, 'linkhdr', cs.offLinkpl.constantPart, BPF_B, proto);
        genAnd(b0, b1);
        return b1;
      }
      return genCmp(cs, 'linktype', 0, BPF_H, proto);
  }
}

/**
 * BSD loopback: a 4-byte AF_ value. DLT_NULL stores it in the byte order of the machine that
 * wrote the file; like tcpdump reading a file written on a little-endian machine, compare it
 * as loaded big-endian from little-endian storage. DLT_LOOP stores it big-endian.
 */
function genLoopbackLinktype(cs: CState, af: number): Block {
  let v = af >>> 0;
  if (cs.linktype === DLT.NULL || cs.linktype === DLT.ENC) {
    v = (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
  }
  return genCmp(cs, 'linkhdr', 0, BPF_W, v);
}

function ethertypeToPpptype(proto: number): number {
  switch (proto) {
    case ETHERTYPE.IP:
      return PPP.IP;
    case ETHERTYPE.IPV6:
      return PPP.IPV6;
    case ETHERTYPE.DN:
      return PPP.DECNET;
    case ETHERTYPE.ATALK:
      return PPP.APPLE;
    case ETHERTYPE.NS:
      return PPP.NS;
    case LLCSAP.ISONS:
      return PPP.OSI;
    case LLCSAP.STP:
      return PPP.BRPDU;
    case LLCSAP.IPX:
      return PPP.IPX;
    default:
      return proto;
  }
}

/** For link types that always carry 802.2 LLC (FDDI, Token Ring, ATM, IP over FC). */
export function genLlcLinktype(cs: CState, proto: number): Block {
  switch (proto) {
    case LLCSAP.IP:
    case LLCSAP.ISONS:
    case LLCSAP.NETBEUI:
      return genCmp(cs, 'llc', 0, BPF_H, (proto << 8) | proto);
    case LLCSAP.IPX:
      return genCmp(cs, 'llc', 0, BPF_B, LLCSAP.IPX);
    case ETHERTYPE.ATALK:
      return genSnap(cs, 0x080007, ETHERTYPE.ATALK);
    default:
      if (proto <= ETHERMTU) return genCmp(cs, 'llc', 0, BPF_B, proto);
      return genCmp(cs, 'llc', 6, BPF_H, proto);
  }
}

function genMplsLinktype(cs: CState, proto: number): Block {
  if (proto !== ETHERTYPE.IP && proto !== ETHERTYPE.IPV6) cs.error('unsupported protocol over mpls');
  // Bottom-of-stack bit of the last label, then the IP version nibble.
  const b0 = genMcmp(cs, 'linkpl', 0xfffffffe, BPF_B, 0x01, 0x01);
  const b1 = genMcmp(cs, 'linkpl', 0, BPF_B, proto === ETHERTYPE.IP ? 0x40 : 0x60, 0xf0);
  genAnd(b0, b1);
  return b1;
}

export function genLinktype(cs: CState, proto: number): Block {
  if (cs.labelStackDepth > 0) return genMplsLinktype(cs, proto);
  switch (cs.linktype) {
    case DLT.EN10MB:
    case DLT.NETANALYZER:
    case DLT.NETANALYZER_TRANSPARENT:
      return genEtherLinktype(cs, proto);
    case DLT.C_HDLC:
      return genCmp(cs, 'linktype', 0, BPF_H, proto === LLCSAP.ISONS ? (proto << 8) | LLCSAP.ISONS : proto);
    case DLT.IEEE802_11:
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
    case DLT.PPI: {
      const b0 = genCheck80211DataFrame(cs);
      const b1 = genLlcLinktype(cs, proto);
      genAnd(b0, b1);
      return b1;
    }
    case DLT.FDDI:
    case DLT.IEEE802:
    case DLT.ATM_RFC1483:
    case DLT.ATM_CLIP:
    case DLT.IP_OVER_FC:
      return genLlcLinktype(cs, proto);
    case DLT.LINUX_SLL:
      return genLinuxSllLinktype(cs, proto);
    case DLT.SLIP:
    case DLT.SLIP_BSDOS:
    case DLT.RAW:
      if (proto === ETHERTYPE.IP) return genMcmp(cs, 'linkhdr', 0, BPF_B, 0x40, 0xf0);
      if (proto === ETHERTYPE.IPV6) return genMcmp(cs, 'linkhdr', 0, BPF_B, 0x60, 0xf0);
      return genFalse(cs);
    case DLT.IPV4:
      return proto === ETHERTYPE.IP ? genTrue(cs) : genFalse(cs);
    case DLT.IPV6:
      return proto === ETHERTYPE.IPV6 ? genTrue(cs) : genFalse(cs);
    case DLT.PPP:
    case DLT.PPP_SERIAL:
    case DLT.PPP_ETHER:
      return genCmp(cs, 'linktype', 0, BPF_H, ethertypeToPpptype(proto));
    case DLT.PPP_BSDOS:
      if (proto === ETHERTYPE.IP) {
        // Also Van Jacobson compressed and uncompressed TCP/IP.
        let b0 = genCmp(cs, 'linktype', 0, BPF_H, PPP.IP);
        const b1 = genCmp(cs, 'linktype', 0, BPF_H, PPP.VJC);
        genOr(b0, b1);
        b0 = genCmp(cs, 'linktype', 0, BPF_H, PPP.VJNC);
        genOr(b1, b0);
        return b0;
      }
      return genCmp(cs, 'linktype', 0, BPF_H, ethertypeToPpptype(proto));
    case DLT.NULL:
    case DLT.LOOP:
    case DLT.ENC:
      if (proto === ETHERTYPE.IP) return genLoopbackLinktype(cs, AF_INET);
      if (proto === ETHERTYPE.IPV6) {
        let b0 = genLoopbackLinktype(cs, BSD_AFNUM_INET6[0]);
        const b1 = genLoopbackLinktype(cs, BSD_AFNUM_INET6[1]);
        genOr(b0, b1);
        b0 = genLoopbackLinktype(cs, BSD_AFNUM_INET6[2]);
        genOr(b0, b1);
        return b1;
      }
      return genFalse(cs);
    case DLT.LTALK:
      return proto === ETHERTYPE.ATALK ? genTrue(cs) : genFalse(cs);
    case DLT.FRELAY:
      if (proto === ETHERTYPE.IP) return genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | 0xcc);
      if (proto === ETHERTYPE.IPV6) return genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | 0x8e);
      if (proto === LLCSAP.ISONS) {
        const b0 = genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | 0x81);
        const b1 = genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | 0x82);
        const b2 = genCmp(cs, 'linkhdr', 2, BPF_H, (0x03 << 8) | 0x83);
        genOr(b1, b2);
        genOr(b0, b2);
        return b2;
      }
      return genFalse(cs);
    case DLT.IPNET:
      if (proto === ETHERTYPE.IP) return genCmp(cs, 'linktype', 0, BPF_B, 2);
      if (proto === ETHERTYPE.IPV6) return genCmp(cs, 'linktype', 0, BPF_B, 26);
      return genFalse(cs);
    default:
      if (cs.unsupportedLink)
        return cs.error(`filtering ${dltDescription(cs.linktype)} frames is not supported`);
      if (cs.offLinktype.constantPart !== OFFSET_NOT_SET) return genCmp(cs, 'linktype', 0, BPF_H, proto);
      return cs.error(`${dltDescription(cs.linktype)} link-layer type filtering not implemented`);
  }
}
