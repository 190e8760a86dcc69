import { registerFields, registerProtocol, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';
import { ETHERTYPES } from '../ethernet/fields';

export const protoNull = registerProtocol('null', 'Null/Loopback', 'Null');

/** BSD AF_* values as they appear in DLT_NULL/DLT_LOOP headers. */
export const BSD_FAMILIES = vals({
  2: 'IP',
  7: 'OSI',
  16: 'Appletalk',
  23: 'Netware IPX/SPX',
  24: 'IPv6',
  28: 'IPv6',
  30: 'IPv6',
});

export const hfNull = registerFields({
  type: { abbrev: 'null.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: ETHERTYPES },
  family: { abbrev: 'null.family', name: 'Family', type: FT.UINT32, strings: BSD_FAMILIES },
});
