/** Address matches: IPv4/IPv6 hosts and networks, Ethernet addresses, DECnet nodes. */
import type { QAddr, QDir, QProto } from './ast';
import type { Block } from './insn';
import type { CState } from './cstate';
import { genAnd, genBcmp, genCmp, genMcmp, genOr } from './cstate';
import { BPF_B, BPF_H, BPF_W } from './insn';
import { ETHERTYPE, genLinktype } from './gen-linktype';

/**
 * libpcap's message for an 802.11-only direction qualifier (addr1..addr4, ra, ta) used where it
 * does not apply; `plural`/`singular` complete the sentence ("are not valid qualifiers for ports").
 */
export function dirQualifierError(cs: CState, dir: QDir, plural: string, singular: string): never {
  if (dir === 'ra' || dir === 'ta') return cs.error(`'${dir}' ${singular}`);
  const n = dir.slice(4);
  return cs.error(`'addr${n}' and 'address${n}' ${plural}`);
}

const NOT_80211: [string, string] = [
  'are not valid qualifiers for addresses other than 802.11 MAC addresses',
  'is not a valid qualifier for addresses other than 802.11 MAC addresses',
];

/** IPv4 address field at src_off/dst_off of a network header whose link type is `proto`. */
function genHostop(
  cs: CState,
  addr: number,
  mask: number,
  dir: QDir,
  proto: number,
  srcOff: number,
  dstOff: number,
): Block {
  let offset: number;
  switch (dir) {
    case 'src':
      offset = srcOff;
      break;
    case 'dst':
      offset = dstOff;
      break;
    case 'and':
    case 'default':
    case 'or': {
      const b0 = genHostop(cs, addr, mask, 'src', proto, srcOff, dstOff);
      const b1 = genHostop(cs, addr, mask, 'dst', proto, srcOff, dstOff);
      if (dir === 'and') genAnd(b0, b1);
      else genOr(b0, b1);
      return b1;
    }
    default:
      return dirQualifierError(cs, dir, ...NOT_80211);
  }
  const b0 = genLinktype(cs, proto);
  const b1 = genMcmp(cs, 'linkpl', offset, BPF_W, addr, mask);
  genAnd(b0, b1);
  return b1;
}

function genHostop6(
  cs: CState,
  addr: Uint8Array,
  mask: Uint8Array,
  dir: QDir,
  srcOff: number,
  dstOff: number,
): Block {
  let offset: number;
  switch (dir) {
    case 'src':
      offset = srcOff;
      break;
    case 'dst':
      offset = dstOff;
      break;
    case 'and':
    case 'default':
    case 'or': {
      const b0 = genHostop6(cs, addr, mask, 'src', srcOff, dstOff);
      const b1 = genHostop6(cs, addr, mask, 'dst', srcOff, dstOff);
      if (dir === 'and') genAnd(b0, b1);
      else genOr(b0, b1);
      return b1;
    }
    default:
      return dirQualifierError(cs, dir, ...NOT_80211);
  }
  const word = (a: Uint8Array, i: number): number =>
    ((a[i * 4] << 24) | (a[i * 4 + 1] << 16) | (a[i * 4 + 2] << 8) | a[i * 4 + 3]) >>> 0;
  // Last word first: the order libpcap emits the comparisons in.
  const b1 = genMcmp(cs, 'linkpl', offset + 12, BPF_W, word(addr, 3), word(mask, 3));
  let b0 = genMcmp(cs, 'linkpl', offset + 8, BPF_W, word(addr, 2), word(mask, 2));
  genAnd(b0, b1);
  b0 = genMcmp(cs, 'linkpl', offset + 4, BPF_W, word(addr, 1), word(mask, 1));
  genAnd(b0, b1);
  b0 = genMcmp(cs, 'linkpl', offset, BPF_W, word(addr, 0), word(mask, 0));
  genAnd(b0, b1);
  b0 = genLinktype(cs, ETHERTYPE.IPV6);
  genAnd(b0, b1);
  return b1;
}

/** Ethernet source/destination address. */
export function genEhostop(cs: CState, eaddr: ArrayLike<number>, dir: QDir): Block {
  switch (dir) {
    case 'src':
      return genBcmp(cs, 'linkhdr', 6, eaddr);
    case 'dst':
      return genBcmp(cs, 'linkhdr', 0, eaddr);
    case 'and':
    case 'default':
    case 'or': {
      const b0 = genEhostop(cs, eaddr, 'src');
      const b1 = genEhostop(cs, eaddr, 'dst');
      if (dir === 'and') genAnd(b0, b1);
      else genOr(b0, b1);
      return b1;
    }
    default:
      return dirQualifierError(
        cs,
        dir,
        'are only supported on 802.11 with 802.11 headers',
        'is only supported on 802.11 with 802.11 headers',
      );
  }
}

