import { formatEther, formatIPv4 } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { hexBytes } from '../../dissect/format';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { setReportedLength } from '../ethernet/actual-length';
import { ethertypeTable } from '../ethernet/ethertype';
import { addExpert } from '../ethernet/expert-info';
import { ARP_OPCODES, hfArp, protoArp } from './fields';

const ARPHRD_ETHER = 1;
const ARPHRD_IEEE802 = 6;
const ARPHRD_AX25 = 3;
const ETHERTYPE_IP = 0x0800;
const AX25_P_IP = 0xcc;

const OP = {
  REQUEST: 1,
  REPLY: 2,
  RREQUEST: 3,
  RREPLY: 4,
  DRARPREQUEST: 5,
  DRARPREPLY: 6,
  DRARPERROR: 7,
  IREQUEST: 8,
  IREPLY: 9,
  ATMARP_NAK: 10,
  MARS_FIRST: 11,
  MARS_LAST: 22,
  MAPOS_UNARP: 23,
  EXP1: 24,
  EXP2: 25,
} as const;

/** Info texts of the MARS opcodes (11..23), "%s from %s at %s" style. */
const MARS_INFO: Record<number, string> = {
  11: 'MARS request from',
  12: 'MARS MULTI request from',
  13: 'MARS MSERV request from',
  14: 'MARS JOIN request from',
  15: 'MARS LEAVE from',
  16: 'MARS NAK from',
  17: 'MARS UNSERV request from',
  18: 'MARS SJOIN request from',
  19: 'MARS SLEAVE from',
  20: 'MARS grouplist request from',
  21: 'MARS grouplist reply from',
  22: 'MARS redirect map from',
  23: 'MAPOS UNARP request from',
};

function hwIsEther(hrd: number, hln: number): boolean {
  return (hrd === ARPHRD_ETHER || hrd === ARPHRD_IEEE802) && hln === 6;
}

function proIsIPv4(pro: number, pln: number): boolean {
  return (pro === ETHERTYPE_IP || pro === AX25_P_IP) && pln === 4;
}

function hwAddrText(tvb: Tvb, off: number, len: number, hrd: number): string {
  if (len === 0) return '<No address>';
  const b = tvb.view(off, len);
  return hwIsEther(hrd, len) ? formatEther(b) : hexBytes(b);
}

function protoAddrText(tvb: Tvb, off: number, len: number, pro: number): string {
  if (len === 0) return '<No address>';
  if (proIsIPv4(pro, len)) return formatIPv4(tvb.u32(off));
  return hexBytes(tvb.view(off, len));
}

function equalBytes(tvb: Tvb, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (tvb.u8(a + i) !== tvb.u8(b + i)) return false;
  return true;
}

/** tvb_memeql against zeros: bytes that are not there compare unequal instead of throwing. */
function allZero(tvb: Tvb, off: number, n: number): boolean {
  if (!tvb.has(off, n)) return false;
  for (let i = 0; i < n; i++) if (tvb.u8(off + i) !== 0) return false;
  return true;
}

/** Which MAC last used an IPv4 address (arp.detect_duplicate_ips, on by default in Wireshark). */
interface Binding {
  mac: string;
  frame: number;
  sec: number;
}

/** Capture-wide ARP state: address bindings and, per frame, the duplicate found in the first pass. */
class ArpState {
  readonly bindings = new Map<number, Binding>();
  /** Key `${frame}:${ip}` → the earlier binding that conflicts. */
  readonly duplicates = new Map<string, Binding>();
}

/**
 * Checks a MAC/IP pair against earlier frames; returns the earlier binding when another MAC
 * used the same IP (Wireshark's check_for_duplicate_addresses). State changes only in the
 * first pass; later dissections read the stored result.
 */
function checkDuplicate(pinfo: PacketInfo, state: ArpState, mac: string, ip: number): Binding | undefined {
  const key = `${pinfo.num}:${ip}`;
  if (pinfo.visited) return state.duplicates.get(key);
  const value = state.bindings.get(ip);
  if (!value) {
    state.bindings.set(ip, { mac, frame: pinfo.num, sec: pinfo.tsSec });
    return undefined;
  }
  if (pinfo.num <= value.frame) return undefined;
  if (value.mac === mac) {
    value.frame = pinfo.num;
    value.sec = pinfo.tsSec;
    return undefined;
  }
  const result = { ...value };
  state.duplicates.set(key, result);
  return result;
}

