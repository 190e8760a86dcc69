import { addressKey, compareAddress, formatAddress } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { dissectData } from '../../dissect/frame';
import type { FieldDef, ValueStrings } from '../../dissect/fields';
import { heuristicList, type TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { setActualLength } from '../ethernet/actual-length';
import { dissectIcmpExtensions } from './extensions';
import { addExpert } from '../ethernet/expert-info';
import { checksumShouldBe, internetChecksum } from '../ip/checksum';
import { dissectIp, ipProtoTable } from '../ip/dissector';
import { dissectQuotedPacket } from '../ip/error-quote';
import { ipHeaderInfo, isFragmented } from '../ip/packet-data';
import {
  ALT_HOST_CODES,
  EXT_ECHO_REPLY_CODES,
  EXT_ECHO_REQ_CODES,
  hfIcmp,
  ICMP_TYPES,
  PARAM_CODES,
  PHOTURIS_CODES,
  protoIcmp,
  REDIRECT_CODES,
  RTRADVERT_CODES,
  TTL_CODES,
  UNREACH_CODES,
} from './fields';

/** Heuristic dissectors for echo payloads that do not start with a timestamp. */
export const icmpHeuristics = heuristicList('icmp');

const T = {
  ECHOREPLY: 0,
  UNREACH: 3,
  SOURCEQUENCH: 4,
  REDIRECT: 5,
  ALTHOST: 6,
  ECHO: 8,
  RTRADVERT: 9,
  TIMXCEED: 11,
  PARAMPROB: 12,
  TSTAMP: 13,
  TSTAMPREPLY: 14,
  IREQ: 15,
  IREQREPLY: 16,
  MASKREQ: 17,
  MASKREPLY: 18,
  PHOTURIS: 40,
  EXTECHO: 42,
  EXTECHOREPLY: 43,
} as const;

const FRAG_NEEDED = 4;

/** One echo request and, once seen, its reply (Wireshark's icmp_transaction_t). */
export interface EchoTransaction {
  requestFrame: number;
  replyFrame: number;
  requestSec: number;
  requestNsec: number;
}

/**
 * Request/reply matching state, per conversation (address pair) and key (expected reply
 * checksum, identifier, sequence number): requests wait in `unmatched`; a reply moves its
 * request to `matched`, which re-dissection reads by frame number.
 */
export class EchoTracker {
  private readonly unmatched = new Map<string, EchoTransaction>();
  private readonly matched = new Map<string, EchoTransaction>();

  start(pinfo: PacketInfo, conv: string, key: string): EchoTransaction | undefined {
    if (!pinfo.visited) {
      const tr: EchoTransaction = {
        requestFrame: pinfo.num,
        replyFrame: 0,
        requestSec: pinfo.tsSec,
        requestNsec: pinfo.tsNsec,
      };
      this.unmatched.set(`${conv}|${key}`, tr);
      return tr;
    }
    return this.matched.get(`${conv}|${key}|${pinfo.num}`);
  }

  end(pinfo: PacketInfo, conv: string, key: string): EchoTransaction | undefined {
    if (!pinfo.visited) {
      const tr = this.unmatched.get(`${conv}|${key}`);
      if (!tr || tr.replyFrame !== 0) return undefined;
      tr.replyFrame = pinfo.num;
      this.matched.set(`${conv}|${key}|${tr.requestFrame}`, tr);
      this.matched.set(`${conv}|${key}|${tr.replyFrame}`, tr);
      return tr;
    }
    return this.matched.get(`${conv}|${key}|${pinfo.num}`);
  }
}

/** The conversation of an ICMP exchange: the unordered pair of IP addresses. */
export function addressPairKey(pinfo: PacketInfo): string {
  const a = addressKey(pinfo.src);
  const b = addressKey(pinfo.dst);
  return compareAddress(pinfo.src, pinfo.dst) <= 0 ? `${a}|${b}` : `${b}|${a}`;
}

/** The checksum an echo reply to a request with checksum `c` carries (type 8 → 0 changes one word). */
function replyChecksum(c: number): number {
  let s = (~c & 0xffff) + 0xf7ff;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** nstime_to_msec of the interval between two timestamps. */
export function msecBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  let sec = aSec - bSec;
  let nsec = aNsec - bNsec;
  if (nsec < 0) {
    sec -= 1;
    nsec += 1e9;
  }
  return sec * 1000 + nsec / 1000000;
}

function codeNames(type: number): ValueStrings | null {
  switch (type) {
    case T.UNREACH:
      return UNREACH_CODES;
    case T.REDIRECT:
      return REDIRECT_CODES;
    case T.ALTHOST:
      return ALT_HOST_CODES;
    case T.RTRADVERT:
      return RTRADVERT_CODES;
    case T.TIMXCEED:
      return TTL_CODES;
    case T.PARAMPROB:
      return PARAM_CODES;
    case T.PHOTURIS:
      return PHOTURIS_CODES;
    case T.EXTECHO:
      return EXT_ECHO_REQ_CODES;
    case T.EXTECHOREPLY:
      return EXT_ECHO_REPLY_CODES;
    default:
      return null;
  }
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** Adds the checksum and its status, verifying it when the whole message is there. */
export function addIcmpChecksum(
  t: ProtoNode | null,
  tvb: Tvb,
  pinfo: PacketInfo,
  verify: boolean,
  computed: () => number,
  fields: {
    checksum: typeof hfIcmp.checksum;
    status: typeof hfIcmp.checksumStatus;
    bad: typeof hfIcmp.checksumBad;
  },
  notVerifiedWhy: string,
  protoName: string,
): void {
  const sum = tvb.u16(2);
  if (!verify) {
    if (t) {
      t.add(fields.checksum, tvb, 2, 2, sum, `Checksum: 0x${hex4(sum)} [unverified] [${notVerifiedWhy}]`);
      t.add(fields.status, tvb, 2, 0, 2).setGenerated();
    }
    return;
  }
  const c = computed();
  if (c === 0) {
    if (t) {
      t.add(fields.checksum, tvb, 2, 2, sum, `Checksum: 0x${hex4(sum)} [correct]`);
      t.add(fields.status, tvb, 2, 0, 1).setGenerated();
    }
    return;
  }
  const should = checksumShouldBe(sum, c);
  const item = t
    ? t.add(
        fields.checksum,
        tvb,
        2,
        2,
        sum,
        `Checksum: 0x${hex4(sum)} incorrect, should be 0x${hex4(should)}`,
      )
    : null;
  t?.add(fields.status, tvb, 2, 0, 0).setGenerated();
  addExpert(pinfo, item, fields.bad, SEVERITY.WARN, 'Checksum', `Bad checksum [should be 0x${hex4(should)}]`);
  void protoName;
}

/**
 * The timestamp ping puts in the first 8 bytes of an echo payload (seconds and microseconds,
 * big- or little-endian), accepted when within a day of the frame time.
 */
export function echoDataTime(tvb: Tvb, off: number, pinfo: PacketInfo): { sec: number; nsec: number } | null {
  let sec = tvb.u32(off);
  let usec = tvb.u32(off + 4);
  const plausible = (s: number, u: number): boolean => Math.abs((s - pinfo.tsSec) | 0) < 86400 && u < 1000000;
  if (!plausible(sec, usec)) {
    sec = tvb.u32le(off);
    usec = tvb.u32le(off + 4);
  }
  return plausible(sec, usec) ? { sec, nsec: usec * 1000 } : null;
}

/** Internet Control Message Protocol (RFC 792 and friends). */
export function dissectIcmp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): number {
  pinfo.currentProto = 'ICMP';
  pinfo.addLayer('icmp');
  if (pinfo.cols) {
    pinfo.cols.setProtocol('ICMP');
    pinfo.cols.clearInfo();
  }
  const type = tvb.u8(0);
  const code = tvb.u8(1);
  let origLen = tvb.u8(5);
  let typeStr = ICMP_TYPES.get(type) ?? 'Unknown ICMP (obsolete or malformed?)';
  if (type === T.RTRADVERT && (code === 0 || code === 16)) typeStr = 'Mobile IP Advertisement';
  const names = codeNames(type);
  const codeStr = names ? (names.get(code) ?? `Unknown code: ${code}`) : null;
  if (type === T.ALTHOST) origLen = 0;
  if (pinfo.cols) {
    pinfo.cols.setInfo(typeStr.padEnd(20, ' '));
    if (codeStr !== null) pinfo.cols.appendInfo(` (${codeStr})`);
  }
  const captured = tvb.length;
  const reported = tvb.reportedLength;
  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoIcmp, tvb, 0, captured, null, 'Internet Control Message Protocol');
    t.add(hfIcmp.type, tvb, 0, 1, type, `Type: ${type} (${typeStr})`);
    t.add(hfIcmp.code, tvb, 1, 1, code, codeStr !== null ? `Code: ${code} (${codeStr})` : undefined);
  }
  const verify = !isFragmented(pinfo) && captured >= reported && !pinfo.inErrorPacket;
  addIcmpChecksum(
    t,
    tvb,
    pinfo,
    verify,
    () => internetChecksum(tvb, 0, reported),
    { checksum: hfIcmp.checksum, status: hfIcmp.checksumStatus, bad: hfIcmp.checksumBad },
    pinfo.inErrorPacket ? 'in ICMP error packet' : 'fragmented datagram',
    'ICMP',
  );

  switch (type) {
    case T.ECHOREPLY:
    case T.ECHO:
    case T.TSTAMP:
    case T.TSTAMPREPLY:
    case T.IREQ:
    case T.IREQREPLY:
    case T.MASKREQ:
    case T.MASKREPLY: {
      const id = tvb.u16(4);
      const seq = tvb.u16(6);
      const seqLe = tvb.u16le(6);
      if (t) {
        t.add(hfIcmp.ident, tvb, 4, 2, id);
        t.add(hfIcmp.identLe, tvb, 4, 2, tvb.u16le(4));
        t.add(hfIcmp.seq, tvb, 6, 2, seq);
        t.add(hfIcmp.seqLe, tvb, 6, 2, seqLe);
      }
      if (pinfo.cols) {
        pinfo.cols.appendInfo(` id=0x${hex4(id)}, seq=${seq}/${seqLe}`);
        const iph = ipHeaderInfo(data);
        if (iph && iph.version === 4) pinfo.cols.appendInfo(`, ttl=${iph.ttl}`);
      }
      break;
    }
    case T.UNREACH:
    case T.TIMXCEED:
      if (t) {
        if (origLen > 0) {
          t.add(hfIcmp.unused, tvb, 4, 1, tvb.view(4, 1));
          t.add(hfIcmp.length, tvb, 5, 1, origLen);
          t.add(hfIcmp.lengthOriginalDatagram, tvb, 5, 1, origLen * 4).setGenerated();
          if (type === T.UNREACH && code === FRAG_NEEDED) t.add(hfIcmp.mtu, tvb, 6, 2, tvb.u16(6));
          else t.add(hfIcmp.unused, tvb, 6, 2, tvb.view(6, 2));
        } else if (type === T.UNREACH && code === FRAG_NEEDED) {
          t.add(hfIcmp.unused, tvb, 4, 2, tvb.view(4, 2));
          t.add(hfIcmp.mtu, tvb, 6, 2, tvb.u16(6));
        } else {
          t.add(hfIcmp.unused, tvb, 4, 4, tvb.view(4, 4));
        }
      }
      break;
    case T.RTRADVERT:
      if (t) {
        t.add(hfIcmp.numAddrs, tvb, 4, 1, tvb.u8(4));
        t.add(hfIcmp.addrEntrySize, tvb, 5, 1, tvb.u8(5));
        t.add(hfIcmp.lifetime, tvb, 6, 2, tvb.u16(6));
      }
      break;
    case T.PARAMPROB:
      if (t) {
        t.add(hfIcmp.pointer, tvb, 4, 1, tvb.u8(4));
        if (origLen > 0) {
          t.add(hfIcmp.length, tvb, 5, 1, origLen);
          t.add(hfIcmp.lengthOriginalDatagram, tvb, 5, 1, origLen * 4).setGenerated();
          t.add(hfIcmp.unused, tvb, 6, 2, tvb.view(6, 2));
        } else {
          t.add(hfIcmp.unused, tvb, 5, 3, tvb.view(5, 3));
        }
      }
      break;
    case T.REDIRECT:
      t?.add(hfIcmp.redirGw, tvb, 4, 4, tvb.u32(4));
      break;
    case T.EXTECHO:
    case T.EXTECHOREPLY: {
      const id = tvb.u16(4);
      const fl = tvb.u8(7);
      if (t) {
        t.add(hfIcmp.ident, tvb, 4, 2, id);
        t.add(hfIcmp.identLe, tvb, 4, 2, tvb.u16le(4));
        t.add(hfIcmp.extEchoSeq, tvb, 6, 1, tvb.u8(6));
        addExtEchoFlags(t, tvb, type === T.EXTECHO, fl, {
          reqRes: hfIcmp.extEchoReqRes,
          reqLocal: hfIcmp.extEchoReqLocal,
          rspState: hfIcmp.extEchoRspState,
          rspRes: hfIcmp.extEchoRspRes,
          rspActive: hfIcmp.extEchoRspActive,
          rspIpv4: hfIcmp.extEchoRspIpv4,
          rspIpv6: hfIcmp.extEchoRspIpv6,
        });
      }
      if (type === T.EXTECHO && reported > 8) dissectIcmpExtensions(tvb, 8, pinfo, t);
      break;
    }
    default:
      break;
  }

  switch (type) {
    case T.UNREACH:
    case T.TIMXCEED:
    case T.PARAMPROB:
    case T.SOURCEQUENCH:
    case T.REDIRECT: {
      let next = tvb.sub(8);
      if (type === T.REDIRECT) {
        next = shrink(next, (tvb.u8(8) & 0x0f) * 4 + 8);
      } else if (origLen && reported > 8 + origLen * 4 && tvb.u16(8 + 2) > origLen * 4) {
        next = shrink(next, ((tvb.u8(8) & 0x0f) + origLen) * 4);
      }
      const quoted = next;
      dissectQuotedPacket(pinfo, () => {
        dissectIp(quoted, pinfo, t);
      });
      // RFC 4884 extensions: after the original datagram (its length field, or 128 bytes for
      // the older "compliant" senders), when the quoted datagram is no longer than 128 bytes.
      if (reported > 8 + 128 && tvb.u16(8 + 2) <= 128) {
        dissectIcmpExtensions(tvb, origLen ? 8 + origLen * 4 : 8 + 128, pinfo, t);
      }
      break;
    }
    case T.ECHOREPLY:
    case T.ECHO: {
      if (!pinfo.inErrorPacket) {
        const conv = addressPairKey(pinfo);
        const tracker = pinfo.capture.stateFor('icmp.echo', () => new EchoTracker());
        const sum = tvb.u16(2);
        const idSeq = `${tvb.u16(4)}:${tvb.u16(6)}`;
        if (type === T.ECHOREPLY) {
          const key = `${sum === 0xffff ? 0 : sum}:${idSeq}`;
          const tr = tracker.end(pinfo, conv, key);
          if (tr) {
            if (t) {
              t.addGenerated(hfIcmp.respTo, tr.requestFrame);
              const ms = msecBetween(pinfo.tsSec, pinfo.tsNsec, tr.requestSec, tr.requestNsec);
              t.addGenerated(hfIcmp.resptime, ms, `Response time: ${ms.toFixed(3)} ms`);
            }
            pinfo.cols?.appendInfo(` (request in ${tr.requestFrame})`);
          }
        } else {
          const key = `${replyChecksum(sum)}:${idSeq}`;
          const tr = tracker.start(pinfo, conv, key);
          if (!tr) {
            if (pinfo.visited) {
              if (isNonUnicast(pinfo)) {
                pinfo.cols?.appendInfo(isBroadcast(pinfo) ? ' (broadcast)' : ' (multicast)');
              } else {
                const it = t ? t.addGenerated(hfIcmp.noResp, null) : null;
                pinfo.cols?.appendInfo(' (no response found!)');
                addExpert(
                  pinfo,
                  it,
                  hfIcmp.respNotFound,
                  SEVERITY.WARN,
                  'Sequence',
                  'No response seen to ICMP request',
                );
              }
            }
          } else if (tr.replyFrame) {
            t?.addGenerated(hfIcmp.respIn, tr.replyFrame);
            pinfo.cols?.appendInfo(` (reply in ${tr.replyFrame})`);
          }
        }
      }
      if (tvb.remaining(8) < 8) {
        if (tvb.remaining(8) > 0) dissectData(tvb.sub(8), pinfo, t);
        break;
      }
      const ts = echoDataTime(tvb, 8, pinfo);
      if (ts) {
        if (t) {
          t.add(hfIcmp.dataTime, tvb, 8, 8, ts);
          const rel = (pinfo.tsSec - ts.sec) * 1e9 + (pinfo.tsNsec - ts.nsec);
          t.add(hfIcmp.dataTimeRelative, tvb, 8, 8, rel).setGenerated();
        }
        dissectData(tvb.sub(16), pinfo, t);
      } else {
        const next = tvb.sub(8);
        if (!icmpHeuristics.tryAll(next, pinfo, tree)) dissectData(next, pinfo, t);
      }
      break;
    }
    case T.RTRADVERT: {
      const n = tvb.u8(4);
      const size = tvb.u8(5);
      if (size === 2) {
        for (let i = 0; i < n; i++) {
          if (t) {
            t.add(hfIcmp.routerAddress, tvb, 8 + i * 8, 4, tvb.u32(8 + i * 8));
            t.add(hfIcmp.prefLevel, tvb, 12 + i * 8, 4, tvb.i32(12 + i * 8));
          } else {
            tvb.ensure(8 + i * 8, 8);
          }
        }
      } else {
        dissectData(tvb.sub(8), pinfo, t);
      }
      break;
    }
    case T.TSTAMP:
    case T.TSTAMPREPLY:
      if (t) {
        t.add(hfIcmp.originateTimestamp, tvb, 8, 4, tvb.u32(8));
        t.add(hfIcmp.receiveTimestamp, tvb, 12, 4, tvb.u32(12));
        t.add(hfIcmp.transmitTimestamp, tvb, 16, 4, tvb.u32(16));
      } else {
        tvb.ensure(8, 12);
      }
      break;
    case T.MASKREQ:
    case T.MASKREPLY:
      if (t) t.add(hfIcmp.addressMask, tvb, 8, 4, tvb.u32(8));
      else tvb.ensure(8, 4);
      break;
    default:
      break;
  }
  return tvb.reportedLength;
}

