import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import type { FieldDef } from '../../dissect/fields';
import { bitString } from '../../dissect/format';
import { hfDns, protoDns, protoLlmnr, protoMdns } from './fields';
import { readName } from './names';
import { dissectRdata, timeSecs } from './rdata';
import { DnsState, type DnsFrameInfo } from './transactions';
import { addExpert } from './expert';
import { SEVERITY } from '../../dissect/expert';
import { classLabel, className, DNS_OPCODES, DNS_RCODES, typeShortName } from './values';
import { dissectLengthPrefixedPdus } from './tcp-pdus';

/** Which protocol a DNS-format message belongs to (they share the dns.* fields). */
export type DnsFlavor = 'dns' | 'mdns' | 'llmnr';

const F_RESPONSE = 0x8000;
const F_AUTHENTIC = 0x0020;
const OPCODE_UPDATE = 5;
const T_OPT = 41;
const T_SRV = 33;

/** mDNS classes carry a flag in the top bit, so the class shows as a 15-bit field. */
function mdnsClassLabel(cls: number): string {
  return `${bitString(0x7fff, 16, cls)} = Class: ${className(cls)} (0x${hex4(cls)})`;
}

/** SRV owner names are _service._proto.name: Wireshark shows the parts instead of the name. */
function addSrvOwner(rt: ProtoNode, tvb: Tvb, start: number, used: number, name: string): void {
  const parts = name.split('.');
  rt.add(hfDns.srvService, tvb, start, used, parts[0]);
  if (parts.length > 1) rt.add(hfDns.srvProto, tvb, start, used, parts[1]);
  if (parts.length > 2) rt.add(hfDns.srvName, tvb, start, used, parts.slice(2).join('.'));
}

const FLAVOR: Record<DnsFlavor, { proto: FieldDef; column: string; layer: string; title: string }> = {
  dns: { proto: protoDns, column: 'DNS', layer: 'dns', title: 'Domain Name System' },
  mdns: { proto: protoMdns, column: 'MDNS', layer: 'mdns', title: 'Multicast Domain Name System' },
  llmnr: {
    proto: protoLlmnr,
    column: 'LLMNR',
    layer: 'llmnr',
    title: 'Link-local Multicast Name Resolution',
  },
};

function dnsState(pinfo: PacketInfo): DnsState {
  return pinfo.capture.stateFor('dns', () => new DnsState());
}

/**
 * Dissects one DNS message. `tvb` holds the whole PDU: for TCP the 2-byte length comes first
 * (`msgStart` = 2), for UDP the message starts at 0. `index` counts messages within the frame.
 */
