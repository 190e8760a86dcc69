/**
 * Resource-record data by type (the switch of Wireshark's dissect_dns_answer): what each type
 * adds to the tree, to the record's summary line and to the Info column. Types without a
 * decoder get the "not implemented" expert and dns.data, as in tshark 4.0.
 */
import { formatIPv4, formatIPv6 } from '../../dissect/address';
import type { ProtoNode } from '../../dissect/tree';
import { SEVERITY } from '../../dissect/expert';
import { hfDns } from './fields';
import { hfRr } from './rr-fields';
import { readName, type DnsName } from './names';
import { addExpert } from './expert';
import { addAscii, addBytes, addIPv4, addUint, addUtf8 } from './items';
import type { DnsCtx } from './records';
import { timeSecs } from './time';
import { dissectOptions, dissectSvcb } from './rdata-opt';
import {
  dissectA6,
  dissectApl,
  dissectCaa,
  dissectGpos,
  dissectHip,
  dissectIsdn,
  dissectLoc,
  dissectWins,
  dissectWks,
  dissectXpf,
} from './rdata-misc';
import {
  dissectCert,
  dissectDnskey,
  dissectDs,
  dissectIpseckey,
  dissectKey,
  dissectNsec3,
  dissectNsec3Param,
  dissectRrsig,
  dissectSshfp,
  dissectTkey,
  dissectTlsa,
  dissectTsig,
  dissectTypeBitmap,
  dissectTypeBitmapNxt,
} from './rdata-sec';

/** One record's data being dissected. */
export interface Rdata {
  ctx: DnsCtx;
  /** The record's subtree (null without a tree). */
  rt: ProtoNode | null;
  /** Offset of the data. */
  cur: number;
  /** RDLENGTH. */
  len: number;
  /** The record's owner name (some types show it in the Info column). */
  owner: DnsName;
}

/** Appends to the Info column. */
export function col(rd: Rdata, text: string): void {
  rd.ctx.pinfo.cols?.appendInfo(text);
}

/** Appends to the record's summary line. */
export function summary(rd: Rdata, text: string): void {
  rd.rt?.appendLabel(text);
}

/** A domain name inside the data, added as a string item; returns the name. */
export function nameItem(rd: Rdata, def: Parameters<typeof addUint>[1], offset: number): DnsName {
  const n = readName(rd.ctx.tvb, rd.ctx.m, offset);
  rd.rt?.add(def, rd.ctx.tvb, offset, n.used, n.text);
  return n;
}

/** Types that name their owner in the Info column and carry one domain name. */
const OWNER_AND_NAME: Record<number, keyof typeof hfRr> = {
  3: 'md',
  4: 'mf',
  7: 'mb',
  8: 'mg',
  9: 'mr',
  23: 'nsapPtrOwner',
};

