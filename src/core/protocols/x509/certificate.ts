import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { latin1, oidText, parseDer, utf8, type DerNode } from './der';
import {
  hfPkcs1,
  hfPkix1implicit,
  hfX509,
  protoPkcs1,
  protoPkix1implicit,
  protoX509af,
  protoX509ce,
  protoX509if,
  protoX509sat,
} from './fields';
import { oidName, oidResolved } from './oids';
import { cachedCertificate, rememberCertificate } from './treeless-cache';

/** Builds items over the certificate's bytes: DER offsets are relative to the certificate tvb. */
interface Ctx {
  tvb: Tvb;
  pinfo: PacketInfo;
}

const UNIVERSAL = 0;
const CONTEXT = 2;

function withName(oid: string): string {
  return `${oid} (${oidResolved(oid)})`;
}

function add(
  ctx: Ctx,
  parent: ProtoNode | null,
  def: FieldDef,
  n: DerNode,
  value: Parameters<ProtoNode['add']>[4],
  label?: string,
  whole = true,
): ProtoNode | null {
  if (!parent) return null;
  const start = whole ? n.start : n.valueStart;
  const len = whole ? n.valueStart + n.valueLength - n.start : n.valueLength;
  return parent.add(def, ctx.tvb, start, len, value, label);
}

/**
 * Dissects a DER X.509 certificate as tshark's x509af/x509if/x509sat/x509ce dissectors show it,
 * under `item` (the certificate's byte field). Returns the subject summary
 * ("id-at-commonName=example.com,...") that tshark appends to the certificate's label.
 */
export function dissectCertificate(tvb: Tvb, pinfo: PacketInfo, item: ProtoNode | null): string {
  const bytes = tvb.view(0, tvb.length);
  if (item && wantsCertificateTree(pinfo)) return dissectDer(tvb, pinfo, item, bytes);
  const hit = cachedCertificate(bytes);
  if (hit) {
    for (const l of hit.layers) pinfo.addLayer(l);
    return hit.summary;
  }
  const before = pinfo.layers.length;
  const summary = dissectDer(tvb, pinfo, null, bytes);
  rememberCertificate(bytes, pinfo.layers.slice(before), summary);
  return summary;
}

/** The protocols of the items a certificate's subtree holds. */
const CERTIFICATE_PROTOCOLS = new Set([
  ...[hfX509, hfPkcs1, hfPkix1implicit].flatMap((hfs) => Object.values(hfs).map((d: FieldDef) => d.proto)),
  ...[protoX509af, protoX509if, protoX509sat, protoX509ce, protoPkcs1, protoPkix1implicit].map(
    (d) => d.proto,
  ),
]);

/**
 * Whether the certificate's items are needed: always for a full tree; for a filter's tree only
 * when it names one of their protocols. The subtree adds nothing else (its layers and summary
 * are what the tree-less path caches), so a filter on other fields gets the same answer.
 */
function wantsCertificateTree(pinfo: PacketInfo): boolean {
  const only = pinfo.treeProtocols;
  if (only === null) return true;
  for (const p of only) if (CERTIFICATE_PROTOCOLS.has(p)) return true;
  return false;
}