export function dissectDnsMessage(
  tvb: Tvb,
  msgStart: number,
  pinfo: PacketInfo,
  parent: TreeParent,
  flavor: DnsFlavor,
  index: number,
): number {
  const fl = FLAVOR[flavor];
  pinfo.currentProto = fl.column;
  const cols = pinfo.cols;
  const m = msgStart;
  const id = tvb.u16(m);
  const flags = tvb.u16(m + 2);
  const isResponse = (flags & F_RESPONSE) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  const isUpdate = opcode === OPCODE_UPDATE;

  if (cols) {
    cols.setProtocol(fl.column);
    cols.clearInfo();
    let info = `${DNS_OPCODES.get(opcode) ?? `Unknown operation (${opcode})`}${isResponse ? ' response' : ''} 0x${hex4(id)}`;
    if (isResponse && rcode !== 0) info += ' ' + (DNS_RCODES.get(rcode) ?? `Unknown error (${rcode})`);
    cols.setInfo(info);
  }

  let t: ProtoNode | null = null;
  let idItem: ProtoNode | null = null;
  if (parent) {
    t = parent.add(fl.proto, tvb, 0, tvb.length, null, `${fl.title} (${isResponse ? 'response' : 'query'})`);
    if (msgStart === 2) t.add(hfDns.length, tvb, 0, 2, tvb.u16(0));
    idItem = t.add(hfDns.id, tvb, m, 2, id);
    addFlags(t, tvb, m + 2, flags, flavor);
  }
  const quest = tvb.u16(m + 4);
  const ans = tvb.u16(m + 6);
  const auth = tvb.u16(m + 8);
  const add = tvb.u16(m + 10);
  if (t) {
    t.add(isUpdate ? hfDns.countZones : hfDns.countQueries, tvb, m + 4, 2, quest);
    t.add(isUpdate ? hfDns.countPrerequisites : hfDns.countAnswers, tvb, m + 6, 2, ans);
    t.add(isUpdate ? hfDns.countUpdates : hfDns.countAuth, tvb, m + 8, 2, auth);
    t.add(hfDns.countAdd, tvb, m + 10, 2, add);
  }

  let off = m + 12;
  let firstName = '';
  // Tracking happens before the records are read so a cut-short message still links up.
  const firstQ = quest > 0 && tvb.has(off, 1) ? safeName(tvb, m, off) : '';
  firstName = firstQ;
  const info = dnsState(pinfo).track(pinfo, index, id, isResponse, firstName);
  if (info.retransmitOf > 0) {
    const what = isResponse ? 'response' : 'query';
    addExpert(
      pinfo,
      idItem,
      isResponse ? hfDns.retransmitResponse : hfDns.retransmitRequest,
      SEVERITY.WARN,
      'Protocol',
      `DNS ${what} retransmission. Original ${isResponse ? 'response' : 'request'} in frame ${info.retransmitOf}`,
    );
  }

  if (quest > 0) off = dissectQueries(tvb, m, off, quest, pinfo, t, isUpdate ? 'Zone' : 'Queries', flavor);
  if (ans > 0)
    off = dissectRecords(tvb, m, off, ans, pinfo, t, isUpdate ? 'Prerequisites' : 'Answers', flavor);
  if (auth > 0)
    off = dissectRecords(
      tvb,
      m,
      off,
      auth,
      pinfo,
      t,
      isUpdate ? 'Updates' : 'Authoritative nameservers',
      flavor,
    );
  if (add > 0) off = dissectRecords(tvb, m, off, add, pinfo, t, 'Additional records', flavor);

  if (t) {
    addTracking(t, info, isResponse);
    const extra = tvb.length - off;
    if (extra > 0) {
      const x = t.add(hfDns.extraneous, tvb, off, extra, null, `Extraneous Data (${extra} bytes)`);
      x.add(hfDns.extraneousData, tvb, off, extra, tvb.view(off, extra));
      x.add(hfDns.extraneousLength, tvb, off, 0, extra).setGenerated();
    }
  }
  return off;
}

function safeName(tvb: Tvb, m: number, off: number): string {
  try {
    return readName(tvb, m, off).text;
  } catch {
    // A name cut short only matters for matching; the record walk reports the error itself.
    return '';
  }
}

