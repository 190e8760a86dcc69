import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoH1 = registerProtocol('h1', 'Sinec H1 Protocol', 'H1');

export const EMPTY_BLOCK = 0xff;
export const OPCODE_BLOCK = 0x01;
export const REQUEST_BLOCK = 0x03;
export const RESPONSE_BLOCK = 0x0f;

export const BLOCK_TYPES = vals({
  [EMPTY_BLOCK]: 'Empty Block',
  [OPCODE_BLOCK]: 'Opcode Block',
  [REQUEST_BLOCK]: 'Request Block',
  [RESPONSE_BLOCK]: 'Response Block',
});

export const OPCODES = vals({
  3: 'Write Request',
  4: 'Write Response',
  5: 'Read Request',
  6: 'Read Response',
});

export const MEMORY_TYPES = vals({
  0x01: 'DB',
  0x02: 'MB',
  0x03: 'EB',
  0x04: 'AB',
  0x05: 'PB',
  0x06: 'ZB',
  0x07: 'TB',
  0x08: 'BS',
  0x09: 'AS',
  0x0a: 'DX',
  0x10: 'DE',
  0x11: 'QB',
});

export const RETURN_CODES = vals({
  0x00: 'No error',
  0x02: 'Requested block does not exist',
  0x03: 'Requested block too small',
  0xff: 'Error, reason unknown',
});

export const hfH1 = registerFields({
  header: { abbrev: 'h1.header', name: 'H1-Header', type: FT.UINT16, base: BASE.HEX },
  len: { abbrev: 'h1.len', name: 'Length indicator', type: FT.UINT16, base: BASE.DEC },
  blockType: {
    abbrev: 'h1.block_type',
    name: 'Block type',
    type: FT.UINT8,
    base: BASE.HEX,
    strings: BLOCK_TYPES,
  },
  blockLen: { abbrev: 'h1.block_len', name: 'Block length', type: FT.UINT8, base: BASE.DEC },
  opcode: { abbrev: 'h1.opcode', name: 'Opcode', type: FT.UINT8, base: BASE.HEX, strings: OPCODES },
  org: { abbrev: 'h1.org', name: 'Memory type', type: FT.UINT8, base: BASE.HEX, strings: MEMORY_TYPES },
  dbnr: { abbrev: 'h1.dbnr', name: 'Memory block number', type: FT.UINT8, base: BASE.DEC },
  dwnr: { abbrev: 'h1.dwnr', name: 'Address within memory block', type: FT.UINT16, base: BASE.DEC },
  dlen: { abbrev: 'h1.dlen', name: 'Length in words', type: FT.INT16, base: BASE.DEC },
  responseValue: {
    abbrev: 'h1.resvalue',
    name: 'Response value',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: RETURN_CODES,
  },
});