function dissectDer(tvb: Tvb, pinfo: PacketInfo, item: ProtoNode | null, bytes: Uint8Array): string {
  const root = parseDer(bytes);
  if (!root || root.children.length < 3) return '';
  const ctx: Ctx = { tvb, pinfo };
  const [tbs, sigAlg, sigValue] = root.children;
  const st = add(ctx, item, hfX509.signedCertificate, tbs, null, 'signedCertificate');
  let i = 0;
  const c = tbs.children;
  if (c[i] && c[i].tagClass === CONTEXT && c[i].tag === 0) {
    const v = c[i].children[0];
    const ver = v ? intValue(v.value) : 0;
    if (v)
      add(
        ctx,
        st,
        hfX509.version,
        v,
        ver,
        `version: ${['v1', 'v2', 'v3'][ver] ?? 'Unknown'} (${ver})`,
        false,
      );
    i++;
  }
  const serial = c[i++];
  if (serial)
    add(ctx, st, hfX509.serialNumber, serial, serial.value, `serialNumber: 0x${hex(serial.value)}`, false);
  const sig = c[i++];
  if (sig) algorithm(ctx, st, hfX509.signature, 'signature', sig);
  const issuer = c[i++];
  if (issuer) name(ctx, st, hfX509.issuer, 'issuer', hfX509.ifRdnSequence, issuer);
  const validity = c[i++];
  if (validity) {
    const vt = add(ctx, st, hfX509.validity, validity, null, 'validity');
    time(ctx, vt, hfX509.notBefore, 'notBefore', validity.children[0]);
    time(ctx, vt, hfX509.notAfter, 'notAfter', validity.children[1]);
  }
  const subject = c[i++];
  let summary = '';
  if (subject) summary = name(ctx, st, hfX509.subject, 'subject', hfX509.afRdnSequence, subject);
  const spki = c[i++];
  if (spki) {
    const kt = add(ctx, st, hfX509.spki, spki, null, 'subjectPublicKeyInfo');
    if (spki.children[0]) algorithm(ctx, kt, hfX509.algorithm, 'algorithm', spki.children[0]);
    const key = spki.children[1];
    if (key && kt) {
      const bits = key.value.subarray(1);
      const ki = add(ctx, kt, hfX509.subjectPublicKey, key, bits, `subjectPublicKey: ${hexCut(bits)}`, false);
      const alg = spki.children[0]?.children[0];
      if (ki && alg && oidText(alg.value) === '1.2.840.113549.1.1.1') rsaPublicKey(ctx, ki, key);
    }
  }
  for (; i < c.length; i++) {
    if (c[i].tagClass === CONTEXT && c[i].tag === 3 && c[i].children[0])
      extensions(ctx, st, c[i].children[0]);
  }
  if (sigAlg) algorithm(ctx, item, hfX509.algorithmIdentifier, 'algorithmIdentifier', sigAlg);
  if (sigValue && item) {
    const bits = sigValue.value.subarray(1);
    add(ctx, item, hfX509.encrypted, sigValue, bits, `encrypted: ${hexCut(bits)}`, false);
  }
  return summary;
}

/** PKCS#1 RSAPublicKey inside the subjectPublicKey BIT STRING: modulus and public exponent. */
function rsaPublicKey(ctx: Ctx, item: ProtoNode, key: DerNode): void {
  const inner = parseDer(key.value.subarray(1));
  if (!inner || inner.children.length < 2) return;
  shift(inner, key.valueStart + 1);
  const [mod, exp] = inner.children;
  add(ctx, item, hfPkcs1.modulus, mod, mod.value, `modulus: 0x${hexCut(mod.value)}`, false);
  const e = intValue(exp.value);
  add(ctx, item, hfPkcs1.publicExponent, exp, e, `publicExponent: ${e}`, false);
}

function intValue(v: Uint8Array): number {
  let x = 0;
  for (const b of v) x = x * 256 + b;
  return x;
}

function hex(v: Uint8Array): string {
  let s = '';
  for (const b of v) s += b.toString(16).padStart(2, '0');
  return s;
}

function hexCut(v: Uint8Array): string {
  return v.length > 36 ? hex(v.subarray(0, 36)) + '…' : hex(v);
}

function algorithm(ctx: Ctx, parent: ProtoNode | null, def: FieldDef, title: string, n: DerNode): void {
  const oidNode = n.children[0];
  const oid = oidNode ? oidText(oidNode.value) : '';
  const t = add(ctx, parent, def, n, null, `${title} (${oidResolved(oid)})`);
  if (t && oidNode) add(ctx, t, hfX509.algorithmId, oidNode, oid, `Algorithm Id: ${withName(oid)}`, false);
  const params = n.children[1];
  // EC keys name their curve in the parameters (PKCS#1 ECParameters).
  if (oid === '1.2.840.10045.2.1' && params && params.tagClass === UNIVERSAL && params.tag === 6) {
    ctx.pinfo.addLayer('pkcs-1');
    const ep = t ? add(ctx, t, hfPkcs1.ecParameters, params, 1, 'ECParameters: namedCurve (1)') : null;
    const curve = oidText(params.value);
    if (ep) add(ctx, ep, hfPkcs1.namedCurve, params, curve, `namedCurve: ${withName(curve)}`, false);
  }
}

