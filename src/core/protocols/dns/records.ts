/**
 * The question and resource-record sections of a DNS message (Wireshark's dissect_dns_query,
 * dissect_dns_answer, add_rr_to_tree and add_opt_rr_to_tree).
 */
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { bitString } from '../../dissect/format';
import { SEVERITY } from '../../dissect/expert';
import { hfDns, hfDnsVariant } from './fields';
import { hfRr } from './rr-fields';
import { readName } from './names';
import { dissectRdata } from './rdata';
import { className, typeShortName } from './values';
import { addExpert } from './expert';
import type { DnsFlavor } from './dissector';
import { timeSecs } from './time';
import { ensureCapturedRemaining } from '../media/text';

/** What every section walk needs: the message, where it starts, and whose message it is. */
export interface DnsCtx {
  tvb: Tvb;
  /** Offset of the DNS header in `tvb` (compression pointers count from here). */
  m: number;
  pinfo: PacketInfo;
  flavor: DnsFlavor;
}

const T_SRV = 33;
const T_OPT = 41;
const T_IXFR = 251;
const T_AXFR = 252;

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** mDNS classes carry a flag in the top bit: the class is the low 15 bits of the field. */
function mdnsClassLabel(cls: number): string {
  return `${bitString(0x7fff, 16, cls)} = Class: ${className(cls)} (0x${hex4(cls)})`;
}

/**
 * A section subtree: it runs to the end of the data until the section's length is known. Like
 * any Wireshark text item it needs data at its offset (an empty rest raises the exception).
 */
function section(t: ProtoNode | null, tvb: Tvb, offset: number, title: string): ProtoNode | null {
  const n = ensureCapturedRemaining(tvb, offset);
  return t ? t.addText(tvb, offset, n, title) : null;
}

/** The question section; tells whether a zone transfer was asked for. */
export function dissectQueries(
  ctx: DnsCtx,
  offset: number,
  count: number,
  t: ProtoNode | null,
  title: string,
): { used: number; zoneTransfer: boolean } {
  const start = offset;
  const st = section(t, ctx.tvb, offset, title);
  let zoneTransfer = false;
  for (let i = 0; i < count; i++) {
    const q = dissectQuery(ctx, offset, st);
    if (q.zoneTransfer) zoneTransfer = true;
    offset += q.used;
  }
  st?.setLength(offset - start);
  return { used: offset - start, zoneTransfer };
}

function dissectQuery(
  ctx: DnsCtx,
  offset: number,
  st: ProtoNode | null,
): { used: number; zoneTransfer: boolean } {
  const { tvb, m, pinfo } = ctx;
  const mdns = ctx.flavor === 'mdns';
  const n = readName(tvb, m, offset);
  const type = tvb.u16(offset + n.used);
  let cls = tvb.u16(offset + n.used + 2);
  const used = n.used + 4;
  let qu = false;
  if (mdns) {
    qu = (cls & 0x8000) !== 0;
    cls &= 0x7fff;
  }
  const tname = typeShortName(type);
  const question = `, "${qu ? 'QU' : 'QM'}" question`;
  pinfo.cols?.appendInfo(` ${tname} ${n.text}${mdns ? question : ''}`);
  if (st) {
    const q = st.addText(
      tvb,
      offset,
      used,
      `${n.text}: type ${tname}, class ${className(cls)}${mdns ? question : ''}`,
    );
    q.add(hfDns.qryName, tvb, offset, n.used, n.text);
    q.add(hfDns.qryNameLen, tvb, offset, n.used, n.nameLen > 1 ? n.nameLen : 0).setGenerated();
    q.add(hfDns.countLabels, tvb, offset, n.used, n.labels).setGenerated();
    q.add(hfDns.qryType, tvb, offset + n.used, 2, type);
    if (mdns) {
      q.add(hfDns.qryClass, tvb, offset + n.used + 2, 2, cls, mdnsClassLabel(cls));
      q.add(hfDns.qryQu, tvb, offset + n.used + 2, 2, qu ? 1 : 0);
    } else q.add(hfDns.qryClass, tvb, offset + n.used + 2, 2, cls);
  }
  return { used, zoneTransfer: type === T_AXFR || type === T_IXFR };
}

/** An answer, authority or additional section. */
export function dissectRecords(
  ctx: DnsCtx,
  offset: number,
  count: number,
  t: ProtoNode | null,
  title: string,
): number {
  const start = offset;
  const st = section(t, ctx.tvb, offset, title);
  for (let i = 0; i < count; i++) offset += dissectRecord(ctx, offset, st);
  st?.setLength(offset - start);
  return offset - start;
}

