import { registerProtocol } from '../../dissect/fields';

export const protoSpice = registerProtocol('spice', 'Spice protocol', 'Spice');
