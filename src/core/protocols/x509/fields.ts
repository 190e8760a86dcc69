import { registerFields, registerProtocol, tfs } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoX509af = registerProtocol('x509af', 'X.509 Authentication Framework', 'X509AF');
export const protoX509if = registerProtocol('x509if', 'X.509 Information Framework', 'X509IF');
export const protoX509sat = registerProtocol('x509sat', 'X.509 Selected Attribute Types', 'X509SAT');
export const protoX509ce = registerProtocol('x509ce', 'X.509 Certificate Extensions', 'X509CE');
export const protoPkcs1 = registerProtocol('pkcs-1', 'PKCS#1', 'PKCS-1');
export const protoPkix1implicit = registerProtocol('pkix1implicit', 'PKIX1Implitit', 'PKIX1IMPLICIT');

const NONE = { type: FT.NONE } as const;
const U32 = { type: FT.UINT32 } as const;
const STR = { type: FT.STRING, base: BASE.NONE } as const;
const OID = { type: FT.OID } as const;
const BYTES = { type: FT.BYTES, base: BASE.NONE } as const;
const TF = tfs('True', 'False');
const KU = { type: FT.BOOLEAN, bitWidth: 8, strings: TF } as const;

export const hfX509 = registerFields({
  signedCertificate: { abbrev: 'x509af.signedCertificate_element', name: 'signedCertificate', ...NONE },
  version: { abbrev: 'x509af.version', name: 'version', type: FT.INT32 },
  serialNumber: { abbrev: 'x509af.serialNumber', name: 'serialNumber', ...BYTES },
  signature: { abbrev: 'x509af.signature_element', name: 'signature', ...NONE },
  algorithmId: { abbrev: 'x509af.algorithm.id', name: 'Algorithm Id', ...OID },
  issuer: { abbrev: 'x509af.issuer', name: 'issuer', ...U32 },
  ifRdnSequence: { abbrev: 'x509if.rdnSequence', name: 'rdnSequence', ...U32 },
  afRdnSequence: { abbrev: 'x509af.rdnSequence', name: 'rdnSequence', ...U32 },
  rdnItem: { abbrev: 'x509if.RDNSequence_item', name: 'RDNSequence item', ...U32 },
  rdnElement: {
    abbrev: 'x509if.RelativeDistinguishedName_item_element',
    name: 'RelativeDistinguishedName item',
    ...NONE,
  },
  oid: { abbrev: 'x509if.oid', name: 'Object Id', ...OID },
  countryName: { abbrev: 'x509sat.CountryName', name: 'CountryName', ...STR },
  directoryString: { abbrev: 'x509sat.DirectoryString', name: 'DirectoryString', ...U32 },
  uTF8String: { abbrev: 'x509sat.uTF8String', name: 'uTF8String', ...STR },
  printableString: { abbrev: 'x509sat.printableString', name: 'printableString', ...STR },
  teletexString: { abbrev: 'x509sat.teletexString', name: 'teletexString', ...STR },
  bmpString: { abbrev: 'x509sat.bmpString', name: 'bmpString', ...STR },
  universalString: { abbrev: 'x509sat.universalString', name: 'universalString', ...STR },
  ia5String: { abbrev: 'x509sat.IA5String', name: 'IA5String', ...STR },
  validity: { abbrev: 'x509af.validity_element', name: 'validity', ...NONE },
  notBefore: { abbrev: 'x509af.notBefore', name: 'notBefore', ...U32 },
  notAfter: { abbrev: 'x509af.notAfter', name: 'notAfter', ...U32 },
  utcTime: { abbrev: 'x509af.utcTime', name: 'utcTime', ...STR },
  generalizedTime: { abbrev: 'x509af.generalizedTime', name: 'generalizedTime', ...STR },
  subject: { abbrev: 'x509af.subject', name: 'subject', ...U32 },
  spki: { abbrev: 'x509af.subjectPublicKeyInfo_element', name: 'subjectPublicKeyInfo', ...NONE },
  algorithm: { abbrev: 'x509af.algorithm_element', name: 'algorithm', ...NONE },
  subjectPublicKey: { abbrev: 'x509af.subjectPublicKey', name: 'subjectPublicKey', ...BYTES },
  extensions: { abbrev: 'x509af.extensions', name: 'extensions', ...U32 },
  extension: { abbrev: 'x509af.Extension_element', name: 'Extension', ...NONE },
  extensionId: { abbrev: 'x509af.extension.id', name: 'Extension Id', ...OID },
  critical: { abbrev: 'x509af.critical', name: 'critical', type: FT.BOOLEAN, strings: TF },
  algorithmIdentifier: { abbrev: 'x509af.algorithmIdentifier_element', name: 'algorithmIdentifier', ...NONE },
  encrypted: { abbrev: 'x509af.encrypted', name: 'encrypted', ...BYTES },
  basicConstraints: {
    abbrev: 'x509ce.BasicConstraintsSyntax_element',
    name: 'BasicConstraintsSyntax',
    ...NONE,
  },
  cA: { abbrev: 'x509ce.cA', name: 'cA', type: FT.BOOLEAN, strings: TF },
  keyUsage: { abbrev: 'x509ce.KeyUsage', name: 'KeyUsage', ...BYTES },
  kuDigitalSignature: {
    abbrev: 'x509ce.KeyUsage.digitalSignature',
    name: 'digitalSignature',
    ...KU,
    bitmask: 0x80,
  },
  kuContentCommitment: {
    abbrev: 'x509ce.KeyUsage.contentCommitment',
    name: 'contentCommitment',
    ...KU,
    bitmask: 0x40,
  },
  kuKeyEncipherment: {
    abbrev: 'x509ce.KeyUsage.keyEncipherment',
    name: 'keyEncipherment',
    ...KU,
    bitmask: 0x20,
  },
  kuDataEncipherment: {
    abbrev: 'x509ce.KeyUsage.dataEncipherment',
    name: 'dataEncipherment',
    ...KU,
    bitmask: 0x10,
  },
  kuKeyAgreement: { abbrev: 'x509ce.KeyUsage.keyAgreement', name: 'keyAgreement', ...KU, bitmask: 0x08 },
  kuKeyCertSign: { abbrev: 'x509ce.KeyUsage.keyCertSign', name: 'keyCertSign', ...KU, bitmask: 0x04 },
  kuCRLSign: { abbrev: 'x509ce.KeyUsage.cRLSign', name: 'cRLSign', ...KU, bitmask: 0x02 },
  kuEncipherOnly: { abbrev: 'x509ce.KeyUsage.encipherOnly', name: 'encipherOnly', ...KU, bitmask: 0x01 },
  kuDecipherOnly: { abbrev: 'x509ce.KeyUsage.decipherOnly', name: 'decipherOnly', ...KU, bitmask: 0x80 },
  keyPurposeIds: { abbrev: 'x509ce.KeyPurposeIDs', name: 'KeyPurposeIDs', ...U32 },
  keyPurposeId: { abbrev: 'x509ce.KeyPurposeId', name: 'KeyPurposeId', ...OID },
  subjectKeyIdentifier: { abbrev: 'x509ce.SubjectKeyIdentifier', name: 'SubjectKeyIdentifier', ...BYTES },
  authorityKeyIdentifier: {
    abbrev: 'x509ce.AuthorityKeyIdentifier_element',
    name: 'AuthorityKeyIdentifier',
    ...NONE,
  },
  keyIdentifier: { abbrev: 'x509ce.keyIdentifier', name: 'keyIdentifier', ...BYTES },
  generalNames: { abbrev: 'x509ce.GeneralNames', name: 'GeneralNames', ...U32 },
  generalName: { abbrev: 'x509ce.GeneralName', name: 'GeneralName', ...U32 },
  dNSName: { abbrev: 'x509ce.dNSName', name: 'dNSName', ...STR },
  rfc822Name: { abbrev: 'x509ce.rfc822Name', name: 'rfc822Name', ...STR },
  uniformResourceIdentifier: {
    abbrev: 'x509ce.uniformResourceIdentifier',
    name: 'uniformResourceIdentifier',
    ...STR,
  },
  ipv4: { abbrev: 'x509ce.IPAddress.ipv4', name: 'iPAddress', type: FT.IPv4 },
  ipv6: { abbrev: 'x509ce.IPAddress.ipv6', name: 'iPAddress', type: FT.IPv6 },
  registeredID: { abbrev: 'x509ce.registeredID', name: 'registeredID', ...OID },
  certificatePolicies: {
    abbrev: 'x509ce.CertificatePoliciesSyntax',
    name: 'CertificatePoliciesSyntax',
    ...U32,
  },
  policyInformation: { abbrev: 'x509ce.PolicyInformation_element', name: 'PolicyInformation', ...NONE },
  policyIdentifier: { abbrev: 'x509ce.policyIdentifier', name: 'policyIdentifier', ...OID },
  policyQualifiers: { abbrev: 'x509ce.policyQualifiers', name: 'policyQualifiers', ...U32 },
  policyQualifierInfo: { abbrev: 'x509ce.PolicyQualifierInfo_element', name: 'PolicyQualifierInfo', ...NONE },
  policyQualifierId: { abbrev: 'x509ce.policyQualifierId', name: 'policyQualifierId', ...OID },
  qualifier: { abbrev: 'x509ce.qualifier_element', name: 'qualifier', ...NONE },
  crlDistPoints: { abbrev: 'x509ce.CRLDistPointsSyntax', name: 'CRLDistPointsSyntax', ...U32 },
  distributionPointElement: {
    abbrev: 'x509ce.DistributionPoint_element',
    name: 'DistributionPoint',
    ...NONE,
  },
  distributionPoint: { abbrev: 'x509ce.distributionPoint', name: 'distributionPoint', ...U32 },
  fullName: { abbrev: 'x509ce.fullName', name: 'fullName', ...U32 },
});

export const hfPkcs1 = registerFields({
  modulus: { abbrev: 'pkcs1.modulus', name: 'modulus', ...BYTES },
  publicExponent: { abbrev: 'pkcs1.publicExponent', name: 'publicExponent', type: FT.INT32 },
  ecParameters: { abbrev: 'pkcs1.ECParameters', name: 'ECParameters', ...U32 },
  namedCurve: { abbrev: 'pkcs1.namedCurve', name: 'namedCurve', ...OID },
});

export const hfPkix1implicit = registerFields({
  aia: { abbrev: 'pkix1implicit.AuthorityInfoAccessSyntax', name: 'AuthorityInfoAccessSyntax', ...U32 },
  accessDescription: {
    abbrev: 'pkix1implicit.AccessDescription_element',
    name: 'AccessDescription',
    ...NONE,
  },
  accessMethod: { abbrev: 'pkix1implicit.accessMethod', name: 'accessMethod', ...OID },
  accessLocation: { abbrev: 'pkix1implicit.accessLocation', name: 'accessLocation', ...U32 },
});
