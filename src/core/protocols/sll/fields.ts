import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import { ARPHRD_NAMES } from '../arp/fields';
import { ETHERTYPES } from '../ethernet/fields';

export const protoSll = registerProtocol('sll', 'Linux cooked-mode capture', 'SLL');

export const PACKET_TYPES = vals({
  0: 'Unicast to us',
  1: 'Broadcast',
  2: 'Multicast',
  3: 'Unicast to another host',
  4: 'Sent by us',
});

export const LTYPE_NAMES = vals({
  0x0001: 'Raw 802.3',
  0x0003: 'Ethernet',
  0x0004: '802.2 LLC',
  0x0007: 'PPP (HDLC)',
  0x000c: 'CAN',
  0x000d: 'CAN FD',
  0x0017: 'IrDA LAP',
  0x00f5: 'ISI',
  0x00f6: 'IEEE 802.15.4',
});

export const hfSll = registerFields({
  pkttype: { abbrev: 'sll.pkttype', name: 'Packet type', type: FT.UINT16, strings: PACKET_TYPES },
  hatype: { abbrev: 'sll.hatype', name: 'Link-layer address type', type: FT.UINT16, strings: ARPHRD_NAMES },
  halen: { abbrev: 'sll.halen', name: 'Link-layer address length', type: FT.UINT16 },
  srcEth: { abbrev: 'sll.src.eth', name: 'Source', type: FT.ETHER },
  srcIpv4: { abbrev: 'sll.src.ipv4', name: 'Source', type: FT.IPv4 },
  srcOther: { abbrev: 'sll.src.other', name: 'Source', type: FT.BYTES },
  unused: { abbrev: 'sll.unused', name: 'Unused', type: FT.BYTES },
  ltype: { abbrev: 'sll.ltype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX, strings: LTYPE_NAMES },
  gretype: { abbrev: 'sll.gretype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
  etype: { abbrev: 'sll.etype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
  trailer: { abbrev: 'sll.trailer', name: 'Trailer', type: FT.BYTES },
  ifindex: { abbrev: 'sll.ifindex', name: 'Interface index', type: FT.UINT32 },
});
