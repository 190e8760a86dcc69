import { vals, type ValueStrings } from '../../dissect/fields';

/** RR types with their long descriptions (the Type field's value names). */
const TYPE_DESCRIPTIONS: Record<number, string> = {
  0: 'Unused',
  1: 'A (Host Address)',
  2: 'NS (authoritative Name Server)',
  3: 'MD (Mail Destination)',
  4: 'MF (Mail Forwarder)',
  5: 'CNAME (Canonical NAME for an alias)',
  6: 'SOA (Start Of a zone of Authority)',
  7: 'MB (MailBox domain name)',
  8: 'MG (Mail Group member)',
  9: 'MR (Mail Rename domain)',
  10: 'NULL RR',
  11: 'WKS (Well Known Service)',
  12: 'PTR (domain name PoinTeR)',
  13: 'HINFO (host information)',
  14: 'MINFO (Mailbox or mail list information)',
  15: 'MX (Mail eXchange)',
  16: 'TXT (Text strings)',
  17: 'RP (Responsible Person)',
  18: 'AFSDB (AFS Data Base location)',
  19: 'X25 (XX.25 PSDN address)',
  20: 'ISDN (ISDN address)',
  21: 'RT (Route Through)',
  22: 'NSAP (NSAP address)',
  23: 'NSAP-PTR (NSAP domain name pointer)',
  24: 'SIG (security signature)',
  25: 'KEY (security key)',
  26: 'PX (X.400 mail mapping information)',
  27: 'GPOS (Geographical Position)',
  28: 'AAAA (IPv6 Address)',
  29: 'LOC (Location Information)',
  30: 'NXT (Next Domain)',
  31: 'EID (Endpoint Identifier)',
  32: 'NIMLOC (Nimrod Locator)',
  33: 'SRV (Server Selection)',
  34: 'ATMA (ATM Address)',
  35: 'NAPTR (Naming Authority Pointer)',
  36: 'KX (Key Exchanger)',
  37: 'CERT',
  38: 'A6 (OBSOLETE - use AAAA)',
  39: 'DNAME',
  40: 'SINK',
  41: 'OPT',
  42: 'APL',
  43: 'DS (Delegation Signer)',
  44: 'SSHFP (SSH Key Fingerprint)',
  45: 'IPSECKEY',
  46: 'RRSIG (Resource Record Signature)',
  47: 'NSEC (Next Secure)',
  48: 'DNSKEY (DNS Public Key)',
  49: 'DHCID',
  50: 'NSEC3',
  51: 'NSEC3PARAM',
  52: 'TLSA',
  55: 'HIP (Host Identity Protocol)',
  57: 'RKEY',
  58: 'TALINK (Trust Anchor LINK)',
  59: 'CDS (Child DS)',
  60: 'CDNSKEY (DNSKEY(s) the Child wants reflected in DS)',
  61: 'OPENPGPKEY (OpenPGP Key)',
  62: 'CSYNC (Child-to-Parent Synchronization)',
  63: 'ZONEMD',
  64: 'SVCB (General Purpose Service Endpoints)',
  65: 'HTTPS (HTTPS Specific Service Endpoints)',
  99: 'SPF',
  100: 'UINFO',
  101: 'UID',
  102: 'GID',
  103: 'UNSPEC',
  104: 'NID (NodeID)',
  105: 'L32 (Locator32)',
  106: 'L64 (Locator64)',
  107: 'LP (Locator FQDN)',
  108: 'EUI48',
  109: 'EUI64',
  249: 'TKEY (Transaction Key)',
  250: 'TSIG (Transaction Signature)',
  251: 'IXFR (incremental transfer)',
  252: 'AXFR (transfer of an entire zone)',
  253: 'MAILB (mailbox-related RRs)',
  254: 'MAILA (mail agent RRs)',
  255: '* (A request for all records the server/cache has available)',
  256: 'URI',
  257: 'CAA (Certification Authority Restriction)',
  32768: 'TA (DNSSEC Trust Authorities)',
  32769: 'DLV (DNSSEC Lookaside Validation)',
  65281: 'WINS',
  65282: 'WINS-R',
  65422: 'XPF',
};

export const DNS_TYPES: ValueStrings = vals(TYPE_DESCRIPTIONS);

