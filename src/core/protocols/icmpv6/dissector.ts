import { formatEther, formatIPv6 } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { dissectData } from '../../dissect/frame';
import type { ValueStrings } from '../../dissect/fields';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from '../ethernet/expert-info';
import {
  addExtEchoFlags,
  addIcmpChecksum,
  addressPairKey,
  EchoTracker,
  msecBetween,
} from '../icmp/dissector';
import { dissectIcmpExtensions } from '../icmp/extensions';
import { foldComplement, onesSum } from '../ip/checksum';
import { ipProtoTable } from '../ip/dissector';
import { dissectQuotedPacket } from '../ip/error-quote';
import { ipHeaderInfo, isFragmented } from '../ip/packet-data';
import { dissectIpv6 } from '../ipv6/dissector';
import {
  EXT_ECHO_REPLY_CODES,
  EXT_ECHO_REQ_CODES,
  hfIcmpv6,
  ICMPV6_TYPES,
  MLDR_RECORD_TYPES,
  NI_QUERY_CODES,
  NI_REPLY_CODES,
  OPTION_TYPES,
  PARAMPROB_CODES,
  protoIcmpv6,
  RPL_CODES,
  RR_CODES,
  TIMEEX_CODES,
  UNREACH_CODES,
} from './fields';

const T = {
  DST_UNREACH: 1,
  PACKET_TOO_BIG: 2,
  TIME_EXCEEDED: 3,
  PARAM_PROB: 4,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  MLD_QUERY: 130,
  MLD_REPORT: 131,
  MLD_DONE: 132,
  RS: 133,
  RA: 134,
  NS: 135,
  NA: 136,
  REDIRECT: 137,
  RR: 138,
  NI_QUERY: 139,
  NI_REPLY: 140,
  IND_SOLICIT: 141,
  IND_ADVERT: 142,
  MLDV2_REPORT: 143,
  HA_AD_REQUEST: 144,
  HA_AD_REPLY: 145,
  MP_SOLICIT: 146,
  MP_ADVERT: 147,
  RPL_CONTROL: 155,
  EXT_ECHO_REQUEST: 160,
  EXT_ECHO_REPLY: 161,
} as const;

const MLDV2_QUERY_MINLEN = 28;

function codeNames(type: number): [ValueStrings, string | null] | null {
  switch (type) {
    case T.DST_UNREACH:
      // tshark names unknown unreachable codes just "Unknown".
      return [UNREACH_CODES, 'Unknown'];
    case T.TIME_EXCEEDED:
      return [TIMEEX_CODES, null];
    case T.PARAM_PROB:
      return [PARAMPROB_CODES, null];
    case T.RR:
      return [RR_CODES, null];
    case T.NI_QUERY:
      return [NI_QUERY_CODES, null];
    case T.NI_REPLY:
      return [NI_REPLY_CODES, null];
    case T.RPL_CONTROL:
      return [RPL_CODES, null];
    case T.EXT_ECHO_REQUEST:
      return [EXT_ECHO_REQ_CODES, null];
    case T.EXT_ECHO_REPLY:
      return [EXT_ECHO_REPLY_CODES, null];
    default:
      return null;
  }
}

/** The ICMPv6 checksum over the pseudo-header (source, destination, length, next header 58). */
function icmpv6Checksum(tvb: Tvb, src: Uint8Array, dst: Uint8Array, len: number): number {
  let s = 0;
  for (let i = 0; i < 16; i += 2) s += ((src[i] << 8) | src[i + 1]) + ((dst[i] << 8) | dst[i + 1]);
  s += (len >>> 16) + (len & 0xffff) + 58;
  return foldComplement(onesSum(tvb, 0, len, s));
}

/** The checksum of the echo request a reply with checksum `c` answers (types 128/129 differ by one). */
function requestChecksum(c: number): number {
  let s = (~c & 0xffff) + 0xfeff;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  const r = ~s & 0xffff;
  return r === 0 ? 0xffff : r;
}

