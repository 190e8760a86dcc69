/**
 * Link-layer header types (LINKTYPE_* values of pcap/pcapng) and how tshark 4.0 / wiretap treat them:
 * the Wiretap encapsulation (`frame.encap_type`), its description as tshark prints it
 * ("Encapsulation type: Ethernet (1)"), and the pseudo-header wiretap strips from the front of
 * the packet data for a few types. Link types without a wiretap encapsulation make tshark refuse
 * a pcap file ("pcap: network type N unknown or unsupported"); in pcapng they are read with
 * encapsulation 0 (unknown).
 *
 * The table was produced by running tshark 4.0.17 on a one-packet pcap for every link type 0..330.
 */

/** [linktype, LINKTYPE name, wtap encapsulation?, tshark description?, pseudo-header bytes?] */
type Row = readonly [number, string, number?, string?, number?];

const ROWS: readonly Row[] = [
  [0, 'NULL', 15, 'NULL/Loopback'],
  [1, 'ETHERNET', 1, 'Ethernet'],
  [2, 'EXP_ETHERNET', 184, 'Xerox 3MB Ethernet'],
  [3, 'AX25', 148, 'Amateur Radio AX.25'],
  [4, 'PRONET'],
  [5, 'CHAOS'],
  [6, 'IEEE802_5', 2, 'Token Ring'],
  [7, 'ARCNET_BSD', 8, 'ARCNET'],
  [8, 'SLIP', 3, 'SLIP'],
  [9, 'PPP', 4, 'PPP'],
  [10, 'FDDI', 6, 'FDDI with bit-swapped MAC addresses'],
  [11, 'ATM_RFC1483_OLD', 10, 'RFC 1483 ATM'],
  [12, 'RAW_OLD', 7, 'Raw IP'],
  [13, 'ENC_OLD', 38, 'OpenBSD enc(4) encapsulating interface'],
  [14, 'RAW_BSDOS', 7, 'Raw IP'],
  [16, 'ATM_CLIP_16', 11, 'Linux ATM CLIP'],
  [18, 'ATM_CLIP_18', 11, 'Linux ATM CLIP'],
  [19, 'ATM_CLIP', 11, 'Linux ATM CLIP'],
  [32, 'REDBACK_SMARTEDGE', 69, 'Redback SmartEdge'],
  [50, 'PPP_HDLC', 4, 'PPP'],
  [51, 'PPP_ETHER', 139, 'PPP-over-Ethernet session'],
  [99, 'SYMANTEC_FIREWALL', 61, 'Symantec Enterprise Firewall'],
  [100, 'ATM_RFC1483', 10, 'RFC 1483 ATM'],
  [101, 'RAW', 7, 'Raw IP'],
  [104, 'C_HDLC', 28, 'Cisco HDLC'],
  [105, 'IEEE802_11', 20, 'IEEE 802.11 Wireless LAN'],
  [106, 'ATM_CLIP_106', 11, 'Linux ATM CLIP'],
  [107, 'FRELAY', 26, 'Frame Relay'],
  [108, 'LOOP', 174, 'OpenBSD loopback'],
  [109, 'ENC', 38, 'OpenBSD enc(4) encapsulating interface'],
  [112, 'NETBSD_HDLC', 28, 'Cisco HDLC'],
  [113, 'LINUX_SLL', 25, 'Linux cooked-mode capture v1'],
  [114, 'LTALK', 30, 'Localtalk'],
  [117, 'PFLOG', 39, 'OpenBSD PF Firewall logs'],
  [118, 'CISCO_IOS', 29, 'Cisco IOS internal'],
  [119, 'IEEE802_11_PRISM', 21, 'IEEE 802.11 plus Prism II monitor mode radio header'],
  [121, 'HHDLC', 32, 'HiPath HDLC'],
  [122, 'IP_OVER_FC', 18, 'RFC 2625 IP-over-Fibre Channel'],
  [123, 'SUNATM', 13, 'ATM PDUs', 4],
  [127, 'IEEE802_11_RADIOTAP', 23, 'IEEE 802.11 plus radiotap radio header'],
  [128, 'TZSP', 37, 'Tazmen sniffer protocol'],
  [129, 'ARCNET_LINUX', 9, 'Linux ARCNET'],
  [130, 'JUNIPER_MLPPP', 81, 'Juniper MLPPP'],
  [131, 'JUNIPER_MLFR', 82, 'Juniper MLFR'],
  [132, 'JUNIPER_ES'],
  [133, 'JUNIPER_GGSN', 87, 'Juniper GGSN'],
  [134, 'JUNIPER_MFR'],
  [135, 'JUNIPER_ATM2', 68, 'Juniper ATM2'],
  [136, 'JUNIPER_SERVICES', 151, 'Juniper Services'],
  [137, 'JUNIPER_ATM1', 67, 'Juniper ATM1'],
  [138, 'APPLE_IP_OVER_IEEE1394', 62, 'Apple IP-over-IEEE 1394'],
  [139, 'MTP2_WITH_PHDR', 75, 'MTP2 with pseudoheader', 4],
  [140, 'MTP2', 42, 'SS7 MTP2'],
  [141, 'MTP3', 43, 'SS7 MTP3'],
  [142, 'SCCP', 101, 'SS7 SCCP'],
  [143, 'DOCSIS', 33, 'Data Over Cable Service Interface Specification'],
  [144, 'LINUX_IRDA', 44, 'IrDA', 16],
  [147, 'USER0', 45, 'USER 0'],
  [148, 'USER1', 46, 'USER 1'],
  [149, 'USER2', 47, 'USER 2'],
  [150, 'USER3', 48, 'USER 3'],
  [151, 'USER4', 49, 'USER 4'],
  [152, 'USER5', 50, 'USER 5'],
  [153, 'USER6', 51, 'USER 6'],
  [154, 'USER7', 52, 'USER 7'],
  [155, 'USER8', 53, 'USER 8'],
  [156, 'USER9', 54, 'USER 9'],
  [157, 'USER10', 55, 'USER 10'],
  [158, 'USER11', 56, 'USER 11'],
  [159, 'USER12', 57, 'USER 12'],
  [160, 'USER13', 58, 'USER 13'],
  [161, 'USER14', 59, 'USER 14'],
  [162, 'USER15', 60, 'USER 15'],
  [163, 'IEEE802_11_AVS', 24, 'IEEE 802.11 plus AVS radio header'],
  [164, 'JUNIPER_MONITOR'],
  [165, 'BACNET_MS_TP', 63, 'BACnet MS/TP'],
  [166, 'PPP_PPPD'],
  [167, 'JUNIPER_PPPOE', 76, 'Juniper PPPoE'],
  [168, 'JUNIPER_PPPOE_ATM'],
  [169, 'GPRS_LLC', 66, 'GPRS LLC'],
  [170, 'GPF_T', 178, 'ITU-T G.7041/Y.1303 Generic Framing Procedure Transparent mode'],
  [171, 'GPF_F', 179, 'ITU-T G.7041/Y.1303 Generic Framing Procedure Frame-mapped mode'],
  [172, 'GCOM_T1E1', 77, 'GCOM TIE1'],
  [173, 'GCOM_SERIAL', 78, 'GCOM Serial'],
  [174, 'JUNIPER_PIC_PEER'],
  [175, 'ERF_ETH'],
  [176, 'ERF_POS'],
  [177, 'LINUX_LAPD', 88, 'LAPD with Linux pseudo-header', 16],
  [178, 'JUNIPER_ETHER', 83, 'Juniper Ethernet'],
  [179, 'JUNIPER_PPP', 84, 'Juniper PPP'],
  [180, 'JUNIPER_FRELAY', 85, 'Juniper Frame-Relay'],
  [181, 'JUNIPER_CHDLC', 86, 'Juniper C-HDLC'],
  [182, 'MFR'],
  [183, 'JUNIPER_VP', 91, 'Juniper Voice PIC'],
  [184, 'JUNIPER_VN', 181, 'Juniper VN'],
  [186, 'USB_FREEBSD', 92, 'USB packets with FreeBSD header'],
  [187, 'BLUETOOTH_HCI_H4', 41, 'Bluetooth H4'],
  [188, 'IEEE802_16_MAC_CPS', 93, 'IEEE 802.16 MAC Common Part Sublayer'],
  [189, 'USB_LINUX', 95, 'USB packets with Linux header'],
  [190, 'CAN20B', 109, 'Controller Area Network 2.0B'],
  [192, 'PPI', 97, 'Per-Packet Information header'],
  [195, 'IEEE802_15_4_WITHFCS', 104, 'IEEE 802.15.4 Wireless PAN'],
  [196, 'SITA', 100, 'SITA WAN packets', 5],
  [197, 'ERF', 98, 'Extensible Record Format', 16],
  [199, 'IPMB_KONTRON', 103, 'Intelligent Platform Management Bus with Kontron pseudo-header'],
  [200, 'JUNIPER_ST', 197, 'Juniper Secure Tunnel Information'],
  [201, 'BLUETOOTH_HCI_H4_WITH_PHDR', 99, 'Bluetooth H4 with linux header', 4],
  [202, 'AX25_KISS', 147, 'AX.25 with KISS header'],
  [203, 'LAPD', 131, 'LAPD'],
  [204, 'PPP_WITH_DIR', 19, 'PPP with Directional Info', 1],
  [205, 'C_HDLC_WITH_DIR'],
  [206, 'FRELAY_WITH_DIR'],
  [207, 'LAPB_WITH_DIR'],
  [209, 'IPMB_LINUX', 112, 'I2C with Linux-specific pseudo-header', 5],
  [210, 'FLEXRAY', 106, 'FlexRay'],
  [211, 'MOST', 108, 'Media Oriented Systems Transport'],
  [212, 'LIN', 107, 'Local Interconnect Network'],
  [213, 'X2E_SERIAL', 111, 'X2E serial line capture'],
  [214, 'X2E_XORAYA', 105, 'X2E Xoraya'],
  [215, 'IEEE802_15_4_NONASK_PHY', 113, 'IEEE 802.15.4 Wireless PAN non-ASK PHY'],
  [220, 'USB_LINUX_MMAPPED', 115, 'USB packets with Linux header and padding'],
  [224, 'FC_2', 121, 'Fibre Channel FC-2'],
  [225, 'FC_2_WITH_FRAME_DELIMS', 122, 'Fibre Channel FC-2 With Frame Delimiter'],
  [226, 'IPNET', 124, 'Solaris IPNET'],
  [227, 'CAN_SOCKETCAN', 125, 'SocketCAN'],
  [228, 'IPV4', 129, 'Raw IPv4'],
  [229, 'IPV6', 130, 'Raw IPv6'],
  [230, 'IEEE802_15_4_NOFCS', 127, 'IEEE 802.15.4 Wireless PAN with FCS not present'],
  [231, 'DBUS', 146, 'D-Bus'],
  [235, 'DVB_CI', 132, 'DVB-CI (Common Interface)'],
  [236, 'MUX27010', 133, 'MUX27010'],
  [237, 'STANAG_5066_D_PDU', 157, 'STANAG 5066 Data Transfer Sublayer PDUs(D_PDU)'],
  [239, 'NFLOG', 141, 'NFLOG'],
  [240, 'NETANALYZER', 135, 'Hilscher netANALYZER'],
  [241, 'NETANALYZER_TRANSPARENT', 136, 'Hilscher netANALYZER-Transparent'],
  [242, 'IPOIB', 180, 'IP over IB'],
  [243, 'MPEG_2_TS', 138, 'ISO/IEC 13818-1 MPEG2-TS'],
  [244, 'NG40'],
  [245, 'NFC_LLCP', 140, 'NFC LLCP', 2],
  [247, 'INFINIBAND'],
  [248, 'SCTP', 149, 'SCTP'],
  [249, 'USBPCAP', 152, 'USB packets with USBPcap header'],
  [250, 'RTAC_SERIAL', 153, 'RTAC serial-line'],
  [251, 'BLUETOOTH_LE_LL', 154, 'Bluetooth Low Energy Link Layer'],
  [252, 'WIRESHARK_UPPER_PDU', 155, 'Wireshark Upper PDU export'],
  [253, 'NETLINK', 158, 'Linux Netlink'],
  [254, 'BLUETOOTH_LINUX_MONITOR', 159, 'Bluetooth Linux Monitor', 4],
  [255, 'BLUETOOTH_BREDR_BB', 160, 'Bluetooth BR/EDR Baseband RF'],
  [256, 'BLUETOOTH_LE_LL_WITH_PHDR', 161, 'Bluetooth Low Energy Link Layer RF'],
  [257, 'PROFIBUS_DL'],
  [258, 'PKTAP', 171, 'Apple PKTAP'],
  [259, 'EPON', 172, 'Ethernet Passive Optical Network'],
  [260, 'IPMI_HPM_2', 173, 'IPMI Trace Data Collection'],
  [261, 'ZWAVE_R1_R2'],
  [262, 'ZWAVE_R3'],
  [263, 'WATTSTOPPER_DLM'],
  [264, 'ISO_14443', 177, 'ISO 14443 contactless smartcard standards'],
  [265, 'RDS'],
  [266, 'USB_DARWIN', 182, 'USB packets with Darwin (macOS, etc.) headers'],
  [268, 'SDLC', 36, 'SDLC'],
  [270, 'LORATAP', 183, 'LoRaTap'],
  [271, 'VSOCK', 185, 'Linux vsock'],
  [272, 'NORDIC_BLE', 186, 'nRF Sniffer for Bluetooth LE'],
  [273, 'DOCSIS31_XRA31', 199, 'DOCSIS with Excentis XRA pseudo-header'],
  [274, 'ETHERNET_MPACKET', 198, 'IEEE 802.3br mPackets'],
  [275, 'DISPLAYPORT_AUX', 200, 'DisplayPort AUX channel with Unigraf pseudo-header'],
  [276, 'LINUX_SLL2', 210, 'Linux cooked-mode capture v2'],
  [278, 'OPENVIZSLA'],
  [279, 'EBHSCR', 204, 'Elektrobit High Speed Capture and Replay'],
  [280, 'VPP_DISPATCH', 205, 'Vector Packet Processing graph dispatch trace'],
  [281, 'DSA_TAG_BRCM'],
  [282, 'DSA_TAG_BRCM_PREPEND'],
  [283, 'IEEE802_15_4_TAP', 206, 'IEEE 802.15.4 Wireless with TAP pseudo-header'],
  [284, 'DSA_TAG_DSA'],
  [285, 'DSA_TAG_EDSA'],
  [286, 'ELEE'],
  [287, 'Z_WAVE_SERIAL', 211, 'Z-Wave Serial API packets'],
  [288, 'USB_2_0', 208, 'USB 2.0/1.1/1.0 packets'],
  [289, 'ATSC_ALP'],
  [290, 'ETW', 212, 'Event Tracing for Windows messages'],
  [292, 'ZBOSS_NCP', 214, 'ZBOSS NCP'],
  [293, 'USB_2_0_LOW_SPEED', 215, 'Low-Speed USB 2.0/1.1/1.0 packets'],
  [294, 'USB_2_0_FULL_SPEED', 216, 'Full-Speed USB 2.0/1.1/1.0 packets'],
  [295, 'USB_2_0_HIGH_SPEED', 217, 'High-Speed USB 2.0 packets'],
  [296, 'AUERSWALD_LOG'],
  [297, 'ZWAVE_TAP'],
  [298, 'SILABS_DEBUG_CHANNEL'],
  [299, 'FIRA_UCI'],
  [300, 'MDB'],
  [301, 'DECT_NR'],
];

