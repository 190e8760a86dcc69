/**
 * Link-layer header types: the LINKTYPE_* (file) to DLT_* (libpcap) mapping, the header layout
 * libpcap assumes for each (offset of the type field, of the payload, of the network header),
 * and the descriptions libpcap puts in its error messages.
 */
import type { CState } from './cstate';

/** Marks a header offset the link type does not have. */
export const OFFSET_NOT_SET = 0xffffffff;

export const DLT = {
  NULL: 0,
  EN10MB: 1,
  IEEE802: 6,
  ARCNET: 7,
  SLIP: 8,
  PPP: 9,
  FDDI: 10,
  ATM_RFC1483: 11,
  RAW: 12,
  SLIP_BSDOS: 15,
  PPP_BSDOS: 16,
  ATM_CLIP: 19,
  PPP_SERIAL: 50,
  PPP_ETHER: 51,
  C_HDLC: 104,
  IEEE802_11: 105,
  FRELAY: 107,
  LOOP: 108,
  ENC: 109,
  LINUX_SLL: 113,
  LTALK: 114,
  PRISM_HEADER: 119,
  IP_OVER_FC: 122,
  SUNATM: 123,
  IEEE802_11_RADIO: 127,
  ARCNET_LINUX: 129,
  IEEE802_11_RADIO_AVS: 163,
  PPI: 192,
  IPNET: 226,
  IPV4: 228,
  IPV6: 229,
  NETANALYZER: 240,
  NETANALYZER_TRANSPARENT: 241,
  LINUX_SLL2: 276,
} as const;

/** LINKTYPE_* values stored in capture files that differ from the DLT_* value libpcap uses on Linux. */
const LINKTYPE_TO_DLT: Record<number, number> = {
  100: DLT.ATM_RFC1483,
  101: DLT.RAW,
  102: DLT.SLIP_BSDOS,
  103: DLT.PPP_BSDOS,
  106: DLT.ATM_CLIP,
  14: DLT.RAW, // OpenBSD's DLT_RAW value, found in old files
};

export function linktypeToDlt(linktype: number): number {
  return LINKTYPE_TO_DLT[linktype] ?? linktype;
}

const DESCRIPTIONS: Record<number, string> = {
  [DLT.NULL]: 'BSD loopback',
  [DLT.EN10MB]: 'Ethernet',
  [DLT.IEEE802]: 'Token ring',
  [DLT.ARCNET]: 'BSD ARCNET',
  [DLT.SLIP]: 'SLIP',
  [DLT.PPP]: 'PPP',
  [DLT.FDDI]: 'FDDI',
  [DLT.ATM_RFC1483]: 'RFC 1483 LLC-encapsulated ATM',
  [DLT.RAW]: 'Raw IP',
  [DLT.SLIP_BSDOS]: 'BSD/OS SLIP',
  [DLT.PPP_BSDOS]: 'BSD/OS PPP',
  [DLT.ATM_CLIP]: 'Linux Classical IP over ATM',
  [DLT.PPP_SERIAL]: 'PPP over serial',
  [DLT.PPP_ETHER]: 'PPPoE',
  [DLT.C_HDLC]: 'Cisco HDLC',
  [DLT.IEEE802_11]: '802.11',
  [DLT.FRELAY]: 'Frame Relay',
  [DLT.LOOP]: 'OpenBSD loopback',
  [DLT.ENC]: 'OpenBSD encapsulated IP',
  [DLT.LINUX_SLL]: 'Linux cooked v1',
  [DLT.LTALK]: 'Localtalk',
  [DLT.PRISM_HEADER]: '802.11 plus Prism header',
  [DLT.IP_OVER_FC]: 'RFC 2625 IP-over-Fibre Channel',
  [DLT.SUNATM]: 'Sun raw ATM',
  [DLT.IEEE802_11_RADIO]: '802.11 plus radiotap header',
  [DLT.ARCNET_LINUX]: 'Linux ARCNET',
  [DLT.IEEE802_11_RADIO_AVS]: '802.11 plus AVS radio information header',
  [DLT.PPI]: 'Per-Packet Information',
  [DLT.IPNET]: 'Solaris ipnet',
  [DLT.IPV4]: 'Raw IPv4',
  [DLT.IPV6]: 'Raw IPv6',
  [DLT.NETANALYZER]: 'Ethernet with Hilscher netANALYZER pseudo-header',
  [DLT.NETANALYZER_TRANSPARENT]: 'Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD',
  [DLT.LINUX_SLL2]: 'Linux cooked v2',
};