/** Neighbor Discovery options; appends " from <mac>" / " is at <mac>" to Info like tshark. */
function dissectNdOptions(tvb: Tvb, offset: number, pinfo: PacketInfo, t: ProtoNode | null): void {
  while (tvb.reportedRemaining(offset) > 0) {
    const type = tvb.u8(offset);
    const lenUnits = tvb.u8(offset + 1);
    const len = lenUnits * 8;
    const name = OPTION_TYPES.get(type) ?? 'Unknown';
    const o = t ? t.add(hfIcmpv6.opt, tvb, offset, Math.max(len, 2), null, `ICMPv6 Option (${name})`) : null;
    if (o) {
      o.add(hfIcmpv6.optType, tvb, offset, 1, type);
      o.add(hfIcmpv6.optLength, tvb, offset + 1, 1, lenUnits, `Length: ${lenUnits} (${len} bytes)`);
    }
    if (len === 0) {
      addExpert(
        pinfo,
        o,
        hfIcmpv6.invalidOptionLength,
        SEVERITY.ERROR,
        'Malformed',
        'Invalid option length (Zero)',
      );
      return;
    }
    const at = offset + 2;
    switch (type) {
      case 1:
      case 2: {
        const n = len - 2;
        const addr = tvb.view(at, n);
        const text =
          n === 6 ? formatEther(addr) : Array.from(addr, (b) => b.toString(16).padStart(2, '0')).join(':');
        if (o) {
          o.label = `ICMPv6 Option (${name} : ${text})`;
          const value = n === 6 ? addr : tvb.view(at, n);
          o.add(hfIcmpv6.optLinkaddr, tvb, at, n, value, `Link-layer address: ${text}`);
          o.add(
            type === 1 ? hfIcmpv6.optSrcLinkaddr : hfIcmpv6.optTargetLinkaddr,
            tvb,
            at,
            n,
            value,
          ).setHidden();
        }
        pinfo.cols?.appendInfo(type === 1 ? ` from ${text}` : ` is at ${text}`);
        break;
      }
      case 3: {
        const plen = tvb.u8(at);
        const flag = tvb.u8(at + 1);
        const prefix = tvb.view(at + 14, 16);
        if (o) {
          o.label = `ICMPv6 Option (${name} : ${formatIPv6(prefix)}/${plen})`;
          o.add(hfIcmpv6.optPrefixLength, tvb, at, 1, plen);
          const names: string[] = [];
          if (flag & 0x80) names.push('On-link flag(L)');
          if (flag & 0x40) names.push('Autonomous address-configuration flag(A)');
          if (flag & 0x20) names.push('Router address flag(R)');
          const f = o.add(
            hfIcmpv6.optPrefixFlag,
            tvb,
            at + 1,
            1,
            flag,
            `Flag: 0x${flag.toString(16).padStart(2, '0')}${names.length ? ', ' + names.join(', ') : ''}`,
          );
          f.add(hfIcmpv6.optPrefixFlagL, tvb, at + 1, 1, (flag >>> 7) & 1);
          f.add(hfIcmpv6.optPrefixFlagA, tvb, at + 1, 1, (flag >>> 6) & 1);
          f.add(hfIcmpv6.optPrefixFlagR, tvb, at + 1, 1, (flag >>> 5) & 1);
          f.add(hfIcmpv6.optPrefixFlagReserved, tvb, at + 1, 1, flag & 0x1f);
          o.add(hfIcmpv6.optPrefixValidLifetime, tvb, at + 2, 4, tvb.u32(at + 2));
          o.add(hfIcmpv6.optPrefixPreferredLifetime, tvb, at + 6, 4, tvb.u32(at + 6));
          o.add(hfIcmpv6.optReserved, tvb, at + 10, 4, null, 'Reserved');
          o.add(hfIcmpv6.optPrefix, tvb, at + 14, 16, prefix);
        }
        break;
      }
      case 4: {
        if (o) o.add(hfIcmpv6.optReserved, tvb, at, 6, null, 'Reserved');
        const inner = tvb.sub(offset + 8, len - 8);
        const ri = o
          ? o.add(hfIcmpv6.optRedirectedPacket, inner, 0, inner.length, null, 'Redirected Packet')
          : null;
        dissectQuotedPacket(pinfo, () => {
          dissectIpv6(inner, pinfo, ri);
        });
        break;
      }
      case 5: {
        const mtu = tvb.u32(at + 2);
        if (o) {
          o.label = `ICMPv6 Option (${name} : ${mtu})`;
          o.add(hfIcmpv6.optReserved, tvb, at, 2, null, 'Reserved');
          o.add(hfIcmpv6.optMtu, tvb, at + 2, 4, mtu);
        }
        break;
      }
      case 14:
        if (o) o.add(hfIcmpv6.optNonce, tvb, at, len - 2, tvb.view(at, len - 2));
        break;
      case 25: {
        if (o) {
          o.add(hfIcmpv6.optReserved, tvb, at, 2, null, 'Reserved');
          o.add(hfIcmpv6.optRdnssLifetime, tvb, at + 2, 4, tvb.u32(at + 2));
          for (let p = at + 6; p + 16 <= offset + len; p += 16)
            o.add(hfIcmpv6.optRdnss, tvb, p, 16, tvb.view(p, 16));
        }
        break;
      }
      default:
        if (o && len > 2) o.add(hfIcmpv6.unknownData, tvb, at, len - 2, tvb.view(at, len - 2));
    }
    offset += len;
  }
}