function reportDuplicate(
  pinfo: PacketInfo,
  tree: TreeParent,
  tvb: Tvb,
  mac: string,
  ip: number,
  earlier: Binding,
): void {
  const ipText = formatIPv4(ip);
  if (tree) {
    const textField = 'root' in tree ? tree.root.textField : tree.textField;
    const d = tree.add(
      textField,
      tvb,
      0,
      0,
      null,
      `Duplicate IP address detected for ${ipText} (${mac}) - also in use by ${earlier.mac} (frame ${earlier.frame})`,
    );
    d.generated = true;
    const f = d.addGenerated(hfArp.duplicateAddressFrame, earlier.frame);
    addExpert(
      pinfo,
      f,
      hfArp.duplicateAddressDetected,
      SEVERITY.WARN,
      'Sequence',
      `Duplicate IP address configured (${ipText})`,
    );
    d.addGenerated(hfArp.secondsSinceDuplicateAddressFrame, pinfo.tsSec - earlier.sec);
  } else {
    addExpert(
      pinfo,
      null,
      hfArp.duplicateAddressDetected,
      SEVERITY.WARN,
      'Sequence',
      `Duplicate IP address configured (${ipText})`,
    );
  }
}

/** ARP/RARP/Inverse ARP over any hardware (RFC 826 layout). */
export function dissectArp(whole: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  let tvb = whole;
  pinfo.currentProto = 'ARP/RARP';
  pinfo.addLayer('arp');
  pinfo.cols?.setProtocol('ARP');
  pinfo.cols?.clearInfo();

  const hrd = tvb.u16(0);
  // AX.25 hardware goes through Wireshark's "ax25_arp" dissector, an ARP layer of its own.
  if (hrd === ARPHRD_AX25) pinfo.addLayer('arp');
  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoArp, tvb, 0, tvb.length, null, 'Address Resolution Protocol');
    t.add(hfArp.hwType, tvb, 0, 2, hrd);
  }
  const pro = tvb.u16(2);
  t?.add(hfArp.protoType, tvb, 2, 2, pro);
  const hln = tvb.u8(4);
  t?.add(hfArp.hwSize, tvb, 4, 1, hln);
  const pln = tvb.u8(5);
  t?.add(hfArp.protoSize, tvb, 5, 1, pln);
  const op = tvb.u16(6);
  t?.add(hfArp.opcode, tvb, 6, 2, op);
  const totLen = 8 + hln * 2 + pln * 2;
  t?.setLength(totLen);
  // The caller uses the shrunk length to find the Ethernet padding.
  setReportedLength(whole, totLen);
  tvb = whole.sub(0, totLen, totLen);

  if (pinfo.cols) {
    if (op === OP.RREQUEST || op === OP.RREPLY) pinfo.cols.setProtocol('RARP');
    else if (op >= OP.DRARPREQUEST && op <= OP.DRARPERROR) pinfo.cols.setProtocol('DRARP');
    else if (op === OP.IREQUEST || op === OP.IREPLY) pinfo.cols.setProtocol('Inverse ARP');
    else if (op >= OP.MARS_FIRST && op <= OP.MARS_LAST) pinfo.cols.setProtocol('MARS');
    else if (op === OP.MAPOS_UNARP) pinfo.cols.setProtocol('MAPOS');
  }

  const sha = 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;

  // Like tshark, the Info note follows the last check made: a target check that finds
  // nothing clears a duplicate found for the sender (the tree keeps both reports).
  let duplicateIp = -1;
  let duplicateDetected = false;
  if ((op === OP.REPLY || op === OP.REQUEST) && hwIsEther(hrd, hln) && proIsIPv4(pro, pln)) {
    const state = pinfo.capture.stateFor('arp', () => new ArpState());
    let ip = tvb.u32(spa);
    let macBytes = tvb.view(sha, 6);
    if ((macBytes[0] & 1) === 0 && !allZero(tvb, sha, 6) && ip !== 0) {
      const mac = formatEther(macBytes);
      const dup = checkDuplicate(pinfo, state, mac, ip);
      duplicateDetected = dup !== undefined;
      if (dup) {
        reportDuplicate(pinfo, tree, tvb, mac, ip, dup);
        duplicateIp = ip;
      }
    }
    ip = tvb.u32(tpa);
    macBytes = tvb.view(tha, 6);
    if ((macBytes[0] & 1) === 0 && !allZero(tvb, tha, 6) && ip !== 0 && op !== OP.REQUEST) {
      const mac = formatEther(macBytes);
      const dup = checkDuplicate(pinfo, state, mac, ip);
      duplicateDetected = dup !== undefined;
      if (dup) {
        reportDuplicate(pinfo, tree, tvb, mac, ip, dup);
        duplicateIp = ip;
      }
    }
  }

  let isGratuitous = false;
  let isProbe = false;
  let isAnnouncement = false;
  if ((op === OP.REQUEST || op === OP.REPLY) && equalBytes(tvb, spa, tpa, pln)) {
    isGratuitous = true;
    if (op === OP.REQUEST && allZero(tvb, tha, 6)) isAnnouncement = true;
  } else if (op === OP.REQUEST && allZero(tvb, tha, 6) && tvb.u32(spa) === 0) {
    isProbe = true;
  }

  if (pinfo.cols) {
    const spaText = (): string => protoAddrText(tvb, spa, pln, pro);
    const tpaText = (): string => protoAddrText(tvb, tpa, pln, pro);
    const shaText = (): string => hwAddrText(tvb, sha, hln, hrd);
    const thaText = (): string => hwAddrText(tvb, tha, hln, hrd);
    let info: string;
    switch (op) {
      case OP.REQUEST:
        if (isGratuitous) {
          info = isAnnouncement
            ? `ARP Announcement for ${tpaText()}`
            : `Gratuitous ARP for ${tpaText()} (Request)`;
        } else if (isProbe) {
          info = `Who has ${tpaText()}? (ARP Probe)`;
        } else {
          info = `Who has ${tpaText()}? Tell ${spaText()}`;
        }
        break;
      case OP.REPLY:
        info = isGratuitous ? `Gratuitous ARP for ${spaText()} (Reply)` : `${spaText()} is at ${shaText()}`;
        break;
      case OP.RREQUEST:
      case OP.IREQUEST:
      case OP.DRARPREQUEST:
        info = `Who is ${thaText()}? Tell ${shaText()}`;
        break;
      case OP.RREPLY:
      case OP.DRARPREPLY:
        info = `${thaText()} is at ${tpaText()}`;
        break;
      case OP.DRARPERROR:
        info = 'DRARP Error';
        break;
      case OP.IREPLY:
        info = `${shaText()} is at ${spaText()}`;
        break;
      case OP.ATMARP_NAK:
        info = 'ARP NAK';
        break;
      case OP.EXP1:
        info = `Experimental 1 ( opcode ${op} )`;
        break;
      case OP.EXP2:
        info = `Experimental 2 ( opcode ${op} )`;
        break;
      case 0:
      case 65535:
        info = `Reserved opcode ${op}`;
        break;
      default:
        info =
          MARS_INFO[op] !== undefined
            ? `${MARS_INFO[op]} ${shaText()} at ${spaText()}`
            : `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
    }
    pinfo.cols.setInfo(info);
  }

  if (t) {
    let opStr = ARP_OPCODES.get(op);
    if (opStr !== undefined) {
      if (isGratuitous && op === OP.REQUEST) opStr = 'request/gratuitous ARP';
      if (isGratuitous && op === OP.REPLY) opStr = 'reply/gratuitous ARP';
      if (isProbe) opStr = 'ARP Probe';
      if (isAnnouncement) opStr = 'ARP Announcement';
      t.appendLabel(` (${opStr})`);
    } else {
      t.appendLabel(` (opcode 0x${op.toString(16).padStart(4, '0')})`);
    }
    if (isGratuitous) t.add(hfArp.isgratuitous, tvb, 0, 0, 1).setGenerated();
    if (isProbe) t.add(hfArp.isprobe, tvb, 0, 0, 1).setGenerated();
    if (isAnnouncement) t.add(hfArp.isannouncement, tvb, 0, 0, 1).setGenerated();
    const ether = hwIsEther(hrd, hln);
    const ipv4 = proIsIPv4(pro, pln);
    if (hln !== 0) {
      if (ether) t.add(hfArp.srcHwMac, tvb, sha, hln, tvb.view(sha, hln));
      else t.add(hfArp.srcHw, tvb, sha, hln, tvb.view(sha, hln));
    }
    if (pln !== 0) {
      if (ipv4) t.add(hfArp.srcProtoIpv4, tvb, spa, pln, tvb.u32(spa));
      else t.add(hfArp.srcProto, tvb, spa, pln, tvb.view(spa, pln));
    }
    if (hln !== 0) {
      if (ether) t.add(hfArp.dstHwMac, tvb, tha, hln, tvb.view(tha, hln));
      else t.add(hfArp.dstHw, tvb, tha, hln, tvb.view(tha, hln));
    }
    if (pln !== 0 && op !== OP.DRARPERROR) {
      if (ipv4) t.add(hfArp.dstProtoIpv4, tvb, tpa, pln, tvb.u32(tpa));
      else t.add(hfArp.dstProto, tvb, tpa, pln, tvb.view(tpa, pln));
    } else if (pln !== 0) {
      t.add(hfArp.dstDrarpErrorStatus, tvb, tpa, 1, tvb.u8(tpa));
    }
  }

  if (duplicateDetected) pinfo.cols?.appendInfo(` (duplicate use of ${formatIPv4(duplicateIp)} detected!)`);
  return tvb.length;
}

ethertypeTable.add(0x0806, dissectArp);
ethertypeTable.add(0x8035, dissectArp);
