import { registerFields, registerProtocol, vals, TFS_SET } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import { CHECKSUM_STATUS } from '../ethernet/fields';

export const protoIcmp = registerProtocol('icmp', 'Internet Control Message Protocol', 'ICMP');

export const hfIcmp = registerFields({
  type: { abbrev: 'icmp.type', name: 'Type', type: FT.UINT8 },
  code: { abbrev: 'icmp.code', name: 'Code', type: FT.UINT8 },
  checksum: { abbrev: 'icmp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: {
    abbrev: 'icmp.checksum.status',
    name: 'Checksum Status',
    type: FT.UINT8,
    base: BASE.NONE,
    strings: CHECKSUM_STATUS,
  },
  unused: { abbrev: 'icmp.unused', name: 'Unused', type: FT.BYTES },
  reserved: { abbrev: 'icmp.reserved', name: 'Reserved', type: FT.BYTES },
  ident: { abbrev: 'icmp.ident', name: 'Identifier (BE)', type: FT.UINT16, base: BASE.DEC_HEX },
  identLe: { abbrev: 'icmp.ident_le', name: 'Identifier (LE)', type: FT.UINT16, base: BASE.DEC_HEX },
  seq: { abbrev: 'icmp.seq', name: 'Sequence Number (BE)', type: FT.UINT16, base: BASE.DEC_HEX },
  seqLe: { abbrev: 'icmp.seq_le', name: 'Sequence Number (LE)', type: FT.UINT16, base: BASE.DEC_HEX },
  mtu: { abbrev: 'icmp.mtu', name: 'MTU of next hop', type: FT.UINT16 },
  numAddrs: { abbrev: 'icmp.num_addrs', name: 'Number of addresses', type: FT.UINT8 },
  addrEntrySize: { abbrev: 'icmp.addr_entry_size', name: 'Address entry size', type: FT.UINT8 },
  lifetime: { abbrev: 'icmp.lifetime', name: 'Lifetime', type: FT.UINT16 },
  pointer: { abbrev: 'icmp.pointer', name: 'Pointer', type: FT.UINT32 },
  routerAddress: { abbrev: 'icmp.router_address', name: 'Router address', type: FT.IPv4 },
  prefLevel: { abbrev: 'icmp.pref_level', name: 'Preference level', type: FT.INT32 },
  originateTimestamp: { abbrev: 'icmp.originate_timestamp', name: 'Originate Timestamp', type: FT.UINT32 },
  receiveTimestamp: { abbrev: 'icmp.receive_timestamp', name: 'Receive Timestamp', type: FT.UINT32 },
  transmitTimestamp: { abbrev: 'icmp.transmit_timestamp', name: 'Transmit Timestamp', type: FT.UINT32 },
  addressMask: { abbrev: 'icmp.address_mask', name: 'Address Mask', type: FT.IPv4 },
  redirGw: { abbrev: 'icmp.redir_gw', name: 'Gateway Address', type: FT.IPv4 },
  ext: { abbrev: 'icmp.ext', name: 'ICMP Extensions', type: FT.NONE },
  extVersion: { abbrev: 'icmp.ext.version', name: 'Version', type: FT.UINT8 },
  extRes: {
    abbrev: 'icmp.ext.res',
    name: 'Reserved',
    type: FT.UINT16,
    base: BASE.HEX,
    bitmask: 0xfff,
    bitWidth: 16,
  },
  extChecksum: { abbrev: 'icmp.ext.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  extChecksumStatus: {
    abbrev: 'icmp.ext.checksum.status',
    name: 'Checksum Status',
    type: FT.UINT8,
    base: BASE.NONE,
    strings: CHECKSUM_STATUS,
  },
  extLength: { abbrev: 'icmp.ext.length', name: 'Length', type: FT.UINT16 },
  extClass: {
    abbrev: 'icmp.ext.class',
    name: 'Class',
    type: FT.UINT8,
    strings: vals({
      1: 'MPLS Label Stack Class',
      2: 'Interface Information Object',
      3: 'Interface Identification Object',
    }),
  },
  extCtype: { abbrev: 'icmp.ext.ctype', name: 'C-Type', type: FT.UINT8 },
  extData: { abbrev: 'icmp.ext.data', name: 'Data', type: FT.BYTES },
  mplsLabel: { abbrev: 'icmp.mpls.label', name: 'Label', type: FT.UINT24, bitmask: 0xfffff0, bitWidth: 24 },
  mplsExp: { abbrev: 'icmp.mpls.exp', name: 'Experimental', type: FT.UINT24, bitmask: 0xe, bitWidth: 24 },
  mplsS: {
    abbrev: 'icmp.mpls.s',
    name: 'Stack bit',
    type: FT.BOOLEAN,
    bitWidth: 24,
    bitmask: 0x1,
    strings: TFS_SET,
  },
  mplsTtl: { abbrev: 'icmp.mpls.ttl', name: 'Time to live', type: FT.UINT8 },
  respIn: { abbrev: 'icmp.resp_in', name: 'Response frame', type: FT.FRAMENUM },
  noResp: { abbrev: 'icmp.no_resp', name: 'No response seen', type: FT.NONE },
  respTo: { abbrev: 'icmp.resp_to', name: 'Request frame', type: FT.FRAMENUM },
  // Milliseconds; -T fields prints the double ("0.110534").
  resptime: { abbrev: 'icmp.resptime', name: 'Response time', type: FT.DOUBLE },
  dataTime: {
    abbrev: 'icmp.data_time',
    name: 'Timestamp from icmp data',
    type: FT.ABSOLUTE_TIME,
    base: BASE.NONE,
  },
  dataTimeRelative: {
    abbrev: 'icmp.data_time_relative',
    name: 'Timestamp from icmp data (relative)',
    type: FT.RELATIVE_TIME,
  },
  length: { abbrev: 'icmp.length', name: 'Length', type: FT.UINT8 },
  lengthOriginalDatagram: {
    abbrev: 'icmp.length.original_datagram',
    name: 'Length of original datagram',
    type: FT.UINT8,
  },
  respNotFound: { abbrev: 'icmp.resp_not_found', name: 'Response not found', type: FT.NONE },
  checksumBad: { abbrev: 'icmp.checksum_bad', name: 'Bad checksum', type: FT.NONE },
  extChecksumBad: { abbrev: 'icmp.ext.checksum_bad', name: 'Bad checksum', type: FT.NONE },
});

