/**
 * Hand-made captures exercising the link, network and transport dissectors, one small pcap
 * per scenario. tools/gen-link-fixtures.ts runs tshark 4.0 on them and records its answers in
 * fixtures/link-scenarios.json; link-layers.test.ts checks ours against that.
 */
import {
  arp,
  BCAST,
  cat,
  eth,
  fill,
  hex,
  icmp,
  icmp6,
  IP6_A,
  IP6_B,
  IP_A,
  IP_B,
  ip4,
  ip6,
  MAC_A,
  MAC_B,
  u16,
  u32,
  udp,
  vlanTag,
  zeros,
  ascii,
  checksum,
  type Bytes,
  type FrameSpec,
} from './link-packets';

export interface Scenario {
  name: string;
  linktype: number;
  frames: (Bytes | FrameSpec)[];
}

/** The fields tshark is asked for (with -E occurrence=a), besides the columns. */
export const SCENARIO_FIELDS = [
  'frame.protocols',
  'eth.dst',
  'eth.src',
  'eth.type',
  'eth.len',
  'eth.padding',
  'eth.trailer',
  'eth.fcs',
  'eth.fcs.status',
  'eth.invalid_lentype',
  'llc.dsap',
  'llc.ssap',
  'llc.control',
  'llc.type',
  'llc.oui',
  'llc.pid',
  'llc.cisco_pid',
  'llc.extreme_pid',
  'llc.wlccp_pid',
  'llc.apple_awdl_pid',
  'llc.apple_atalk_pid',
  'llc.iana_pid',
  'llc.bluetooth_pid',
  'llc.foundry_pid',
  'llc.force10_pid',
  'llc.nortel_pid',
  'llc.hpteam_pid',
  'vlan.priority',
  'vlan.dei',
  'vlan.id',
  'vlan.etype',
  'vlan.len',
  'vlan.trailer',
  'ieee8021ad.id',
  'sll.pkttype',
  'sll.hatype',
  'sll.halen',
  'sll.src.eth',
  'sll.unused',
  'sll.etype',
  'sll.ltype',
  'sll.ifindex',
  'null.family',
  'null.type',
  'arp.hw.type',
  'arp.proto.type',
  'arp.opcode',
  'arp.isgratuitous',
  'arp.isprobe',
  'arp.isannouncement',
  'arp.src.hw_mac',
  'arp.src.proto_ipv4',
  'arp.dst.hw_mac',
  'arp.dst.proto_ipv4',
  'arp.src.proto',
  'arp.duplicate-address-frame',
  'ip.version',
  'ip.hdr_len',
  'ip.dsfield',
  'ip.dsfield.dscp',
  'ip.dsfield.ecn',
  'ip.len',
  'ip.id',
  'ip.flags',
  'ip.flags.df',
  'ip.flags.mf',
  'ip.frag_offset',
  'ip.ttl',
  'ip.proto',
  'ip.checksum',
  'ip.checksum.status',
  'ip.src',
  'ip.dst',
  'ip.addr',
  'ip.opt.type',
  'ip.opt.len',
  'ip.opt.ptr',
  'ip.opt.ra',
  'ip.rec_rt',
  'ip.empty_rt',
  'ip.src_rt',
  'ip.cur_rt',
  'ip.opt.time_stamp',
  'ip.fragment',
  'ip.fragment.count',
  'ip.reassembled.length',
  'ipv6.version',
  'ipv6.tclass',
  'ipv6.flow',
  'ipv6.plen',
  'ipv6.nxt',
  'ipv6.hlim',
  'ipv6.src',
  'ipv6.dst',
  'ipv6.addr',
  'ipv6.src_slaac_mac',
  'ipv6.src_6to4_gw_ipv4',
  'ipv6.src_tc_ipv4',
  'ipv6.hopopts.nxt',
  'ipv6.hopopts.len_oct',
  'ipv6.opt.type',
  'ipv6.opt.router_alert',
  'ipv6.opt.padn',
  'ipv6.dstopts.nxt',
  'ipv6.routing.type',
  'ipv6.routing.segleft',
  'ipv6.routing.src.addr',
  'ipv6.routing.srh.addr',
  'ipv6.fraghdr.offset',
  'ipv6.fraghdr.more',
  'ipv6.fraghdr.ident',
  'ipv6.fragment',
  'ipv6.reassembled.length',
  'icmp.type',
  'icmp.code',
  'icmp.checksum',
  'icmp.checksum.status',
  'icmp.ident',
  'icmp.ident_le',
  'icmp.seq',
  'icmp.seq_le',
  'icmp.resp_in',
  'icmp.resp_to',
  'icmp.mtu',
  'icmp.redir_gw',
  'icmp.pointer',
  'icmp.unused',
  'icmpv6.type',
  'icmpv6.code',
  'icmpv6.checksum',
  'icmpv6.checksum.status',
  'icmpv6.echo.identifier',
  'icmpv6.echo.sequence_number',
  'icmpv6.resp_to',
  'icmpv6.mtu',
  'icmpv6.pointer',
  'icmpv6.nd.ns.target_address',
  'icmpv6.nd.na.flag',
  'icmpv6.nd.na.target_address',
  'icmpv6.nd.ra.cur_hop_limit',
  'icmpv6.nd.ra.router_lifetime',
  'icmpv6.opt.type',
  'icmpv6.opt.length',
  'icmpv6.opt.linkaddr',
  'icmpv6.opt.src_linkaddr',
  'icmpv6.opt.target_linkaddr',
  'icmpv6.opt.prefix',
  'icmpv6.opt.prefix.length',
  'icmpv6.opt.mtu',
  'icmpv6.mld.multicast_address',
  'icmpv6.mld.maximum_response_delay',
  'icmpv6.mldr.nb_mcast_records',
  'icmpv6.mldr.mar.record_type',
  'icmpv6.mldr.mar.multicast_address',
  'udp.srcport',
  'udp.dstport',
  'udp.port',
  'udp.length',
  'udp.checksum',
  'udp.checksum.status',
  'udp.stream',
  'udp.time_relative',
  'udp.time_delta',
  'udp.payload',
  'data.data',
  'data.len',
  'icmp.length',
  'icmp.length.original_datagram',
  'icmp.ext.echo.seq',
  'icmp.ext.echo.req.res',
  'icmp.ext.echo.req.local',
  'icmp.ext.echo.rsp.state',
  'icmp.ext.echo.rsp.res',
  'icmp.ext.echo.rsp.active',
  'icmp.ext.echo.rsp.ipv4',
  'icmp.ext.echo.rsp.ipv6',
  'icmp.ext',
  'icmp.ext.version',
  'icmp.ext.res',
  'icmp.ext.checksum',
  'icmp.ext.checksum.status',
  'icmp.ext.length',
  'icmp.ext.class',
  'icmp.ext.ctype',
  'icmp.ext.data',
  'icmp.mpls.label',
  'icmp.mpls.exp',
  'icmp.mpls.s',
  'icmp.mpls.ttl',
  'icmp.mpls.data',
  'icmp.int_info.role',
  'icmp.int_info.reserved',
  'icmp.int_info.ifindex',
  'icmp.int_info.ipaddr',
  'icmp.int_info.name_present',
  'icmp.int_info.mtu_present',
  'icmp.int_info.index',
  'icmp.int_info.afi',
  'icmp.int_info.ipv4',
  'icmp.int_info.ipv6',
  'icmp.int_info.name_length',
  'icmp.int_info.name',
  'icmp.int_info.mtu',
  'icmp.int_ident.name',
  'icmp.int_ident.index',
  'icmp.int_ident.afi',
  'icmp.int_ident.addr_length',
  'icmp.int_ident.reserved',
  'icmp.int_ident.ipv4',
  'icmp.int_ident.ipv6',
  'icmp.int_ident.address',
  'icmp.reserved',
  'icmpv6.length',
  'icmpv6.reserved',
  'icmpv6.ext.echo.seq',
  'icmpv6.ext.echo.req.res',
  'icmpv6.ext.echo.req.local',
  'icmpv6.ext.echo.rsp.state',
  'icmpv6.ext.echo.rsp.res',
  'icmpv6.ext.echo.rsp.active',
  'icmpv6.ext.echo.rsp.ipv4',
  'icmpv6.ext.echo.rsp.ipv6',
  '_ws.expert.message',
];

