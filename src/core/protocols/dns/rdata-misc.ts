/**
 * Less common record data: WKS, ISDN, GPOS, LOC, A6, APL, HIP, CAA, the WINS records and XPF.
 */
import { formatIPv4, formatIPv6 } from '../../dissect/address';
import { itemLabel } from '../../dissect/format';
import { formatText } from '../media/text';
import { hfRr } from './rr-fields';
import { readName } from './names';
import { addAscii, addBytes, addIPv4, addIPv6, addUint } from './items';
import { col, nameItem, summary, type Rdata } from './rdata';
import { formatG } from './time';

export function dissectWks(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  const addr = formatIPv4(tvb.u32(cur));
  col(rd, ` ${addr}`);
  summary(rd, `, addr ${addr}`);
  addIPv4(rt, hfRr.wksAddress, tvb, cur);
  cur += 4;
  rest -= 4;
  addUint(rt, hfRr.wksProtocol, tvb, cur, 1);
  cur++;
  rest--;
  let port = 0;
  while (rest !== 0) {
    const bits = tvb.u8(cur);
    if (bits !== 0) {
      const ports: number[] = [];
      for (let mask = 0x80; mask > 0; mask >>= 1, port++) if (bits & mask) ports.push(port);
      const it = rt?.add(hfRr.wksBits, tvb, cur, 1, bits);
      if (it) it.label = `${itemLabel(it)} (${ports.join(', ')})`;
    } else port += 8;
    cur++;
    rest--;
  }
}

export function dissectIsdn(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  col(rd, ` ${rd.owner.text}`);
  const l = addUint(rt, hfRr.idsnLength, tvb, cur, 1);
  cur++;
  addAscii(rt, hfRr.idsnAddress, tvb, cur, l);
  cur += l;
  if (rd.len - 1 - l > 1) {
    const sa = addUint(rt, hfRr.idsnSaLength, tvb, cur, 1);
    addAscii(rt, hfRr.idsnSaAddress, tvb, cur + 1, sa);
  }
}

export function dissectGpos(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  col(rd, ` ${rd.owner.text}`);
  const parts = [
    [hfRr.gposLongitudeLength, hfRr.gposLongitude],
    [hfRr.gposLatitudeLength, hfRr.gposLatitude],
    [hfRr.gposAltitudeLength, hfRr.gposAltitude],
  ] as const;
  for (const [lenDef, def] of parts) {
    const l = addUint(rt, lenDef, tvb, cur, 1);
    cur++;
    addAscii(rt, def, tvb, cur, l);
    cur += l;
  }
}

/** RFC 1876 size/precision byte: mantissa * 10^exponent centimetres, in metres. */
function locSize(v: number): number {
  let size = v >> 4;
  for (let e = v & 0xf; e > 0; e--) size *= 10;
  return size / 100;
}

/** RFC 1876 latitude/longitude: thousandths of an arc second from 2^31. */
function locAngle(v: number, longitude: boolean): string {
  let angle: number;
  let dir: string;
  if (v < 0x80000000) {
    angle = 0x80000000 - v;
    dir = longitude ? 'W' : 'S';
  } else {
    angle = v - 0x80000000;
    dir = longitude ? 'E' : 'N';
  }
  if (angle > (longitude ? 648000000 : 324000000)) return 'Value out of range';
  const tsecs = angle % 1000;
  angle = Math.floor(angle / 1000);
  const secs = angle % 60;
  angle = Math.floor(angle / 60);
  const minutes = angle % 60;
  const degrees = Math.floor(angle / 60);
  return `${degrees} deg ${minutes} min ${secs}.${String(tsecs).padStart(3, '0')} sec ${dir}`;
}

