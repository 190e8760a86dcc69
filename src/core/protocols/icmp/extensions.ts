/**
 * ICMP multi-part extensions (RFC 4884): a version/checksum header followed by objects, found
 * after the original datagram of ICMP and ICMPv6 errors and in RFC 8335 extended echo
 * requests. Decoded objects: MPLS label stack (RFC 4950), interface information (RFC 5837)
 * and interface identification (RFC 8335); anything else is shown as data. The quirks follow
 * tshark 4.0: an interface name is skipped when fewer bytes than its length follow its length
 * byte, an unknown address family in an interface information object is malformed, and an
 * MPLS object of an unknown C-Type lists its C-Type twice.
 */
import { SEVERITY } from '../../dissect/expert';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { addExpert } from '../ethernet/expert-info';
import { checksumShouldBe, internetChecksum } from '../ip/checksum';
import { EXT_CLASSES, hfIcmp, INTERFACE_ROLES } from './fields';

const CLASS_MPLS = 1;
const CLASS_INTERFACE_INFO = 2;
const CLASS_INTERFACE_ID = 3;

const INTERFACE_ID_CTYPES = new Map([
  [1, 'Identifies Interface By Name'],
  [2, 'Identifies Interface By Index'],
  [3, 'Identifies Interface By Address'],
]);

const hex = (v: number, w: number): string => v.toString(16).padStart(w, '0');

/** A string item's value: the bytes up to the first NUL, as Latin-1 text. */
function stringAt(tvb: Tvb, offset: number, len: number): string {
  const b = tvb.view(offset, len);
  let s = '';
  for (let i = 0; i < b.length && b[i] !== 0; i++) s += String.fromCharCode(b[i]);
  return s;
}

/**
 * Dissects the extension structure that starts at `offset` and runs to the end of `tvb`
 * (always: its bounds errors make the packet malformed, tree or not). `parent` is the ICMP or
 * ICMPv6 item. Returns false, like tshark's dissector declining, when the structure is too
 * short for its header or of an unknown version (the items shown so far stay).
 */
export function dissectIcmpExtensions(
  tvb: Tvb,
  offset: number,
  pinfo: PacketInfo,
  parent: ProtoNode | null,
): boolean {
  if (offset > tvb.reportedLength)
    throw new BoundsError('reported', 'extensions past the end of the message');
  const reported = tvb.reportedLength - offset;
  const ext = parent
    ? parent.add(
        hfIcmp.ext,
        tvb,
        offset,
        Math.min(reported, tvb.length - offset),
        null,
        'ICMP Multi-Part Extensions',
      )
    : null;
  if (reported < 4) return false;
  const version = tvb.u8(offset) >>> 4;
  const res = tvb.u16(offset) & 0x0fff;
  const cksum = tvb.u16(offset + 2);
  if (ext) {
    ext.add(hfIcmp.extVersion, tvb, offset, 1, version);
    ext.add(hfIcmp.extRes, tvb, offset, 2, res, `.... ${bits12(res)} = Reserved: 0x${hex(res, 3)}`);
  }
  if (cksum === 0) {
    if (ext) {
      ext.add(hfIcmp.extChecksum, tvb, offset + 2, 2, cksum, 'Checksum: [missing]');
      ext.add(hfIcmp.extChecksumStatus, tvb, offset + 2, 2, 3).setGenerated();
    }
  } else {
    const computed = internetChecksum(tvb, offset, reported);
    if (computed === 0) {
      if (ext) {
        ext.add(hfIcmp.extChecksum, tvb, offset + 2, 2, cksum, `Checksum: 0x${hex(cksum, 4)} [correct]`);
        ext.add(hfIcmp.extChecksumStatus, tvb, offset + 2, 0, 1).setGenerated();
      }
    } else {
      const should = checksumShouldBe(cksum, computed);
      const item = ext
        ? ext.add(
            hfIcmp.extChecksum,
            tvb,
            offset + 2,
            2,
            cksum,
            `Checksum: 0x${hex(cksum, 4)} incorrect, should be 0x${hex(should, 4)}`,
          )
        : null;
      addExpert(
        pinfo,
        item,
        hfIcmp.extChecksumBad,
        SEVERITY.WARN,
        'Checksum',
        `Bad checksum [should be 0x${hex(should, 4)}]`,
      );
      ext?.add(hfIcmp.extChecksumStatus, tvb, offset + 2, 0, 0).setGenerated();
    }
  }
  if (version !== 1 && version !== 2) {
    ext?.appendLabel(' (unsupported version)');
    return false;
  }

  const end = tvb.reportedLength;
  let off = offset + 4;
  while (end - off >= 4) {
    const objLen = tvb.u16(off);
    const cls = tvb.u8(off + 2);
    const ctype = tvb.u8(off + 3);
    if (objLen < 4) {
      if (ext) {
        const o = ext.addText(tvb, off, 4, 'Object with bad length');
        o.add(hfIcmp.extLength, tvb, off, 2, objLen);
        o.add(hfIcmp.extClass, tvb, off + 2, 1, cls);
      }
      break;
    }
    const objEnd = Math.min(off + objLen, end);
    let name: string;
    if (cls === CLASS_MPLS && ctype === 1) name = 'MPLS Stack Entry';
    else if (cls === CLASS_INTERFACE_INFO) name = 'Interface Information Object';
    else if (cls === CLASS_INTERFACE_ID) name = 'Interface Identification Object';
    else name = `Unknown object (${cls}/${ctype})`;
    const o = ext ? ext.addText(tvb, off, objEnd - off, name) : null;
    o?.add(hfIcmp.extLength, tvb, off, 2, objLen);
    o?.add(hfIcmp.extClass, tvb, off + 2, 1, cls, classLabel(cls));
    const body = off + 4;
    if (cls === CLASS_MPLS) {
      if (ctype === 1) {
        o?.add(hfIcmp.extCtype, tvb, off + 3, 1, ctype);
        let e = body;
        for (; e + 4 <= objEnd; e += 4) mplsEntry(tvb, e, o);
        if (e < objEnd) o?.add(hfIcmp.mplsData, tvb, e, objEnd - e, tvb.view(e, objEnd - e));
      } else {
        o?.add(hfIcmp.extCtype, tvb, off + 3, 1, ctype);
        o?.add(hfIcmp.extCtype, tvb, off + 3, 1, ctype);
        objectData(tvb, body, objEnd, o);
      }
    } else if (cls === CLASS_INTERFACE_INFO) {
      interfaceInformation(tvb, off + 3, ctype, off + objLen, o);
    } else if (cls === CLASS_INTERFACE_ID) {
      interfaceIdentification(tvb, off + 3, ctype, objLen, off + objLen, o);
    } else {
      // tshark lists the C-Type of a class 0 object twice too.
      o?.add(hfIcmp.extCtype, tvb, off + 3, 1, ctype);
      if (cls === 0) o?.add(hfIcmp.extCtype, tvb, off + 3, 1, ctype);
      objectData(tvb, body, objEnd, o);
    }
    // Appended once the object is shown: an exception inside it leaves the label as it was.
    if (off + objLen > end) o?.appendLabel(' (truncated)');
    off += objLen;
  }
  return true;
}