const ICMP_ECHO_DATA = cat(ascii('abcdefghijklmnopqrstuvwxyz012345'));

function echo(type: number, id: number, seq: number): Bytes {
  return icmp(type, 0, cat(u16(id), u16(seq)), ICMP_ECHO_DATA);
}

const udpAB = (payload: Bytes): Bytes => udp(1234, 5678, payload, { src: IP_A, dst: IP_B });
const ipUdp = ip4(IP_A, IP_B, 17, udpAB(ascii('hi')));

function ndOption(type: number, body: number[] | Bytes): Bytes {
  const len = 2 + body.length;
  return cat([type, Math.ceil(len / 8)], body, zeros(Math.ceil(len / 8) * 8 - len));
}

const SLAAC = hex('fe80000000000000020000fffe000010');
const LINK_A = hex('fe800000000000000000000000000001');
const ALL_NODES = hex('ff020000000000000000000000000001');
const MLDV2 = hex('ff020000000000000000000000000016');
const SIXTO4 = hex('20020a0000010001000000000000000a');
const TEREDO = hex('20010000413c0a0a0000fbfef5fffef6');

function ip6Frame(src: Bytes, dst: Bytes, nxt: number, payload: Bytes, hlim = 64): Bytes {
  return eth(MAC_B, MAC_A, 0x86dd, ip6(src, dst, nxt, payload, hlim));
}

/** IPv4 datagram split into fragments of `size` bytes of payload (8-byte aligned). */
function ip4Fragments(payload: Bytes, size: number, id: number, proto: number): Bytes[] {
  const out: Bytes[] = [];
  for (let off = 0; off < payload.length; off += size) {
    const part = payload.subarray(off, off + size);
    const more = off + size < payload.length ? 0x2000 : 0;
    out.push(eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, proto, part, { id, off: more | (off / 8) })));
  }
  return out;
}

function ip6Fragments(payload: Bytes, size: number, ident: number, nxt: number): Bytes[] {
  const out: Bytes[] = [];
  for (let off = 0; off < payload.length; off += size) {
    const part = payload.subarray(off, off + size);
    const more = off + size < payload.length ? 1 : 0;
    const fh = cat([nxt, 0], u16(off | more), u32(ident));
    out.push(ip6Frame(IP6_A, IP6_B, 44, cat(fh, part)));
  }
  return out;
}

const bigEcho = icmp(8, 0, cat(u16(0x77), u16(1)), fill(3000, 0x61));
const bigEcho6 = icmp6(IP6_A, IP6_B, 128, 0, cat(u16(0x66), u16(1), fill(2000, 0x62)));

/** An RFC 4884 extension structure (version 2 unless told) with a correct checksum unless told. */
function icmpExt(objs: Bytes[], version = 2, badChecksum = false): Bytes {
  const h = cat([version << 4, 0], [0, 0], ...objs);
  const c = badChecksum ? 0x1234 : checksum(h);
  h[2] = c >>> 8;
  h[3] = c & 255;
  return h;
}

