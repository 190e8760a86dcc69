import { formatIPv4, formatIPv6 } from '../../dissect/address';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfDns } from './fields';
import { readName } from './names';
import { optionTitle } from './values';
import { addExpert } from './expert';
import { SEVERITY } from '../../dissect/expert';
import type { PacketInfo } from '../../dissect/packet-info';

/** What an RR's data adds to the Info column and to the RR's summary line. */
export interface RdataText {
  /** Appended to the Info column after the type name (" 192.168.1.100"), '' for none. */
  info: string;
  /** Appended to "name: type X, class Y" in the tree (", addr 192.168.1.100"). */
  summary: string;
}

const NONE: RdataText = { info: '', summary: '' };

/**
 * Dissects the RDATA of one resource record at [offset, offset+len) of the message tvb.
 * `t` is the RR's subtree (null without a tree); names are resolved against `msgStart`.
 */
export function dissectRdata(
  tvb: Tvb,
  msgStart: number,
  offset: number,
  len: number,
  type: number,
  t: ProtoNode | null,
  pinfo: PacketInfo,
): RdataText {
  if (len === 0) return NONE;
  switch (type) {
    case 1: {
      if (len !== 4) break;
      const v = tvb.u32(offset);
      const s = formatIPv4(v);
      t?.add(hfDns.a, tvb, offset, 4, v);
      return { info: ' ' + s, summary: `, addr ${s}` };
    }
    case 28: {
      if (len !== 16) break;
      const b = tvb.view(offset, 16);
      const s = formatIPv6(b);
      t?.add(hfDns.aaaa, tvb, offset, 16, b);
      return { info: ' ' + s, summary: `, addr ${s}` };
    }
    case 2:
    case 5:
    case 12: {
      const n = readName(tvb, msgStart, offset);
      const def = type === 2 ? hfDns.ns : type === 5 ? hfDns.cname : hfDns.ptr;
      t?.add(def, tvb, offset, n.used, n.text);
      const label = type === 2 ? 'ns ' : type === 5 ? 'cname ' : '';
      return { info: ' ' + n.text, summary: `, ${label}${n.text}` };
    }
    case 15: {
      const pref = tvb.u16(offset);
      const n = readName(tvb, msgStart, offset + 2);
      if (t) {
        t.add(hfDns.mxPreference, tvb, offset, 2, pref);
        t.add(hfDns.mxExchange, tvb, offset + 2, n.used, n.text);
      }
      return { info: ` ${pref} ${n.text}`, summary: `, preference ${pref}, mx ${n.text}` };
    }
    case 16: {
      let o = offset;
      const end = offset + len;
      while (o < end) {
        const l = tvb.u8(o);
        const s = tvb.latin1(o + 1, l);
        if (t) {
          t.add(hfDns.txtLength, tvb, o, 1, l);
          t.add(hfDns.txt, tvb, o + 1, l, s);
        }
        o += 1 + l;
      }
      return NONE;
    }
    case 6: {
      const m = readName(tvb, msgStart, offset);
      let o = offset + m.used;
      const r = readName(tvb, msgStart, o);
      if (t) {
        t.add(hfDns.soaMname, tvb, offset, m.used, m.text);
        t.add(hfDns.soaRname, tvb, o, r.used, r.text);
      }
      o += r.used;
      const serial = tvb.u32(o);
      const refresh = tvb.u32(o + 4);
      const retry = tvb.u32(o + 8);
      const expire = tvb.u32(o + 12);
      const minimum = tvb.u32(o + 16);
      if (t) {
        t.add(hfDns.soaSerial, tvb, o, 4, serial);
        t.add(
          hfDns.soaRefresh,
          tvb,
          o + 4,
          4,
          refresh,
          `Refresh Interval: ${refresh} (${timeSecs(refresh)})`,
        );
        t.add(hfDns.soaRetry, tvb, o + 8, 4, retry, `Retry Interval: ${retry} (${timeSecs(retry)})`);
        t.add(hfDns.soaExpire, tvb, o + 12, 4, expire, `Expire limit: ${expire} (${timeSecs(expire)})`);
        t.add(hfDns.soaMinimum, tvb, o + 16, 4, minimum, `Minimum TTL: ${minimum} (${timeSecs(minimum)})`);
      }
      return { info: ' ' + m.text, summary: `, mname ${m.text}` };
    }
    case 33: {
      const prio = tvb.u16(offset);
      const weight = tvb.u16(offset + 2);
      const port = tvb.u16(offset + 4);
      const n = readName(tvb, msgStart, offset + 6);
      if (t) {
        t.add(hfDns.srvPriority, tvb, offset, 2, prio);
        t.add(hfDns.srvWeight, tvb, offset + 2, 2, weight);
        t.add(hfDns.srvPort, tvb, offset + 4, 2, port);
        t.add(hfDns.srvTarget, tvb, offset + 6, n.used, n.text);
      }
      return {
        info: ` ${prio} ${weight} ${port} ${n.text}`,
        summary: `, priority ${prio}, weight ${weight}, port ${port}, target ${n.text}`,
      };
    }
    case 13: {
      const cl = tvb.u8(offset);
      const cpu = tvb.latin1(offset + 1, cl);
      const ol = tvb.u8(offset + 1 + cl);
      const os = tvb.latin1(offset + 2 + cl, ol);
      if (t) {
        t.add(hfDns.hinfoCpuLength, tvb, offset, 1, cl);
        t.add(hfDns.hinfoCpu, tvb, offset + 1, cl, cpu);
        t.add(hfDns.hinfoOsLength, tvb, offset + 1 + cl, 1, ol);
        t.add(hfDns.hinfoOs, tvb, offset + 2 + cl, ol, os);
      }
      return { info: ` ${cpu} ${os}`, summary: `, CPU ${cpu}, OS ${os}` };
    }
    case 41:
      dissectEdnsOptions(tvb, offset, len, t);
      return NONE;
    default:
      break;
  }
  addExpert(
    pinfo,
    t,
    hfDns.undecodedType,
    SEVERITY.NOTE,
    'Undecoded',
    `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`,
  );
  if (t) t.add(hfDns.rdata, tvb, offset, len, tvb.view(offset, len));
  return NONE;
}