function dissectRecord(ctx: DnsCtx, offset: number, st: ProtoNode | null): number {
  const { tvb, m, pinfo } = ctx;
  const mdns = ctx.flavor === 'mdns';
  const n = readName(tvb, m, offset);
  const type = tvb.u16(offset + n.used);
  let cls = tvb.u16(offset + n.used + 2);
  const nameEnd = offset + n.used;
  const dataLen = tvb.u16(nameEnd + 8);
  const data = nameEnd + 10;
  let flush = false;
  if (mdns) {
    flush = (cls & 0x8000) !== 0;
    cls &= 0x7fff;
  }
  const tname = typeShortName(type);
  pinfo.cols?.appendInfo(` ${tname}`);
  if (mdns && flush) pinfo.cols?.appendInfo(', cache flush');

  let rt: ProtoNode | null = null;
  // The record's subtree covers its data: a record claiming more than there is raises the
  // exception here, before anything of it is shown.
  const len = data - offset + dataLen;
  tvb.ensure(offset, len);
  if (st) {
    if (type !== T_OPT) {
      rt = st.addText(tvb, offset, len, `${n.text}: type ${tname}, class ${className(cls)}`);
      addRrHeader(ctx, rt, offset, n.text, n.used, type);
    } else {
      rt = st.addText(tvb, offset, len, `${n.text}: type ${tname}`);
      addOptHeader(ctx, rt, offset, n.text, n.used);
    }
    if (mdns && flush) rt.appendLabel(', cache flush');
  }
  if (dataLen === 0) return data - offset;
  dissectRdata(ctx, rt, data, dataLen, type, n);
  return data - offset + dataLen;
}

/** Owner name (or SRV service/protocol/name), type, class, TTL and data length. */
function addRrHeader(
  ctx: DnsCtx,
  rt: ProtoNode,
  offset: number,
  name: string,
  nameLen: number,
  type: number,
): void {
  const { tvb, pinfo } = ctx;
  if (type === T_SRV && name.length > 0) {
    // Split in at most three parts: _service, _proto and the rest of the name.
    const a = name.indexOf('.');
    const b = a < 0 ? -1 : name.indexOf('.', a + 1);
    rt.add(hfDns.srvService, tvb, offset, nameLen, a < 0 ? name : name.slice(0, a));
    if (a >= 0) {
      rt.add(hfDns.srvProto, tvb, offset, nameLen, b < 0 ? name.slice(a + 1) : name.slice(a + 1, b));
      if (b >= 0) rt.add(hfDns.srvName, tvb, offset, nameLen, name.slice(b + 1));
    }
  } else rt.add(hfDns.respName, tvb, offset, nameLen, name);
  let o = offset + nameLen;
  rt.add(hfDns.respType, tvb, o, 2, tvb.u16(o));
  o += 2;
  const raw = tvb.u16(o);
  if (ctx.flavor === 'mdns') {
    rt.add(hfDns.respClass, tvb, o, 2, raw & 0x7fff, mdnsClassLabel(raw & 0x7fff));
    rt.add(hfDns.cacheFlush, tvb, o, 2, raw & 0x8000 ? 1 : 0);
  } else rt.add(hfDns.respClass, tvb, o, 2, raw);
  o += 2;
  const ttl = tvb.u32(o);
  const ti = rt.add(hfDns.respTtl, tvb, o, 4, ttl, `Time to live: ${ttl} (${timeSecs(ttl)})`);
  if (ttl & 0x80000000)
    addExpert(
      pinfo,
      ti,
      hfRr.ttlHighBitSet,
      SEVERITY.WARN,
      'Protocol',
      'The uppermost bit of the TTL is set (RFC 2181, section 8)',
    );
  o += 4;
  rt.add(hfDns.respLen, tvb, o, 2, tvb.u16(o));
}

/** The OPT pseudo-RR's fixed part: payload size, extended RCODE, EDNS version and flags. */
function addOptHeader(ctx: DnsCtx, rt: ProtoNode, offset: number, name: string, nameLen: number): void {
  const { tvb } = ctx;
  rt.add(hfDns.respName, tvb, offset, nameLen, name);
  let o = offset + nameLen;
  rt.add(hfDns.respType, tvb, o, 2, tvb.u16(o));
  o += 2;
  const size = tvb.u16(o);
  if (ctx.flavor === 'mdns') {
    rt.add(hfDnsVariant.udpPayloadSizeMdns, tvb, o, 2, size & 0x7fff);
    rt.add(hfDns.cacheFlush, tvb, o, 2, size & 0x8000 ? 1 : 0);
  } else rt.add(hfDns.udpPayloadSize, tvb, o, 2, size);
  o += 2;
  rt.add(hfDns.extRcode, tvb, o, 1, tvb.u8(o));
  o++;
  rt.add(hfDns.ednsVersion, tvb, o, 1, tvb.u8(o));
  o++;
  const z = tvb.u16(o);
  const zt = rt.add(hfDns.ednsZ, tvb, o, 2, z);
  zt.add(hfDns.ednsZDo, tvb, o, 2, z & 0x8000 ? 1 : 0);
  zt.add(hfDns.ednsZReserved, tvb, o, 2, z & 0x7fff);
  o += 2;
  rt.add(hfDns.respLen, tvb, o, 2, tvb.u16(o));
}