/** A Name (issuer/subject): an RDNSequence; each attribute value is an x509sat dissection. */
function name(
  ctx: Ctx,
  parent: ProtoNode | null,
  def: FieldDef,
  title: string,
  seqDef: FieldDef,
  n: DerNode,
): string {
  const parts: string[] = [];
  const rdns: { t: string; node: DerNode }[] = [];
  for (const rdn of n.children) {
    const texts: string[] = [];
    for (const atv of rdn.children) {
      const oid = atv.children[0] ? oidText(atv.children[0].value) : '';
      const val = atv.children[1] ? stringOf(atv.children[1]) : '';
      texts.push(`${oidName(oid) ?? oid}=${val}`);
    }
    rdns.push({ t: texts.join(','), node: rdn });
    parts.unshift(texts.join(','));
  }
  const summary = parts.join(',');
  const t = add(ctx, parent, def, n, 0, `${title}: rdnSequence (0)`);
  const count = n.children.length;
  const st = t
    ? add(ctx, t, seqDef, n, count, `rdnSequence: ${count} item${count === 1 ? '' : 's'} (${summary})`, false)
    : null;
  for (const { t: text, node: rdn } of rdns) {
    const k = rdn.children.length;
    const it = st
      ? add(ctx, st, hfX509.rdnItem, rdn, k, `RDNSequence item: ${k} item${k === 1 ? '' : 's'} (${text})`)
      : null;
    for (const atv of rdn.children) {
      const el = it
        ? add(ctx, it, hfX509.rdnElement, atv, null, `RelativeDistinguishedName item (${text})`)
        : null;
      const oidNode = atv.children[0];
      const oid = oidNode ? oidText(oidNode.value) : '';
      if (el && oidNode) add(ctx, el, hfX509.oid, oidNode, oid, `Object Id: ${withName(oid)}`, false);
      const value = atv.children[1];
      if (!value) continue;
      ctx.pinfo.addLayer('x509sat');
      attributeValue(ctx, el, oid, value);
    }
  }
  return summary;
}

const STRING_CHOICE: Record<number, [FieldDef, string, number]> = {
  20: [hfX509.teletexString, 'teletexString', 0],
  19: [hfX509.printableString, 'printableString', 1],
  28: [hfX509.universalString, 'universalString', 2],
  12: [hfX509.uTF8String, 'uTF8String', 4],
  30: [hfX509.bmpString, 'bmpString', 3],
};

function stringOf(n: DerNode): string {
  return n.tag === 12 ? utf8(n.value) : latin1(n.value);
}

function attributeValue(ctx: Ctx, parent: ProtoNode | null, oid: string, v: DerNode): void {
  if (!parent) return;
  const s = stringOf(v);
  if (oid === '2.5.4.6') {
    add(ctx, parent, hfX509.countryName, v, s, `CountryName: ${s}`, false);
    return;
  }
  if (oid === '1.2.840.113549.1.9.1') {
    add(ctx, parent, hfX509.ia5String, v, s, `IA5String: ${s}`, false);
    return;
  }
  const choice = v.tagClass === UNIVERSAL ? STRING_CHOICE[v.tag] : undefined;
  if (!choice) return;
  const [def, label, idx] = choice;
  const d = add(ctx, parent, hfX509.directoryString, v, idx, `DirectoryString: ${label} (${idx})`);
  if (d) add(ctx, d, def, v, s, `${label}: ${s}`, false);
}