export function dissectRdata(
  ctx: DnsCtx,
  rt: ProtoNode | null,
  cur: number,
  len: number,
  type: number,
  owner: DnsName,
): void {
  const rd: Rdata = { ctx, rt, cur, len, owner };
  const { tvb } = ctx;
  const ownerKey = OWNER_AND_NAME[type];
  if (ownerKey) {
    col(rd, ` ${owner.text}`);
    nameItem(rd, hfRr[ownerKey], cur);
    return;
  }
  switch (type) {
    case 1: {
      const v = tvb.u32(cur);
      const s = formatIPv4(v);
      col(rd, ` ${s}`);
      summary(rd, `, addr ${s}`);
      rt?.add(hfDns.a, tvb, cur, 4, v);
      return;
    }
    case 2:
    case 5:
    case 12:
    case 39: {
      const n = readName(tvb, ctx.m, cur);
      const def = type === 2 ? hfDns.ns : type === 5 ? hfDns.cname : type === 12 ? hfDns.ptr : hfRr.dname;
      const label = type === 2 ? 'ns ' : type === 5 ? 'cname ' : type === 39 ? 'dname ' : '';
      col(rd, ` ${n.text}`);
      summary(rd, `, ${label}${n.text}`);
      rt?.add(def, tvb, cur, n.used, n.text);
      return;
    }
    case 6:
      return dissectSoa(rd);
    case 10:
      col(rd, ` ${owner.text}`);
      addBytes(rt, hfRr.null, tvb, cur, len);
      return;
    case 11:
      return dissectWks(rd);
    case 13:
      return dissectHinfo(rd);
    case 14:
      col(rd, ` ${owner.text}`);
      cur += nameItem(rd, hfRr.minfoR, cur).used;
      nameItem(rd, hfRr.minfoE, cur);
      return;
    case 15: {
      const pref = tvb.u16(cur);
      const n = readName(tvb, ctx.m, cur + 2);
      col(rd, ` ${pref} ${n.text}`);
      summary(rd, `, preference ${pref}, mx ${n.text}`);
      addUint(rt, hfDns.mxPreference, tvb, cur, 2);
      rt?.add(hfDns.mxExchange, tvb, cur + 2, n.used, n.text);
      return;
    }
    case 16:
    case 99:
      return dissectTexts(rd, type === 16);
    case 17:
      col(rd, ` ${owner.text}`);
      cur += nameItem(rd, hfRr.rpMailbox, cur).used;
      nameItem(rd, hfRr.rpTxtRr, cur);
      return;
    case 18:
    case 21: {
      col(rd, ` ${owner.text}`);
      const n = readName(tvb, ctx.m, cur + 2);
      addUint(rt, type === 18 ? hfRr.afsdbSubtype : hfRr.rtSubtype, tvb, cur, 2);
      rt?.add(type === 18 ? hfRr.afsdbHostname : hfRr.rtIntermediateHost, tvb, cur + 2, n.used, n.text);
      return;
    }
    case 19: {
      col(rd, ` ${owner.text}`);
      const l = addUint(rt, hfRr.x25Length, tvb, cur, 1);
      addAscii(rt, hfRr.x25PsdnAddress, tvb, cur + 1, l);
      return;
    }
    case 20:
      return dissectIsdn(rd);
    case 22:
      col(rd, ` ${owner.text}`);
      addBytes(rt, hfRr.nsapRdata, tvb, cur, len);
      return;
    case 24:
    case 46:
      return dissectRrsig(rd);
    case 25:
      return dissectKey(rd);
    case 26:
      col(rd, ` ${owner.text}`);
      addUint(rt, hfRr.pxPreference, tvb, cur, 2);
      cur += 2;
      cur += nameItem(rd, hfRr.pxMap822, cur).used;
      nameItem(rd, hfRr.pxMap400, cur);
      return;
    case 27:
      return dissectGpos(rd);
    case 28: {
      tvb.ensure(cur, 16);
      const b = tvb.view(cur, 16);
      const s = formatIPv6(b);
      col(rd, ` ${s}`);
      summary(rd, `, addr ${s}`);
      rt?.add(hfDns.aaaa, tvb, cur, 16, b);
      return;
    }
    case 29:
      return dissectLoc(rd);
    case 30: {
      const n = readName(tvb, ctx.m, cur);
      col(rd, ` ${n.text}`);
      summary(rd, `, next domain name ${n.text}`);
      rt?.add(hfRr.nxtNextDomainName, tvb, cur, n.used, n.text);
      dissectTypeBitmapNxt(rd, cur + n.used, len - n.used);
      return;
    }
    case 33:
      return dissectSrv(rd);
    case 35:
      return dissectNaptr(rd);
    case 36: {
      const n = readName(tvb, ctx.m, cur + 2);
      const pref = tvb.u16(cur);
      col(rd, ` ${pref} ${n.text}`);
      summary(rd, `, preference ${pref}, kx ${n.text}`);
      addUint(rt, hfRr.kxPreference, tvb, cur, 2);
      rt?.add(hfRr.kxKeyExchange, tvb, cur + 2, n.used, n.text);
      return;
    }
    case 37:
      return dissectCert(rd);
    case 38:
      return dissectA6(rd);
    case 41:
      return dissectOptions(rd);
    case 42:
      return dissectApl(rd);
    case 43:
    case 59:
    case 32769:
      return dissectDs(rd);
    case 44:
      return dissectSshfp(rd);
    case 45:
      return dissectIpseckey(rd);
    case 47: {
      const n = readName(tvb, ctx.m, cur);
      col(rd, ` ${n.text}`);
      summary(rd, `, next domain name ${n.text}`);
      rt?.add(hfRr.nsecNextDomainName, tvb, cur, n.used, n.text);
      dissectTypeBitmap(rd, cur + n.used, len - n.used);
      return;
    }
    case 48:
    case 60:
      return dissectDnskey(rd);
    case 49:
      col(rd, ` ${owner.text}`);
      addBytes(rt, hfRr.dhcidRdata, tvb, cur, len);
      return;
    case 50:
      return dissectNsec3(rd);
    case 51:
      return dissectNsec3Param(rd);
    case 52:
      return dissectTlsa(rd);
    case 55:
      return dissectHip(rd);
    case 61:
      addAscii(rt, hfRr.openpgpkey, tvb, cur, len);
      return;
    case 62: {
      addUint(rt, hfRr.csyncSoa, tvb, cur, 4);
      const flags = tvb.u16(cur + 4);
      if (rt) {
        const ft = rt.add(hfRr.csyncFlags, tvb, cur + 4, 2, flags);
        ft.add(hfRr.csyncFlagsImmediate, tvb, cur + 4, 2, flags & 1);
        ft.add(hfRr.csyncFlagsSoaminimum, tvb, cur + 4, 2, (flags >> 1) & 1);
      }
      addBytes(rt, hfRr.csyncTypeBitmap, tvb, cur + 6, len - 6);
      dissectTypeBitmap(rd, cur + 6, len - 6);
      return;
    }
    case 63:
      addUint(rt, hfRr.zonemdSerial, tvb, cur, 4);
      addUint(rt, hfRr.zonemdScheme, tvb, cur + 4, 1);
      addUint(rt, hfRr.zonemdHashAlgo, tvb, cur + 5, 1);
      addBytes(rt, hfRr.zonemdDigest, tvb, cur + 6, len - 6);
      return;
    case 64:
    case 65:
      return dissectSvcb(rd);
    case 104:
    case 106:
      addUint(rt, type === 104 ? hfRr.ilnpNidPreference : hfRr.ilnpL64Preference, tvb, cur, 2);
      addBytes(rt, type === 104 ? hfRr.ilnpNid : hfRr.ilnpL64, tvb, cur + 2, 8);
      return;
    case 105:
      addUint(rt, hfRr.ilnpL32Preference, tvb, cur, 2);
      addIPv4(rt, hfRr.ilnpL32, tvb, cur + 2);
      return;
    case 107:
      addUint(rt, hfRr.ilnpLpPreference, tvb, cur, 2);
      nameItem(rd, hfRr.ilnpLp, cur + 2);
      return;
    case 108:
      tvb.ensure(cur, 6);
      rt?.add(hfRr.eui48, tvb, cur, 6, tvb.view(cur, 6));
      return;
    case 109: {
      tvb.ensure(cur, 8);
      const b = Array.from(tvb.view(cur, 8), (x) => x.toString(16).padStart(2, '0')).join(':');
      rt?.add(hfRr.eui64, tvb, cur, 8, b);
      return;
    }
    case 249:
      return dissectTkey(rd);
    case 250:
      return dissectTsig(rd);
    case 257:
      return dissectCaa(rd);
    case 65281:
    case 65282:
      return dissectWins(rd, type === 65282);
    case 65422:
      return dissectXpf(rd);
    default:
      addExpert(
        ctx.pinfo,
        rt,
        hfDns.undecodedType,
        SEVERITY.NOTE,
        'Undecoded',
        `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`,
      );
      addBytes(rt, hfDns.rdata, tvb, cur, len);
  }
}