/** ICMP message types as the Info column and tree name them. */
export const ICMP_TYPES = vals({
  0: 'Echo (ping) reply',
  1: 'Reserved',
  2: 'Reserved',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  19: 'Reserved (for security)',
  30: 'Traceroute',
  31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect',
  33: 'IPv6 Where-Are-You',
  34: 'IPv6 I-Am-Here',
  35: 'Mobile Registration Request',
  36: 'Mobile Registration Reply',
  37: 'Domain Name Request',
  38: 'Domain Name Reply',
  39: 'SKIP',
  40: 'Photuris',
  41: 'Experimental mobility protocols',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
});

export const UNREACH_CODES = vals({
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  5: 'Source route failed',
  6: 'Destination network unknown',
  7: 'Destination host unknown',
  8: 'Source host isolated',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  11: 'Network unreachable for TOS',
  12: 'Host unreachable for TOS',
  13: 'Communication administratively filtered',
  14: 'Host precedence violation',
  15: 'Precedence cutoff in effect',
});

export const REDIRECT_CODES = vals({
  0: 'Redirect for network',
  1: 'Redirect for host',
  2: 'Redirect for TOS and network',
  3: 'Redirect for TOS and host',
});

export const ALT_HOST_CODES = vals({ 0: 'Alternate address for host' });

export const RTRADVERT_CODES = vals({
  0: 'Normal router advertisement',
  16: 'Does not route common traffic',
});

export const TTL_CODES = vals({
  0: 'Time to live exceeded in transit',
  1: 'Fragment reassembly time exceeded',
});

export const PARAM_CODES = vals({
  0: 'Pointer indicates the error',
  1: 'Required option missing',
  2: 'Bad length',
});

export const PHOTURIS_CODES = vals({
  0: 'Bad SPI',
  1: 'Authentication Failed',
  2: 'Decompression Failed',
  3: 'Decryption Failed',
  4: 'Need Authentication',
  5: 'Need Authorization',
});

export const EXT_ECHO_REQ_CODES = vals({ 0: 'No error' });

export const EXT_ECHO_REPLY_CODES = vals({
  0: 'No error',
  1: 'Malformed Query',
  2: 'No Such Interface',
  3: 'No Such Table Entry',
  4: 'Multiple Interfaces Satisfy Query',
});