function time(
  ctx: Ctx,
  parent: ProtoNode | null,
  def: FieldDef,
  title: string,
  n: DerNode | undefined,
): void {
  if (!parent || !n) return;
  const raw = latin1(n.value);
  if (n.tag === 23) {
    const t = add(ctx, parent, def, n, 0, `${title}: utcTime (0)`);
    // YYMMDDHHMMSSZ -> "20YY-MM-DD HH:MM:SS (UTC)", years 50-99 belong to the 1900s (RFC 5280).
    const yy = Number(raw.slice(0, 2));
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    const text = `${year}-${raw.slice(2, 4)}-${raw.slice(4, 6)} ${raw.slice(6, 8)}:${raw.slice(8, 10)}:${raw.slice(10, 12)} (UTC)`;
    if (t) add(ctx, t, hfX509.utcTime, n, text, `utcTime: ${text}`, false);
  } else {
    const t = add(ctx, parent, def, n, 1, `${title}: generalTime (1)`);
    if (t) add(ctx, t, hfX509.generalizedTime, n, raw, `generalizedTime: ${raw}`, false);
  }
}

function extensions(ctx: Ctx, parent: ProtoNode | null, seq: DerNode): void {
  const k = seq.children.length;
  const et = add(ctx, parent, hfX509.extensions, seq, k, `extensions: ${k} item${k === 1 ? '' : 's'}`);
  for (const ext of seq.children) {
    const oidNode = ext.children[0];
    const oid = oidNode ? oidText(oidNode.value) : '';
    const nm = oidName(oid);
    const x = et ? add(ctx, et, hfX509.extension, ext, null, nm ? `Extension (${nm})` : 'Extension') : null;
    if (x && oidNode) add(ctx, x, hfX509.extensionId, oidNode, oid, `Extension Id: ${withName(oid)}`, false);
    let j = 1;
    if (ext.children[j] && ext.children[j].tag === 1 && ext.children[j].tagClass === UNIVERSAL) {
      const crit = ext.children[j].value[0] ? 1 : 0;
      if (x) add(ctx, x, hfX509.critical, ext.children[j], crit, undefined, false);
      j++;
    }
    const octets = ext.children[j];
    if (!octets) continue;
    if (oid.startsWith('2.5.29.')) {
      ctx.pinfo.addLayer('x509ce');
      extensionValue(ctx, x, oid, octets);
    } else if (oid === '1.3.6.1.5.5.7.1.1') {
      ctx.pinfo.addLayer('pkix1implicit');
      authorityInfoAccess(ctx, x, octets);
    }
  }
}

