import { formatIPv4 } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { registerProtocol } from '../../dissect/fields';
import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../ethernet/expert-info';
import { hfIp } from './fields';

/** IPv4 option types. */
const OPT = {
  EOL: 0,
  NOP: 1,
  SEC: 130,
  LSR: 131,
  EXTSEC: 133,
  CIPSO: 134,
  RR: 7,
  SID: 136,
  SSR: 137,
  TS: 68,
  MTUP: 11,
  MTUR: 12,
  TR: 82,
  RTRALT: 148,
  SDB: 149,
  QS: 25,
} as const;

interface OptionKind {
  name: string;
  proto: FieldDef;
  /** Fixed total length, or 0 for variable. */
  fixedLen: number;
}

function kind(abbrev: string, name: string, fixedLen = 0): OptionKind {
  return { name, proto: registerProtocol(abbrev, `IP Option - ${name}`, name), fixedLen };
}

const KINDS = new Map<number, OptionKind>([
  [OPT.EOL, kind('ip.options.eol', 'End of Options List (EOL)', 1)],
  [OPT.NOP, kind('ip.options.nop', 'No-Operation (NOP)', 1)],
  [OPT.SEC, kind('ip.options.security', 'Security', 11)],
  [OPT.LSR, kind('ip.options.route', 'Loose Source Route')],
  [OPT.TS, kind('ip.options.timestamp', 'Time Stamp')],
  [OPT.EXTSEC, kind('ip.options.ext_security', 'Extended Security')],
  [OPT.CIPSO, kind('ip.options.cipso', 'Commercial Security')],
  [OPT.RR, kind('ip.options.record_route', 'Record Route')],
  [OPT.SID, kind('ip.options.sid', 'Stream ID', 4)],
  [OPT.SSR, kind('ip.options.source_route', 'Strict Source Route')],
  [OPT.MTUP, kind('ip.options.mtu_probe', 'MTU Probe', 4)],
  [OPT.MTUR, kind('ip.options.mtu_reply', 'MTU Reply', 4)],
  [OPT.TR, kind('ip.options.traceroute', 'Traceroute', 12)],
  [OPT.RTRALT, kind('ip.options.routeralert', 'Router Alert', 4)],
  [OPT.SDB, kind('ip.options.sdb', 'Selective Directed Broadcast')],
  [OPT.QS, kind('ip.options.qs', 'Quick-Start', 8)],
]);

/** The names the "Options: (N bytes), A, B" summary lists (NOP/EOL are left out). */
function summaryName(type: number): string | null {
  if (type === OPT.NOP || type === OPT.EOL) return null;
  return KINDS.get(type)?.name ?? null;
}

/**
 * With a loose or strict source route option whose route is not exhausted, the final destination
 * is the last address in the option: returns its offset relative to the header's destination
 * field (Wireshark's get_dst_offset), else 0.
 */
export function sourceRouteDstOffset(tvb: Tvb, offset: number, optlen: number): number {
  const end = offset + optlen;
  while (offset < end) {
    const type = tvb.u8(offset);
    if (type === OPT.EOL) break;
    if (type === OPT.NOP) {
      offset++;
      continue;
    }
    if (offset + 1 >= end) break;
    const len = tvb.u8(offset + 1);
    if (len < 2 || offset + len > end) break;
    if ((type === OPT.LSR || type === OPT.SSR) && len >= 7) {
      const ptr = tvb.u8(offset + 2);
      if (ptr <= len) return offset + len - 4 - 16;
    }
    offset += len;
  }
  return 0;
}

function addTypeItem(t: ProtoNode, tvb: Tvb, offset: number, type: number): void {
  const ti = t.add(hfIp.optType, tvb, offset, 1, type);
  ti.add(hfIp.optTypeCopy, tvb, offset, 1, type >>> 7);
  ti.add(hfIp.optTypeClass, tvb, offset, 1, (type >>> 5) & 3);
  ti.add(hfIp.optTypeNumber, tvb, offset, 1, type & 0x1f);
}

function addRoute(
  t: ProtoNode,
  tvb: Tvb,
  offset: number,
  len: number,
  type: number,
  dstInOption: boolean,
): void {
  const ptr = tvb.u8(offset + 2);
  t.add(hfIp.optPtr, tvb, offset + 2, 1, ptr);
  const isSource = type === OPT.LSR || type === OPT.SSR;
  for (let p = 3; p + 4 <= len; p += 4) {
    const at = offset + p;
    const addr = tvb.u32(at);
    const last = p + 4 >= len;
    if (isSource && dstInOption && last) {
      t.add(hfIp.dst, tvb, at, 4, addr);
      t.addHidden(hfIp.addr, tvb, at, 4, addr);
      t.add(hfIp.dstHost, tvb, at, 4, formatIPv4(addr)).setGenerated().setHidden();
      t.add(hfIp.host, tvb, at, 4, formatIPv4(addr)).setGenerated().setHidden();
      continue;
    }
    const next = p + 1 === ptr;
    const recorded = p + 1 < ptr;
    const def = recorded ? hfIp.recRt : isSource ? hfIp.srcRt : hfIp.emptyRt;
    const hostDef = recorded ? hfIp.recRtHost : isSource ? hfIp.srcRtHost : hfIp.emptyRtHost;
    const label = `${def.name}: ${formatIPv4(addr)}${next ? ' <- (next)' : ''}`;
    t.add(def, tvb, at, 4, addr, label);
    t.add(hostDef, tvb, at, 4, formatIPv4(addr)).setHidden();
  }
}

