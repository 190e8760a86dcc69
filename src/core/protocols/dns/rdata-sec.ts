/**
 * DNSSEC and key-related record data: KEY/DNSKEY (with the key tag), RRSIG/SIG, NSEC/NXT type
 * bitmaps, NSEC3 and NSEC3PARAM, DS, SSHFP, IPSECKEY, CERT, TLSA, TKEY and TSIG.
 */
import { SEVERITY } from '../../dissect/expert';
import { itemLabel } from '../../dissect/format';
import { hfDns } from './fields';
import { hfRr } from './rr-fields';
import { readName } from './names';
import { addExpert } from './expert';
import { addBytes, addIPv4, addIPv6, addUint } from './items';
import { nameItem, type Rdata } from './rdata';
import { timeSecs } from './time';
import { DNS_TYPES } from './values';

const ALGO_RSAMD5 = 1;

/** RFC 4034 appendix B key tag over the whole RDATA ([offset, offset+size)). */
function keyId(rd: Rdata, offset: number, size: number, algo: number): number | null {
  const { tvb } = rd.ctx;
  if (size < 4) {
    addExpert(
      rd.ctx.pinfo,
      rd.rt,
      hfRr.keyIdBufferTooShort,
      SEVERITY.WARN,
      'Protocol',
      'Buffer too short to compute a key id',
    );
    return null;
  }
  if (algo === ALGO_RSAMD5) return (tvb.u8(offset + size - 3) << 8) + tvb.u8(offset + size - 2);
  let ac = 0;
  for (; size > 1; size -= 2, offset += 2) ac += (tvb.u8(offset) << 8) + tvb.u8(offset + 1);
  if (size > 0) ac += tvb.u8(offset) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

export function dissectKey(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  const flags = tvb.u16(cur);
  if (rt) {
    const ft = rt.add(hfRr.keyFlags, tvb, cur, 2, flags);
    const bit = (def: typeof hfRr.keyFlags, mask: number): void => {
      ft.add(def, tvb, cur, 2, flags & mask ? 1 : 0);
    };
    bit(hfRr.keyFlagsAuthentication, 0x8000);
    bit(hfRr.keyFlagsConfidentiality, 0x4000);
    if ((flags & 0xc000) !== 0xc000) {
      bit(hfRr.keyFlagsRequired, 0x2000);
      bit(hfRr.keyFlagsAssociatedUser, 0x0400);
      bit(hfRr.keyFlagsAssociatedNamedEntity, 0x0200);
      bit(hfRr.keyFlagsIpsec, 0x0080);
      bit(hfRr.keyFlagsMime, 0x0040);
      ft.add(hfRr.keyFlagsSignatory, tvb, cur, 2, flags & 0xf);
    }
  }
  cur += 2;
  rest -= 2;
  addUint(rt, hfRr.keyProtocol, tvb, cur, 1);
  cur++;
  rest--;
  const algo = addUint(rt, hfRr.keyAlgorithm, tvb, cur, 1);
  cur++;
  rest--;
  const id = keyId(rd, cur - 4, rest + 4, algo);
  if (id !== null) rt?.add(hfRr.keyKeyId, tvb, 0, 0, id).setGenerated();
  if (rest !== 0) addBytes(rt, hfRr.keyPublicKey, tvb, cur, rest);
}

export function dissectDnskey(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  const flags = tvb.u16(cur);
  if (rt) {
    const ft = rt.add(hfRr.dnskeyFlags, tvb, cur, 2, flags);
    ft.add(hfRr.dnskeyFlagsZoneKey, tvb, cur, 2, flags & 0x0100 ? 1 : 0);
    ft.add(hfRr.dnskeyFlagsKeyRevoked, tvb, cur, 2, flags & 0x0080 ? 1 : 0);
    ft.add(hfRr.dnskeyFlagsSecureEntryPoint, tvb, cur, 2, flags & 0x0001 ? 1 : 0);
    ft.add(hfRr.dnskeyFlagsReserved, tvb, cur, 2, (flags & 0xfe7e) >> 1);
  }
  cur += 2;
  rest -= 2;
  addUint(rt, hfRr.dnskeyProtocol, tvb, cur, 1);
  cur++;
  rest--;
  const algo = addUint(rt, hfRr.dnskeyAlgorithm, tvb, cur, 1);
  cur++;
  rest--;
  const id = keyId(rd, cur - 4, rest + 4, algo);
  if (id !== null) rt?.add(hfRr.dnskeyKeyId, tvb, 0, 0, id).setGenerated();
  addBytes(rt, hfRr.dnskeyPublicKey, tvb, cur, rest);
}

export function dissectRrsig(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  addUint(rt, hfRr.rrsigTypeCovered, tvb, cur, 2);
  addUint(rt, hfRr.rrsigAlgorithm, tvb, cur + 2, 1);
  addUint(rt, hfRr.rrsigLabels, tvb, cur + 3, 1);
  const ttl = tvb.u32(cur + 4);
  rt?.add(hfRr.rrsigOriginalTtl, tvb, cur + 4, 4, ttl, `Original TTL: ${ttl} (${timeSecs(ttl)})`);
  const exp = tvb.u32(cur + 8);
  rt?.add(hfRr.rrsigSignatureExpiration, tvb, cur + 8, 4, { sec: exp, nsec: 0 });
  const inc = tvb.u32(cur + 12);
  rt?.add(hfRr.rrsigSignatureInception, tvb, cur + 12, 4, { sec: inc, nsec: 0 });
  addUint(rt, hfRr.rrsigKeyTag, tvb, cur + 16, 2);
  cur += 18;
  rest -= 18;
  const n = readName(tvb, m, cur);
  rt?.add(hfRr.rrsigSignersName, tvb, cur, n.used, n.text);
  cur += n.used;
  rest -= n.used;
  if (rest !== 0) addBytes(rt, hfRr.rrsigSignature, tvb, cur, rest);
}

/** An RR type listed in a type bitmap: shown as another dns.resp.type item. */
function bitmapType(rd: Rdata, offset: number, type: number): void {
  rd.rt?.add(
    hfDns.respType,
    rd.ctx.tvb,
    offset,
    1,
    type,
    `RR type in bit map: ${DNS_TYPES.get(type) ?? `Unknown (${type})`}`,
  );
}

/** NSEC/NSEC3/CSYNC windowed type bitmap (RFC 4034 section 4.1.2). */
export function dissectTypeBitmap(rd: Rdata, cur: number, rest: number): void {
  const { tvb } = rd.ctx;
  while (rest !== 0) {
    const base = tvb.u8(cur);
    let size = tvb.u8(cur + 1);
    cur += 2;
    rest -= 2;
    let type = base * 256;
    for (; size > 0; size--) {
      const bits = tvb.u8(cur);
      for (let mask = 0x80; mask > 0; mask >>= 1, type++) if (bits & mask) bitmapType(rd, cur, type);
      cur++;
      rest--;
    }
  }
}

/** NXT's plain type bitmap (RFC 2535). */
export function dissectTypeBitmapNxt(rd: Rdata, cur: number, rest: number): void {
  const { tvb } = rd.ctx;
  let type = 0;
  while (rest !== 0) {
    const bits = tvb.u8(cur);
    for (let mask = 0x80; mask > 0; mask >>= 1, type++) if (bits & mask) bitmapType(rd, cur, type);
    cur++;
    rest--;
  }
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

export function dissectNsec3(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  const start = rd.cur;
  let cur = start;
  addUint(rt, hfRr.nsec3Algo, tvb, cur, 1);
  cur++;
  const flags = tvb.u8(cur);
  if (rt) rt.add(hfRr.nsec3Flags, tvb, cur, 1, flags).add(hfRr.nsec3FlagsOptOut, tvb, cur, 1, flags & 1);
  cur++;
  addUint(rt, hfRr.nsec3Iterations, tvb, cur, 2);
  cur += 2;
  const saltLen = addUint(rt, hfRr.nsec3SaltLength, tvb, cur, 1);
  cur++;
  addBytes(rt, hfRr.nsec3SaltValue, tvb, cur, saltLen);
  cur += saltLen;
  const hashLen = addUint(rt, hfRr.nsec3HashLength, tvb, cur, 1);
  cur++;
  if (hashLen) {
    let s = '';
    for (let bit = 0; bit >> 3 < hashLen; bit += 5) s += BASE32HEX[bits5(rd, cur * 8 + bit)];
    rt?.add(hfRr.nsec3HashValue, tvb, cur, hashLen, s).setGenerated();
    cur += hashLen;
  }
  dissectTypeBitmap(rd, cur, rd.len - (cur - start));
}

/** tvb_get_bits8(tvb, bitOffset, 5): reads the byte(s) the 5 bits fall in. */
function bits5(rd: Rdata, bitOffset: number): number {
  const { tvb } = rd.ctx;
  const byte = bitOffset >> 3;
  const shift = bitOffset & 7;
  const word = shift <= 3 ? tvb.u8(byte) << 8 : tvb.u16(byte);
  return (word >> (11 - shift)) & 0x1f;
}

export function dissectNsec3Param(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  const cur = rd.cur;
  rd.ctx.pinfo.cols?.appendInfo(` ${rd.owner.text}`);
  addUint(rt, hfRr.nsec3Algo, tvb, cur, 1);
  addUint(rt, hfRr.nsec3Flags, tvb, cur + 1, 1);
  addUint(rt, hfRr.nsec3Iterations, tvb, cur + 2, 2);
  const saltLen = addUint(rt, hfRr.nsec3SaltLength, tvb, cur + 4, 1);
  addBytes(rt, hfRr.nsec3SaltValue, tvb, cur + 5, saltLen);
}

export function dissectDs(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  const cur = rd.cur;
  addUint(rt, hfRr.dsKeyId, tvb, cur, 2);
  addUint(rt, hfRr.dsAlgorithm, tvb, cur + 2, 1);
  addUint(rt, hfRr.dsDigestType, tvb, cur + 3, 1);
  addBytes(rt, hfRr.dsDigest, tvb, cur + 4, rd.len - 4);
}

export function dissectSshfp(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  addUint(rt, hfRr.sshfpAlgorithm, tvb, rd.cur, 1);
  addUint(rt, hfRr.sshfpFingerprintType, tvb, rd.cur + 1, 1);
  if (rd.len - 2 !== 0) addBytes(rt, hfRr.sshfpFingerprint, tvb, rd.cur + 2, rd.len - 2);
}

export function dissectIpseckey(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  let rest = rd.len;
  addUint(rt, hfRr.ipseckeyGatewayPrecedence, tvb, cur, 1);
  const gwType = addUint(rt, hfRr.ipseckeyGatewayType, tvb, cur + 1, 1);
  addUint(rt, hfRr.ipseckeyGatewayAlgorithm, tvb, cur + 2, 1);
  cur += 3;
  rest -= 3;
  if (gwType === 1) {
    addIPv4(rt, hfRr.ipseckeyGatewayIpv4, tvb, cur);
    cur += 4;
    rest -= 4;
  } else if (gwType === 2) {
    addIPv6(rt, hfRr.ipseckeyGatewayIpv6, tvb, cur);
    cur += 16;
    rest -= 16;
  } else if (gwType === 3) {
    const n = nameItem(rd, hfRr.ipseckeyGatewayDns, cur);
    cur += n.used;
    rest -= n.used;
  }
  if (rest !== 0) addBytes(rt, hfRr.ipseckeyPublicKey, tvb, cur, rest);
}

export function dissectCert(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  addUint(rt, hfRr.certType, tvb, rd.cur, 2);
  addUint(rt, hfRr.certKeyTag, tvb, rd.cur + 2, 2);
  addUint(rt, hfRr.certAlgorithm, tvb, rd.cur + 4, 1);
  if (rd.len - 5 !== 0) addBytes(rt, hfRr.certCertificate, tvb, rd.cur + 5, rd.len - 5);
}

export function dissectTlsa(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  rd.ctx.pinfo.cols?.appendInfo(` ${rd.owner.text}`);
  addUint(rt, hfRr.tlsaCertificateUsage, tvb, rd.cur, 1);
  addUint(rt, hfRr.tlsaSelector, tvb, rd.cur + 1, 1);
  addUint(rt, hfRr.tlsaMatchingType, tvb, rd.cur + 2, 1);
  addBytes(rt, hfRr.tlsaCertificateAssociationData, tvb, rd.cur + 3, rd.len - 3);
}

export function dissectTkey(rd: Rdata): void {
  const { tvb } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  cur += nameItem(rd, hfRr.tkeyAlgoName, cur).used;
  rt?.add(hfRr.tkeySignatureInception, tvb, cur, 4, { sec: tvb.u32(cur), nsec: 0 });
  cur += 4;
  rt?.add(hfRr.tkeySignatureExpiration, tvb, cur, 4, { sec: tvb.u32(cur), nsec: 0 });
  cur += 4;
  addUint(rt, hfRr.tkeyMode, tvb, cur, 2);
  cur += 2;
  addUint(rt, hfRr.tkeyError, tvb, cur, 2);
  cur += 2;
  const keyLen = addUint(rt, hfRr.tkeyKeySize, tvb, cur, 2);
  cur += 2;
  if (keyLen !== 0) {
    addBytes(rt, hfRr.tkeyKeyData, tvb, cur, keyLen);
    cur += keyLen;
  }
  const otherLen = addUint(rt, hfRr.tkeyOtherSize, tvb, cur, 2);
  cur += 2;
  if (otherLen !== 0) addBytes(rt, hfRr.tkeyOtherData, tvb, cur, otherLen);
}

export function dissectTsig(rd: Rdata): void {
  const { tvb, m } = rd.ctx;
  const rt = rd.rt;
  let cur = rd.cur;
  const alg = readName(tvb, m, cur);
  rt?.add(hfRr.tsigAlgorithmName, tvb, cur, alg.used, alg.text);
  cur += alg.used;
  const high = tvb.u16(cur);
  const sec = high * 2 ** 32 + tvb.u32(cur + 2);
  const ti = rt?.add(hfRr.tsigTimeSigned, tvb, cur, 6, { sec, nsec: 0 });
  if (high && ti) ti.label = itemLabel(ti) + ' (high bits set)';
  cur += 6;
  addUint(rt, hfRr.tsigFudge, tvb, cur, 2);
  cur += 2;
  const macLen = addUint(rt, hfRr.tsigMacSize, tvb, cur, 2);
  cur += 2;
  if (macLen !== 0) {
    tvb.ensure(cur, 0);
    const mac = rt ? rt.add(hfRr.tsigMac, tvb, cur, Math.min(macLen, tvb.remaining(cur)), null) : null;
    addExpert(
      rd.ctx.pinfo,
      mac,
      hfRr.tsigNoalg,
      SEVERITY.WARN,
      'Undecoded',
      `No dissector for algorithm:${alg.text}`,
    );
    cur += macLen;
  }
  addUint(rt, hfRr.tsigOriginalId, tvb, cur, 2);
  cur += 2;
  addUint(rt, hfRr.tsigError, tvb, cur, 2);
  cur += 2;
  const otherLen = addUint(rt, hfRr.tsigOtherLen, tvb, cur, 2);
  cur += 2;
  if (otherLen !== 0) addBytes(rt, hfRr.tsigOtherData, tvb, cur, otherLen);
}