/** DECnet data packets with 0 or 1 byte of padding and long or short headers. */
function genDnhostop(cs: CState, addr: number, dir: QDir): Block {
  let offsetSh: number;
  let offsetLh: number;
  switch (dir) {
    case 'dst':
      offsetSh = 1;
      offsetLh = 7;
      break;
    case 'src':
      offsetSh = 3;
      offsetLh = 15;
      break;
    case 'and':
    case 'default':
    case 'or': {
      const b0 = genDnhostop(cs, addr, 'src');
      const b1 = genDnhostop(cs, addr, 'dst');
      if (dir === 'and') genAnd(b0, b1);
      else genOr(b0, b1);
      return b1;
    }
    default:
      return dirQualifierError(cs, dir, ...NOT_80211);
  }
  // DECnet addresses are little-endian on the wire.
  const swap16 = (v: number): number => ((v & 0xff) << 8) | ((v >> 8) & 0xff);
  const a = swap16(addr & 0xffff);
  const b0 = genLinktype(cs, ETHERTYPE.DN);
  let tmp = genMcmp(cs, 'linkpl', 2, BPF_H, swap16(0x0681), swap16(0x07ff));
  const b1 = genCmp(cs, 'linkpl', 2 + 1 + offsetLh, BPF_H, a);
  genAnd(tmp, b1);
  tmp = genMcmp(cs, 'linkpl', 2, BPF_B, 0x06, 0x07);
  let b2 = genCmp(cs, 'linkpl', 2 + offsetLh, BPF_H, a);
  genAnd(tmp, b2);
  genOr(b2, b1);
  tmp = genMcmp(cs, 'linkpl', 2, BPF_H, swap16(0x0281), swap16(0x07ff));
  b2 = genCmp(cs, 'linkpl', 2 + 1 + offsetSh, BPF_H, a);
  genAnd(tmp, b2);
  genOr(b2, b1);
  tmp = genMcmp(cs, 'linkpl', 2, BPF_B, 0x02, 0x07);
  b2 = genCmp(cs, 'linkpl', 2 + offsetSh, BPF_H, a);
  genAnd(tmp, b2);
  genOr(b2, b1);
  genAnd(b0, b1);
  return b1;
}

/** Protocol qualifiers that are simply "not applicable" to an address, with libpcap's spelling. */
const MODIFIER_NAMES: Partial<Record<QProto, string>> = {
  sctp: 'sctp',
  tcp: 'tcp',
  udp: 'udp',
  icmp: 'icmp',
  igmp: 'igmp',
  igrp: 'igrp',
  icmp6: 'icmp6',
  ah: 'ah',
  esp: 'esp',
  pim: 'pim',
  vrrp: 'vrrp',
  esis: 'esis',
  isis: 'isis',
  clnp: 'clnp',
  stp: 'stp',
  netbeui: 'netbeui',
  l1: 'l1',
  l2: 'l2',
  iih: 'iih',
  snp: 'snp',
  csnp: 'csnp',
  psnp: 'psnp',
  lsp: 'lsp',
  radio: 'radio',
  carp: 'carp',
};

/** IPv4 host or network, for the protocols that carry IPv4 addresses. */
export function genHost(
  cs: CState,
  addr: number,
  mask: number,
  proto: QProto,
  dir: QDir,
  type: QAddr,
): Block {
  const typestr = type === 'net' ? 'net' : 'host';
  switch (proto) {
    case 'default': {
      let b0 = genHost(cs, addr, mask, 'ip', dir, type);
      // Only IPv4 inside MPLS.
      if (cs.labelStackDepth === 0) {
        const b1 = genHost(cs, addr, mask, 'arp', dir, type);
        genOr(b0, b1);
        b0 = genHost(cs, addr, mask, 'rarp', dir, type);
        genOr(b1, b0);
      }
      return b0;
    }
    case 'link':
      return cs.error(`link-layer modifier applied to ${typestr}`);
    case 'ip':
      return genHostop(cs, addr, mask, dir, ETHERTYPE.IP, 12, 16);
    case 'rarp':
      return genHostop(cs, addr, mask, dir, ETHERTYPE.REVARP, 14, 24);
    case 'arp':
      return genHostop(cs, addr, mask, dir, ETHERTYPE.ARP, 14, 24);
    case 'decnet':
      return genDnhostop(cs, addr, dir);
    case 'atalk':
      return cs.error('AppleTalk host filtering not implemented');
    case 'lat':
      return cs.error('LAT host filtering not implemented');
    case 'sca':
      return cs.error('SCA host filtering not implemented');
    case 'moprc':
      return cs.error('MOPRC host filtering not implemented');
    case 'mopdl':
      return cs.error('MOPDL host filtering not implemented');
    case 'ip6':
      return cs.error("'ip6' modifier applied to ip host");
    case 'aarp':
      return cs.error('AARP host filtering not implemented');
    case 'iso':
      return cs.error('ISO host filtering not implemented');
    case 'ipx':
      return cs.error('IPX host filtering not implemented');
    default: {
      const name = MODIFIER_NAMES[proto];
      return cs.error(
        name ? `'${name}' modifier applied to ${typestr}` : 'syntax error in filter expression',
      );
    }
  }
}

/** IPv6 host or network. */
export function genHost6(
  cs: CState,
  addr: Uint8Array,
  mask: Uint8Array,
  proto: QProto,
  dir: QDir,
  type: QAddr,
): Block {
  const typestr = type === 'net' ? 'net' : 'host';
  switch (proto) {
    case 'default':
    case 'ip6':
      return genHostop6(cs, addr, mask, dir, 8, 24);
    case 'link':
      return cs.error(`link-layer modifier applied to ip6 ${typestr}`);
    case 'atalk':
      return cs.error(`AppleTalk modifier applied to ip6 ${typestr}`);
    case 'undef':
      return cs.error('syntax error in filter expression');
    default:
      return cs.error(`'${proto}' modifier applied to ip6 ${typestr}`);
  }
}