/** Facts about one link type. */
export interface LinktypeInfo {
  linktype: number;
  /** libpcap's LINKTYPE_ name without the prefix, e.g. "ETHERNET"; "LINKTYPE_<n>" when unnamed. */
  name: string;
  /** WTAP_ENCAP_* value tshark shows as frame.encap_type; 0 (unknown) when wiretap has none. */
  wtapEncap: number;
  /** tshark's description of the encapsulation, e.g. "Ethernet"; undefined when unsupported. */
  description: string | undefined;
  /** Bytes of pseudo-header wiretap removes from the packet (frame.cap_len = caplen - this). */
  pseudoHeaderLength: number;
}

const BY_LINKTYPE = new Map<number, LinktypeInfo>();
for (const [linktype, name, wtapEncap, description, pseudoHeaderLength] of ROWS) {
  BY_LINKTYPE.set(linktype, {
    linktype,
    name,
    wtapEncap: wtapEncap ?? 0,
    description,
    pseudoHeaderLength: pseudoHeaderLength ?? 0,
  });
}

/** Everything we know about a link type (unknown ones get a generated name). */
export function linktypeInfo(linktype: number): LinktypeInfo {
  return (
    BY_LINKTYPE.get(linktype) ?? {
      linktype,
      name: `LINKTYPE_${linktype}`,
      wtapEncap: 0,
      description: undefined,
      pseudoHeaderLength: 0,
    }
  );
}

