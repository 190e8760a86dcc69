import { etherAddressAt, formatEther } from '../../dissect/address';
import { dissectData, linktypeTable } from '../../dissect/frame';
import { SEVERITY } from '../../dissect/expert';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { dissectEthertype } from './ethertype';
import { dissect8023 } from './ieee8023';
import { addExpert } from './expert-info';
import { hfEth, protoEth } from './fields';

const ETH_HEADER_SIZE = 14;
const IEEE_802_3_MAX_LEN = 1500;
const ETHERNET_II_MIN_LEN = 1536;
const ETH_8023_FIELDS = { length: hfEth.len, trailer: hfEth.trailer, pastEnd: hfEth.lenPastEnd };

/** "02:00:00" — how the tree shows an OUI. */
function ouiText(v: number): string {
  return `${hex2(v >>> 16)}:${hex2((v >>> 8) & 255)}:${hex2(v & 255)}`;
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}

/**
 * The Destination and Source items with their hidden companions (resolved name, OUI, eth.addr,
 * LG/IG bits), in Wireshark's order — eth.addr occurrences are destination first.
 */
function addAddresses(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, checkGroup: boolean): void {
  for (const isSrc of [false, true]) {
    const off = isSrc ? 6 : 0;
    const mac = tvb.view(off, 6);
    const text = formatEther(mac);
    const oui = tvb.u24(off);
    const bits = tvb.u24(off);
    const item = t.add(isSrc ? hfEth.src : hfEth.dst, tvb, off, 6, mac);
    if (isSrc && checkGroup && (mac[0] & 1) !== 0) {
      addExpert(
        pinfo,
        item,
        hfEth.srcNotGroup,
        SEVERITY.WARN,
        'Protocol',
        'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)',
      );
    }
    item
      .add(isSrc ? hfEth.srcResolved : hfEth.dstResolved, tvb, off, 6, text)
      .setGenerated()
      .setHidden();
    item
      .add(
        isSrc ? hfEth.srcOui : hfEth.dstOui,
        tvb,
        off,
        3,
        oui,
        `${isSrc ? 'Source' : 'Destination'} OUI: ${ouiText(oui)}`,
      )
      .setGenerated()
      .setHidden();
    item.add(hfEth.addr, tvb, off, 6, mac);
    item.add(hfEth.addrResolved, tvb, off, 6, text).setGenerated().setHidden();
    item
      .add(hfEth.addrOui, tvb, off, 3, oui, `Address OUI: ${ouiText(oui)}`)
      .setGenerated()
      .setHidden();
    const lg = (bits >>> 17) & 1;
    const ig = (bits >>> 16) & 1;
    item.add(isSrc ? hfEth.srcLg : hfEth.dstLg, tvb, off, 3, lg);
    item.addHidden(hfEth.lg, tvb, off, 3, lg);
    item.add(isSrc ? hfEth.srcIg : hfEth.dstIg, tvb, off, 3, ig);
    item.addHidden(hfEth.ig, tvb, off, 3, ig);
  }
}

/** Ethernet (LINKTYPE_ETHERNET): Ethernet II, IEEE 802.3 with LLC, or an invalid length/type. */
export function dissectEthernet(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, fcsLen = -1): number {
  pinfo.currentProto = 'Ethernet';
  pinfo.cols?.setProtocol('Ethernet');
  // The same bounds checks as taking the two 6-byte views; the addresses only make their
  // views when read (the first pass of every Ethernet frame never reads them).
  tvb.ensure(0, 6);
  tvb.ensure(6, 6);
  pinfo.setEtherAddresses(tvb.bytes, tvb.start, etherAddressAt);
  const type = tvb.u16(12);
  pinfo.addLayer('eth');

  if (type > IEEE_802_3_MAX_LEN && type < ETHERNET_II_MIN_LEN) {
    pinfo.cols?.setInfo(
      `Ethernet Unknown: Invalid length/type: 0x${type.toString(16).padStart(4, '0')} (${type})`,
    );
    let fh: ProtoNode | null = null;
    if (tree) {
      fh = tree.add(
        protoEth,
        tvb,
        0,
        ETH_HEADER_SIZE,
        null,
        `Ethernet Unknown, Src: ${formatEther(tvb.view(6, 6))}, Dst: ${formatEther(tvb.view(0, 6))}`,
      );
      addAddresses(fh, tvb, pinfo, false);
    }
    const item = fh ? fh.add(hfEth.invalidLentype, tvb, 12, 2, type) : null;
    addExpert(
      pinfo,
      item,
      hfEth.invalidLentypeExpert,
      SEVERITY.WARN,
      'Protocol',
      `Invalid length/type: 0x${type.toString(16).padStart(4, '0')} (${type})`,
    );
    dissectData(tvb.sub(ETH_HEADER_SIZE), pinfo, tree);
    return tvb.length;
  }

  if (type <= IEEE_802_3_MAX_LEN && type !== 0) {
    // Novell "raw" 802.3 carries IPX directly, recognisable by its 0xffff checksum field.
    let isLlc = true;
    if (tvb.has(14, 2) && tvb.u16(14) === 0xffff) isLlc = false;
    const title = `IEEE 802.3 Ethernet ${isLlc ? '' : 'Raw '}`;
    pinfo.cols?.setInfo(title);
    let fh: ProtoNode | null = null;
    if (tree) {
      fh = tree.add(protoEth, tvb, 0, ETH_HEADER_SIZE, null, title);
      addAddresses(fh, tvb, pinfo, false);
    }
    dissect8023(type, isLlc, tvb, ETH_HEADER_SIZE, pinfo, tree, fh, ETH_8023_FIELDS, fcsLen);
    return tvb.length;
  }

  pinfo.cols?.setInfo('Ethernet II');
  let fh: ProtoNode | null = null;
  if (tree) {
    fh = tree.add(
      protoEth,
      tvb,
      0,
      ETH_HEADER_SIZE,
      null,
      `Ethernet II, Src: ${formatEther(tvb.view(6, 6))}, Dst: ${formatEther(tvb.view(0, 6))}`,
    );
    addAddresses(fh, tvb, pinfo, true);
    fh.add(hfEth.type, tvb, 12, 2, type);
  } else if ((tvb.u8(6) & 1) !== 0) {
    addExpert(
      pinfo,
      null,
      hfEth.srcNotGroup,
      SEVERITY.WARN,
      'Protocol',
      'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)',
    );
  }
  dissectEthertype(tvb, pinfo, tree, type, ETH_HEADER_SIZE, fh, hfEth.trailer, fcsLen);
  return tvb.length;
}

linktypeTable.add(1, (tvb, pinfo, tree) => dissectEthernet(tvb, pinfo, tree, -1));
// Ethernet inside IP (IPv6 next header 143, RFC 8986 segment routing) carries no FCS.
dissectorTable('ip.proto').add(143, (tvb, pinfo, tree) => dissectEthernet(tvb, pinfo, tree, 0));
