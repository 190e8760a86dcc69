/**
 * The identity a client is rate-limited under. IPv6 clients are grouped by /64, because a single
 * host is routinely given a whole /64 and could otherwise rotate addresses to dodge the limit.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address into its eight 16-bit groups (no validation beyond node:net's). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) counts as the last two groups.
  if (text.includes('.', lastColon)) {
    const v4 = text
      .slice(lastColon + 1)
      .split('.')
      .map(Number);
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':').filter((g) => g !== '') : [];
  const restGroups = rest ? rest.split(':').filter((g) => g !== '') : [];
  const parsedHead = headGroups.map((g) => parseInt(g, 16));
  const parsedRest = restGroups.map((g) => parseInt(g, 16));
  const missing = 8 - tail.length - parsedHead.length - parsedRest.length;
  return [...parsedHead, ...new Array<number>(Math.max(0, missing)).fill(0), ...parsedRest, ...tail];
}

export function rateLimitKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.replace(/%.*$/, ''); // drop an IPv6 zone id (fe80::1%eth0)
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain.slice(0, 100); // not an address (odd proxy header): still a stable key
  const groups = ipv6Groups(plain.toLowerCase());
  // IPv4-mapped (::ffff:a.b.c.d): the same client as plain IPv4 on a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/**
 * The client's address: the socket peer, or — only when the operator says a reverse proxy is in
 * front — the last X-Forwarded-For entry, which is the one that proxy appended itself (earlier
 * entries are whatever the client chose to send).
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string | undefined {
  if (trustProxy && forwardedFor !== undefined) {
    const joined = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const last = joined.split(',').pop()?.trim();
    if (last) return last;
  }
  return socketAddress;
}