/** libpcap-style name ("ETHERNET", "LINUX_SLL2", ... or "LINKTYPE_<n>"). */
export function linktypeName(linktype: number): string {
  return linktypeInfo(linktype).name;
}

/** Wireshark's frame.encap_type (WTAP_ENCAP_*) for a link type; 0 (WTAP_ENCAP_UNKNOWN) if none. */
export function wtapEncapForLinktype(linktype: number): number {
  return BY_LINKTYPE.get(linktype)?.wtapEncap ?? 0;
}

/** True when tshark 4.0 can open a pcap file with this link type. */
export function isLinktypeSupported(linktype: number): boolean {
  return (BY_LINKTYPE.get(linktype)?.wtapEncap ?? 0) !== 0;
}

/**
 * Largest packet wiretap accepts for a link type (wtap_max_snaplen_for_encap): 128 MiB for D-Bus
 * and USB, 8 MiB for EBHSCR, 256 KiB otherwise.
 */
export function maxPacketSizeForLinktype(linktype: number): number {
  switch (linktype) {
    case 189: // USB_LINUX
    case 220: // USB_LINUX_MMAPPED
    case 231: // DBUS
    case 249: // USBPCAP
    case 266: // USB_DARWIN
      return 128 * 1024 * 1024;
    case 279: // EBHSCR
      return 8 * 1024 * 1024;
    default:
      return 262144;
  }
}
