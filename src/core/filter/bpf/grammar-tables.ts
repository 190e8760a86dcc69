/** Keyword tables of the filter grammar: qualifiers, operators, and named 802.11 values. */
import type { ArthOp, QAddr, QDir, QProto, RelCode } from './ast';

export const PNAMES: Record<string, QProto> = {
  LINK: 'link',
  IP: 'ip',
  ARP: 'arp',
  RARP: 'rarp',
  SCTP: 'sctp',
  TCP: 'tcp',
  UDP: 'udp',
  ICMP: 'icmp',
  IGMP: 'igmp',
  IGRP: 'igrp',
  PIM: 'pim',
  VRRP: 'vrrp',
  CARP: 'carp',
  ATALK: 'atalk',
  AARP: 'aarp',
  DECNET: 'decnet',
  LAT: 'lat',
  SCA: 'sca',
  MOPDL: 'mopdl',
  MOPRC: 'moprc',
  IPV6: 'ip6',
  ICMPV6: 'icmp6',
  AH: 'ah',
  ESP: 'esp',
  ISO: 'iso',
  ESIS: 'esis',
  ISIS: 'isis',
  L1: 'l1',
  L2: 'l2',
  IIH: 'iih',
  LSP: 'lsp',
  SNP: 'snp',
  PSNP: 'psnp',
  CSNP: 'csnp',
  CLNP: 'clnp',
  STP: 'stp',
  IPX: 'ipx',
  NETBEUI: 'netbeui',
  RADIO: 'radio',
};

export const DQUALS: Record<string, QDir> = {
  SRC: 'src',
  DST: 'dst',
  ADDR1: 'addr1',
  ADDR2: 'addr2',
  ADDR3: 'addr3',
  ADDR4: 'addr4',
  RA: 'ra',
  TA: 'ta',
};

export const AQUALS: Record<string, QAddr> = {
  HOST: 'host',
  NET: 'net',
  PORT: 'port',
  PORTRANGE: 'portrange',
};

/** Binary arithmetic operators with yacc precedence; '%' and '^' have none (yacc then always shifts). */
export const ARTH_OPS: Record<string, { op: ArthOp; prec: number | null }> = {
  '|': { op: '|', prec: 1 },
  '&': { op: '&', prec: 2 },
  LSH: { op: '<<', prec: 3 },
  RSH: { op: '>>', prec: 3 },
  '+': { op: '+', prec: 4 },
  '-': { op: '-', prec: 4 },
  '*': { op: '*', prec: 5 },
  '/': { op: '/', prec: 5 },
  '%': { op: '%', prec: null },
  '^': { op: '^', prec: null },
};
export const UMINUS_PREC = 6;

export const RELOPS: Record<string, { code: RelCode; reversed: boolean }> = {
  '>': { code: 'jgt', reversed: false },
  GEQ: { code: 'jge', reversed: false },
  '=': { code: 'jeq', reversed: false },
  LEQ: { code: 'jgt', reversed: true },
  '<': { code: 'jge', reversed: true },
  NEQ: { code: 'jeq', reversed: true },
};

/** Keywords of link types this implementation only knows by libpcap's rejection message. */
export const ATM_TYPES: Record<string, string> = {
  LANE: 'lane',
  METAC: 'metac',
  BCC: 'bcc',
  OAMF4EC: 'oam4ec',
  OAMF4SC: 'oam4sc',
  SC: 'sc',
  ILMIC: 'ilmic',
  OAM: 'oam',
  OAMF4: 'oamf4',
  CONNECTMSG: 'connectmsg',
  METACONNECT: 'metaconnect',
};
export const MTP2_TYPES: Record<string, string> = {
  FISU: "'fisu' supported only on MTP2",
  LSSU: "'lssu' supported only on MTP2",
  MSU: "'msu' supported only on MTP2",
  HFISU: "'hfisu' supported only on MTP2_HSL",
  HLSSU: "'hlssu' supported only on MTP2_HSL",
  HMSU: "'hmsu' supported only on MTP2_HSL",
};
export const MTP3_FIELDS: Record<string, string> = {
  SIO: 'sio',
  OPC: 'opc',
  DPC: 'dpc',
  SLS: 'sls',
  HSIO: 'sio',
  HOPC: 'opc',
  HDPC: 'dpc',
  HSLS: 'sls',
};
export const PF_KEYWORDS: Record<string, string> = {
  PF_IFNAME: 'ifname supported only on PF linktype',
  PF_RSET: 'ruleset supported only on PF linktype',
  PF_RNR: 'rnr supported only on PF linktype',
  PF_SRNR: 'srnr supported only on PF linktype',
  PF_REASON: 'reason supported only on PF linktype',
  PF_ACTION: 'action supported only on PF linktype',
};

export const FC0_TYPE_MASK = 0x0c;
export const FC0_SUBTYPE_MASK = 0xf0;
export const WLAN_TYPES: Record<string, number> = {
  data: 0x08,
  mgt: 0x00,
  management: 0x00,
  ctl: 0x04,
  control: 0x04,
};
/** Subtype names per frame type, in libpcap's search order (management, control, data). */
export const WLAN_SUBTYPES: [number, Record<string, number>][] = [
  [
    0x00,
    {
      assocreq: 0x00,
      'assoc-req': 0x00,
      assocresp: 0x10,
      'assoc-resp': 0x10,
      reassocreq: 0x20,
      'reassoc-req': 0x20,
      reassocresp: 0x30,
      'reassoc-resp': 0x30,
      probereq: 0x40,
      'probe-req': 0x40,
      proberesp: 0x50,
      'probe-resp': 0x50,
      beacon: 0x80,
      atim: 0x90,
      disassoc: 0xa0,
      disassociation: 0xa0,
      auth: 0xb0,
      authentication: 0xb0,
      deauth: 0xc0,
      deauthentication: 0xc0,
    },
  ],
  [0x04, { 'ps-poll': 0xa0, rts: 0xb0, cts: 0xc0, ack: 0xd0, 'cf-end': 0xe0, 'cf-end-ack': 0xf0 }],
  [
    0x08,
    {
      data: 0x00,
      'data-cf-ack': 0x10,
      'data-cf-poll': 0x20,
      'data-cf-ack-poll': 0x30,
      null: 0x40,
      'cf-ack': 0x50,
      'cf-poll': 0x60,
      'cf-ack-poll': 0x70,
      'qos-data': 0x80,
      'qos-data-cf-ack': 0x90,
      'qos-data-cf-poll': 0xa0,
      'qos-data-cf-ack-poll': 0xb0,
      qos: 0xc0,
      'qos-cf-poll': 0xe0,
      'qos-cf-ack-poll': 0xf0,
    },
  ],
];

/** Case-insensitive name lookup (libpcap's str2tok). */
export function lookupCi(table: Record<string, number>, name: string): number | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(table)) if (k === lower) return v;
  return undefined;
}

export const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