function addTracking(t: ProtoNode, info: DnsFrameInfo, isResponse: boolean): void {
  if (info.retransmitOf > 0) {
    t.addGenerated(isResponse ? hfDns.retransmitResponseIn : hfDns.retransmitRequestIn, info.retransmitOf);
    t.addGenerated(hfDns.retransmission, 1);
    return;
  }
  if (!isResponse) {
    if (info.responseIn > 0) t.addGenerated(hfDns.responseIn, info.responseIn);
    return;
  }
  if (info.requestIn > 0) {
    t.addGenerated(hfDns.responseTo, info.requestIn);
    t.addGenerated(hfDns.time, info.timeNs);
  } else if (info.unsolicited) t.addGenerated(hfDns.unsolicited, 1);
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

function addFlags(t: ProtoNode, tvb: Tvb, o: number, flags: number, flavor: DnsFlavor): void {
  const isResponse = (flags & F_RESPONSE) !== 0;
  const opcode = (flags >> 11) & 0xf;
  let text = DNS_OPCODES.get(opcode) ?? `Unknown operation (${opcode})`;
  if (isResponse) text += ` response, ${DNS_RCODES.get(flags & 0xf) ?? `Unknown error (${flags & 0xf})`}`;
  const ft = t.add(hfDns.flags, tvb, o, 2, flags, `Flags: 0x${hex4(flags)} ${text}`);
  const bit = (def: FieldDef, mask: number): void => {
    ft.add(def, tvb, o, 2, flags & mask ? 1 : 0);
  };
  bit(hfDns.response, F_RESPONSE);
  ft.add(hfDns.opcode, tvb, o, 2, opcode);
  if (flavor === 'llmnr') {
    bit(hfDns.conflict, 0x0400);
    bit(hfDns.truncated, 0x0200);
    bit(hfDns.tentative, 0x0100);
    if (isResponse) ft.add(hfDns.rcode, tvb, o, 2, flags & 0xf);
    return;
  }
  if (isResponse) bit(hfDns.authoritative, 0x0400);
  bit(hfDns.truncated, 0x0200);
  bit(hfDns.recdesired, 0x0100);
  if (isResponse) bit(hfDns.recavail, 0x0080);
  bit(hfDns.z, 0x0040);
  if (isResponse) bit(hfDns.authenticated, F_AUTHENTIC);
  else if (flags & F_AUTHENTIC) {
    // Queries use the AD bit differently (RFC 6840): Wireshark shows it under another label.
    ft.add(hfDns.authenticated, tvb, o, 2, 1, '.... .... ..1. .... = AD bit: Set');
  }
  bit(hfDns.checkdisable, 0x0010);
  if (isResponse) ft.add(hfDns.rcode, tvb, o, 2, flags & 0xf);
}

function dissectQueries(
  tvb: Tvb,
  m: number,
  off: number,
  count: number,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  title: string,
  flavor: DnsFlavor,
): number {
  const start = off;
  const qt = t ? t.addText(tvb, off, 0, title) : null;
  for (let i = 0; i < count; i++) {
    const n = readName(tvb, m, off);
    const type = tvb.u16(off + n.used);
    const rawClass = tvb.u16(off + n.used + 2);
    const qu = flavor === 'mdns' && (rawClass & 0x8000) !== 0;
    const cls = flavor === 'mdns' ? rawClass & 0x7fff : rawClass;
    const tname = typeShortName(type);
    pinfo.cols?.appendInfo(` ${tname} ${n.text}${qu ? ', "QU" question' : ''}`);
    if (qt) {
      const q = qt.addText(
        tvb,
        off,
        n.used + 4,
        `${n.text}: type ${tname}, class ${classLabel(cls)}${qu ? ', "QU" question' : ''}`,
      );
      q.add(hfDns.qryName, tvb, off, n.used, n.text);
      q.add(hfDns.qryNameLen, tvb, off, n.used, n.textLen).setGenerated();
      q.add(hfDns.countLabels, tvb, off, n.used, n.labels).setGenerated();
      q.add(hfDns.qryType, tvb, off + n.used, 2, type);
      if (flavor === 'mdns') {
        q.add(hfDns.qryQu, tvb, off + n.used + 2, 2, qu ? 1 : 0);
        q.add(hfDns.qryClass, tvb, off + n.used + 2, 2, cls, mdnsClassLabel(cls));
      } else q.add(hfDns.qryClass, tvb, off + n.used + 2, 2, cls);
    }
    off += n.used + 4;
  }
  qt?.setLength(off - start);
  return off;
}

function dissectRecords(
  tvb: Tvb,
  m: number,
  off: number,
  count: number,
  pinfo: PacketInfo,
  t: ProtoNode | null,
  title: string,
  flavor: DnsFlavor,
): number {
  const start = off;
  const st = t ? t.addText(tvb, off, 0, title) : null;
  for (let i = 0; i < count; i++) off = dissectRecord(tvb, m, off, pinfo, st, flavor);
  st?.setLength(off - start);
  return off;
}

function dissectRecord(
  tvb: Tvb,
  m: number,
  off: number,
  pinfo: PacketInfo,
  st: ProtoNode | null,
  flavor: DnsFlavor,
): number {
  const start = off;
  const n = readName(tvb, m, off);
  off += n.used;
  const type = tvb.u16(off);
  const rawClass = tvb.u16(off + 2);
  const tname = typeShortName(type);
  const isOpt = type === T_OPT;
  const flush = flavor === 'mdns' && !isOpt && (rawClass & 0x8000) !== 0;
  const cls = flavor === 'mdns' && !isOpt ? rawClass & 0x7fff : rawClass;
  const ttl = tvb.u32(off + 4);
  const rdlen = tvb.u16(off + 8);
  const rdata = off + 10;
  tvb.ensure(rdata, 0);

  pinfo.cols?.appendInfo(flush ? ` ${tname}, cache flush` : ` ${tname}`);
  let rt: ProtoNode | null = null;
  if (st) {
    rt = st.addText(tvb, start, n.used + 10 + rdlen, '');
    if (type === T_SRV) addSrvOwner(rt, tvb, start, n.used, n.text);
    else rt.add(hfDns.respName, tvb, start, n.used, n.text);
    rt.add(hfDns.respType, tvb, off, 2, type);
    if (isOpt) {
      rt.add(hfDns.udpPayloadSize, tvb, off + 2, 2, rawClass);
      rt.add(hfDns.extRcode, tvb, off + 4, 1, tvb.u8(off + 4));
      rt.add(hfDns.ednsVersion, tvb, off + 5, 1, tvb.u8(off + 5));
      const z = tvb.u16(off + 6);
      const zt = rt.add(hfDns.ednsZ, tvb, off + 6, 2, z);
      zt.add(hfDns.ednsZDo, tvb, off + 6, 2, z & 0x8000 ? 1 : 0);
      zt.add(hfDns.ednsZReserved, tvb, off + 6, 2, z & 0x7fff);
    } else {
      if (flavor === 'mdns') {
        rt.add(hfDns.respClass, tvb, off + 2, 2, cls, mdnsClassLabel(cls));
        rt.add(hfDns.cacheFlush, tvb, off + 2, 2, flush ? 1 : 0);
      } else rt.add(hfDns.respClass, tvb, off + 2, 2, cls);
      rt.add(hfDns.respTtl, tvb, off + 4, 4, ttl, `Time to live: ${ttl} (${timeSecs(ttl)})`);
    }
    rt.add(hfDns.respLen, tvb, off + 8, 2, rdlen);
  }
  const text = dissectRdata(tvb, m, rdata, rdlen, type, rt, pinfo);
  tvb.ensure(rdata, rdlen);
  pinfo.cols?.appendInfo(text.info);
  if (rt) {
    rt.label = isOpt
      ? `${n.text}: type ${tname}`
      : `${n.text}: type ${tname}, class ${classLabel(cls)}${flush ? ', cache flush' : ''}${text.summary}`;
  }
  return rdata + rdlen;
}

/** DNS/mDNS/LLMNR over UDP: one message per datagram. */
function udpDissector(flavor: DnsFlavor) {
  return (tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number => {
    pinfo.addLayer(FLAVOR[flavor].layer);
    dissectDnsMessage(tvb, 0, pinfo, tree, flavor, 0);
    return tvb.length;
  };
}

/** DNS over TCP: messages with a 2-byte length prefix, reassembled across segments. */
export function dissectDnsTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.addLayer('dns');
  pinfo.currentProto = 'DNS';
  let index = 0;
  return dissectLengthPrefixedPdus(tvb, pinfo, 2, (pdu) => {
    dissectDnsMessage(pdu, 2, pinfo, tree, 'dns', index++);
  });
}

export const dissectDnsUdp = udpDissector('dns');
export const dissectMdnsUdp = udpDissector('mdns');
export const dissectLlmnrUdp = udpDissector('llmnr');

const udp = dissectorTable('udp.port');
const tcp = dissectorTable('tcp.port');
udp.add(53, dissectDnsUdp);
udp.add(5353, dissectMdnsUdp);
udp.add(5355, dissectLlmnrUdp);
tcp.add(53, dissectDnsTcp);
tcp.add(5353, dissectDnsTcp);
