import { dissectorTable, heuristicList, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import type { FieldDef } from '../../dissect/fields';
import { showException } from '../../dissect/frame';
import { SEVERITY } from '../../dissect/expert';
import { tcpDissectPdus } from '../tcp/pdus';
import { hfDns, hfDnsVariant, protoDns, protoLlmnr, protoMdns } from './fields';
import { DnsState, type DnsFrameInfo } from './transactions';
import { addExpert } from './expert';
import { DNS_OPCODES, DNS_RCODES } from './values';
import { dissectQueries, dissectRecords } from './records';
import { dissectDso } from './dso';

/** Which protocol a DNS-format message belongs to (they share the dns.* fields). */
export type DnsFlavor = 'dns' | 'mdns' | 'llmnr';

const F_RESPONSE = 0x8000;
const F_AUTHENTIC = 0x0020;
const OPCODE_UPDATE = 5;
const OPCODE_DSO = 6;

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

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/**
 * Dissects one DNS message like Wireshark's dissect_dns_common. `tvb` holds the whole PDU: for
 * TCP the 2-byte length comes first (`msgStart` = 2), for UDP the message starts at 0.
 * Throws BoundsError where Wireshark raises its exceptions (cut-short or malformed data).
 */
export function dissectDnsMessage(
  tvb: Tvb,
  msgStart: number,
  pinfo: PacketInfo,
  parent: TreeParent,
  flavor: DnsFlavor,
): void {
  const fl = FLAVOR[flavor];
  const cols = pinfo.cols;
  const m = msgStart;
  cols?.setProtocol(fl.column);
  cols?.clearInfo();
  const id = tvb.u16(m);
  const flags = tvb.u16(m + 2);
  const isResponse = (flags & F_RESPONSE) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  const isUpdate = opcode === OPCODE_UPDATE;

  if (cols) {
    let info = `${DNS_OPCODES.get(opcode) ?? `Unknown operation (${opcode})`}${isResponse ? ' response' : ''} 0x${hex4(id)}`;
    if (isResponse && rcode !== 0) info += ' ' + (DNS_RCODES.get(rcode) ?? `Unknown error (${rcode})`);
    cols.setInfo(info);
  }

  const t = parent
    ? parent.add(fl.proto, tvb, 0, tvb.length, null, `${fl.title} (${isResponse ? 'response' : 'query'})`)
    : null;

  const state = dnsState(pinfo);
  const track = state.begin(pinfo, id, isResponse);

  if (t && msgStart === 2) t.add(hfDns.length, tvb, 0, 2, tvb.u16(0));
  const idItem = t ? t.add(hfDns.id, tvb, m, 2, id) : null;
  if (t) addFlags(t, tvb, m + 2, flags, flavor);

  const quest = tvb.u16(m + 4);
  t?.add(isUpdate ? hfDns.countZones : hfDns.countQueries, tvb, m + 4, 2, quest);
  const ans = tvb.u16(m + 6);
  t?.add(isUpdate ? hfDns.countPrerequisites : hfDns.countAnswers, tvb, m + 6, 2, ans);
  const auth = tvb.u16(m + 8);
  t?.add(isUpdate ? hfDns.countUpdates : hfDns.countAuth, tvb, m + 8, 2, auth);
  const add = tvb.u16(m + 10);
  t?.add(hfDns.countAdd, tvb, m + 10, 2, add);

  let off = m + 12;
  if (opcode === OPCODE_DSO && quest === 0 && ans === 0 && auth === 0 && add === 0)
    off += dissectDso(tvb, off, t);

  const ctx = { tvb, m, pinfo, flavor };
  if (quest > 0) {
    const q = dissectQueries(ctx, off, quest, t, isUpdate ? 'Zone' : 'Queries');
    off += q.used;
    state.setMultipleResponds(track, q.zoneTransfer);
  }
  if (ans > 0) off += dissectRecords(ctx, off, ans, t, isUpdate ? 'Prerequisites' : 'Answers');
  if (auth > 0) off += dissectRecords(ctx, off, auth, t, isUpdate ? 'Updates' : 'Authoritative nameservers');
  if (add > 0) off += dissectRecords(ctx, off, add, t, 'Additional records');

  const info = state.finish(track);
  addTracking(pinfo, t, idItem, info, isResponse);

  const extra = tvb.reportedRemaining(off);
  if (extra > 0) tvb.ensure(off, extra);
  if (extra > 0 && t) {
    const x = t.addText(tvb, off, extra, `Extraneous Data (${extra} bytes)`);
    x.add(hfDns.extraneousData, tvb, off, extra, tvb.view(off, Math.min(extra, tvb.remaining(off))));
    x.addGenerated(hfDns.extraneousLength, extra);
    addExpert(pinfo, null, hfDns.extraneous, SEVERITY.NOTE, 'Undecoded', 'Extraneous data');
    x.add(hfDns.extraneous, tvb, off, extra, null).setHidden();
  }
}

function addTracking(
  pinfo: PacketInfo,
  t: ProtoNode | null,
  idItem: ProtoNode | null,
  info: DnsFrameInfo,
  isResponse: boolean,
): void {
  if (!isResponse) {
    if (info.retransmitOf > 0 && !pinfo.inErrorPacket) {
      addExpert(
        pinfo,
        idItem,
        hfDns.retransmitRequest,
        SEVERITY.WARN,
        'Protocol',
        `DNS query retransmission. Original request in frame ${info.retransmitOf}`,
      );
      t?.addGenerated(hfDns.retransmitRequestIn, info.retransmitOf);
      t?.addGenerated(hfDns.retransmission, 1);
    } else if (info.responseIn > 0) t?.addGenerated(hfDns.responseIn, info.responseIn);
    return;
  }
  if (info.requestIn > 0) {
    if (info.retransmitOf > 0 && !pinfo.inErrorPacket) {
      addExpert(
        pinfo,
        idItem,
        hfDns.retransmitResponse,
        SEVERITY.WARN,
        'Protocol',
        `DNS response retransmission. Original response in frame ${info.retransmitOf}`,
      );
      t?.addGenerated(hfDns.retransmitResponseIn, info.retransmitOf);
      t?.addGenerated(hfDns.retransmission, 1);
    } else {
      t?.addGenerated(hfDns.responseTo, info.requestIn);
      t?.addGenerated(hfDns.time, info.timeNs);
    }
  } else if (!info.retransmission) t?.addGenerated(hfDns.unsolicited, 1);
}

function addFlags(t: ProtoNode, tvb: Tvb, o: number, flags: number, flavor: DnsFlavor): void {
  const isResponse = (flags & F_RESPONSE) !== 0;
  const opcode = (flags >> 11) & 0xf;
  let text = DNS_OPCODES.get(opcode) ?? 'Unknown operation';
  if (isResponse) text += ` response, ${DNS_RCODES.get(flags & 0xf) ?? 'Unknown error'}`;
  const ft = t.add(hfDns.flags, tvb, o, 2, flags, `Flags: 0x${hex4(flags)} ${text}`);
  const bit = (def: FieldDef, mask: number): void => {
    ft.add(def, tvb, o, 2, flags & mask ? 1 : 0);
  };
  bit(hfDns.response, F_RESPONSE);
  ft.add(hfDns.opcode, tvb, o, 2, opcode);
  if (flavor === 'llmnr') {
    if (isResponse) bit(hfDns.conflict, 0x0400);
    else bit(hfDnsVariant.conflictQuery, 0x0400);
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
  else if (flags & F_AUTHENTIC) bit(hfDnsVariant.ad, F_AUTHENTIC);
  bit(hfDns.checkdisable, 0x0010);
  if (isResponse) ft.add(hfDns.rcode, tvb, o, 2, flags & 0xf);
}

/** DNS/mDNS/LLMNR over UDP: one message per datagram. */
function udpDissector(flavor: DnsFlavor) {
  return (tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number => {
    pinfo.addLayer(FLAVOR[flavor].layer);
    pinfo.currentProto = FLAVOR[flavor].column;
    pinfo.cols?.setProtocol(FLAVOR[flavor].column);
    dissectDnsMessage(tvb, 0, pinfo, tree, flavor);
    return tvb.length;
  };
}

/**
 * DNS over TCP: messages with a 2-byte length prefix, reassembled across segments
 * (tcp_dissect_pdus). A malformed message is reported and the next one still dissected; a
 * message cut short by the snaplen ends the segment's dissection.
 */
export function dissectDnsTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const layers = pinfo.layers.length;
  pinfo.addLayer('dns');
  pinfo.currentProto = 'DNS';
  let messages = 0;
  tcpDissectPdus(
    tvb,
    pinfo,
    tree,
    true,
    2,
    (t, o) => t.u16(o) + 2,
    (pdu) => {
      const saved = pinfo.currentProto;
      pinfo.currentProto = 'DNS';
      pinfo.cols?.setProtocol('DNS');
      try {
        messages++;
        dissectDnsMessage(pdu, 2, pinfo, tree, 'dns');
      } catch (e) {
        if (!(e instanceof BoundsError) || e.kind === 'captured') throw e;
        showException(e, tvb, pinfo, tree);
        pinfo.currentProto = saved;
      }
    },
  );
  // Wireshark drops a protocol from frame.protocols when it added nothing to the tree.
  if (messages === 0) pinfo.layers.length = layers;
  return tvb.reportedLength;
}

export const dissectDnsUdp = udpDissector('dns');

/**
 * Wireshark's dns_udp heuristic (enabled by default): a standard query or response with
 * plausible section counts, on any UDP port.
 */
export function heurDnsUdp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  if (tvb.reportedLength <= 12) return false;
  const flags = tvb.u16(2);
  if ((flags & 0x7800) !== 0) return false;
  const quest = tvb.u16(4);
  const ans = tvb.u16(6);
  const auth = tvb.u16(8);
  if (!(flags & F_RESPONSE)) {
    if (quest !== 1 || ans !== 0 || auth !== 0) return false;
  } else if (quest > 1 || ans > 100 || auth > 10) return false;
  if (tvb.u16(10) > 10) return false;
  dissectDnsUdp(tvb, pinfo, tree);
  return true;
}
export const dissectMdnsUdp = udpDissector('mdns');
export const dissectLlmnrUdp = udpDissector('llmnr');

const udp = dissectorTable('udp.port');
const tcp = dissectorTable('tcp.port');
udp.add(53, dissectDnsUdp);
udp.add(5353, dissectMdnsUdp);
udp.add(5355, dissectLlmnrUdp);
tcp.add(53, dissectDnsTcp);
tcp.add(5353, dissectDnsTcp);
heuristicList('udp').add('dns_udp', heurDnsUdp);
