import type { Address } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

/**
 * What IPv4/IPv6 hand to their payload dissectors as `data` (Wireshark's ws_ip4/ws_ip6 header
 * structs): ICMP's Info shows the TTL, transports use the addresses.
 */
export interface IpHeaderInfo {
  version: 4 | 6;
  /** TTL / hop limit. */
  ttl: number;
  proto: number;
  src: Address;
  dst: Address;
  /** IPv4 identification (0 for IPv6). */
  id: number;
  /** IPv6 only: the addresses of the upper-layer checksum pseudo-header (final destination after routing headers). */
  pseudoSrc?: Uint8Array;
  pseudoDst?: Uint8Array;
}

/** True while dissecting the payload of a fragment that was not reassembled. */
export function isFragmented(pinfo: PacketInfo): boolean {
  return pinfo.fragmented;
}

/** The IP header info a payload dissector was given, when it was called by IPv4/IPv6. */
export function ipHeaderInfo(data: unknown): IpHeaderInfo | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<IpHeaderInfo>;
  return d.version === 4 || d.version === 6 ? (data as IpHeaderInfo) : undefined;
}
