/**
 * Values with their qualifiers: names, numbers, IPv4/IPv6 addresses and networks, MAC addresses
 * (libpcap's gen_scode / gen_ncode / gen_mcode / gen_mcode6 / gen_ecode). Host and network names
 * are never resolved: they are rejected the way libpcap rejects a name it cannot resolve.
 */
import type { Qual } from './ast';
import type { Block } from './insn';
import type { CState } from './cstate';
import { genOr } from './cstate';
import { genEhostop, genHost, genHost6 } from './gen-host';
import { genWlanhostop } from './gen-80211';
import { genPort, genPort6, genPortrange, genPortrange6 } from './gen-port';
import type { PortProto } from './gen-port';
import { IPPROTO, ISO_PROTOS, genProto, genProtochain } from './gen-proto';
import { ETHERTYPE, LLCSAP } from './gen-linktype';
import { DLT, dltDescription } from './linktypes';
import { parseIpv6 } from './lexer';
import { lookupProtocol, lookupService } from './names';

/** libpcap's __pcap_atoin: dotted decimal with 1-4 parts; returns the value and its bit length, or null. */
export function atoin(s: string): { addr: number; len: number } | null {
  let addr = 0;
  let len = 0;
  let i = 0;
  for (;;) {
    let n = 0;
    while (i < s.length && s[i] !== '.') {
      if (n > 25) return null;
      n = n * 10 + s.charCodeAt(i++) - 48;
    }
    if (n > 255) return null;
    addr = ((addr << 8) | (n & 0xff)) >>> 0;
    len += 8;
    if (i >= s.length) return { addr, len };
    i++;
  }
}

/** libpcap's pcap_ether_aton for the MAC spellings the scanner accepts. */
function etherAton(s: string): number[] {
  const out: number[] = [];
  const hex = (c: string): number => parseInt(c, 16);
  let i = 0;
  while (i < s.length) {
    if (s[i] === ':' || s[i] === '.' || s[i] === '-') i++;
    let d = hex(s[i++]);
    if (i < s.length && /[0-9A-Fa-f]/.test(s[i])) d = (d << 4) | hex(s[i++]);
    out.push(d);
  }
  return out;
}

function portProto(cs: CState, q: Qual, what: 'port' | 'portrange'): PortProto {
  switch (q.proto) {
    case 'udp':
      return IPPROTO.UDP;
    case 'tcp':
      return IPPROTO.TCP;
    case 'sctp':
      return IPPROTO.SCTP;
    case 'default':
      return null;
    default:
      return cs.error(`illegal qualifier of '${what}'`);
  }
}

/** libpcap's pcap_nametoport: a service name's port and protocol (null = both TCP and UDP). */
function nameToPort(name: string): { port: number; proto: PortProto } | null {
  const svc = lookupService(name);
  if (!svc) return null;
  const [tcp, udp] = svc;
  if (tcp >= 0) return { port: tcp, proto: udp === tcp ? null : IPPROTO.TCP };
  return { port: udp, proto: IPPROTO.UDP };
}

/** Reconciles the protocol a service name implies with the tcp/udp/sctp qualifier given. */
function checkNamedProto(cs: CState, q: Qual, real: PortProto, name: string, label: string): PortProto {
  const wanted =
    q.proto === 'udp' ? IPPROTO.UDP : q.proto === 'tcp' ? IPPROTO.TCP : q.proto === 'sctp' ? IPPROTO.SCTP : 0;
  if (!wanted) return real;
  const names: Record<number, string> = {
    [IPPROTO.TCP]: 'tcp',
    [IPPROTO.UDP]: 'udp',
    [IPPROTO.SCTP]: 'sctp',
  };
  if (real !== null && real !== wanted) cs.error(`${label} '${name}' is ${names[real]}`);
  return wanted;
}

function checkPort(cs: CState, port: number): void {
  if (port < 0) cs.error(`illegal port number ${port} < 0`);
  if (port > 65535) cs.error(`illegal port number ${port} > 65535`);
}

/** libpcap's lookup_proto: protocol names after "proto". */
function lookupProto(cs: CState, name: string, q: Qual): number {
  switch (q.proto) {
    case 'default':
    case 'ip':
    case 'ip6': {
      const v = lookupProtocol(name);
      if (v < 0) cs.error(`unknown ip proto '${name}'`);
      return v;
    }
    case 'link': {
      const eth: Record<string, number> = {
        aarp: ETHERTYPE.AARP,
        arp: ETHERTYPE.ARP,
        atalk: ETHERTYPE.ATALK,
        decnet: ETHERTYPE.DN,
        ip: ETHERTYPE.IP,
        ip6: ETHERTYPE.IPV6,
        lat: ETHERTYPE.LAT,
        loopback: ETHERTYPE.LOOPBACK,
        mopdl: ETHERTYPE.MOPDL,
        moprc: ETHERTYPE.MOPRC,
        rarp: ETHERTYPE.REVARP,
        sca: ETHERTYPE.SCA,
      };
      const llc: Record<string, number> = {
        iso: LLCSAP.ISONS,
        stp: LLCSAP.STP,
        ipx: LLCSAP.IPX,
        netbeui: LLCSAP.NETBEUI,
      };
      const v = eth[name] ?? llc[name];
      if (v === undefined) cs.error(`unknown ether proto '${name}'`);
      return v;
    }
    case 'iso': {
      const v = ISO_PROTOS[name];
      if (v === undefined) cs.error(`unknown osi proto '${name}'`);
      return v;
    }
    default:
      return cs.error(`unknown protocol: ${name}`);
  }
}