function dissectMldv2Report(tvb: Tvb, offset: number, t: ProtoNode | null): void {
  if (!t) return;
  t.add(hfIcmpv6.reserved, tvb, offset, 2, tvb.view(offset, 2));
  t.add(hfIcmpv6.mldrNbMcastRecords, tvb, offset + 2, 2, tvb.u16(offset + 2));
  offset += 4;
  while (offset < tvb.reportedLength) {
    const type = tvb.u8(offset);
    const aux = tvb.u8(offset + 1);
    const n = tvb.u16(offset + 2);
    const addr = tvb.view(offset + 4, 16);
    const recLen = 4 + 16 + 16 * n + aux * 4;
    const r = t.add(
      hfIcmpv6.mldrMar,
      tvb,
      offset,
      recLen,
      null,
      `Multicast Address Record ${MLDR_RECORD_TYPES.get(type) ?? `Unknown Record Type (${type})`}: ${formatIPv6(addr)}`,
    );
    r.add(hfIcmpv6.mldrMarRecordType, tvb, offset, 1, type);
    r.add(hfIcmpv6.mldrMarAuxDataLen, tvb, offset + 1, 1, aux);
    r.add(hfIcmpv6.mldrMarNbSources, tvb, offset + 2, 2, n);
    r.add(hfIcmpv6.mldrMarMulticastAddress, tvb, offset + 4, 16, addr);
    let p = offset + 20;
    for (let i = 0; i < n; i++, p += 16) r.add(hfIcmpv6.mldrMarSourceAddress, tvb, p, 16, tvb.view(p, 16));
    if (aux) r.add(hfIcmpv6.mldrMarAuxiliaryData, tvb, p, aux * 4, tvb.view(p, aux * 4));
    offset += recLen;
  }
}

/** Internet Control Message Protocol for IPv6 (RFC 4443), with Neighbor Discovery and MLD. */
/** ICMP's extension structure, called as tshark does through ICMP's handle (an 'icmp' layer). */
function icmpExtensions(tvb: Tvb, offset: number, pinfo: PacketInfo, t: ProtoNode | null): void {
  const rest = tvb.sub(offset); // past the end: malformed before ICMP is called
  pinfo.addLayer('icmp');
  pinfo.currentProto = 'ICMP';
  const accepted = dissectIcmpExtensions(tvb, offset, pinfo, t);
  pinfo.currentProto = 'ICMPv6';
  if (!accepted) {
    // Declined: the layer goes and the bytes are data.
    const i = pinfo.layers.lastIndexOf('icmp');
    if (i >= 0) pinfo.layers.splice(i, 1);
    dissectData(rest, pinfo, t);
  }
}