/** The flag fields of an RFC 8335 extended echo request or reply (ICMP and ICMPv6 share them). */
export interface ExtEchoFlagFields {
  reqRes: FieldDef;
  reqLocal: FieldDef;
  rspState: FieldDef;
  rspRes: FieldDef;
  rspActive: FieldDef;
  rspIpv4: FieldDef;
  rspIpv6: FieldDef;
}

export function addExtEchoFlags(
  t: ProtoNode,
  tvb: Tvb,
  request: boolean,
  fl: number,
  f: ExtEchoFlagFields,
): void {
  if (request) {
    t.add(f.reqRes, tvb, 7, 1, fl >>> 1);
    t.add(f.reqLocal, tvb, 7, 1, fl & 1);
  } else {
    t.add(f.rspState, tvb, 7, 1, fl >>> 5);
    t.add(f.rspRes, tvb, 7, 1, (fl >>> 3) & 3);
    t.add(f.rspActive, tvb, 7, 1, (fl >>> 2) & 1);
    t.add(f.rspIpv4, tvb, 7, 1, (fl >>> 1) & 1);
    t.add(f.rspIpv6, tvb, 7, 1, fl & 1);
  }
}

/** set_actual_length on a tvb we made ourselves: a view of the first `len` bytes. */
function shrink(tvb: Tvb, len: number): Tvb {
  if (len >= tvb.reportedLength) return tvb;
  setActualLength(tvb, len);
  return tvb.sub(0, len, len);
}

function isBroadcast(pinfo: PacketInfo): boolean {
  return formatAddress(pinfo.dst) === '255.255.255.255';
}

function isNonUnicast(pinfo: PacketInfo): boolean {
  const d = pinfo.dst;
  if (isBroadcast(pinfo)) return true;
  if (d.bytes && d.bytes.length === 16) return d.bytes[0] === 0xff;
  return (d.v4 & 0xf0000000) >>> 0 === 0xe0000000;
}

ipProtoTable.add(1, dissectIcmp);
