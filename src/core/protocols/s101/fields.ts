import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoS101 = registerProtocol('s101', 'S101', 'S101');

export const hfS101 = registerFields({
  frameFormat: {
    abbrev: 's101.format',
    name: 'Frame Format',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: vals({ 0xfe: 'Escaped Frame', 0xf8: 'UnEscaped Frame' }),
  },
  lengthSize: { abbrev: 's101.lensize', name: 'Bytes for Length', type: FT.UINT8, base: BASE.DEC },
  messageLength: { abbrev: 's101.msglen', name: 'Message Length', type: FT.BYTES },
  slot: { abbrev: 's101.slot', name: 'Slot', type: FT.UINT8, base: BASE.HEX },
  messageType: {
    abbrev: 's101.msgtype',
    name: 'Message Type',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: vals({ 0x0e: 'Ember' }),
  },
  commandType: {
    abbrev: 's101.cmdtype',
    name: 'Command Type',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: vals({ 0: 'Ember Command', 1: 'Keepalive Request', 2: 'Keepalive Response' }),
  },
  version: { abbrev: 's101.version', name: 'Version', type: FT.UINT8, base: BASE.DEC },
  flags: {
    abbrev: 's101.flags',
    name: 'Flags',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: vals({
      0xc0: 'Single Packet',
      0x20: 'Empty Packet',
      0x00: 'Multi Packet',
      0x40: 'Last Packet',
      0x80: 'First Packet',
    }),
  },
  dtdType: {
    abbrev: 's101.dtdtype',
    name: 'DTD Type',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: vals({ 1: 'DTD Glow' }),
  },
  appBytesLen: { abbrev: 's101.applen', name: 'App Bytes Length', type: FT.UINT8, base: BASE.DEC },
  appMinorVersion: { abbrev: 's101.appminver', name: 'App Minor Version', type: FT.UINT8, base: BASE.DEC },
  appMajorVersion: { abbrev: 's101.appmajver', name: 'App Major Version', type: FT.UINT8, base: BASE.DEC },
  crc: { abbrev: 's101.crc', name: 'CRC', type: FT.UINT16, base: BASE.HEX },
  eof: { abbrev: 's101.eof', name: 'End of Frane', type: FT.UINT8, base: BASE.HEX },
});