/** A message type with no decoder: an expert note and the body as data. */
function undecodedType(tvb: Tvb, type: number, pinfo: PacketInfo, t: ProtoNode | null): void {
  const msg = `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`;
  addExpert(pinfo, t, hfIcmpv6.undecodedType, SEVERITY.NOTE, 'Undecoded', msg);
  if (t && tvb.length > 4) t.add(hfIcmpv6.data, tvb, 4, tvb.length - 4, tvb.view(4, tvb.length - 4));
}

/** Names of the set flags for a flags byte's label ("0x40, DODAGID Present (D)"). */
function flagsLabel(v: number, names: [number, string][]): string {
  const set = names.filter(([m]) => (v & m) !== 0).map(([, n]) => n);
  return `Flags: 0x${v.toString(16).padStart(2, '0')}${set.length ? ', ' + set.join(', ') : ''}`;
}

/**
 * The fixed part of an RPL control message (DIS, DIO, DAO, DAO-ACK); the RPL options that
 * may follow are not decoded.
 */
function dissectRplBase(tvb: Tvb, code: number, t: ProtoNode | null): void {
  if (!t) return;
  switch (code) {
    case 0:
      t.add(hfIcmpv6.rplDisFlags, tvb, 4, 1, tvb.u8(4));
      t.add(hfIcmpv6.reserved, tvb, 5, 1, tvb.view(5, 1));
      break;
    case 1: {
      t.add(hfIcmpv6.rplDioInstance, tvb, 4, 1, tvb.u8(4));
      t.add(hfIcmpv6.rplDioVersion, tvb, 5, 1, tvb.u8(5));
      t.add(hfIcmpv6.rplDioRank, tvb, 6, 2, tvb.u16(6));
      const fl = tvb.u8(8);
      const f = t.add(hfIcmpv6.rplDioFlag, tvb, 8, 1, fl, flagsLabel(fl, [[0x80, 'Grounded (G)']]));
      f.add(hfIcmpv6.rplDioFlagG, tvb, 8, 1, fl >>> 7);
      f.add(hfIcmpv6.rplDioFlag0, tvb, 8, 1, (fl >>> 6) & 1);
      f.add(hfIcmpv6.rplDioFlagMop, tvb, 8, 1, (fl >>> 3) & 7);
      f.add(hfIcmpv6.rplDioFlagPreference, tvb, 8, 1, fl & 7);
      t.add(hfIcmpv6.rplDioDtsn, tvb, 9, 1, tvb.u8(9));
      t.add(hfIcmpv6.rplDioFlag, tvb, 10, 1, tvb.u8(10));
      t.add(hfIcmpv6.reserved, tvb, 11, 1, tvb.view(11, 1));
      t.add(hfIcmpv6.rplDioDagid, tvb, 12, 16, tvb.view(12, 16));
      break;
    }
    case 2: {
      t.add(hfIcmpv6.rplDaoInstance, tvb, 4, 1, tvb.u8(4));
      const fl = tvb.u8(5);
      const f = t.add(
        hfIcmpv6.rplDaoFlag,
        tvb,
        5,
        1,
        fl,
        flagsLabel(fl, [
          [0x80, 'DAO-ACK Request (K)'],
          [0x40, 'DODAGID Present (D)'],
        ]),
      );
      f.add(hfIcmpv6.rplDaoFlagK, tvb, 5, 1, fl >>> 7);
      f.add(hfIcmpv6.rplDaoFlagD, tvb, 5, 1, (fl >>> 6) & 1);
      f.add(hfIcmpv6.rplDaoFlagRsv, tvb, 5, 1, fl & 0x3f);
      t.add(hfIcmpv6.reserved, tvb, 6, 1, tvb.view(6, 1));
      t.add(hfIcmpv6.rplDaoSequence, tvb, 7, 1, tvb.u8(7));
      if (fl & 0x40) t.add(hfIcmpv6.rplDaoDodagid, tvb, 8, 16, tvb.view(8, 16));
      break;
    }
    default: {
      t.add(hfIcmpv6.rplDaoackInstance, tvb, 4, 1, tvb.u8(4));
      const fl = tvb.u8(5);
      const f = t.add(
        hfIcmpv6.rplDaoackFlag,
        tvb,
        5,
        1,
        fl,
        flagsLabel(fl, [[0x80, 'DODAGID Present (D)']]).replace('Flags:', 'Flag:'),
      );
      f.add(hfIcmpv6.rplDaoackFlagD, tvb, 5, 1, fl >>> 7);
      f.add(hfIcmpv6.rplDaoackFlagRsv, tvb, 5, 1, fl & 0x7f);
      t.add(hfIcmpv6.rplDaoackSequence, tvb, 6, 1, tvb.u8(6));
      t.add(hfIcmpv6.rplDaoackStatus, tvb, 7, 1, tvb.u8(7));
      if (fl & 0x80) t.add(hfIcmpv6.rplDaoackDodagid, tvb, 8, 16, tvb.view(8, 16));
    }
  }
}

