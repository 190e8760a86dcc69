import { registerFields, registerProtocol } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import { CHECKSUM_STATUS } from '../ethernet/fields';

export const protoUdp = registerProtocol('udp', 'User Datagram Protocol', 'UDP');

export const hfUdp = registerFields({
  // BASE_PT_UDP prints the port number in decimal.
  srcport: { abbrev: 'udp.srcport', name: 'Source Port', type: FT.UINT16 },
  dstport: { abbrev: 'udp.dstport', name: 'Destination Port', type: FT.UINT16 },
  port: { abbrev: 'udp.port', name: 'Source or Destination Port', type: FT.UINT16 },
  stream: { abbrev: 'udp.stream', name: 'Stream index', type: FT.UINT32 },
  length: { abbrev: 'udp.length', name: 'Length', type: FT.UINT16 },
  checksum: { abbrev: 'udp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumCalculated: {
    abbrev: 'udp.checksum_calculated',
    name: 'Calculated Checksum',
    type: FT.UINT16,
    base: BASE.HEX,
  },
  checksumStatus: {
    abbrev: 'udp.checksum.status',
    name: 'Checksum Status',
    type: FT.UINT8,
    base: BASE.NONE,
    strings: CHECKSUM_STATUS,
  },
  pduSize: { abbrev: 'udp.pdu.size', name: 'PDU Size', type: FT.UINT32 },
  timeRelative: { abbrev: 'udp.time_relative', name: 'Time since first frame', type: FT.RELATIVE_TIME },
  timeDelta: { abbrev: 'udp.time_delta', name: 'Time since previous frame', type: FT.RELATIVE_TIME },
  payload: { abbrev: 'udp.payload', name: 'Payload', type: FT.BYTES },
  possibleTraceroute: { abbrev: 'udp.possible_traceroute', name: 'Possible traceroute', type: FT.NONE },
  lengthBad: { abbrev: 'udp.length.bad', name: 'Bad length value', type: FT.NONE },
  checksumZero: { abbrev: 'udp.checksum.zero', name: 'Illegal checksum value (0)', type: FT.NONE },
  checksumBad: { abbrev: 'udp.checksum.bad', name: 'Bad checksum', type: FT.NONE },
  lengthBadZero: { abbrev: 'udp.length.bad_zero', name: 'Length is zero but payload < 65536', type: FT.NONE },
});