/** A name (ID token) with its qualifiers. */
export function genScode(cs: CState, name: string, q: Qual): Block {
  switch (q.addr) {
    case 'net':
      return cs.error(`unknown network '${name}'`);
    case 'default':
    case 'host':
      if (q.proto === 'link') {
        switch (cs.linktype) {
          case DLT.EN10MB:
          case DLT.NETANALYZER:
          case DLT.NETANALYZER_TRANSPARENT:
            return cs.error(`unknown ether host '${name}'`);
          case DLT.FDDI:
            return cs.error(`unknown FDDI host '${name}'`);
          case DLT.IEEE802:
            return cs.error(`unknown token ring host '${name}'`);
          case DLT.IEEE802_11:
          case DLT.PRISM_HEADER:
          case DLT.IEEE802_11_RADIO_AVS:
          case DLT.IEEE802_11_RADIO:
          case DLT.PPI:
            return cs.error(`unknown 802.11 host '${name}'`);
          case DLT.IP_OVER_FC:
            return cs.error(`unknown Fibre Channel host '${name}'`);
          default:
            return cs.error(
              'only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name',
            );
        }
      }
      if (q.proto === 'decnet')
        return cs.error(`decnet name support not included, '${name}' cannot be translated\n`);
      return cs.error(`unknown host '${name}'`);
    case 'port': {
      if (q.proto !== 'default' && q.proto !== 'udp' && q.proto !== 'tcp' && q.proto !== 'sctp') {
        cs.error("illegal qualifier of 'port'");
      }
      const r = nameToPort(name);
      if (!r) return cs.error(`unknown port '${name}'`);
      const proto = checkNamedProto(cs, q, r.proto, name, 'port');
      checkPort(cs, r.port);
      const b = genPort(cs, r.port, proto, q.dir);
      genOr(genPort6(cs, r.port, proto, q.dir), b);
      return b;
    }
    case 'portrange': {
      if (q.proto !== 'default' && q.proto !== 'udp' && q.proto !== 'tcp' && q.proto !== 'sctp') {
        cs.error("illegal qualifier of 'portrange'");
      }
      const r = nameToPortrange(name);
      if (!r) return cs.error(`unknown port in range '${name}'`);
      const proto = checkNamedProto(cs, q, r.proto, name, 'port in range');
      checkPort(cs, r.p1);
      checkPort(cs, r.p2);
      const b = genPortrange(cs, r.p1, r.p2, proto, q.dir);
      genOr(genPortrange6(cs, r.p1, r.p2, proto, q.dir), b);
      return b;
    }
    case 'gateway':
      return cs.error("'gateway' not supported in this configuration");
    case 'proto':
      return genProto(cs, lookupProto(cs, name, q), q.proto, q.dir);
    case 'protochain':
      return genProtochain(cs, lookupProto(cs, name, q), q.proto);
    default:
      return cs.error('syntax error in filter expression');
  }
}

/** libpcap's pcap_nametoportrange: "N-M" numerically, else "name-name". */
function nameToPortrange(name: string): { p1: number; p2: number; proto: PortProto } | null {
  const m = /^\s*([+-]?\d+)-\s*([+-]?\d+)/.exec(name);
  if (m) return { p1: Number(m[1]), p2: Number(m[2]), proto: null };
  const dash = name.indexOf('-');
  if (dash < 0) return null;
  const a = nameToPort(name.slice(0, dash));
  if (!a) return null;
  const b = nameToPort(name.slice(dash + 1));
  if (!b) return null;
  return { p1: a.port, p2: b.port, proto: a.proto !== b.proto ? null : b.proto };
}