export function dissectIcmpv6(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'ICMPv6';
  pinfo.addLayer('icmpv6');
  if (pinfo.cols) {
    pinfo.cols.setProtocol('ICMPv6');
    pinfo.cols.clearInfo();
  }
  const type = tvb.u8(0);
  const typeStr = ICMPV6_TYPES.get(type) ?? `Unknown (${type})`;
  pinfo.cols?.setInfo(typeStr);
  const code = tvb.u8(1);
  const names = codeNames(type);
  const codeStr = names ? (names[0].get(code) ?? names[1] ?? `Unknown (${code})`) : null;
  if (codeStr !== null) pinfo.cols?.appendInfo(` (${codeStr})`);

  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoIcmpv6, tvb, 0, tvb.length, null, 'Internet Control Message Protocol v6');
    t.add(hfIcmpv6.type, tvb, 0, 1, type, `Type: ${typeStr} (${type})`);
    t.add(hfIcmpv6.code, tvb, 1, 1, code, codeStr !== null ? `Code: ${code} (${codeStr})` : undefined);
  }
  const iph = ipHeaderInfo(data);
  const reported = tvb.reportedLength;
  const verify =
    !isFragmented(pinfo) &&
    tvb.length >= reported &&
    !pinfo.inErrorPacket &&
    !!iph?.pseudoSrc &&
    !!iph.pseudoDst;
  addIcmpChecksum(
    t,
    tvb,
    pinfo,
    verify,
    () => icmpv6Checksum(tvb, iph?.pseudoSrc as Uint8Array, iph?.pseudoDst as Uint8Array, reported),
    { checksum: hfIcmpv6.checksum, status: hfIcmpv6.checksumStatus, bad: hfIcmpv6.checksumBad },
    pinfo.inErrorPacket ? 'in ICMP error packet' : 'fragmented datagram',
    'ICMPv6',
  );
  let offset = 4;

  if (type === T.ECHO_REQUEST || type === T.ECHO_REPLY) {
    const id = tvb.u16(4);
    const seq = tvb.u16(6);
    if (t) {
      t.add(hfIcmpv6.echoIdentifier, tvb, 4, 2, id);
      t.add(hfIcmpv6.echoSequenceNumber, tvb, 6, 2, seq);
    }
    if (pinfo.cols) {
      pinfo.cols.appendInfo(` id=0x${id.toString(16).padStart(4, '0')}, seq=${seq}`);
      if (iph) pinfo.cols.appendInfo(`, hop limit=${iph.ttl}`);
    }
    offset = 8;
    if (!pinfo.inErrorPacket) {
      const tracker = pinfo.capture.stateFor('icmpv6.echo', () => new EchoTracker());
      const conv = addressPairKey(pinfo);
      const sum = tvb.u16(2);
      if (type === T.ECHO_REQUEST) {
        const tr = tracker.start(pinfo, conv, `${sum}:${id}:${seq}`);
        if (!tr) {
          if (pinfo.visited) {
            const it = t ? t.addGenerated(hfIcmpv6.noResp, null) : null;
            pinfo.cols?.appendInfo(' (no response found!)');
            addExpert(
              pinfo,
              it,
              hfIcmpv6.respNotFound,
              SEVERITY.WARN,
              'Sequence',
              'No response seen to ICMPv6 request',
            );
          }
        } else if (tr.replyFrame) {
          t?.addGenerated(hfIcmpv6.respIn, tr.replyFrame);
          pinfo.cols?.appendInfo(` (reply in ${tr.replyFrame})`);
        }
      } else {
        const tr = tracker.end(pinfo, conv, `${requestChecksum(sum)}:${id}:${seq}`);
        if (tr) {
          if (t) {
            t.addGenerated(hfIcmpv6.respTo, tr.requestFrame);
            const ms = msecBetween(pinfo.tsSec, pinfo.tsNsec, tr.requestSec, tr.requestNsec);
            t.addGenerated(hfIcmpv6.resptime, ms, `Response Time: ${ms.toFixed(3)} ms`);
          }
          pinfo.cols?.appendInfo(` (request in ${tr.requestFrame})`);
        }
      }
    }
    dissectData(tvb.sub(offset), pinfo, t);
    return tvb.length;
  }

  switch (type) {
    case T.DST_UNREACH:
    case T.TIME_EXCEEDED:
    case T.PACKET_TOO_BIG:
    case T.PARAM_PROB: {
      // RFC 4884: unreachable and time exceeded may give the original datagram's length (in
      // 8-byte units) and carry extensions after it.
      const origLen = type === T.DST_UNREACH || type === T.TIME_EXCEEDED ? tvb.u8(4) : 0;
      if (t) {
        if (type === T.PACKET_TOO_BIG) t.add(hfIcmpv6.mtu, tvb, 4, 4, tvb.u32(4));
        else if (type === T.PARAM_PROB) t.add(hfIcmpv6.pointer, tvb, 4, 4, tvb.u32(4));
        else if (origLen > 0) {
          t.add(hfIcmpv6.length, tvb, 4, 1, origLen);
          t.add(hfIcmpv6.reserved, tvb, 5, 3, tvb.view(5, 3));
        } else t.add(hfIcmpv6.reserved, tvb, 4, 4, tvb.view(4, 4));
      }
      const extOffset = origLen > 0 ? 8 + origLen * 8 : 0;
      const inner = tvb.sub(8);
      // Only something that looks like IPv6 is dissected as the offending packet.
      const isIpv6 = (tvb.u8(8) & 0xf0) === 0x60;
      dissectQuotedPacket(pinfo, () => {
        if (isIpv6) dissectIpv6(inner, pinfo, t);
        else dissectData(inner, pinfo, t);
      });
      if (extOffset) icmpExtensions(tvb, extOffset, pinfo, t);
      break;
    }
    case T.EXT_ECHO_REQUEST:
    case T.EXT_ECHO_REPLY: {
      const id = tvb.u16(4);
      const seq = tvb.u8(6);
      const fl = tvb.u8(7);
      if (t) {
        t.add(hfIcmpv6.echoIdentifier, tvb, 4, 2, id);
        t.add(hfIcmpv6.extEchoSeq, tvb, 6, 1, seq);
        addExtEchoFlags(t, tvb, type === T.EXT_ECHO_REQUEST, fl, {
          reqRes: hfIcmpv6.extEchoReqRes,
          reqLocal: hfIcmpv6.extEchoReqLocal,
          rspState: hfIcmpv6.extEchoRspState,
          rspRes: hfIcmpv6.extEchoRspRes,
          rspActive: hfIcmpv6.extEchoRspActive,
          rspIpv4: hfIcmpv6.extEchoRspIpv4,
          rspIpv6: hfIcmpv6.extEchoRspIpv6,
        });
      }
      if (type === T.EXT_ECHO_REQUEST) icmpExtensions(tvb, 8, pinfo, t);
      break;
    }
    case T.MLD_QUERY:
    case T.MLD_REPORT:
    case T.MLD_DONE:
      if (type === T.MLD_QUERY && tvb.length >= MLDV2_QUERY_MINLEN) {
        let mrc = tvb.u16(4);
        if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) * 2 ** (((mrc & 0x7000) >>> 12) + 3);
        let qqi = tvb.u8(25);
        if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >>> 4) + 3);
        const n = tvb.u16(26);
        if (t) {
          t.add(hfIcmpv6.mldMaximumResponseCode, tvb, 4, 2, mrc);
          t.add(hfIcmpv6.reserved, tvb, 6, 2, tvb.view(6, 2));
          t.add(hfIcmpv6.mldMulticastAddress, tvb, 8, 16, tvb.view(8, 16));
          const fl = tvb.u8(24);
          const f = t.add(hfIcmpv6.mldFlag, tvb, 24, 1, fl);
          f.add(
            hfIcmpv6.mldFlagS,
            tvb,
            24,
            1,
            (fl >>> 3) & 1,
            `.... ${(fl >>> 3) & 1}... = Suppress Router-Side Processing: ${fl & 8 ? 'True' : 'False'}`,
          );
          f.add(hfIcmpv6.mldFlagQrv, tvb, 24, 1, fl & 7);
          f.add(hfIcmpv6.mldFlagReserved, tvb, 24, 1, fl >>> 4);
          t.add(hfIcmpv6.mldQqi, tvb, 25, 1, qqi);
          t.add(hfIcmpv6.mldNbSources, tvb, 26, 2, n);
          for (let i = 0; i < n; i++)
            t.add(hfIcmpv6.mldSourceAddress, tvb, 28 + i * 16, 16, tvb.view(28 + i * 16, 16));
        }
      } else if (t) {
        t.add(hfIcmpv6.mldMaximumResponseDelay, tvb, 4, 2, tvb.u16(4));
        t.add(hfIcmpv6.reserved, tvb, 6, 2, tvb.view(6, 2));
        t.add(hfIcmpv6.mldMulticastAddress, tvb, 8, 16, tvb.view(8, 16));
      }
      break;
    case T.RS:
    case T.IND_SOLICIT:
    case T.IND_ADVERT:
      t?.add(hfIcmpv6.reserved, tvb, 4, 4, tvb.view(4, 4));
      dissectNdOptions(tvb, 8, pinfo, t);
      break;
    case T.RA: {
      if (t) {
        t.add(hfIcmpv6.raCurHopLimit, tvb, 4, 1, tvb.u8(4));
        const fl = tvb.u8(5);
        const prf = (fl >>> 3) & 3;
        const prfName = ['Medium', 'High', 'Reserved', 'Low'][prf];
        const names: string[] = [];
        if (fl & 0x80) names.push('Managed');
        if (fl & 0x40) names.push('Other');
        if (fl & 0x20) names.push('Home Agent');
        names.push(`Prf (Default Router Preference): ${prfName}`);
        if (fl & 0x04) names.push('Proxy');
        const f = t.add(
          hfIcmpv6.raFlag,
          tvb,
          5,
          1,
          fl,
          `Flags: 0x${fl.toString(16).padStart(2, '0')}, ${names.join(', ')}`,
        );
        f.add(hfIcmpv6.raFlagM, tvb, 5, 1, (fl >>> 7) & 1);
        f.add(hfIcmpv6.raFlagO, tvb, 5, 1, (fl >>> 6) & 1);
        f.add(hfIcmpv6.raFlagH, tvb, 5, 1, (fl >>> 5) & 1);
        f.add(hfIcmpv6.raFlagPrf, tvb, 5, 1, prf);
        f.add(hfIcmpv6.raFlagP, tvb, 5, 1, (fl >>> 2) & 1);
        f.add(hfIcmpv6.raFlagRsv, tvb, 5, 1, fl & 3);
        t.add(hfIcmpv6.raRouterLifetime, tvb, 6, 2, tvb.u16(6));
        t.add(hfIcmpv6.raReachableTime, tvb, 8, 4, tvb.u32(8));
        t.add(hfIcmpv6.raRetransTimer, tvb, 12, 4, tvb.u32(12));
      } else {
        tvb.ensure(4, 12);
      }
      dissectNdOptions(tvb, 16, pinfo, t);
      break;
    }
    case T.NS: {
      t?.add(hfIcmpv6.reserved, tvb, 4, 4, tvb.view(4, 4));
      const target = tvb.view(8, 16);
      t?.add(hfIcmpv6.nsTargetAddress, tvb, 8, 16, target);
      pinfo.cols?.appendInfo(` for ${formatIPv6(target)}`);
      dissectNdOptions(tvb, 24, pinfo, t);
      break;
    }
    case T.NA: {
      const flags = tvb.u32(4);
      if (t) {
        const names: string[] = [];
        if (flags & 0x80000000) names.push('Router');
        if (flags & 0x40000000) names.push('Solicited');
        if (flags & 0x20000000) names.push('Override');
        const f = t.add(
          hfIcmpv6.naFlag,
          tvb,
          4,
          4,
          flags,
          `Flags: 0x${flags.toString(16).padStart(8, '0')}${names.length ? ', ' + names.join(', ') : ''}`,
        );
        f.add(hfIcmpv6.naFlagR, tvb, 4, 4, flags >>> 31);
        f.add(hfIcmpv6.naFlagS, tvb, 4, 4, (flags >>> 30) & 1);
        f.add(hfIcmpv6.naFlagO, tvb, 4, 4, (flags >>> 29) & 1);
        f.add(hfIcmpv6.naFlagRsv, tvb, 4, 4, flags & 0x1fffffff);
      }
      const target = tvb.view(8, 16);
      t?.add(hfIcmpv6.naTargetAddress, tvb, 8, 16, target);
      const fl: string[] = [];
      if (flags & 0x80000000) fl.push('rtr');
      if (flags & 0x40000000) fl.push('sol');
      if (flags & 0x20000000) fl.push('ovr');
      pinfo.cols?.appendInfo(` ${formatIPv6(target)} (${fl.length ? fl.join(', ') : 'none'})`);
      dissectNdOptions(tvb, 24, pinfo, t);
      break;
    }
    case T.REDIRECT:
      if (t) {
        t.add(hfIcmpv6.reserved, tvb, 4, 4, tvb.view(4, 4));
        t.add(hfIcmpv6.rdTargetAddress, tvb, 8, 16, tvb.view(8, 16));
        t.add(hfIcmpv6.rdDestinationAddress, tvb, 24, 16, tvb.view(24, 16));
      } else {
        tvb.ensure(4, 36);
      }
      dissectNdOptions(tvb, 40, pinfo, t);
      break;
    case T.MLDV2_REPORT:
      dissectMldv2Report(tvb, 4, t);
      break;
    case T.HA_AD_REQUEST:
    case T.HA_AD_REPLY:
    case T.MP_SOLICIT:
      if (t) {
        t.add(hfIcmpv6.mip6Identifier, tvb, 4, 2, tvb.u16(4));
        t.add(hfIcmpv6.reserved, tvb, 6, 2, tvb.view(6, 2));
        if (type === T.HA_AD_REPLY)
          for (let o = 8; o + 16 <= tvb.length; o += 16)
            t.add(hfIcmpv6.mip6HomeAgentAddress, tvb, o, 16, tvb.view(o, 16));
      } else {
        tvb.ensure(4, 4);
      }
      break;
    case T.MP_ADVERT: {
      t?.add(hfIcmpv6.mip6Identifier, tvb, 4, 2, tvb.u16(4));
      const fl = tvb.u16(6);
      if (t) {
        const names: string[] = [];
        if (fl & 0x8000) names.push('Managed address configuration');
        if (fl & 0x4000) names.push('Other configuration');
        const f = t.add(
          hfIcmpv6.mip6Flag,
          tvb,
          6,
          2,
          fl,
          `Flags: 0x${fl.toString(16).padStart(4, '0')}${names.length ? ', ' + names.join(', ') : ''}`,
        );
        f.add(hfIcmpv6.mip6FlagM, tvb, 6, 2, fl >>> 15);
        f.add(hfIcmpv6.mip6FlagO, tvb, 6, 2, (fl >>> 14) & 1);
        f.add(hfIcmpv6.mip6FlagRsv, tvb, 6, 2, fl & 0x3fff);
      }
      dissectNdOptions(tvb, 8, pinfo, t);
      break;
    }
    case T.RPL_CONTROL:
      if (code <= 3) dissectRplBase(tvb, code, t);
      else undecodedType(tvb, type, pinfo, t);
      break;
    default:
      undecodedType(tvb, type, pinfo, t);
  }
  return tvb.length;
}

ipProtoTable.add(58, dissectIcmpv6);