function dissectSoa(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const mname = readName(tvb, m, cur);
  col(rd, ` ${mname.text}`);
  summary(rd, `, mname ${mname.text}`);
  rt?.add(hfDns.soaMname, tvb, cur, mname.used, mname.text);
  cur += mname.used;
  cur += nameItem(rd, hfDns.soaRname, cur).used;
  addUint(rt, hfDns.soaSerial, tvb, cur, 4);
  cur += 4;
  for (const def of [hfDns.soaRefresh, hfDns.soaRetry, hfDns.soaExpire, hfDns.soaMinimum]) {
    const v = tvb.u32(cur);
    rt?.add(def, tvb, cur, 4, v, `${def.name}: ${v} (${timeSecs(v)})`);
    cur += 4;
  }
}

function dissectHinfo(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  const cur = rd.cur;
  const cpuLen = tvb.u8(cur);
  tvb.ensure(cur + 1, cpuLen);
  const cpu = textOf(tvb.view(cur + 1, cpuLen));
  const osOff = cur + 1 + cpuLen;
  const osLen = tvb.u8(osOff);
  tvb.ensure(osOff + 1, osLen);
  const os = textOf(tvb.view(osOff + 1, osLen));
  col(rd, ` ${cpu} ${os}`);
  summary(rd, `, CPU ${cpu}, OS ${os}`);
  addUint(rt, hfDns.hinfoCpuLength, tvb, cur, 1);
  addAscii(rt, hfDns.hinfoCpu, tvb, cur + 1, cpuLen);
  addUint(rt, hfDns.hinfoOsLength, tvb, osOff, 1);
  addAscii(rt, hfDns.hinfoOs, tvb, osOff + 1, osLen);
}

