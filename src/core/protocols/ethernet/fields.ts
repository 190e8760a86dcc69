import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoEth = registerProtocol('eth', 'Ethernet II', 'Ethernet');

/** Ethertype names as Wireshark's etypevals shows them. */
export const ETHERTYPES = vals({
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8035: 'RARP',
  0x8100: '802.1Q Virtual LAN',
  0x86dd: 'IPv6',
  0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'VLAN tag protocol identifier',
  0x8847: 'MPLS label switched packet',
  0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session',
  0x888e: '802.1X Authentication',
  0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x88e5: '802.1AE (MACsec)',
  0x9000: 'Configuration Test Protocol (loopback)',
});

export const hfEth = registerFields({
  dst: { abbrev: 'eth.dst', name: 'Destination', type: FT.ETHER },
  src: { abbrev: 'eth.src', name: 'Source', type: FT.ETHER },
  addr: { abbrev: 'eth.addr', name: 'Address', type: FT.ETHER },
  type: { abbrev: 'eth.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
});