/** Decodes an extension's OCTET STRING contents (a DER value of its own). */
function extensionValue(ctx: Ctx, parent: ProtoNode | null, oid: string, octets: DerNode): void {
  if (!parent) return;
  const inner = parseDer(octets.value);
  if (!inner) return;
  // Inner offsets are relative to the OCTET STRING contents: shift them into the certificate.
  shift(inner, octets.valueStart);
  switch (oid) {
    case '2.5.29.19': {
      const b = add(
        ctx,
        parent,
        hfX509.basicConstraints,
        inner,
        null,
        inner.valueLength === 0 ? 'BasicConstraintsSyntax [0 length]' : 'BasicConstraintsSyntax',
      );
      const ca = inner.children.find((n) => n.tagClass === UNIVERSAL && n.tag === 1);
      if (b && ca) add(ctx, b, hfX509.cA, ca, ca.value[0] ? 1 : 0, undefined, false);
      return;
    }
    case '2.5.29.15': {
      const bits = inner.value.subarray(1);
      const ku = add(ctx, parent, hfX509.keyUsage, inner, bits, `KeyUsage: ${hex(bits)}`, false);
      if (ku) keyUsageBits(ctx, ku, inner, bits);
      return;
    }
    case '2.5.29.37': {
      const k = inner.children.length;
      const t = add(
        ctx,
        parent,
        hfX509.keyPurposeIds,
        inner,
        k,
        `KeyPurposeIDs: ${k} item${k === 1 ? '' : 's'}`,
      );
      for (const p of inner.children) {
        const o = oidText(p.value);
        if (t) add(ctx, t, hfX509.keyPurposeId, p, o, `KeyPurposeId: ${withName(o)}`);
      }
      return;
    }
    case '2.5.29.14':
      add(
        ctx,
        parent,
        hfX509.subjectKeyIdentifier,
        inner,
        inner.value,
        `SubjectKeyIdentifier: ${hex(inner.value)}`,
        false,
      );
      return;
    case '2.5.29.35': {
      const t = add(ctx, parent, hfX509.authorityKeyIdentifier, inner, null, 'AuthorityKeyIdentifier');
      const kid = inner.children.find((n) => n.tagClass === CONTEXT && n.tag === 0);
      if (t && kid)
        add(ctx, t, hfX509.keyIdentifier, kid, kid.value, `keyIdentifier: ${hex(kid.value)}`, false);
      return;
    }
    case '2.5.29.17':
    case '2.5.29.18':
      generalNames(ctx, parent, inner, hfX509.generalNames, 'GeneralNames');
      return;
    case '2.5.29.32': {
      const k = inner.children.length;
      const t = add(
        ctx,
        parent,
        hfX509.certificatePolicies,
        inner,
        k,
        `CertificatePoliciesSyntax: ${k} item${k === 1 ? '' : 's'}`,
      );
      for (const pi of inner.children) {
        const pt = t ? add(ctx, t, hfX509.policyInformation, pi, null, 'PolicyInformation') : null;
        const id = pi.children[0];
        if (pt && id) {
          const o = oidText(id.value);
          add(ctx, pt, hfX509.policyIdentifier, id, o, `policyIdentifier: ${withName(o)}`, false);
        }
        const quals = pi.children[1];
        if (pt && quals) {
          const q = quals.children.length;
          const qt = add(
            ctx,
            pt,
            hfX509.policyQualifiers,
            quals,
            q,
            `policyQualifiers: ${q} item${q === 1 ? '' : 's'}`,
          );
          for (const qi of quals.children) {
            const qe = qt ? add(ctx, qt, hfX509.policyQualifierInfo, qi, null, 'PolicyQualifierInfo') : null;
            const qid = qi.children[0];
            if (qe && qid) {
              const o = oidText(qid.value);
              add(ctx, qe, hfX509.policyQualifierId, qid, o, `policyQualifierId: ${withName(o)}`, false);
            }
            const qv = qi.children[1];
            if (qe && qv) add(ctx, qe, hfX509.qualifier, qv, null, 'qualifier');
          }
        }
      }
      return;
    }
    case '2.5.29.31': {
      const k = inner.children.length;
      const t = add(
        ctx,
        parent,
        hfX509.crlDistPoints,
        inner,
        k,
        `CRLDistPointsSyntax: ${k} item${k === 1 ? '' : 's'}`,
      );
      for (const dp of inner.children) {
        const dt = t ? add(ctx, t, hfX509.distributionPointElement, dp, null, 'DistributionPoint') : null;
        const name = dp.children.find((n) => n.tagClass === CONTEXT && n.tag === 0);
        const full = name?.children.find((n) => n.tagClass === CONTEXT && n.tag === 0);
        if (dt && name && full) {
          const d = add(ctx, dt, hfX509.distributionPoint, name, 0, 'distributionPoint: fullName (0)');
          if (d) generalNames(ctx, d, full, hfX509.fullName, 'fullName');
        }
      }
      return;
    }
    default:
      return;
  }
}

const KEY_USAGE_BITS = [
  hfX509.kuDigitalSignature,
  hfX509.kuContentCommitment,
  hfX509.kuKeyEncipherment,
  hfX509.kuDataEncipherment,
  hfX509.kuKeyAgreement,
  hfX509.kuKeyCertSign,
  hfX509.kuCRLSign,
  hfX509.kuEncipherOnly,
];

/** The named bits of KeyUsage: eight in the first octet, decipherOnly in the second. */
function keyUsageBits(ctx: Ctx, item: ProtoNode, n: DerNode, bits: Uint8Array): void {
  const first = n.valueStart + 1;
  const b0 = bits[0] ?? 0;
  for (const f of KEY_USAGE_BITS) item.add(f, ctx.tvb, first, 1, b0 & (f.bitmask ?? 0) ? 1 : 0);
  const b1 = bits[1] ?? 0;
  item.add(hfX509.kuDecipherOnly, ctx.tvb, first + (bits.length > 1 ? 1 : 0), 1, b1 & 0x80 ? 1 : 0);
}