/** An ENC_ASCII string as printf("%.*s") shows it: cut at the first NUL. */
function textOf(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return s;
}

/** TXT (ASCII, or UTF-8 in mDNS) and SPF: length-prefixed strings filling the data. */
function dissectTexts(rd: Rdata, txt: boolean): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let rest = rd.len;
  let o = rd.cur;
  while (rest !== 0) {
    const l = addUint(rt, txt ? hfDns.txtLength : hfRr.spfLength, tvb, o, 1);
    o++;
    rest--;
    if (!txt) addAscii(rt, hfRr.spf, tvb, o, l);
    else if (rd.ctx.flavor === 'mdns') addUtf8(rt, hfDns.txt, tvb, o, l);
    else addAscii(rt, hfDns.txt, tvb, o, l);
    o += l;
    rest -= l;
  }
}

function dissectSrv(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const prio = addUint(rt, hfDns.srvPriority, tvb, cur, 2);
  const weight = addUint(rt, hfDns.srvWeight, tvb, cur + 2, 2);
  const port = addUint(rt, hfDns.srvPort, tvb, cur + 4, 2);
  cur += 6;
  const n = readName(tvb, m, cur);
  rt?.add(hfDns.srvTarget, tvb, cur, n.used, n.text);
  col(rd, ` ${prio} ${weight} ${port} ${n.text}`);
  summary(rd, `, priority ${prio}, weight ${weight}, port ${port}, target ${n.text}`);
}

function dissectNaptr(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let o = rd.cur;
  const order = addUint(rt, hfRr.naptrOrder, tvb, o, 2);
  o += 2;
  const pref = addUint(rt, hfRr.naptrPreference, tvb, o, 2);
  o += 2;
  const flagsLen = addUint(rt, hfRr.naptrFlagsLength, tvb, o, 1);
  o++;
  const flags = addAscii(rt, hfRr.naptrFlags, tvb, o, flagsLen);
  o += flagsLen;
  const serviceLen = addUint(rt, hfRr.naptrServiceLength, tvb, o, 1);
  o++;
  addAscii(rt, hfRr.naptrService, tvb, o, serviceLen);
  o += serviceLen;
  const regexLen = addUint(rt, hfRr.naptrRegexLength, tvb, o, 1);
  o++;
  addAscii(rt, hfRr.naptrRegex, tvb, o, regexLen);
  o += regexLen;
  const n = readName(tvb, m, o);
  rt?.add(hfRr.naptrReplacementLength, tvb, o, 0, n.nameLen).setGenerated();
  rt?.add(hfRr.naptrReplacement, tvb, o, n.used, n.text);
  col(rd, ` ${order} ${pref} ${flags}`);
  summary(rd, `, order ${order}, preference ${pref}, flags ${flags}`);
}
