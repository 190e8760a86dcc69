/** Names Wireshark gives the object identifiers met in certificates (its oid resolution table). */
export const OID_NAMES: Record<string, string> = {
  '2.5.4.3': 'id-at-commonName',
  '2.5.4.4': 'id-at-surname',
  '2.5.4.5': 'id-at-serialNumber',
  '2.5.4.6': 'id-at-countryName',
  '2.5.4.7': 'id-at-localityName',
  '2.5.4.8': 'id-at-stateOrProvinceName',
  '2.5.4.9': 'id-at-streetAddress',
  '2.5.4.10': 'id-at-organizationName',
  '2.5.4.11': 'id-at-organizationalUnitName',
  '2.5.4.12': 'id-at-title',
  '2.5.4.42': 'id-at-givenName',
  '1.2.840.113549.1.9.1': 'pkcs-9-at-emailAddress',
  '2.5.29.14': 'id-ce-subjectKeyIdentifier',
  '2.5.29.15': 'id-ce-keyUsage',
  '2.5.29.17': 'id-ce-subjectAltName',
  '2.5.29.19': 'id-ce-basicConstraints',
  '2.5.29.31': 'id-ce-cRLDistributionPoints',
  '2.5.29.32': 'id-ce-certificatePolicies',
  '2.5.29.35': 'id-ce-authorityKeyIdentifier',
  '2.5.29.37': 'id-ce-extKeyUsage',
  '1.3.6.1.5.5.7.1.1': 'id-pe-authorityInfoAccess',
  '1.3.6.1.5.5.7.3.1': 'id-kp-serverAuth',
  '1.3.6.1.5.5.7.3.2': 'id-kp-clientAuth',
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'id-RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.3.101.112': 'id-Ed25519',
  '1.3.101.113': 'id-Ed448',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10045.3.1.7': 'secp256r1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
  '1.2.840.10040.4.1': 'id-dsa',
  '2.5.4.17': 'id-at-postalCode',
  '2.5.4.15': 'id-at-businessCategory',
  '2.5.29.16': 'id-ce-privateKeyUsagePeriod',
  '2.5.29.18': 'id-ce-issuerAltName',
  '2.5.29.20': 'id-ce-cRLNumber',
  '2.5.29.30': 'id-ce-nameConstraints',
  '2.5.29.32.0': 'anyPolicy',
  '2.5.29.33': 'id-ce-policyMappings',
  '2.5.29.36': 'id-ce-policyConstraints',
  '2.5.29.54': 'id-ce-inhibitAnyPolicy',
  '1.3.6.1.5.5.7.3.3': 'id-kp-codeSigning',
  '1.3.6.1.5.5.7.3.4': 'id-kp-emailProtection',
  '1.3.6.1.5.5.7.3.8': 'id-kp-timeStamping',
  '1.3.6.1.5.5.7.3.9': 'id-kp-OCSPSigning',
  '1.3.6.1.5.5.7.48.1': 'id-ad-ocsp',
  '1.3.6.1.5.5.7.48.2': 'id-ad-caIssuers',
  '1.3.6.1.5.5.7.2.1': 'id-qt-cps',
  '1.3.6.1.5.5.7.2.2': 'id-qt-unotice',
};

const ROOTS = ['itu-t', 'iso', 'joint-iso-itu-t'];

export function oidName(oid: string): string | undefined {
  return OID_NAMES[oid];
}

/** The name shown next to an OID: its own name, or its arcs under the named root arc. */
export function oidResolved(oid: string): string {
  const n = OID_NAMES[oid];
  if (n) return n;
  const dot = oid.indexOf('.');
  const root = ROOTS[Number(dot < 0 ? oid : oid.slice(0, dot))];
  return root && dot > 0 ? `${root}${oid.slice(dot)}` : oid;
}
