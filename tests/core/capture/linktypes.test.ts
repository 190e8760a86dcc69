import { describe, expect, it } from 'vitest';
import {
  isLinktypeSupported,
  linktypeInfo,
  linktypeName,
  wtapEncapForLinktype,
} from '../../../src/core/capture/linktypes';

describe('link types', () => {
  it('maps LINKTYPE values to Wireshark encapsulations as tshark 4.0 shows them', () => {
    expect(wtapEncapForLinktype(1)).toBe(1);
    expect(wtapEncapForLinktype(113)).toBe(25);
    expect(wtapEncapForLinktype(276)).toBe(210);
    expect(wtapEncapForLinktype(127)).toBe(23);
    expect(wtapEncapForLinktype(0)).toBe(15);
    expect(wtapEncapForLinktype(101)).toBe(7);
    expect(wtapEncapForLinktype(228)).toBe(129);
    expect(wtapEncapForLinktype(229)).toBe(130);
    expect(wtapEncapForLinktype(282)).toBe(0);
    expect(linktypeInfo(1).description).toBe('Ethernet');
    expect(linktypeInfo(276).description).toBe('Linux cooked-mode capture v2');
  });

  it('names link types like libpcap, with a fallback for unnamed values', () => {
    expect(linktypeName(1)).toBe('ETHERNET');
    expect(linktypeName(127)).toBe('IEEE802_11_RADIOTAP');
    expect(linktypeName(195)).toBe('IEEE802_15_4_WITHFCS');
    expect(linktypeName(104)).toBe('C_HDLC');
    expect(linktypeName(50)).toBe('PPP_HDLC');
    expect(linktypeName(60000)).toBe('LINKTYPE_60000');
  });

  it('knows which link types tshark refuses in pcap files', () => {
    for (const lt of [182, 164, 281, 282, 284, 285, 132]) expect(isLinktypeSupported(lt)).toBe(false);
    for (const lt of [1, 9, 105, 107, 113, 123, 127, 137, 178, 226, 231, 239, 276])
      expect(isLinktypeSupported(lt)).toBe(true);
  });

  it('records the pseudo-headers wiretap strips', () => {
    expect(linktypeInfo(123).pseudoHeaderLength).toBe(4);
    expect(linktypeInfo(144).pseudoHeaderLength).toBe(16);
    expect(linktypeInfo(1).pseudoHeaderLength).toBe(0);
  });
});