/** libpcap's pcap_datalink_val_to_description_or_dlt(). */
export function dltDescription(dlt: number): string {
  return DESCRIPTIONS[dlt] ?? `DLT ${dlt}`;
}

/** Sets the header offsets for the state's link type (libpcap's init_linktype). */
export function initLinkLayer(cs: CState): void {
  const set = (linktype: number, linkpl: number, nl: number, nlNosnap: number): void => {
    cs.offLinktype.constantPart = linktype;
    cs.offLinkpl.constantPart = linkpl;
    cs.offNl = nl;
    cs.offNlNosnap = nlNosnap;
  };
  switch (cs.linktype) {
    case DLT.ARCNET:
      return set(2, 6, 0, 0);
    case DLT.ARCNET_LINUX:
      return set(4, 8, 0, 0);
    case DLT.EN10MB:
      return set(12, 14, 0, 3);
    case DLT.SLIP:
      return set(OFFSET_NOT_SET, 16, 0, 0);
    case DLT.SLIP_BSDOS:
      return set(OFFSET_NOT_SET, 24, 0, 0);
    case DLT.NULL:
    case DLT.LOOP:
      return set(0, 4, 0, 0);
    case DLT.ENC:
      return set(0, 12, 0, 0);
    case DLT.PPP:
    case DLT.C_HDLC:
    case DLT.PPP_SERIAL:
      return set(2, 4, 0, 0);
    case DLT.PPP_ETHER:
      return set(6, 8, 0, 0);
    case DLT.PPP_BSDOS:
      return set(5, 24, 0, 0);
    case DLT.FDDI:
      return set(13, 13, 8, 3);
    case DLT.IEEE802:
      return set(14, 14, 8, 3);
    case DLT.ATM_RFC1483:
    case DLT.ATM_CLIP:
      return set(0, 0, 8, 3);
    case DLT.RAW:
    case DLT.IPV4:
    case DLT.IPV6:
      return set(OFFSET_NOT_SET, 0, 0, 0);
    case DLT.LINUX_SLL:
      return set(14, 16, 0, 0);
    case DLT.LINUX_SLL2:
      return set(0, 20, 0, 0);
    case DLT.LTALK:
      return set(OFFSET_NOT_SET, 0, 0, 0);
    case DLT.IP_OVER_FC:
      return set(16, 16, 8, 3);
    case DLT.FRELAY:
      return set(OFFSET_NOT_SET, 0, 0, 0);
    case DLT.IPNET:
      return set(1, 24, 0, OFFSET_NOT_SET);
    case DLT.PRISM_HEADER:
    case DLT.IEEE802_11_RADIO_AVS:
    case DLT.IEEE802_11_RADIO:
    case DLT.PPI:
      // A radio header of run-time length precedes the 802.11 header.
      cs.offLinkhdr.isVariable = true;
      cs.offLinkpl.isVariable = true;
      return set(24, 0, 8, 3);
    case DLT.IEEE802_11:
      // The 802.11 header itself has a run-time length.
      cs.offLinkpl.isVariable = true;
      return set(24, 0, 8, 3);
    case DLT.NETANALYZER:
      cs.offLinkhdr.constantPart = 4;
      return set(16, 18, 0, 3);
    case DLT.NETANALYZER_TRANSPARENT:
      cs.offLinkhdr.constantPart = 12;
      return set(24, 26, 0, 3);
    default:
      // Anything else: like libpcap for link types it has no layout for, only raw
      // "link[...]" loads (and len/greater/less) can be used.
      cs.unsupportedLink = cs.linktype === DLT.SUNATM;
      return set(OFFSET_NOT_SET, OFFSET_NOT_SET, OFFSET_NOT_SET, OFFSET_NOT_SET);
  }
}
