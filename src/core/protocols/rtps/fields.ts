import { registerProtocol } from '../../dissect/fields';

export const protoRtps = registerProtocol('rtps', 'Real-Time Publish-Subscribe Wire Protocol', 'RTPS');