/** A number, or a dotted IPv4 address (s), with its qualifiers. */
export function genNcode(cs: CState, s: string | null, v: number, q: Qual): Block {
  let vlen = 32;
  if (s !== null) {
    if (q.proto === 'decnet') {
      const m = /^\s*([+-]?\d+)\.\s*([+-]?\d+)/.exec(s);
      if (!m) return cs.error(`malformed decnet address '${s}'`);
      v = ((Number(m[1]) << 10) & 0o176000) | (Number(m[2]) & 0o1777);
    } else {
      const r = atoin(s);
      if (!r) return cs.error(`invalid IPv4 address '${s}'`);
      v = r.addr;
      vlen = r.len;
    }
  }
  switch (q.addr) {
    case 'default':
    case 'host':
    case 'net': {
      if (q.proto === 'decnet') return genHost(cs, v, 0, q.proto, q.dir, q.addr);
      if (q.proto === 'link') return cs.error('illegal link layer address');
      let mask = 0xffffffff;
      if (s === null && q.addr === 'net') {
        // A bare network number: left-justify it.
        while (v && (v & 0xff000000) === 0) {
          v = (v << 8) >>> 0;
          mask = (mask << 8) >>> 0;
        }
      } else {
        v = vlen === 32 ? v >>> 0 : (v << (32 - vlen)) >>> 0;
        mask = vlen === 32 ? mask : (mask << (32 - vlen)) >>> 0;
      }
      return genHost(cs, v, mask, q.proto, q.dir, q.addr);
    }
    case 'port':
    case 'portrange': {
      const proto = portProto(cs, q, q.addr);
      if (v > 65535) cs.error(`illegal port number ${v} > 65535`);
      if (q.addr === 'port') {
        const b = genPort(cs, v, proto, q.dir);
        genOr(genPort6(cs, v, proto, q.dir), b);
        return b;
      }
      const b = genPortrange(cs, v, v, proto, q.dir);
      genOr(genPortrange6(cs, v, v, proto, q.dir), b);
      return b;
    }
    case 'gateway':
      return cs.error("'gateway' requires a name");
    case 'proto':
      return genProto(cs, v, q.proto, q.dir);
    case 'protochain':
      return genProtochain(cs, v, q.proto);
    default:
      return cs.error('syntax error in filter expression');
  }
}

/** IPv4 network with a mask ("net a.b.c.d mask m.m.m.m") or a prefix length ("a.b.c.d/n"). */
export function genMcode(cs: CState, s1: string, s2: string | null, masklen: number, q: Qual): Block {
  const a = atoin(s1);
  if (!a) return cs.error(`invalid IPv4 address '${s1}'`);
  const n = a.len === 32 ? a.addr : (a.addr << (32 - a.len)) >>> 0;
  let m: number;
  if (s2 !== null) {
    const mm = atoin(s2);
    if (!mm) return cs.error(`invalid IPv4 address '${s2}'`);
    m = mm.len === 32 ? mm.addr : (mm.addr << (32 - mm.len)) >>> 0;
    if ((n & ~m) >>> 0 !== 0) cs.error(`non-network bits set in "${s1} mask ${s2}"`);
  } else {
    if (masklen > 32) cs.error('mask length must be <= 32');
    m = masklen === 0 ? 0 : (0xffffffff << (32 - masklen)) >>> 0;
    if ((n & ~m) >>> 0 !== 0) cs.error(`non-network bits set in "${s1}/${masklen}"`);
  }
  if (q.addr !== 'net') return cs.error('Mask syntax for networks only');
  return genHost(cs, n, m, q.proto, q.dir, q.addr);
}

/** IPv6 host or network. */
export function genMcode6(cs: CState, s: string, masklen: number, q: Qual): Block {
  const addr = parseIpv6(s);
  if (!addr) return cs.error(`invalid ip6 address ${s}`);
  if (masklen > 128) cs.error('mask length must be <= 128');
  const mask = new Uint8Array(16);
  mask.fill(0xff, 0, masklen >> 3);
  if (masklen % 8) mask[masklen >> 3] = (0xff << (8 - (masklen % 8))) & 0xff;
  for (let i = 0; i < 16; i++) {
    if (addr[i] & ~mask[i]) cs.error(`non-network bits set in "${s}/${masklen}"`);
  }
  switch (q.addr) {
    case 'default':
    case 'host':
      if (masklen !== 128) cs.error('Mask syntax for networks only');
      return genHost6(cs, addr, mask, q.proto, q.dir, q.addr);
    case 'net':
      return genHost6(cs, addr, mask, q.proto, q.dir, q.addr);
    default:
      return cs.error('invalid qualifier against IPv6 address');
  }
}

/** A MAC address; only valid with "ether" (link) and host qualifiers. */
export function genEcode(cs: CState, s: string, q: Qual): Block {
  if ((q.addr === 'host' || q.addr === 'default') && q.proto === 'link') {
    const e = etherAton(s);
    switch (cs.linktype) {
      case DLT.EN10MB:
      case DLT.NETANALYZER:
      case DLT.NETANALYZER_TRANSPARENT:
        return genEhostop(cs, e, q.dir);
      case DLT.IEEE802_11:
      case DLT.PRISM_HEADER:
      case DLT.IEEE802_11_RADIO_AVS:
      case DLT.IEEE802_11_RADIO:
      case DLT.PPI:
        return genWlanhostop(cs, e, q.dir);
      default:
        return cs.error(
          'ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel',
        );
    }
  }
  return cs.error('ethernet address used in non-ether expression');
}

/** An ARCnet address ("$ab"). */
export function genAcode(cs: CState, q: Qual): Block {
  if (cs.linktype === DLT.ARCNET || cs.linktype === DLT.ARCNET_LINUX) {
    if ((q.addr === 'host' || q.addr === 'default') && q.proto === 'link') {
      return cs.error(`ARCnet address filtering is not supported for ${dltDescription(cs.linktype)}`);
    }
    return cs.error('ARCnet address used in non-arc expression');
  }
  return cs.error('aid supported only on ARCnet');
}