function bits12(v: number): string {
  const s = v.toString(2).padStart(12, '0');
  return `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8)}`;
}

function classLabel(cls: number): string {
  const n = EXT_CLASSES.get(cls);
  return `Class: ${n ?? 'Unknown'} (${cls})`;
}

function objectData(tvb: Tvb, from: number, to: number, o: ProtoNode | null): void {
  if (to > from) o?.add(hfIcmp.extData, tvb, from, to - from, tvb.view(from, to - from));
}

function mplsEntry(tvb: Tvb, e: number, o: ProtoNode | null): void {
  const w = tvb.u32(e);
  const label = w >>> 12;
  const exp = (w >>> 9) & 7;
  const s = (w >>> 8) & 1;
  const ttl = w & 0xff;
  if (!o) return;
  const entry = o.addText(tvb, e, 4, `Label: ${label}, Exp: ${exp}, S: ${s}, TTL: ${ttl}`);
  entry.add(hfIcmp.mplsLabel, tvb, e, 3, label);
  entry.add(hfIcmp.mplsExp, tvb, e + 2, 1, exp);
  entry.add(hfIcmp.mplsS, tvb, e + 2, 1, s);
  entry.add(hfIcmp.mplsTtl, tvb, e + 3, 1, ttl);
}

/**
 * RFC 5837: the C-Type carries the role and which sub-objects follow. As in tshark, the
 * ifIndex and the address are read only when they start inside the object (`objEnd`, where
 * the object's length says it ends); the name and the MTU are read wherever they fall.
 */