/** Short type names used in the Info column and the RR summary lines ("A", "CNAME", "ANY"). */
const SHORT_OVERRIDES: Record<number, string> = { 255: 'ANY', 10: 'NULL' };
const shortNames = new Map<number, string>();
for (const [k, v] of DNS_TYPES) {
  const sp = v.indexOf(' ');
  shortNames.set(k, SHORT_OVERRIDES[k] ?? (sp < 0 ? v : v.slice(0, sp)));
}

export function typeShortName(type: number): string {
  return shortNames.get(type) ?? `Unknown (${type})`;
}

export const DNS_CLASSES: ValueStrings = vals({
  1: 'IN',
  2: 'CS',
  3: 'CH',
  4: 'HS',
  254: 'NONE',
  255: 'ANY',
});

/** Class name as the Class field shows it ("Unknown" for unassigned values). */
export function className(cls: number): string {
  return DNS_CLASSES.get(cls) ?? 'Unknown';
}

/** Class name in a record's summary line. */
export function classLabel(cls: number): string {
  return DNS_CLASSES.get(cls) ?? 'Unknown';
}

export const DNS_OPCODES: ValueStrings = vals({
  0: 'Standard query',
  1: 'Inverse query',
  2: 'Server status request',
  4: 'Zone change notification',
  5: 'Dynamic update',
  6: 'DNS Stateful operations (DSO)',
});

export const DNS_RCODES: ValueStrings = vals({
  0: 'No error',
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
  6: 'Name exists',
  7: 'RRset exists',
  8: 'RRset does not exist',
  9: 'Not authoritative',
  10: 'Name out of zone',
  11: 'DSO-Type not implemented',
  16: 'Bad OPT Version or TSIG Signature Failure',
  17: 'Key not recognized',
  18: 'Signature out of time window',
  19: 'Bad TKEY Mode',
  20: 'Duplicate key name',
  21: 'Algorithm not supported',
  22: 'Bad Truncation',
  23: 'Bad/missing Server Cookie',
});

export const EDNS_OPTION_CODES: ValueStrings = vals({
  0: 'Reserved',
  1: 'LLQ - Long-lived query',
  2: 'UL - Update lease',
  3: 'NSID - Name Server Identifier',
  4: 'Owner (reserved)',
  5: 'DAU - DNSSEC Algorithm Understood (RFC6975)',
  6: 'DHU - DS Hash Understood (RFC6975)',
  7: 'N3U - NSEC3 Hash Understood (RFC6975)',
  8: 'CSUBNET - Client subnet',
  9: 'EDNS EXPIRE (RFC7314)',
  10: 'COOKIE',
  11: 'EDNS TCP Keepalive',
  12: 'PADDING',
  13: 'CHAIN',
  15: 'Extended DNS Error',
  20730: 'Experimental - CSUBNET - Client subnet',
});

/** Extended DNS Error info codes (RFC 8914). */
export const EDE_INFO_CODES: ValueStrings = vals({
  0: 'Other Error',
  1: 'Unsupported DNSKEY Algorithm',
  2: 'Unsupported DS Digest Type',
  3: 'Stale Answer',
  4: 'Forged Answer',
  5: 'DNSSEC Indeterminate',
  6: 'DNSSEC Bogus',
  7: 'Signature Expired',
  8: 'Signature Not Yet Valid',
  9: 'DNSKEY Missing',
  10: 'RRSIGs Missing',
  11: 'No Zone Key Bit Set',
  12: 'NSEC Missing',
  13: 'Cached Error',
  14: 'Not Ready',
  15: 'Blocked',
  16: 'Censored',
  17: 'Filtered',
  18: 'Prohibited',
  19: 'Stale NXDOMAIN Answer',
  20: 'Not Authoritative',
  21: 'Not Supported',
  22: 'No Reachable Authority',
  23: 'Network Error',
  24: 'Invalid Data',
});

/** Option names in the "Option: X" line (the short form of the option code). */
export function optionTitle(code: number): string {
  switch (code) {
    case 10:
      return 'COOKIE';
    case 15:
      return 'Extended DNS Error';
    case 12:
      return 'PADDING';
    case 3:
      return 'NSID';
    case 8:
      return 'CSUBNET - Client subnet';
    default:
      return EDNS_OPTION_CODES.get(code) ?? `Unknown (${code})`;
  }
}
