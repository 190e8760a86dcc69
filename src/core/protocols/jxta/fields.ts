import { registerFields, registerProtocol } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoJxta = registerProtocol('jxta', 'JXTA P2P', 'JXTA');

/**
 * Welcome message and message framing fields (Wireshark's names and types). The framing
 * header name is an FT_UINT_STRING in Wireshark (a one-byte length, then the text); it is a
 * plain string item covering both here.
 */
export const hfJxta = registerFields({
  welcome: { abbrev: 'jxta.welcome', name: 'Welcome', type: FT.NONE },
  welcomeInitiator: { abbrev: 'jxta.welcome.initiator', name: 'Initiator', type: FT.BOOLEAN },
  welcomeSig: { abbrev: 'jxta.welcome.signature', name: 'Signature', type: FT.STRING },
  welcomeDestAddr: { abbrev: 'jxta.welcome.destAddr', name: 'Destination Address', type: FT.STRING },
  welcomePubAddr: { abbrev: 'jxta.welcome.pubAddr', name: 'Public Address', type: FT.STRING },
  welcomePeerId: { abbrev: 'jxta.welcome.peerid', name: 'PeerID', type: FT.STRING },
  welcomeNoProp: { abbrev: 'jxta.welcome.noPropFlag', name: 'No Propagate Flag', type: FT.STRING },
  welcomeMsgVersion: {
    abbrev: 'jxta.welcome.msgVersion',
    name: 'Preferred Message Version',
    type: FT.STRING,
  },
  welcomeVariable: { abbrev: 'jxta.welcome.variable', name: 'Variable Parameter', type: FT.STRING },
  welcomeVersion: { abbrev: 'jxta.welcome.version', name: 'Version', type: FT.STRING },
  framing: { abbrev: 'jxta.framing', name: 'Framing', type: FT.NONE },
  framingHeader: { abbrev: 'jxta.framing.header', name: 'Header', type: FT.NONE },
  framingHeaderName: { abbrev: 'jxta.framing.header.name', name: 'Name', type: FT.STRING },
  framingHeaderValueLength: {
    abbrev: 'jxta.framing.header.valuelen',
    name: 'Value Length',
    type: FT.UINT16,
    base: BASE.DEC,
  },
  framingHeaderValue: { abbrev: 'jxta.framing.header.value', name: 'Value', type: FT.BYTES },
});