function addTimestamp(t: ProtoNode, tvb: Tvb, offset: number, len: number): void {
  t.add(hfIp.optPtr, tvb, offset + 2, 1, tvb.u8(offset + 2));
  const b = tvb.u8(offset + 3);
  t.add(hfIp.optOverflow, tvb, offset + 3, 1, b >>> 4);
  const flag = b & 0xf;
  t.add(hfIp.optFlag, tvb, offset + 3, 1, flag);
  let p = 4;
  while (p < len) {
    if (flag === 1 || flag === 3) {
      if (p + 8 > len) break;
      t.add(hfIp.optTimeStampAddr, tvb, offset + p, 4, tvb.u32(offset + p));
      t.add(hfIp.optTimeStamp, tvb, offset + p + 4, 4, tvb.u32(offset + p + 4));
      p += 8;
    } else {
      if (p + 4 > len) break;
      t.add(hfIp.optTimeStamp, tvb, offset + p, 4, tvb.u32(offset + p));
      p += 4;
    }
  }
}

/**
 * Dissects the IPv4 options area into `parent` ("Options: (N bytes), Router Alert, ..."), one
 * subtree per option as Wireshark lays them out.
 */
export function dissectIpOptions(
  tvb: Tvb,
  offset: number,
  optlen: number,
  pinfo: PacketInfo,
  parent: ProtoNode,
  dstInOption: boolean,
): void {
  const end = offset + optlen;
  const names: string[] = [];
  let nops = 0;
  while (offset < end) {
    const type = tvb.u8(offset);
    const k = KINDS.get(type);
    nops = type === OPT.NOP ? nops + 1 : 0;
    if (nops === 4) {
      addExpert(
        pinfo,
        parent,
        hfIp.nop,
        SEVERITY.WARN,
        'Protocol',
        '4 NOP in a row - a router may have removed some options',
      );
    }
    const name = k?.name ?? `Unknown (0x${type.toString(16).padStart(2, '0')})`;
    if (type === OPT.EOL || type === OPT.NOP) {
      const t = k ? parent.add(k.proto, tvb, offset, 1, null, `IP Option - ${name}`) : parent;
      addTypeItem(t, tvb, offset, type);
      offset++;
      if (type === OPT.EOL) break;
      continue;
    }
    if (offset + 1 >= end) {
      parent.addText(tvb, offset, 1, `${name} (length byte past end of options)`);
      break;
    }
    const len = tvb.u8(offset + 1);
    if (len < 2 || offset + len > end || (k && k.fixedLen > 0 && len !== k.fixedLen)) {
      const why =
        offset + len > end
          ? `${name} (option length = ${len} byte${len === 1 ? '' : 's'} says option goes past end of options)`
          : `${name} (with too ${len < (k?.fixedLen ?? 2) ? 'short' : 'long'} option length = ${len} byte${len === 1 ? '' : 's'})`;
      const item = parent.addText(tvb, offset, Math.min(Math.max(len, 2), end - offset), why);
      addExpert(pinfo, item, hfIp.optLenInvalid, SEVERITY.WARN, 'Protocol', why);
      break;
    }
    const sname = summaryName(type);
    if (sname) names.push(sname);
    if (!k) {
      parent.addText(tvb, offset, len, `${name} (${len} bytes)`);
      offset += len;
      continue;
    }
    const t = parent.add(
      k.proto,
      tvb,
      offset,
      len,
      tvb.view(offset, len),
      `IP Option - ${name} (${len} bytes)`,
    );
    addTypeItem(t, tvb, offset, type);
    t.add(hfIp.optLen, tvb, offset + 1, 1, len);
    switch (type) {
      case OPT.RTRALT: {
        const v = tvb.u16(offset + 2);
        t.add(hfIp.optRa, tvb, offset + 2, 2, v);
        if (v === 0) t.appendLabel(': Router shall examine packet (0)');
        break;
      }
      case OPT.LSR:
      case OPT.SSR:
      case OPT.RR:
        addRoute(t, tvb, offset, len, type, dstInOption);
        break;
      case OPT.TS:
        addTimestamp(t, tvb, offset, len);
        break;
      case OPT.SID:
        t.add(hfIp.optSid, tvb, offset + 2, 2, tvb.u16(offset + 2));
        break;
      case OPT.MTUP:
      case OPT.MTUR:
        t.add(hfIp.optMtu, tvb, offset + 2, 2, tvb.u16(offset + 2));
        break;
      default:
        break;
    }
    offset += len;
  }
  if (names.length > 0) parent.appendLabel(`, ${names.join(', ')}`);
}
