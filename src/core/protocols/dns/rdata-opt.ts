/**
 * Records made of options: the EDNS(0) options of an OPT pseudo-RR and the SvcParams of
 * SVCB/HTTPS records, with the same (lack of) length checks as tshark 4.0.
 */
import { formatIPv4, formatIPv6 } from '../../dissect/address';
import { SEVERITY } from '../../dissect/expert';
import { itemLabel } from '../../dissect/format';
import type { ProtoNode } from '../../dissect/tree';
import { ensureCapturedRemaining, formatText } from '../media/text';
import { hfDns } from './fields';
import { hfRr } from './rr-fields';
import { readName } from './names';
import { addExpert } from './expert';
import { addAscii, addBytes, addUint, addUtf8, itemLength } from './items';
import type { Rdata } from './rdata';
import { EDNS_OPTION_CODES } from './values';

const O_DAU = 5;
const O_DHU = 6;
const O_N3U = 7;
const O_CLIENT_SUBNET = 8;
const O_COOKIE = 10;
const O_EDNS_TCP_KA = 11;
const O_PADDING = 12;
const O_CHAIN = 13;
const O_EXT_ERROR = 15;
const O_CLIENT_SUBNET_EXP = 0x50fa;

/** An FT_NONE item: its length is cut to the captured data instead of raising an exception. */
function noneItem(
  t: ProtoNode | null,
  def: typeof hfDns.opt,
  rd: Rdata,
  offset: number,
  len: number,
): ProtoNode | null {
  const { tvb } = rd.ctx;
  // Run-to-the-end items need data at their offset, tree or not.
  if (len < 0) ensureCapturedRemaining(tvb, offset);
  if (!t) return null;
  const avail = Math.max(0, tvb.remaining(offset));
  return t.add(def, tvb, offset, len < 0 || len > avail ? avail : len, null);
}

/** The options of an OPT record. */
export function dissectOptions(rd: Rdata): void {
  const { tvb, pinfo } = rd.ctx;
  const rt = rd.rt;
  let rest = rd.len;
  let cur = rd.cur;
  while (rest > 0) {
    const code = tvb.u16(cur);
    rest -= 2;
    let olen = tvb.u16(cur + 2);
    rest -= 2;
    const ot = noneItem(rt, hfDns.opt, rd, cur, 4 + olen);
    if (ot) ot.label = `Option: ${EDNS_OPTION_CODES.get(code) ?? `Unknown (${code})`}`;
    ot?.add(hfDns.optCode, tvb, cur, 2, code);
    cur += 2;
    const lenItem = ot ? ot.add(hfDns.optLen, tvb, cur, 2, olen) : null;
    cur += 2;
    addBytes(ot, hfDns.optData, tvb, cur, olen);
    switch (code) {
      case O_DAU:
      case O_DHU:
      case O_N3U: {
        const def = code === O_DAU ? hfRr.optDau : code === O_DHU ? hfRr.optDhu : hfRr.optN3u;
        while (olen !== 0) {
          addUint(ot, def, tvb, cur, 1);
          cur++;
          rest--;
          olen--;
        }
        break;
      }
      case O_CLIENT_SUBNET_EXP:
      case O_CLIENT_SUBNET: {
        if (code === O_CLIENT_SUBNET_EXP)
          addExpert(
            pinfo,
            ot,
            hfRr.deprOpc,
            SEVERITY.WARN,
            'Protocol',
            `Deprecated opcode. Client subnet OPT assigned as ${O_CLIENT_SUBNET}.`,
          );
        // The address length is a 16-bit unsigned value in Wireshark: a short option wraps.
        let addrLen = (olen - 4) & 0xffff;
        const family = addUint(ot, hfRr.optClientFamily, tvb, cur, 2);
        cur += 2;
        addUint(ot, hfRr.optClientNetmask, tvb, cur, 1);
        cur++;
        addUint(ot, hfRr.optClientScope, tvb, cur, 1);
        cur++;
        if (addrLen > 16) {
          addExpert(
            pinfo,
            lenItem,
            hfRr.rrOptBadLength,
            SEVERITY.ERROR,
            'Malformed',
            'Length too long for any type of IP address.',
          );
          addrLen = 16;
        }
        tvb.ensure(cur, addrLen);
        const addr = new Uint8Array(16);
        addr.set(tvb.view(cur, addrLen));
        if (family === 1) {
          const v = ((addr[0] << 24) | (addr[1] << 16) | (addr[2] << 8) | addr[3]) >>> 0;
          ot?.add(hfRr.optClientAddr4, tvb, cur, addrLen, v, `Client Subnet: ${formatIPv4(v)}`);
        } else if (family === 2) {
          ot?.add(hfRr.optClientAddr6, tvb, cur, addrLen, addr, `Client Subnet: ${formatIPv6(addr)}`);
        } else addBytes(ot, hfRr.optClientAddr, tvb, cur, olen - 4);
        cur += olen - 4;
        rest -= olen;
        break;
      }
      case O_COOKIE: {
        addBytes(ot, hfDns.cookieClient, tvb, cur, 8);
        cur += 8;
        rest -= 8;
        olen = (olen - 8) & 0xffff;
        addBytes(ot, hfDns.cookieServer, tvb, cur, olen);
        cur += olen;
        rest -= olen;
        break;
      }
      case O_EDNS_TCP_KA:
        if (olen === 2) addUint(ot, hfRr.optEdnsTcpKeepaliveTimeout, tvb, cur, 2);
        cur += olen;
        rest -= olen;
        break;
      case O_PADDING:
        addBytes(ot, hfDns.padding, tvb, cur, olen);
        cur += olen;
        rest -= olen;
        break;
      case O_CHAIN:
        if (olen) addAscii(ot, hfRr.optChainFqdn, tvb, cur, olen);
        cur += olen;
        rest -= olen;
        break;
      case O_EXT_ERROR:
        if (olen >= 2) {
          addUint(ot, hfDns.edeInfoCode, tvb, cur, 2);
          cur += 2;
          rest -= 2;
          if (olen > 2) {
            addUtf8(ot, hfDns.edeExtraText, tvb, cur, olen - 2);
            cur += olen - 2;
            rest -= olen - 2;
          }
        }
        break;
      default:
        cur += olen;
        rest -= olen;
    }
  }
}

