import { registerProtocol } from '../../dissect/fields';

export const protoTds = registerProtocol('tds', 'Tabular Data Stream', 'TDS');