export function dissectLoc(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const version = addUint(rt, hfRr.locVersion, tvb, cur, 1);
  if (version !== 0) {
    addBytes(rt, hfRr.locUnknownData, tvb, cur, rd.len);
    return;
  }
  cur++;
  for (const def of [hfRr.locSize, hfRr.locHorizontalPrecision, hfRr.locVerticalPrecision]) {
    const v = tvb.u8(cur);
    const it = rt?.add(def, tvb, cur, 1, v);
    if (it) it.label = `${itemLabel(it)} (${formatG(locSize(v))} m)`;
    cur++;
  }
  for (const [def, lon] of [
    [hfRr.locLatitude, false],
    [hfRr.locLongitude, true],
  ] as const) {
    const v = tvb.u32(cur);
    const it = rt?.add(def, tvb, cur, 4, v);
    if (it) it.label = `${itemLabel(it)} (${locAngle(v, lon)})`;
    cur += 4;
  }
  const alt = tvb.u32(cur);
  const it = rt?.add(hfRr.locAltitude, tvb, cur, 4, alt);
  if (it) it.label = `${itemLabel(it)} (${formatG((alt - 10000000) / 100)} m)`;
}

export function dissectA6(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const start = cur;
  const preLen = tvb.u8(cur);
  cur++;
  // Wireshark keeps the suffix length in an unsigned short.
  const sufLen = (128 - preLen) & 0xffff;
  const octets = sufLen ? Math.floor((sufLen - 1) / 8) + 1 : 0;
  const suffix = new Uint8Array(16);
  for (let i = Math.max(0, 16 - octets); i < 16; i++) suffix[i] = tvb.u8(cur++);
  let name = '';
  let used = 0;
  if (preLen > 0) {
    const n = readName(tvb, m, cur);
    name = n.text;
    used = n.used;
  }
  const addr = formatIPv6(suffix);
  col(rd, ` ${preLen} ${addr} ${name}`);
  let o = start;
  addUint(rt, hfRr.a6PrefixLen, tvb, o, 1);
  o++;
  if (sufLen) {
    rt?.add(hfRr.a6AddressSuffix, tvb, o, octets, suffix);
    o += octets;
  }
  if (preLen > 0) rt?.add(hfRr.a6PrefixName, tvb, o, used, name);
  summary(rd, `, addr ${preLen} ${addr} ${name}`);
}

export function dissectApl(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  col(rd, ` ${rd.owner.text}`);
  while (rest > 1) {
    const family = addUint(rt, hfRr.aplAddressFamily, tvb, cur, 2);
    cur += 2;
    rest -= 2;
    addUint(rt, hfRr.aplCodedPrefix, tvb, cur, 1);
    cur++;
    rest--;
    const b = tvb.u8(cur);
    const afdLen = b & 0x7f;
    rt?.add(hfRr.aplNegation, tvb, cur, 1, b & 0x80 ? 1 : 0);
    rt?.add(hfRr.aplAfdlength, tvb, cur, 1, afdLen);
    cur++;
    rest--;
    if (family === 1 && afdLen <= 4) {
      tvb.ensure(cur, afdLen);
      const a = new Uint8Array(4);
      a.set(tvb.view(cur, afdLen));
      const v = ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;
      rt?.add(hfRr.aplAfdpartIpv4, tvb, cur, afdLen, v);
    } else if (family === 2 && afdLen <= 16) {
      tvb.ensure(cur, afdLen);
      const a = new Uint8Array(16);
      a.set(tvb.view(cur, afdLen));
      rt?.add(hfRr.aplAfdpartIpv6, tvb, cur, afdLen, a);
    } else addBytes(rt, hfRr.aplAfdpartData, tvb, cur, afdLen);
    cur += afdLen;
    rest -= afdLen;
  }
}

export function dissectHip(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  col(rd, ` ${rd.owner.text}`);
  const hitLen = addUint(rt, hfRr.hipHitLength, tvb, cur, 1);
  cur++;
  rest--;
  addUint(rt, hfRr.hipHitPkAlgo, tvb, cur, 1);
  cur++;
  rest--;
  const pkLen = addUint(rt, hfRr.hipPkLength, tvb, cur, 2);
  cur += 2;
  rest -= 2;
  addBytes(rt, hfRr.hipHit, tvb, cur, hitLen);
  cur += hitLen;
  rest -= hitLen;
  addBytes(rt, hfRr.hipPk, tvb, cur, pkLen);
  cur += pkLen;
  rest -= pkLen;
  while (rest > 1) {
    const n = nameItem(rd, hfRr.hipRendezvousServer, cur);
    cur += n.used;
    rest -= n.used;
  }
}