function interfaceInformation(
  tvb: Tvb,
  ctOff: number,
  ctype: number,
  objEnd: number,
  o: ProtoNode | null,
): void {
  const role = ctype >>> 6;
  const hasIndex = (ctype & 0x08) !== 0;
  const hasAddr = (ctype & 0x04) !== 0;
  const hasName = (ctype & 0x02) !== 0;
  const hasMtu = (ctype & 0x01) !== 0;
  if (o) {
    const parts = [`C-Type: ${ctype}`, `Interface Role: ${INTERFACE_ROLES.get(role) ?? 'Unknown'}`];
    if (hasIndex) parts.push('ifIndex');
    if (hasAddr) parts.push('IP Address');
    if (hasName) parts.push('Interface Name');
    if (hasMtu) parts.push('MTU');
    const c = o.add(hfIcmp.extCtype, tvb, ctOff, 1, ctype, parts.join(', '));
    c.add(hfIcmp.intInfoRole, tvb, ctOff, 1, role);
    c.add(hfIcmp.intInfoReserved, tvb, ctOff, 1, (ctype >>> 4) & 3);
    c.add(hfIcmp.intInfoIfindex, tvb, ctOff, 1, hasIndex ? 1 : 0);
    c.add(hfIcmp.intInfoIpaddr, tvb, ctOff, 1, hasAddr ? 1 : 0);
    c.add(hfIcmp.intInfoNamePresent, tvb, ctOff, 1, hasName ? 1 : 0);
    c.add(hfIcmp.intInfoMtuPresent, tvb, ctOff, 1, hasMtu ? 1 : 0);
  }
  let p = ctOff + 1;
  if (hasIndex && p < objEnd) {
    const idx = tvb.u32(p);
    o?.add(hfIcmp.intInfoIndex, tvb, p, 4, idx);
    p += 4;
  }
  if (hasAddr && p < objEnd) {
    const afi = tvb.u16(p);
    const len = afi === 1 ? 4 : afi === 2 ? 16 : -1;
    if (len < 0)
      throw new BoundsError('reported', 'unknown address family in an interface information object');
    tvb.ensure(p, 4 + len);
    if (o) {
      const sub = o.addText(tvb, p, 4 + len, 'IP Address Sub-Object');
      sub.add(hfIcmp.intInfoAfi, tvb, p, 2, afi);
      sub.add(hfIcmp.reserved, tvb, p + 2, 2, tvb.view(p + 2, 2));
      if (afi === 1) sub.add(hfIcmp.intInfoIpv4, tvb, p + 4, 4, tvb.u32(p + 4));
      else sub.add(hfIcmp.intInfoIpv6, tvb, p + 4, 16, tvb.view(p + 4, 16));
    }
    p += 4 + len;
  }
  if (hasName) {
    // tshark's reading: the sub-object must fit the packet; the name is shown only when at
    // least its length's worth of bytes follows the length byte (a zero length runs to the
    // end of the packet), and is skipped otherwise.
    const nameLen = tvb.u8(p);
    tvb.ensure(p, nameLen);
    const sub = o ? o.addText(tvb, p, nameLen, 'Interface Name Sub-Object') : null;
    sub?.add(hfIcmp.intInfoNameLength, tvb, p, 1, nameLen);
    if (objEnd - (p + 1) >= nameLen) {
      const len = nameLen > 0 ? nameLen - 1 : tvb.length - (p + 1);
      const name = stringAt(tvb, p + 1, len);
      sub?.add(hfIcmp.intInfoName, tvb, p + 1, len, name);
      p += nameLen;
    } else {
      p += 1;
    }
  }
  if (hasMtu) {
    const mtu = tvb.u32(p);
    o?.add(hfIcmp.intInfoMtu, tvb, p, 4, mtu);
  }
}

/** RFC 8335: which interface an extended echo request asks about. */
function interfaceIdentification(
  tvb: Tvb,
  ctOff: number,
  ctype: number,
  objLen: number,
  objEnd: number,
  o: ProtoNode | null,
): void {
  const desc = INTERFACE_ID_CTYPES.get(ctype) ?? `Unknown C-Type ${ctype}`;
  o?.add(hfIcmp.extCtype, tvb, ctOff, 1, ctype, `C-Type: ${ctype} (${desc})`);
  const p = ctOff + 1;
  switch (ctype) {
    case 1: {
      const name = stringAt(tvb, p, objLen - 4);
      o?.add(hfIcmp.intIdentName, tvb, p, objLen - 4, name);
      break;
    }
    case 2: {
      const index = tvb.u32(p);
      o?.add(hfIcmp.intIdentIndex, tvb, p, 4, index);
      break;
    }
    case 3: {
      const afi = tvb.u16(p);
      const alen = tvb.u8(p + 2);
      tvb.ensure(p + 3, 1);
      // The address only when the object holds all of it.
      const need = afi === 1 ? 4 : afi === 2 ? 16 : alen;
      const whole = objEnd - (p + 4) >= need;
      if (whole) tvb.ensure(p + 4, need);
      if (o) {
        o.add(hfIcmp.intIdentAfi, tvb, p, 2, afi);
        o.add(hfIcmp.intIdentAddrLength, tvb, p + 2, 1, alen);
        o.add(hfIcmp.intIdentReserved, tvb, p + 3, 1, tvb.view(p + 3, 1));
        if (whole) {
          if (afi === 1) o.add(hfIcmp.intIdentIpv4, tvb, p + 4, 4, tvb.u32(p + 4));
          else if (afi === 2) o.add(hfIcmp.intIdentIpv6, tvb, p + 4, 16, tvb.view(p + 4, 16));
          else o.add(hfIcmp.intIdentAddress, tvb, p + 4, alen, tvb.view(p + 4, alen));
        }
      }
      break;
    }
    default:
      break;
  }
}
