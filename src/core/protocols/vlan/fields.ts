import { registerFields, registerProtocol, tfs, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import { ETHERTYPES } from '../ethernet/fields';

export const protoVlan = registerProtocol('vlan', '802.1Q Virtual LAN', 'VLAN');
export const protoIeee8021ad = registerProtocol('ieee8021ad', 'IEEE 802.1ad', 'IEEE 802.1AD');

/** Priority code point names (IEEE 802.1Q-2005 table, tshark's default). */
export const PRIORITY_NAMES = vals({
  0: 'Best Effort (default)',
  1: 'Background',
  2: 'Excellent Effort',
  3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter',
  5: 'Voice, < 10ms latency and jitter',
  6: 'Internetwork Control',
  7: 'Network Control',
});

export const hfVlan = registerFields({
  priority: {
    abbrev: 'vlan.priority',
    name: 'Priority',
    type: FT.UINT16,
    bitmask: 0xe000,
    bitWidth: 16,
    strings: PRIORITY_NAMES,
  },
  cfi: {
    abbrev: 'vlan.cfi',
    name: 'CFI',
    type: FT.BOOLEAN,
    bitWidth: 16,
    bitmask: 0x1000,
    strings: tfs('Non-canonical', 'Canonical'),
  },
  dei: {
    abbrev: 'vlan.dei',
    name: 'DEI',
    type: FT.BOOLEAN,
    bitWidth: 16,
    bitmask: 0x1000,
    strings: tfs('Eligible', 'Ineligible'),
  },
  id: { abbrev: 'vlan.id', name: 'ID', type: FT.UINT16, bitmask: 0xfff, bitWidth: 16 },
  etype: { abbrev: 'vlan.etype', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
  len: { abbrev: 'vlan.len', name: 'Length', type: FT.UINT16 },
  trailer: { abbrev: 'vlan.trailer', name: 'Trailer', type: FT.BYTES },
  lenPastEnd: {
    abbrev: 'vlan.len.past_end',
    name: 'Length field value goes past the end of the payload',
    type: FT.NONE,
  },
  tooManyTags: { abbrev: 'vlan.too_many_tags', name: 'Too many nested VLAN tags', type: FT.NONE },
});

export const hfIeee8021ad = registerFields({
  priority: {
    abbrev: 'ieee8021ad.priority',
    name: 'Priority',
    type: FT.UINT16,
    bitmask: 0xe000,
    bitWidth: 16,
  },
  dei: { abbrev: 'ieee8021ad.dei', name: 'DEI', type: FT.UINT16, bitmask: 0x1000, bitWidth: 16 },
  id: { abbrev: 'ieee8021ad.id', name: 'ID', type: FT.UINT16, bitmask: 0xfff, bitWidth: 16 },
  etype: { abbrev: 'ieee8021ah.etype', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
  trailer: { abbrev: 'ieee8021ah.trailer', name: 'Trailer', type: FT.BYTES },
});