const GENERAL_NAMES = [
  'otherName',
  'rfc822Name',
  'dNSName',
  'x400Address',
  'directoryName',
  'ediPartyName',
  'uniformResourceIdentifier',
  'iPAddress',
  'registeredID',
];

/** A GeneralNames sequence (SAN, CRL distribution point names). */
function generalNames(ctx: Ctx, parent: ProtoNode | null, seq: DerNode, def: FieldDef, title: string): void {
  const k = seq.children.length;
  const t = add(ctx, parent, def, seq, k, `${title}: ${k} item${k === 1 ? '' : 's'}`);
  if (!t) return;
  for (const g of seq.children) generalName(ctx, t, g, true);
}

/** One GeneralName; `labelled` adds the "GeneralName: choice (n)" item around the value. */
export function generalName(ctx: Ctx, parent: ProtoNode, g: DerNode, labelled: boolean): void {
  if (g.tagClass !== CONTEXT) return;
  const choice = GENERAL_NAMES[g.tag] ?? `${g.tag}`;
  const gn = labelled
    ? add(ctx, parent, hfX509.generalName, g, g.tag, `GeneralName: ${choice} (${g.tag})`)
    : parent;
  if (!gn) return;
  switch (g.tag) {
    case 1:
      add(ctx, gn, hfX509.rfc822Name, g, latin1(g.value), `rfc822Name: ${latin1(g.value)}`, false);
      break;
    case 2:
      add(ctx, gn, hfX509.dNSName, g, latin1(g.value), `dNSName: ${latin1(g.value)}`, false);
      break;
    case 6:
      add(
        ctx,
        gn,
        hfX509.uniformResourceIdentifier,
        g,
        latin1(g.value),
        `uniformResourceIdentifier: ${latin1(g.value)}`,
        false,
      );
      break;
    case 7:
      if (g.value.length === 4) {
        const v = ((g.value[0] << 24) >>> 0) + ((g.value[1] << 16) | (g.value[2] << 8) | g.value[3]);
        add(ctx, gn, hfX509.ipv4, g, v, `iPAddress: ${g.value.join('.')}`, false);
      } else if (g.value.length === 16) {
        add(ctx, gn, hfX509.ipv6, g, g.value, undefined, false);
      }
      break;
    case 8: {
      const o = oidText(g.value);
      add(ctx, gn, hfX509.registeredID, g, o, `registeredID: ${withName(o)}`, false);
      break;
    }
    default:
      break;
  }
}

/** id-pe-authorityInfoAccess: where to find the issuer's certificate and OCSP. */
function authorityInfoAccess(ctx: Ctx, parent: ProtoNode | null, octets: DerNode): void {
  if (!parent) return;
  const inner = parseDer(octets.value);
  if (!inner) return;
  shift(inner, octets.valueStart);
  const k = inner.children.length;
  const t = add(
    ctx,
    parent,
    hfPkix1implicit.aia,
    inner,
    k,
    `AuthorityInfoAccessSyntax: ${k} item${k === 1 ? '' : 's'}`,
  );
  if (!t) return;
  for (const ad of inner.children) {
    const at = add(ctx, t, hfPkix1implicit.accessDescription, ad, null, 'AccessDescription');
    const m = ad.children[0];
    const loc = ad.children[1];
    if (!at) continue;
    if (m) {
      const o = oidText(m.value);
      add(ctx, at, hfPkix1implicit.accessMethod, m, o, `accessMethod: ${withName(o)}`, false);
    }
    if (loc && loc.tagClass === CONTEXT) {
      const li = add(ctx, at, hfPkix1implicit.accessLocation, loc, loc.tag, `accessLocation: ${loc.tag}`);
      if (li) generalName(ctx, li, loc, false);
    }
  }
}

function shift(n: DerNode, by: number): void {
  n.start += by;
  n.valueStart += by;
  for (const c of n.children) shift(c, by);
}