/** strncmp(tag, want, tagLen) === 0 on the C string `tag`. */
function tagIs(tag: string, want: string, tagLen: number): boolean {
  for (let i = 0; i < tagLen; i++) {
    const a = i < tag.length ? tag.charCodeAt(i) : 0;
    const b = i < want.length ? want.charCodeAt(i) : 0;
    if (a !== b) return false;
    if (a === 0) return true;
  }
  return true;
}

export function dissectCaa(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const flags = tvb.u8(cur);
  if (rt) rt.add(hfRr.caaFlags, tvb, cur, 1, flags).add(hfRr.caaFlagsIssuerCritical, tvb, cur, 1, flags >> 7);
  cur++;
  const tagLen = tvb.u8(cur);
  tvb.ensure(cur + 1, tagLen);
  const tag = cString(tvb.view(cur + 1, tagLen));
  const valueLen = (rd.len - (tagLen + 2)) & 0xffff;
  tvb.ensure(cur + 1 + tagLen, valueLen);
  const raw = tvb.view(cur + 1 + tagLen, valueLen);
  // The value is first decoded as ASCII (high bytes become U+FFFD), then valueLen bytes of that
  // UTF-8 text are formatted.
  let text = '';
  for (const c of raw) text += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  const value = formatText(new TextEncoder().encode(text).subarray(0, valueLen));
  const def = tagIs(tag, 'issue', tagLen)
    ? hfRr.caaIssue
    : tagIs(tag, 'issuewild', tagLen)
      ? hfRr.caaIssuewild
      : tagIs(tag, 'iodef', tagLen)
        ? hfRr.caaIodef
        : hfRr.caaUnknown;
  if (rt) {
    const ct = rt.add(def, tvb, cur, 1 + tagLen + valueLen, value);
    ct.add(hfRr.caaTagLength, tvb, cur, 1, tagLen);
    ct.add(hfRr.caaTag, tvb, cur + 1, tagLen, tag);
    ct.add(hfRr.caaValue, tvb, cur + 1 + tagLen, valueLen, value);
  }
}

/** ENC_ASCII bytes as the C string Wireshark works with (ends at a NUL). */
function cString(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return s;
}

export function dissectWins(rd: Rdata, reverse: boolean): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  const flag = tvb.u32(cur);
  rt?.add(reverse ? hfRr.winsrLocalFlag : hfRr.winsLocalFlag, tvb, cur, 4, flag & 1);
  cur += 4;
  rest -= 4;
  addUint(rt, reverse ? hfRr.winsrLookupTimeout : hfRr.winsLookupTimeout, tvb, cur, 4);
  cur += 4;
  rest -= 4;
  addUint(rt, reverse ? hfRr.winsrCacheTimeout : hfRr.winsCacheTimeout, tvb, cur, 4);
  cur += 4;
  rest -= 4;
  if (reverse) {
    const n = nameItem(rd, hfRr.winsrNameResultDomain, cur);
    col(rd, ` ${n.text}`);
    summary(rd, `, name result domain ${n.text}`);
    return;
  }
  let servers = addUint(rt, hfRr.winsNbWinsServers, tvb, cur, 4);
  cur += 4;
  rest -= 4;
  while (rest !== 0 && servers !== 0) {
    addIPv4(rt, hfRr.winsWinsServer, tvb, cur);
    cur += 4;
    rest -= 4;
    servers--;
  }
}

export function dissectXpf(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const version = addUint(rt, hfRr.xpfIpVersion, tvb, cur, 1);
  cur++;
  if (version !== 4 && version !== 6) return;
  addUint(rt, hfRr.xpfProtocol, tvb, cur, 1);
  cur++;
  if (version === 4) {
    addIPv4(rt, hfRr.xpfSourceIpv4, tvb, cur);
    addIPv4(rt, hfRr.xpfDestinationIpv4, tvb, cur + 4);
    cur += 8;
  } else {
    addIPv6(rt, hfRr.xpfSourceIpv6, tvb, cur);
    addIPv6(rt, hfRr.xpfDestinationIpv6, tvb, cur + 16);
    cur += 32;
  }
  addUint(rt, hfRr.xpfSport, tvb, cur, 2);
  addUint(rt, hfRr.xpfDport, tvb, cur + 2, 2);
}