const extObj = (cls: number, ctype: number, body: Bytes | number[]): Bytes =>
  cat(u16(4 + body.length), [cls, ctype], body);

const mplsEntry = (label: number, exp: number, s: number, ttl: number): number[] =>
  u32(((label << 12) | (exp << 9) | (s << 8) | ttl) >>> 0);

/** A traceroute probe as quoted by an ICMP error, `n` bytes long. */
const probe = (n: number): Bytes =>
  ip4(IP_A, IP_B, 17, udp(40000, 33435, fill(n - 28, 0x41), { src: IP_A, dst: IP_B }), { ttl: 1 });
const probe128 = cat(probe(48), zeros(80));
const ROUTER = [10, 0, 0, 1];

function timeExceeded(rest: number[], payload: Bytes, type = 11, code = 0): Bytes {
  return eth(MAC_A, MAC_B, 0x0800, ip4(ROUTER, IP_A, 1, icmp(type, code, rest, payload)));
}

const infoObj = (ctype: number, body: Bytes | number[]): Bytes =>
  timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(2, ctype, body)])));

const extEcho = (rest: number[], payload: Bytes): Bytes =>
  eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, icmp(42, 0, rest, payload)));

const probe6 = ip6(IP6_A, IP6_B, 17, udp(1, 2, fill(80, 1), { src: IP6_A, dst: IP6_B }), 1);

function icmp6Error(type: number, code: number, rest: number[], payload: Bytes): Bytes {
  return ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, type, code, cat(rest, payload)));
}

