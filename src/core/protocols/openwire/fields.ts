import { registerProtocol } from '../../dissect/fields';

export const protoOpenwire = registerProtocol('openwire', 'OpenWire', 'OpenWire');