/** EDNS(0) options carried in an OPT pseudo-RR. */
function dissectEdnsOptions(tvb: Tvb, offset: number, len: number, t: ProtoNode | null): void {
  let o = offset;
  const end = offset + len;
  while (o < end) {
    const code = tvb.u16(o);
    const olen = tvb.u16(o + 2);
    tvb.ensure(o + 4, olen);
    if (t) {
      const ot = t.add(hfDns.opt, tvb, o, 4 + olen, null, `Option: ${optionTitle(code)}`);
      ot.add(hfDns.optCode, tvb, o, 2, code);
      ot.add(hfDns.optLen, tvb, o + 2, 2, olen);
      const d = o + 4;
      if (olen > 0) ot.add(hfDns.optData, tvb, d, olen, tvb.view(d, olen));
      dissectOptionBody(tvb, d, olen, code, ot);
    }
    o += 4 + olen;
  }
}

function dissectOptionBody(tvb: Tvb, d: number, olen: number, code: number, ot: ProtoNode): void {
  switch (code) {
    case 10: {
      const c = Math.min(8, olen);
      ot.add(hfDns.cookieClient, tvb, d, c, tvb.view(d, c));
      const s = olen - c;
      // tshark prints an empty byte field as "<MISSING>" both in the tree and in -T fields.
      if (s === 0) ot.add(hfDns.cookieServer, tvb, d + c, 0, '<MISSING>', 'Server Cookie: <MISSING>');
      else ot.add(hfDns.cookieServer, tvb, d + c, s, tvb.view(d + c, s));
      break;
    }
    case 12:
      ot.add(hfDns.padding, tvb, d, olen, tvb.view(d, olen));
      break;
    case 15:
      if (olen >= 2) {
        ot.add(hfDns.edeInfoCode, tvb, d, 2, tvb.u16(d));
        if (olen > 2) ot.add(hfDns.edeExtraText, tvb, d + 2, olen - 2, tvb.latin1(d + 2, olen - 2));
      }
      break;
    default:
      break;
  }
}

/** Wireshark's unsigned_time_secs_to_str: "5 minutes", "1 hour, 1 second", "0 seconds". */
export function timeSecs(v: number): string {
  if (v === 0) return '0 seconds';
  const parts: string[] = [];
  const unit = (n: number, name: string): void => {
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  };
  unit(Math.floor(v / 86400), 'day');
  unit(Math.floor((v % 86400) / 3600), 'hour');
  unit(Math.floor((v % 3600) / 60), 'minute');
  unit(v % 60, 'second');
  return parts.join(', ');
}