/** An 802.3 frame carrying LLC/SNAP with the given organization code and PID. */
function snap(oui: number, pid: number, payload: Bytes): Bytes {
  return eth(
    MAC_B,
    MAC_A,
    8 + payload.length,
    cat(hex('aaaa03'), [oui >>> 16, (oui >>> 8) & 255, oui & 255], u16(pid), payload),
  );
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'ethernet-trailers',
    linktype: 1,
    frames: [
      eth(MAC_B, MAC_A, 0x0800, ipUdp),
      eth(MAC_B, MAC_A, 0x0800, cat(ipUdp, zeros(60 - 14 - ipUdp.length))),
      eth(MAC_B, MAC_A, 0x0800, cat(ipUdp, zeros(60 - 14 - ipUdp.length), hex('deadbeef'))),
      eth(MAC_B, MAC_A, 0x0800, cat(ipUdp, fill(60 - 14 - ipUdp.length, 1))),
      eth(MAC_B, MAC_A, 0x0800, cat(ip4(IP_A, IP_B, 17, udpAB(fill(40, 0x78))), hex('aabbccdd'))),
      eth(MAC_B, MAC_A, 0x0800, cat(ip4(IP_A, IP_B, 17, udpAB(fill(40, 0x78))), hex('aabb'))),
      eth(MAC_B, MAC_A, 0x0800, cat(ipUdp, zeros(60 - 14 - ipUdp.length), hex('deadbeef0102'))),
      eth(MAC_B, MAC_A, 0x88b5, ascii('abcdef')),
      eth(MAC_B, MAC_A, 0x1234, ascii('abcdef')),
      eth(MAC_B, MAC_A, 0x05dd, ascii('abcdef')),
      eth(
        MAC_B,
        [0x03, 0, 0, 0, 0, 1],
        0x0806,
        arp(1, [0x03, 0, 0, 0, 0, 1], IP_A, [0, 0, 0, 0, 0, 0], IP_B),
      ),
    ],
  },
  {
    name: 'ieee8023-llc',
    linktype: 1,
    frames: [
      eth(MAC_B, MAC_A, 8 + ipUdp.length, cat(hex('aaaa03000000'), u16(0x0800), ipUdp, zeros(10))),
      eth(MAC_B, MAC_A, 38, cat(hex('3e3e03'), zeros(35), zeros(8))),
      eth(MAC_B, MAC_A, 3 + ipUdp.length, cat(hex('060603'), ipUdp)),
      eth(MAC_B, MAC_A, 100, cat(hex('aaaa03000000'), u16(0x0800), ipUdp)),
      eth(MAC_B, MAC_A, 8, cat(hex('3e3e'), u16(0x0a14), zeros(4))),
    ],
  },
  {
    name: 'snap',
    linktype: 1,
    frames: [
      ...[
        0x000000, 0x00000c, 0x0000f8, 0x00e02b, 0x004096, 0x0017f2, 0x080007, 0x00005e, 0x001958, 0x00e052,
        0x0001e8, 0x000081, 0x080009, 0x00805f, 0x0080c2, 0xffffff,
      ].map((oui) => snap(oui, 0x7777, zeros(10))),
      snap(0x00000c, 0x4242, zeros(10)),
      snap(0x0080c2, 0x0007, eth(MAC_B, MAC_A, 0x0800, ipUdp)),
      snap(
        0x0080c2,
        0x0001,
        cat(eth(MAC_B, MAC_A, 0x0800, cat(ipUdp, zeros(60 - 14 - ipUdp.length))), hex('12345678')),
      ),
      snap(0x0080c2, 0x0007, cat(zeros(2), eth(MAC_B, MAC_A, 0x88b5, ascii('x')))),
    ],
  },
  {
    name: 'vlan',
    linktype: 1,
    frames: [
      eth(MAC_B, MAC_A, 0x8100, cat(vlanTag(1, 5, 0x0800), ipUdp)),
      eth(MAC_B, MAC_A, 0x88a8, cat(vlanTag(0, 100, 0x8100), vlanTag(3, 5, 0x0800), ipUdp, zeros(5))),
      eth(MAC_B, MAC_A, 0x9100, cat(vlanTag(7, 4095, 0x0806), arp(1, MAC_A, IP_A, [0, 0, 0, 0, 0, 0], IP_B))),
      eth(
        MAC_B,
        MAC_A,
        0x8100,
        cat(vlanTag(2, 5, 8 + ipUdp.length), hex('aaaa03000000'), u16(0x0800), ipUdp),
      ),
      eth(MAC_B, MAC_A, 0x8100, cat(vlanTag(1, 5, 0x0800), ipUdp, zeros(60 - 18 - ipUdp.length))),
      eth(
        MAC_B,
        MAC_A,
        0x8100,
        cat(vlanTag(1, 5, 0x0800), ip4(IP_A, IP_B, 17, udpAB(fill(40, 0x78))), hex('aabbccdd')),
      ),
      eth(MAC_B, MAC_A, 0x8100, cat(vlanTag(1, 5, 0x88b5), ascii('xyz'))),
    ],
  },
  {
    name: 'arp',
    linktype: 1,
    frames: [
      eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, IP_A, [0, 0, 0, 0, 0, 0], IP_B)),
      eth(MAC_A, MAC_B, 0x0806, arp(2, MAC_B, IP_B, MAC_A, IP_A)),
      eth(BCAST, MAC_A, 0x0806, cat(arp(1, MAC_A, IP_A, [0, 0, 0, 0, 0, 0], IP_A), zeros(18))),
      eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, [0, 0, 0, 0], [0, 0, 0, 0, 0, 0], IP_A)),
      eth(BCAST, MAC_A, 0x0806, arp(2, MAC_A, IP_A, BCAST, IP_A)),
      eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, IP_A, BCAST, IP_A)),
      eth(BCAST, MAC_A, 0x8035, arp(3, MAC_A, IP_A, MAC_A, [0, 0, 0, 0])),
      eth(BCAST, MAC_A, 0x8035, arp(4, MAC_B, IP_B, MAC_A, IP_A)),
      eth(BCAST, MAC_A, 0x0806, arp(8, MAC_A, IP_A, MAC_B, [0, 0, 0, 0])),
      eth(BCAST, MAC_A, 0x0806, arp(9, MAC_B, IP_B, MAC_A, IP_A)),
      eth(BCAST, MAC_A, 0x0806, arp(30, MAC_A, IP_A, MAC_B, IP_B)),
      eth(BCAST, MAC_A, 0x0806, arp(0, MAC_A, IP_A, MAC_B, IP_B)),
      eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, [...IP6_A], [0, 0, 0, 0, 0, 0], [...IP6_B], 1, 0x86dd)),
      // Another MAC claiming 192.168.1.10: duplicate address detection.
      eth(BCAST, [0x02, 0, 0, 0, 0, 0x99], 0x0806, arp(2, [0x02, 0, 0, 0, 0, 0x99], IP_A, MAC_B, IP_B)),
      eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, IP_A, [0, 0, 0, 0, 0, 0], IP_B).subarray(0, 20)),
      {
        data: eth(BCAST, MAC_A, 0x0806, arp(1, MAC_A, IP_A, [0, 0, 0, 0, 0, 0], IP_B)).subarray(0, 30),
        origlen: 42,
      },
    ],
  },
  {
    name: 'ipv4',
    linktype: 1,
    frames: [
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udpAB(ascii('hello')), { tos: 0xb9, ttl: 3, id: 0xabcd }),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udpAB(ascii('opts')), { options: hex('94040000 01 07070400000000 00') }),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udpAB(ascii('lsrr')), { options: hex('830b040a0000010a00000200') }),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udpAB(ascii('ts')), { options: hex('440c0501 0a000001 00000005') }),
      ),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(ascii('x')), { ihl: 4 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(ascii('x')), { totalLength: 12 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(ascii('x')), { totalLength: 0 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(ascii('x')), { totalLength: 100 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, [224, 0, 0, 5], 254, ascii('mcast'), { ttl: 1 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, [224, 0, 0, 9], 17, udp(5003, 5003, ascii('mc')), { ttl: 2 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 253, ascii('experimental'))),
      eth(MAC_B, MAC_A, 0x0800, cat([0x50], zeros(19))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(ascii('truncated'))).subarray(0, 30)),
      {
        data: eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udpAB(fill(100, 0x41)))).subarray(0, 64),
        origlen: 150,
      },
      ...ip4Fragments(bigEcho, 1480, 0x4551, 1),
      // Out of order: last fragment first, then the rest.
      ...ip4Fragments(bigEcho, 1480, 0x4552, 1).reverse(),
      ...ip4Fragments(ip4(IP_A, IP_B, 17, udpAB(fill(30, 0x55))).subarray(20), 16, 0x4553, 17).slice(0, 1),
    ],
  },
  {
    name: 'icmp',
    linktype: 1,
    frames: [
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 1, echo(8, 0x10b1, 1))),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, echo(0, 0x10b1, 1), { ttl: 63 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 1, echo(8, 0x10b1, 2))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 1, echo(8, 0x10b1, 2))),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, echo(0, 0x10b1, 2))),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, echo(0, 0x10b1, 9))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, [192, 168, 1, 255], 1, echo(8, 0x10b2, 1))),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(3, 3, zeros(4), ip4(IP_A, IP_B, 17, udpAB(fill(20, 0x71))))),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(11, 0, zeros(4), ip4(IP_A, IP_B, 1, echo(8, 0x10b3, 1), { ttl: 1 }))),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(3, 1, zeros(4), ip4(IP_A, IP_B, 17, udpAB(fill(20, 0x71))).subarray(0, 28))),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(
          IP_B,
          IP_A,
          1,
          icmp(3, 4, [0, 0, 5, 0xdc], ip4(IP_A, IP_B, 17, udpAB(fill(20, 0x71))).subarray(0, 24)),
        ),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(5, 1, IP_B, ip4(IP_A, IP_B, 17, udpAB(fill(20, 0x71))).subarray(0, 28))),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(12, 0, [20, 0, 0, 0], ip4(IP_A, IP_B, 17, udpAB(fill(2, 0x71))))),
      ),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, icmp(13, 0, cat(u16(7), u16(8)), zeros(12)))),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, icmp(99, 7, zeros(4), ascii('odd')))),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(3, 99, zeros(4), ip4(IP_A, IP_B, 6, zeros(20)).subarray(0, 28))),
      ),
      eth(
        MAC_A,
        MAC_B,
        0x0800,
        ip4(
          IP_B,
          IP_A,
          1,
          (() => {
            const m = echo(8, 0x2222, 1);
            m[2] ^= 0xff;
            return m;
          })(),
        ),
      ),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 1, icmp(8, 0, cat(u16(1), u16(1)), ascii('ab')))),
    ],
  },
  {
    name: 'ipv6',
    linktype: 1,
    frames: [
      ip6Frame(IP6_A, IP6_B, 17, udp(1000, 2000, ascii('v6'), { src: IP6_A, dst: IP6_B })),
      ip6Frame(SLAAC, ALL_NODES, 58, icmp6(SLAAC, ALL_NODES, 133, 0, cat(zeros(4), ndOption(1, MAC_A))), 255),
      ip6Frame(SIXTO4, TEREDO, 17, udp(1000, 2000, ascii('x'), { src: SIXTO4, dst: TEREDO })),
      ip6Frame(
        LINK_A,
        MLDV2,
        0,
        cat(
          hex('3a00050200000100'),
          icmp6(LINK_A, MLDV2, 143, 0, cat(zeros(2), u16(1), [4, 0], u16(0), ALL_NODES)),
        ),
        1,
      ),
      ip6Frame(
        IP6_A,
        IP6_B,
        60,
        cat(hex('1100010400000000'), udp(1000, 2000, ascii('dst'), { src: IP6_A, dst: IP6_B })),
      ),
      ip6Frame(
        IP6_A,
        LINK_A,
        43,
        cat(hex('1102000100000000'), IP6_B, udp(1000, 2000, ascii('rt0'), { src: IP6_A, dst: IP6_B })),
      ),
      ip6Frame(
        IP6_A,
        LINK_A,
        43,
        cat(
          hex('1104040101000000'),
          IP6_B,
          LINK_A,
          udp(1000, 2000, ascii('srh'), { src: IP6_A, dst: IP6_B }),
        ),
      ),
      ip6Frame(IP6_A, IP6_B, 253, ascii('abcdefgh')),
      ip6Frame(IP6_A, IP6_B, 59, new Uint8Array(0)),
      ip6Frame(IP6_A, IP6_B, 59, ascii('tail')),
      eth(MAC_B, MAC_A, 0x86dd, cat([0x40], zeros(39), ascii('not6'))),
      eth(
        MAC_B,
        MAC_A,
        0x86dd,
        ip6(IP6_A, IP6_B, 17, udp(1000, 2000, ascii('hi'), { src: IP6_A, dst: IP6_B }), 64, 100),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x86dd,
        ip6(IP6_A, IP6_B, 17, udp(1000, 2000, ascii('hi'), { src: IP6_A, dst: IP6_B }), 64, 0),
      ),
      eth(MAC_B, MAC_A, 0x86dd, ip6(IP6_A, IP6_B, 17, new Uint8Array(0)).subarray(0, 44)),
      ...ip6Fragments(bigEcho6, 1448, 0xbf8f3cd3, 58),
      ...ip6Fragments(bigEcho6, 1448, 0xbf8f3cd4, 58).slice(0, 1),
      ip6Frame(
        IP6_A,
        IP6_B,
        44,
        cat([17, 0], u16(0), u32(5), udp(1000, 2000, ascii('atomic'), { src: IP6_A, dst: IP6_B })),
      ),
    ],
  },
  {
    name: 'icmpv6',
    linktype: 1,
    frames: [
      ip6Frame(IP6_A, IP6_B, 58, icmp6(IP6_A, IP6_B, 128, 0, cat(u16(0x10bb), u16(1), ascii('ping6')))),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 129, 0, cat(u16(0x10bb), u16(1), ascii('ping6'))), 63),
      ip6Frame(
        IP6_A,
        hex('ff0200000000000000000001ff000100'),
        58,
        icmp6(
          IP6_A,
          hex('ff0200000000000000000001ff000100'),
          135,
          0,
          cat(zeros(4), IP6_B, ndOption(1, MAC_A)),
        ),
        255,
      ),
      ip6Frame(
        IP6_B,
        IP6_A,
        58,
        icmp6(IP6_B, IP6_A, 136, 0, cat(u32(0xe0000000), IP6_B, ndOption(2, MAC_B))),
        255,
      ),
      ip6Frame(IP6_B, ALL_NODES, 58, icmp6(IP6_B, ALL_NODES, 136, 0, cat(u32(0x20000000), IP6_B)), 255),
      ip6Frame(
        hex('00000000000000000000000000000000'),
        ALL_NODES,
        58,
        icmp6(hex('00000000000000000000000000000000'), ALL_NODES, 135, 0, cat(zeros(4), IP6_A)),
        255,
      ),
      ip6Frame(
        LINK_A,
        ALL_NODES,
        58,
        icmp6(
          LINK_A,
          ALL_NODES,
          134,
          0,
          cat(
            [64, 0xc0],
            u16(1800),
            u32(0),
            u32(0),
            ndOption(1, MAC_B),
            ndOption(5, cat(zeros(2), u32(1500))),
            cat([3, 4, 64, 0xc0], u32(86400), u32(14400), u32(0), hex('fd000001000000000000000000000000')),
          ),
        ),
        255,
      ),
      ip6Frame(
        LINK_A,
        IP6_A,
        58,
        icmp6(
          LINK_A,
          IP6_A,
          137,
          0,
          cat(zeros(4), IP6_B, hex('fd000002000000000000000000000001'), ndOption(2, MAC_B)),
        ),
        255,
      ),
      ip6Frame(LINK_A, MLDV2, 58, icmp6(LINK_A, MLDV2, 130, 0, cat(u16(1000), zeros(2), zeros(16))), 1),
      ip6Frame(LINK_A, MLDV2, 58, icmp6(LINK_A, MLDV2, 131, 0, cat(u16(0), zeros(2), MLDV2)), 1),
      ip6Frame(LINK_A, MLDV2, 58, icmp6(LINK_A, MLDV2, 132, 0, cat(u16(0), zeros(2), MLDV2)), 1),
      ip6Frame(
        LINK_A,
        MLDV2,
        58,
        icmp6(LINK_A, MLDV2, 130, 0, cat(u16(1000), zeros(2), zeros(16), [2, 125], u16(0))),
        1,
      ),
      ip6Frame(
        IP6_B,
        IP6_A,
        58,
        icmp6(
          IP6_B,
          IP6_A,
          1,
          4,
          cat(zeros(4), ip6(IP6_A, IP6_B, 17, udp(1000, 2000, fill(20, 0x78), { src: IP6_A, dst: IP6_B }))),
        ),
      ),
      ip6Frame(
        IP6_B,
        IP6_A,
        58,
        icmp6(
          IP6_B,
          IP6_A,
          2,
          0,
          cat(u32(1280), ip6(IP6_A, IP6_B, 17, udp(1000, 2000, fill(20, 0x78), { src: IP6_A, dst: IP6_B }))),
        ),
      ),
      ip6Frame(
        IP6_B,
        IP6_A,
        58,
        icmp6(
          IP6_B,
          IP6_A,
          3,
          0,
          cat(zeros(4), ip6(IP6_A, IP6_B, 58, icmp6(IP6_A, IP6_B, 128, 0, cat(u16(1), u16(2))), 1)),
        ),
      ),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 4, 1, cat(u32(40), zeros(24)))),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 1, 9, zeros(4))),
      ip6Frame(
        IP6_B,
        IP6_A,
        58,
        (() => {
          const m = icmp6(IP6_B, IP6_A, 128, 0, cat(u16(7), u16(7), ascii('bad')));
          m[2] ^= 0xff;
          return m;
        })(),
      ),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 200, 3, ascii('xxxx'))),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 155, 2, zeros(4))),
    ],
  },
  {
    name: 'udp',
    linktype: 1,
    frames: [
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40000, 9, ascii('a'), { src: IP_A, dst: IP_B }))),
      eth(MAC_A, MAC_B, 0x0800, ip4(IP_B, IP_A, 17, udp(9, 40000, ascii('b'), { src: IP_B, dst: IP_A }))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40001, 9, ascii('c'), { src: IP_A, dst: IP_B }))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40000, 9, ascii('d'), { src: IP_A, dst: IP_B }))),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40002, 33435, zeros(32)), { ttl: 1 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40002, 33440, zeros(32)), { ttl: 2 })),
      eth(MAC_B, MAC_A, 0x0800, ip4(IP_A, IP_B, 17, udp(40003, 9, ascii('zero')))),
      eth(MAC_B, MAC_A, 0x86dd, ip6(IP6_A, IP6_B, 17, udp(40003, 9, ascii('zero')))),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udp(40004, 9, ascii('long'), { src: IP_A, dst: IP_B }, 200)),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udp(40004, 9, ascii('short'), { src: IP_A, dst: IP_B }, 4)),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_A, IP_B, 17, udp(40005, 9, new Uint8Array(0), { src: IP_A, dst: IP_B })),
      ),
      {
        data: eth(
          MAC_B,
          MAC_A,
          0x0800,
          ip4(IP_A, IP_B, 17, udp(40006, 9, fill(100, 0x41), { src: IP_A, dst: IP_B })),
        ).subarray(0, 42),
        origlen: 142,
      },
      {
        data: eth(
          MAC_B,
          MAC_A,
          0x0800,
          ip4(IP_A, IP_B, 17, udp(40006, 9, fill(100, 0x41), { src: IP_A, dst: IP_B })),
        ).subarray(0, 60),
        origlen: 142,
      },
    ],
  },
  {
    name: 'sll-v1',
    linktype: 113,
    frames: [
      cat(u16(4), u16(1), u16(6), MAC_A, zeros(2), u16(0x0800), ipUdp),
      cat(u16(0), u16(1), u16(6), MAC_B, zeros(2), u16(0x0806), arp(2, MAC_B, IP_B, MAC_A, IP_A), zeros(18)),
      cat(u16(1), u16(772), u16(0), zeros(8), u16(0x86dd), ip6(IP6_A, IP6_B, 59, new Uint8Array(0))),
      cat(u16(2), u16(778), u16(4), IP_A, zeros(4), u16(0x0800), ipUdp),
      cat(u16(3), u16(1), u16(6), MAC_A, zeros(2), u16(0x0004), hex('3e3e03'), zeros(35)),
      cat(u16(4), u16(1), u16(6), MAC_A, zeros(2), u16(0x1234), ascii('unknown')),
    ],
  },
  {
    name: 'sll-v2',
    linktype: 276,
    frames: [
      cat(u16(0x0800), zeros(2), u32(2), u16(1), [4, 6], MAC_A, zeros(2), ipUdp),
      cat(u16(0x0806), zeros(2), u32(2), u16(1), [0, 6], MAC_B, zeros(2), arp(2, MAC_B, IP_B, MAC_A, IP_A)),
      cat(u16(0x88b5), zeros(2), u32(7), u16(1), [1, 6], MAC_B, zeros(2), ascii('exp')),
    ],
  },
  {
    name: 'null',
    linktype: 0,
    frames: [
      cat([2, 0, 0, 0], ipUdp),
      cat([0, 0, 0, 2], ipUdp),
      cat([30, 0, 0, 0], ip6(IP6_A, IP6_B, 59, new Uint8Array(0))),
      cat([0, 0, 0, 24], ip6(IP6_A, IP6_B, 59, new Uint8Array(0))),
      cat([0, 2, 0, 0], ipUdp),
      cat([99, 0, 0, 0], ascii('unknown')),
    ],
  },
  {
    name: 'icmp-extensions',
    linktype: 1,
    frames: [
      timeExceeded(
        [0, 32, 0, 0],
        cat(probe128, icmpExt([extObj(1, 1, cat(mplsEntry(16001, 0, 0, 1), mplsEntry(24, 5, 1, 255)))])),
      ),
      timeExceeded([0, 0, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(16001, 0, 1, 1))]))),
      timeExceeded([0, 40, 0, 0], cat(probe(48), zeros(112), icmpExt([extObj(1, 1, mplsEntry(3, 0, 1, 1))]))),
      timeExceeded([0, 31, 0, 0], cat(probe(124), icmpExt([extObj(1, 1, mplsEntry(13, 0, 1, 255))]))),
      timeExceeded([0, 33, 0, 0], cat(probe(132), icmpExt([extObj(1, 1, mplsEntry(13, 0, 1, 255))]))),
      timeExceeded([0, 17, 0, 0], cat(probe(48), zeros(20), icmpExt([extObj(1, 1, mplsEntry(99, 0, 1, 1))]))),
      timeExceeded([0, 0, 0, 0], cat(probe(128), icmpExt([extObj(1, 1, mplsEntry(13, 0, 1, 255))]))),
      timeExceeded(
        [0, 0, 0, 0],
        cat(probe(129).subarray(0, 128), icmpExt([extObj(1, 1, mplsEntry(13, 0, 1, 255))])),
      ),
      timeExceeded([0, 0, 0, 0], probe(200)),
      timeExceeded([0, 0, 0, 0], cat(probe(48), zeros(92), icmpExt([extObj(1, 1, mplsEntry(1, 0, 1, 1))]))),
      timeExceeded([0, 0, 0, 0], cat(probe128, hex('00112233445566778899aabb'))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(1, 0, 1, 1))], 2, true))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(1, 0, 1, 1))], 1))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(1, 0, 1, 1))], 3))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, hex('2000'))),
      timeExceeded([0, 32, 0, 0], probe128),
      timeExceeded([0, 60, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(1, 0, 1, 1))]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([cat(u16(40), [1, 1], mplsEntry(1, 0, 1, 1))]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([cat(u16(2), [1, 1])]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(9, 3, hex('deadbeef'))]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 2, mplsEntry(3, 0, 1, 1))]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, hex('00003101ff'))]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(3, 0, 1, 1)), hex('0102')]))),
      timeExceeded(
        [0, 32, 0, 0],
        cat(probe128, icmpExt([extObj(1, 1, mplsEntry(3, 0, 1, 1)), extObj(2, 8, u32(4))])),
      ),
      timeExceeded([0, 32, 5, 0xdc], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(5, 0, 1, 1))])), 3, 4),
      timeExceeded([4, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(5, 0, 1, 1))])), 12, 0),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(5, 0, 1, 1))])), 4, 0),
      infoObj(0b00001111, cat(u32(7), u16(1), [0, 0], ROUTER, [8], ascii('eth0\0\0\0'), u32(1500))),
      infoObj(0b01001110, cat(u32(7), u16(2), [0, 0], IP6_A, [5], ascii('ge0/'))),
      infoObj(0b00000011, cat([4], ascii('abc'), u32(1500))),
      infoObj(0b00000011, cat([5], ascii('abcd'), u32(1500))),
      infoObj(0b00000010, cat([8], ascii('eth0\0\0\0'))),
      infoObj(0b00000010, cat([8], ascii('eth0\0\0\0'), u32(1500))),
      infoObj(0b00000010, cat([0], ascii('abc'))),
      infoObj(0b10000100, cat(u16(1), [0, 0], [1, 2, 3, 4])),
      infoObj(0b11000100, cat(u16(3), [0, 0], [1, 2, 3, 4])),
      infoObj(0b00001000, u32(5)),
      infoObj(0b10000001, u32(9000)),
      infoObj(0b00000000, new Uint8Array(0)),
      infoObj(0b00001111, cat(u32(7), u16(1), [0, 0], ROUTER, [8], ascii('eth0\0\0\0'))),
      infoObj(0b00000010, cat([12], ascii('abcdefg'))),
      timeExceeded(
        [0, 32, 0, 0],
        cat(
          probe128,
          icmpExt([
            extObj(2, 0b00000010, cat([8], ascii('eth0\0\0\0'))),
            extObj(1, 1, mplsEntry(3, 0, 1, 1)),
          ]),
        ),
      ),
      timeExceeded([0, 35, 0, 0], cat(probe(48), zeros(92))),
      timeExceeded(
        [0, 32, 0, 0],
        cat(probe128, icmpExt([extObj(2, 0b00001100, u16(1)), extObj(9, 9, hex('cafe'))])),
      ),
      timeExceeded(
        [0, 32, 0, 0],
        cat(probe128, icmpExt([extObj(2, 0b00001111, cat(u32(1), u16(1))), hex('0102030405060708')])),
      ),
      timeExceeded([0, 36, 0, 0], cat(probe(48), zeros(92))),
      timeExceeded([10, 0, 0, 1], cat(probe128, icmpExt([extObj(1, 1, mplsEntry(5, 0, 1, 1))])), 5, 1),
      extEcho([0x12, 0x34, 1, 1], icmpExt([extObj(3, 1, ascii('eth0'))])),
      extEcho([0x12, 0x34, 2, 0], icmpExt([extObj(3, 2, u32(3))])),
      extEcho([0x12, 0x34, 3, 1], icmpExt([extObj(3, 3, cat(u16(1), [4, 0], [10, 0, 0, 9]))])),
      extEcho([0x12, 0x34, 4, 1], icmpExt([extObj(3, 3, cat(u16(2), [16, 0], IP6_B))])),
      extEcho([0x12, 0x34, 5, 1], icmpExt([extObj(3, 3, cat(u16(6), [6, 0], MAC_A))])),
      extEcho([0x12, 0x34, 6, 1], icmpExt([extObj(3, 9, hex('0102'))])),
      extEcho([0x12, 0x34, 7, 1], new Uint8Array(0)),
      extEcho([0x12, 0x34, 9, 1], icmpExt([cat(u16(40), [3, 1], ascii('eth0'))])),
      extEcho([0x12, 0x34, 10, 1], icmpExt([cat(u16(9), [3, 3], u16(1), [4, 0], [1])])),
      extEcho([0x12, 0x34, 11, 1], icmpExt([extObj(3, 3, cat(u16(9), [4, 0], [1, 2, 3, 4]))])),
      extEcho([0x12, 0x34, 12, 1], icmpExt([extObj(3, 2, u32(5)), hex('000000')])),
      extEcho([0x12, 0x34, 13, 1], icmpExt([extObj(3, 2, u32(5)), hex('00000000')])),
      extEcho([0x12, 0x34, 14, 1], icmpExt([cat(u16(40), [3, 2], u32(5))])),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([cat(u16(6), [2, 8], u32(5)), hex('0004')]))),
      timeExceeded([0, 32, 0, 0], cat(probe128, icmpExt([cat(u16(6), [2, 8], u32(5)), hex('0004090000')]))),
      extEcho([0x12, 0x34, 8, 1], icmpExt([extObj(3, 2, u32(3))], 2, true)),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(43, 0, [0x12, 0x34, 4, 0b10000111], new Uint8Array(0))),
      ),
      eth(
        MAC_B,
        MAC_A,
        0x0800,
        ip4(IP_B, IP_A, 1, icmp(43, 2, [0x12, 0x34, 5, 0b01011000], new Uint8Array(0))),
      ),
    ],
  },
  {
    name: 'icmpv6-extensions',
    linktype: 1,
    frames: [
      icmp6Error(3, 0, [16, 0, 0, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      icmp6Error(1, 4, [16, 0, 0, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      icmp6Error(3, 0, [0, 0, 0, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      icmp6Error(3, 0, [16, 0, 0, 0], probe6),
      icmp6Error(3, 0, [40, 0, 0, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      icmp6Error(3, 0, [8, 0, 0, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      icmp6Error(2, 0, [0, 0, 5, 0], cat(probe6, icmpExt([extObj(1, 1, mplsEntry(77, 0, 1, 1))]))),
      ip6Frame(
        IP6_A,
        IP6_B,
        58,
        icmp6(IP6_A, IP6_B, 160, 0, cat(u16(0x55), [1, 1], icmpExt([extObj(3, 2, u32(3))]))),
      ),
      ip6Frame(IP6_B, IP6_A, 58, icmp6(IP6_B, IP6_A, 161, 0, cat(u16(0x55), [1, 0b01000100]))),
      ip6Frame(IP6_A, IP6_B, 58, icmp6(IP6_A, IP6_B, 160, 0, cat(u16(0x56), [2, 0]))),
      ip6Frame(
        IP6_A,
        IP6_B,
        58,
        icmp6(
          IP6_A,
          IP6_B,
          160,
          0,
          cat(u16(0x57), [3, 1], icmpExt([extObj(3, 3, cat(u16(4), [3, 0], [1, 2, 3]))], 2, true)),
        ),
      ),
    ],
  },
  {
    name: 'loop',
    linktype: 108,
    frames: [cat([0, 0, 0, 2], ipUdp), cat([0, 0, 0, 24], ip6(IP6_A, IP6_B, 59, new Uint8Array(0)))],
  },
  {
    name: 'raw-101',
    linktype: 101,
    frames: [ipUdp, ip6(IP6_A, IP6_B, 59, new Uint8Array(0)), ascii('junk data')],
  },
  { name: 'raw-12', linktype: 12, frames: [ipUdp] },
  { name: 'raw-14', linktype: 14, frames: [ipUdp] },
  { name: 'ipv4-228', linktype: 228, frames: [ipUdp] },
  {
    name: 'ipv6-229',
    linktype: 229,
    frames: [ip6(IP6_A, IP6_B, 17, udp(1, 2, ascii('x'), { src: IP6_A, dst: IP6_B }))],
  },
];
