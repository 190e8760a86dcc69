import { AT, type Address } from '../../dissect/address';
import { dissectData, linktypeTable } from '../../dissect/frame';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import { ethertypeTable } from '../ethernet/ethertype';
import { hfNull, protoNull } from './fields';

/** Payload dissectors by BSD address family (2 IPv4; 24, 28, 30 IPv6). */
export const nullFamilyTable = dissectorTable('null.type', 'BSD AF_ type');

const IEEE_802_3_MAX_LEN = 1500;

/**
 * The "N/A" Source/Destination tshark shows for a frame whose loopback or raw link header has
 * no addresses and whose network layer did not set any.
 */
export const NOT_APPLICABLE: Address = Object.freeze({ type: AT.STRINGZ, v4: 0, bytes: null, text: 'N/A' });

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function bswap16(v: number): number {
  return ((v & 0xff) << 8) | (v >>> 8);
}

/**
 * The family word of a DLT_NULL header is in the byte order of the capturing host; like
 * Wireshark on a little-endian machine we read it little-endian and fix it up (including the
 * IRIX/UNICOS layout that keeps a 16-bit AF_ value in the first two bytes).
 */
function nullFamily(tvb: Tvb): number {
  let h = tvb.u32le(0);
  if ((h & 0xffff0000) !== 0) {
    if ((h & 0xff000000) === 0 && (h & 0x00ff0000) >>> 0 < 0x00060000) h = h >>> 16;
    else h = bswap32(h);
  } else if ((h & 0xff) === 0 && (h & 0xff00) < 0x0600) {
    h = bswap16(h & 0xffff);
  }
  return h;
}

function dissectFamily(family: number, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): void {
  if (tree) tree.add(protoNull, tvb, 0, 4, null, 'Null/Loopback').add(hfNull.family, tvb, 0, 4, family);
  const next = tvb.sub(4);
  const d = nullFamilyTable.get(family);
  if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
}

/** BSD loopback (LINKTYPE_NULL): a 4-byte host-order address family, or an ethertype. */
export function dissectNull(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'Null';
  if (tvb.u16(0) === 0xff03) {
    // PPP in HDLC-like framing; PPP is not dissected.
    dissectData(tvb, pinfo, tree);
    return tvb.length;
  }
  pinfo.addLayer('null');
  pinfo.src = NOT_APPLICABLE;
  pinfo.dst = NOT_APPLICABLE;
  pinfo.cols?.setProtocol('N/A');
  pinfo.cols?.setInfo('Null/Loopback');
  const h = nullFamily(tvb);
  if (h > IEEE_802_3_MAX_LEN) {
    if (tree) tree.add(protoNull, tvb, 0, 4, null, 'Null/Loopback').add(hfNull.type, tvb, 0, 4, h & 0xffff);
    const next = tvb.sub(4);
    const d = ethertypeTable.get(h & 0xffff);
    if (!d || d(next, pinfo, tree) === 0) dissectData(next, pinfo, tree);
  } else {
    dissectFamily(h, tvb, pinfo, tree);
  }
  return tvb.length;
}

/** OpenBSD loopback (LINKTYPE_LOOP): like NULL but the family is always big-endian. */
export function dissectLoop(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'Null';
  pinfo.addLayer('null');
  pinfo.src = NOT_APPLICABLE;
  pinfo.dst = NOT_APPLICABLE;
  pinfo.cols?.setProtocol('N/A');
  pinfo.cols?.setInfo('Null/Loopback');
  dissectFamily(tvb.u32(0), tvb, pinfo, tree);
  return tvb.length;
}

linktypeTable.add(0, dissectNull);
linktypeTable.add(108, dissectLoop);