const SVCB_KEYS: Record<number, string> = {
  0: 'mandatory',
  1: 'alpn',
  2: 'no-default-alpn',
  3: 'port',
  4: 'ipv4hint',
  5: 'echconfig',
  6: 'ipv6hint',
  32769: 'odohconfig',
  65535: 'key65535',
};

function keyName(k: number): string {
  return SVCB_KEYS[k] ?? `key${k}`;
}

function base64(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return btoa(s);
}

/** SVCB and HTTPS records: priority, target name and SvcParams. */
export function dissectSvcb(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  const start = rd.cur;
  let cur = start;
  addUint(rt, hfRr.svcbSvcpriority, tvb, cur, 2);
  cur += 2;
  const target = readName(tvb, m, cur);
  rt?.add(hfRr.svcbTargetname, tvb, cur, target.used, target.text);
  cur += target.used;
  while (rd.len > cur - start) {
    const pt = noneItem(rt, hfRr.svcbSvcparam, rd, cur, -1);
    const key = addUint(pt, hfRr.svcbSvcparamKey, tvb, cur, 2);
    cur += 2;
    const plen = addUint(pt, hfRr.svcbSvcparamValueLength, tvb, cur, 2);
    cur += 2;
    let label = pt ? `${itemLabel(pt)}: ${keyName(key)}` : '';
    pt?.setLength(plen + 4);
    const sep = (first: boolean): string => (first ? '=' : ',');
    switch (key) {
      case 0:
        for (let o = 0; o < plen; o += 2) {
          const k = addUint(pt, hfRr.svcbSvcparamMandatoryKey, tvb, cur, 2);
          label += sep(o === 0) + keyName(k);
          cur += 2;
        }
        break;
      case 1:
        for (let o = 0; o < plen;) {
          const l = addUint(pt, hfRr.svcbSvcparamAlpnLength, tvb, cur, 1);
          cur++;
          const alpn = addAscii(pt, hfRr.svcbSvcparamAlpn, tvb, cur, l);
          cur += l;
          label += sep(o === 0) + alpn;
          o += 1 + l;
        }
        break;
      case 2:
        break;
      case 3:
        label += `=${addUint(pt, hfRr.svcbSvcparamPort, tvb, cur, 2)}`;
        cur += 2;
        break;
      case 4:
        for (let o = 0; o < plen; o += 4) {
          const v = tvb.u32(cur);
          pt?.add(hfRr.svcbSvcparamIpv4hintIp, tvb, cur, 4, v);
          label += sep(o === 0) + formatIPv4(v);
          cur += 4;
        }
        break;
      case 6:
        for (let o = 0; o < plen; o += 16) {
          tvb.ensure(cur, 16);
          const b = tvb.view(cur, 16);
          pt?.add(hfRr.svcbSvcparamIpv6hintIp, tvb, cur, 16, b);
          label += sep(o === 0) + formatIPv6(b);
          cur += 16;
        }
        break;
      case 5:
      case 32769: {
        const n = itemLength(tvb, cur, plen);
        const b = tvb.view(cur, n);
        const def = key === 5 ? hfRr.svcbSvcparamEchconfig : hfRr.svcbSvcparamOdohconfig;
        pt?.add(def, tvb, cur, n, b, `${def.name}: ${base64(b)}`);
        label += `=${base64(b)}`;
        cur += plen;
        break;
      }
      default:
        if (plen > 0) {
          addBytes(pt, hfRr.svcbSvcparamValue, tvb, cur, plen);
          label += `=${formatText(tvb.view(cur, plen))}`;
          cur += plen;
        }
    }
    if (pt) pt.label = label;
  }
}
