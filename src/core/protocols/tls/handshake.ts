import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { dissectCertificate } from '../x509/certificate';
import { addSigAlg, dissectExtensions, type ExtContext } from './extensions';
import { hfTls } from './fields';
import { md5Hex } from './md5';
import { TLS13, type TlsSessionState } from './session';
import { addBytes, isGrease } from './util';
import { HANDSHAKE_TYPES } from './values-data';

/** The HelloRetryRequest "random" (RFC 8446 4.1.3). */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

export const HS = {
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  NEW_SESSION_TICKET: 4,
  ENCRYPTED_EXTENSIONS: 8,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  CERTIFICATE_REQUEST: 13,
  SERVER_HELLO_DONE: 14,
  CERTIFICATE_VERIFY: 15,
  CLIENT_KEY_EXCHANGE: 16,
  FINISHED: 20,
} as const;

export function handshakeName(type: number): string {
  return HANDSHAKE_TYPES.get(type) ?? `Unknown (${type})`;
}

function hexOf(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Whether a ServerHello's random marks it as a HelloRetryRequest. */
export function isHelloRetry(tvb: Tvb, bodyOff: number): boolean {
  return tvb.has(bodyOff + 2, 32) && hexOf(tvb.view(bodyOff + 2, 32)) === HRR_RANDOM;
}

/**
 * Dissects one handshake message body [off, end) of `type`; `ht` is its subtree.
 * Session facts (version, randoms, cipher) are learned here.
 */
export function dissectHandshakeBody(
  tvb: Tvb,
  off: number,
  end: number,
  type: number,
  ht: ProtoNode | null,
  pinfo: PacketInfo,
  session: TlsSessionState,
  learn: boolean,
): void {
  switch (type) {
    case HS.CLIENT_HELLO:
    case HS.SERVER_HELLO:
      dissectHello(tvb, off, end, type, ht, pinfo, session, learn);
      return;
    case HS.CERTIFICATE:
      if (session.version === TLS13) return; // encrypted in TLS 1.3 (not visible without keys)
      dissectCertificates(tvb, off, end, ht, pinfo);
      return;
    case HS.SERVER_KEY_EXCHANGE:
      dissectServerKeyExchange(tvb, off, end, ht, session);
      return;
    case HS.CLIENT_KEY_EXCHANGE:
      dissectClientKeyExchange(tvb, off, end, ht, session);
      return;
    case HS.NEW_SESSION_TICKET:
      if (!ht || end - off < 6) return;
      ht.add(hfTls.sessionTicketLifetime, tvb, off, 4, tvb.u32(off));
      ht.add(hfTls.sessionTicketLength, tvb, off + 4, 2, tvb.u16(off + 4));
      if (tvb.u16(off + 4) > 0) addBytes(ht, hfTls.sessionTicketData, tvb, off + 6, tvb.u16(off + 4));
      return;
    default:
      return;
  }
}

function dissectHello(
  tvb: Tvb,
  off: number,
  end: number,
  type: number,
  ht: ProtoNode | null,
  pinfo: PacketInfo,
  session: TlsSessionState,
  learn: boolean,
): void {
  const client = type === HS.CLIENT_HELLO;
  const legacyVersion = tvb.u16(off);
  const hrr = !client && isHelloRetry(tvb, off);
  // Wireshark looks ahead for supported_versions so the rest of a TLS 1.3 ServerHello is shown as 1.3.
  let p = off + 2 + 32;
  const sidLen = tvb.u8(p);
  if (ht) {
    ht.add(hfTls.hsVersion, tvb, off, 2, legacyVersion);
    const r = addBytes(ht, hfTls.random, tvb, off + 2, 32);
    if (client || session.version !== TLS13) {
      const secs = tvb.u32(off + 2);
      r.add(hfTls.randomTime, tvb, off + 2, 4, { sec: secs, nsec: 0 });
      addBytes(r, hfTls.randomBytes, tvb, off + 6, 28);
    }
    ht.add(hfTls.sessionIdLength, tvb, p, 1, sidLen);
    if (sidLen > 0) addBytes(ht, hfTls.sessionId, tvb, p + 1, sidLen);
  }
  if (learn) {
    const rnd = tvb.view(off + 2, 32).slice();
    if (client) session.clientRandom = rnd;
    else session.serverRandom = rnd;
  }
  p += 1 + sidLen;
  const ja3: string[] = [String(legacyVersion)];
  if (client) {
    const csLen = tvb.u16(p);
    const n = csLen >> 1;
    let ct: ProtoNode | null = null;
    if (ht) {
      ht.add(hfTls.cipherSuitesLength, tvb, p, 2, csLen);
      ct = ht.add(
        hfTls.cipherSuites,
        tvb,
        p + 2,
        csLen,
        null,
        `Cipher Suites (${n} suite${n === 1 ? '' : 's'})`,
      );
    }
    const suites: number[] = [];
    for (let i = 0; i < n; i++) {
      const cs = tvb.u16(p + 2 + i * 2);
      if (!isGrease(cs)) suites.push(cs);
      ct?.add(hfTls.cipherSuite, tvb, p + 2 + i * 2, 2, cs);
    }
    ja3.push(suites.join('-'));
    p += 2 + csLen;
    const cmLen = tvb.u8(p);
    if (ht) {
      ht.add(hfTls.compMethodsLength, tvb, p, 1, cmLen);
      const mt = ht.add(
        hfTls.compMethods,
        tvb,
        p + 1,
        cmLen,
        null,
        `Compression Methods (${cmLen} method${cmLen === 1 ? '' : 's'})`,
      );
      for (let i = 0; i < cmLen; i++) mt.add(hfTls.compMethod, tvb, p + 1 + i, 1, tvb.u8(p + 1 + i));
    }
    p += 1 + cmLen;
  } else {
    const cs = tvb.u16(p);
    if (learn) session.cipherSuite = cs;
    ht?.add(hfTls.cipherSuite, tvb, p, 2, cs);
    ja3.push(String(cs));
    const cm = tvb.u8(p + 2);
    ht?.add(hfTls.compMethod, tvb, p + 2, 1, cm);
    p += 3;
  }
  const ctx: ExtContext = client ? 'client_hello' : hrr ? 'hello_retry_request' : 'server_hello';
  const sum = dissectExtensions(tvb, p, end, ctx, ht, pinfo, session);
  if (!ht) return;
  if (client) {
    ja3.push(
      sum.types.filter((x) => !isGrease(x)).join('-'),
      sum.groups.join('-'),
      sum.pointFormats.join('-'),
    );
    const full = ja3.join(',');
    ht.add(hfTls.ja3Full, tvb, off, 0, full).setGenerated();
    ht.add(hfTls.ja3, tvb, off, 0, md5Hex(full)).setGenerated();
  } else {
    ja3.push(sum.types.filter((x) => !isGrease(x)).join('-'));
    const full = ja3.join(',');
    ht.add(hfTls.ja3sFull, tvb, off, 0, full).setGenerated();
    ht.add(hfTls.ja3s, tvb, off, 0, md5Hex(full)).setGenerated();
  }
}

function dissectCertificates(
  tvb: Tvb,
  off: number,
  end: number,
  ht: ProtoNode | null,
  pinfo: PacketInfo,
): void {
  const total = tvb.u24(off);
  const ct = ht
    ? ht.add(hfTls.certificatesLength, tvb, off, 3, total) &&
      ht.add(hfTls.certificates, tvb, off + 3, total, null, `Certificates (${total} bytes)`)
    : null;
  let p = off + 3;
  const stop = Math.min(end, p + total);
  while (p + 3 <= stop) {
    const l = tvb.u24(p);
    ct?.add(hfTls.certificateLength, tvb, p, 3, l);
    tvb.ensure(p + 3, l);
    const item = ct ? addBytes(ct, hfTls.certificate, tvb, p + 3, l) : null;
    const subject = dissectCertificate(tvb.sub(p + 3, l), pinfo, item);
    if (item && subject) item.appendLabel(` (${subject})`);
    p += 3 + l;
  }
}

function dissectServerKeyExchange(
  tvb: Tvb,
  off: number,
  end: number,
  ht: ProtoNode | null,
  session: TlsSessionState,
): void {
  if (!ht) return;
  const curveType = tvb.u8(off);
  // ECDHE suites carry named-curve parameters; others are shown opaque.
  if (curveType !== 3) return;
  const pt = ht.addText(tvb, off, end - off, 'EC Diffie-Hellman Server Params');
  pt.add(hfTls.serverCurveType, tvb, off, 1, curveType);
  pt.add(hfTls.serverNamedCurve, tvb, off + 1, 2, tvb.u16(off + 1));
  const pl = tvb.u8(off + 3);
  pt.add(hfTls.serverPointLen, tvb, off + 3, 1, pl);
  addBytes(pt, hfTls.serverPoint, tvb, off + 4, pl);
  let p = off + 4 + pl;
  if (session.version >= 0x0303) {
    addSigAlg(pt, tvb, p);
    p += 2;
  }
  const sl = tvb.u16(p);
  pt.add(hfTls.sigLen, tvb, p, 2, sl);
  addBytes(pt, hfTls.sig, tvb, p + 2, sl);
}

function dissectClientKeyExchange(
  tvb: Tvb,
  off: number,
  end: number,
  ht: ProtoNode | null,
  session: TlsSessionState,
): void {
  if (!ht) return;
  const len = end - off;
  const kx = session.cipherSuite;
  // ECDHE_* suites: one-byte point length; RSA key transport: two-byte length of the encrypted premaster.
  if (isEcdheSuite(kx)) {
    const pt = ht.addText(tvb, off, len, 'EC Diffie-Hellman Client Params');
    const pl = tvb.u8(off);
    pt.add(hfTls.clientPointLen, tvb, off, 1, pl);
    addBytes(pt, hfTls.clientPoint, tvb, off + 1, pl);
  } else if (len >= 2) {
    const pt = ht.addText(tvb, off, len, 'RSA Encrypted PreMaster Secret');
    const l = tvb.u16(off);
    pt.add(hfTls.epmsLen, tvb, off, 2, l);
    addBytes(pt, hfTls.epms, tvb, off + 2, l);
  }
}

function isEcdheSuite(cs: number): boolean {
  return (
    (cs >= 0xc006 && cs <= 0xc03b) ||
    (cs >= 0xc048 && cs <= 0xc04f) ||
    (cs >= 0xcca8 && cs <= 0xccac) ||
    cs === 0xc0ac ||
    cs === 0xc0ad ||
    cs === 0xc0ae ||
    cs === 0xc0af
  );
}
