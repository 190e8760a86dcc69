/**
 * DNS messages for the synthetic web capture: a query with EDNS, and its answer (optionally via
 * a CNAME, with name compression) or NXDOMAIN with the zone's SOA in the authority section.
 */
import { ascii, be, concat } from './packets';

/** Uncompressed wire form of a domain name. */
export function dnsName(name: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const label of name.split('.')) {
    if (label === '') continue;
    parts.push(new Uint8Array([label.length]), ascii(label));
  }
  parts.push(new Uint8Array([0]));
  return concat(parts);
}

const pointer = (offset: number): Uint8Array => new Uint8Array([0xc0 | (offset >> 8), offset & 255]);

/** The OPT pseudo-record: UDP payload size 1232, no flags, no options. */
const OPT = new Uint8Array([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);

export const DNS_A = 1;
export const DNS_CNAME = 5;
export const DNS_AAAA = 28;

export function dnsQuery(id: number, name: string, qtype: number): Uint8Array {
  return concat([
    be(id, 2),
    be(0x0100, 2),
    be(1, 2),
    be(0, 2),
    be(0, 2),
    be(1, 2),
    dnsName(name),
    be(qtype, 2),
    be(1, 2),
    OPT,
  ]);
}

export interface DnsAnswer {
  /** Canonical name the query name is an alias of (a CNAME record first), or null. */
  cname: string | null;
  /** Addresses (4 or 16 bytes each). */
  addrs: Uint8Array[];
  ttl: number;
}

function rr(owner: Uint8Array, type: number, ttl: number, rdata: Uint8Array): Uint8Array {
  return concat([owner, be(type, 2), be(1, 2), be(ttl, 4), be(rdata.length, 2), rdata]);
}

/** A NOERROR answer to a query for `name`. */
export function dnsAnswer(id: number, name: string, qtype: number, a: DnsAnswer): Uint8Array {
  const q = dnsName(name);
  const parts: Uint8Array[] = [];
  let offset = 12 + q.length + 4;
  let owner = pointer(12);
  let count = 0;
  if (a.cname) {
    const target = dnsName(a.cname);
    const rec = rr(owner, DNS_CNAME, a.ttl, target);
    // The address records are owned by the CNAME's target, at the rdata of this record.
    owner = pointer(offset + rec.length - target.length);
    offset += rec.length;
    parts.push(rec);
    count++;
  }
  for (const addr of a.addrs) {
    parts.push(rr(owner, qtype, a.ttl, addr));
    count++;
  }
  const header = concat([be(id, 2), be(0x8180, 2), be(1, 2), be(count, 2), be(0, 2), be(1, 2)]);
  return concat([header, q, be(qtype, 2), be(1, 2), ...parts, OPT]);
}

/** An NXDOMAIN answer with the SOA of the name's last two labels. */
export function dnsNxdomain(id: number, name: string, qtype: number): Uint8Array {
  const q = dnsName(name);
  const labels = name.split('.');
  // Offset of the zone (last two labels) inside the question name, for the SOA's owner pointer.
  let zoneOffset = 12;
  for (let i = 0; i < labels.length - 2; i++) zoneOffset += labels[i].length + 1;
  const soa = concat([
    dnsName('ns1.' + labels.slice(-2).join('.')),
    dnsName('hostmaster.' + labels.slice(-2).join('.')),
    be(2026112301, 4),
    be(7200, 4),
    be(3600, 4),
    be(1209600, 4),
    be(300, 4),
  ]);
  const header = concat([be(id, 2), be(0x8183, 2), be(1, 2), be(0, 2), be(1, 2), be(1, 2)]);
  return concat([header, q, be(qtype, 2), be(1, 2), rr(pointer(zoneOffset), 6, 300, soa), OPT]);
}
