/** Network addresses as carried in PacketInfo (Wireshark's address type), and their text forms. */
export const AT = { NONE: 0, ETHER: 1, IPv4: 2, IPv6: 3, STRINGZ: 4 } as const;
export type AddressType = (typeof AT)[keyof typeof AT];

export interface Address {
  type: AddressType;
  /** IPv4 as a host-order uint32; 0 otherwise. */
  v4: number;
  /** ETHER (6) / IPv6 (16) bytes (a view, valid while the frame is dissected: copy to keep). */
  bytes: Uint8Array | null;
  /** STRINGZ text (e.g. Bluetooth names); '' otherwise. */
  text: string;
}

export const NO_ADDRESS: Address = Object.freeze({ type: AT.NONE, v4: 0, bytes: null, text: '' });

export function etherAddress(bytes: Uint8Array): Address {
  return { type: AT.ETHER, v4: 0, bytes, text: '' };
}

/**
 * An Ethernet address at `at` in a frame buffer. Its `bytes` view is made each time it is read
 * (rarely: the first pass sets the link-layer addresses of every frame and never reads them).
 */
class EtherAt implements Address {
  readonly type = AT.ETHER;
  readonly v4 = 0;
  readonly text = '';
  constructor(
    private buf: Uint8Array,
    private at: number,
  ) {}

  get bytes(): Uint8Array {
    return this.buf.subarray(this.at, this.at + 6);
  }

  /** Points this address at another buffer position (reused addresses of scratch frames). */
  point(buf: Uint8Array, at: number): this {
    this.buf = buf;
    this.at = at;
    return this;
  }
}

export function etherAddressAt(buf: Uint8Array, at: number): Address {
  return new EtherAt(buf, at);
}

/** An Ethernet address object that can be pointed elsewhere frame after frame (see PacketInfo). */
export type ReusableEtherAddress = EtherAt;

export function reusableEtherAddress(): ReusableEtherAddress {
  return new EtherAt(EMPTY, 0);
}

const EMPTY = new Uint8Array(6);

export function ipv4Address(v4: number): Address {
  return { type: AT.IPv4, v4, bytes: null, text: '' };
}

export function ipv6Address(bytes: Uint8Array): Address {
  return { type: AT.IPv6, v4: 0, bytes, text: '' };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `02:00:00:00:00:10` */
export function formatEther(b: Uint8Array, sep = ':'): string {
  let s = HEX[b[0]];
  for (let i = 1; i < b.length; i++) s += sep + HEX[b[i]];
  return s;
}

/** Dotted quad of a host-order uint32. */
export function formatIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952 text of an IPv6 address (longest run of zero groups compressed, lower case). */
export function formatIPv6(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i] << 8) | b[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  // IPv4-mapped and IPv4-compatible forms keep the dotted quad, as inet_ntop does.
  if (bestStart === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff))) {
    const tail = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
    if (bestLen === 5) return `::ffff:${tail}`;
    if (g[6] !== 0 || g[7] > 1) return `::${tail}`;
  }
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      parts.push(i === 0 ? ':' : '');
      i += bestLen - 1;
      if (i === 7) parts.push('');
      continue;
    }
    parts.push(g[i].toString(16));
  }
  return parts.join(':');
}

export function formatAddress(a: Address): string {
  switch (a.type) {
    case AT.ETHER:
      return formatEther(a.bytes as Uint8Array);
    case AT.IPv4:
      return formatIPv4(a.v4);
    case AT.IPv6:
      return formatIPv6(a.bytes as Uint8Array);
    case AT.STRINGZ:
      return a.text;
    default:
      return '';
  }
}

/** Copies an address so it outlives the frame buffer it points into. */
export function copyAddress(a: Address): Address {
  return { type: a.type, v4: a.v4, bytes: a.bytes ? a.bytes.slice() : null, text: a.text };
}

/** A compact key for hashing (conversation tables): stable across frames. */
export function addressKey(a: Address): string {
  switch (a.type) {
    case AT.IPv4:
      return `4:${a.v4}`;
    case AT.ETHER:
    case AT.IPv6: {
      const b = a.bytes as Uint8Array;
      let s = a.type === AT.ETHER ? 'e:' : '6:';
      for (let i = 0; i < b.length; i++) s += HEX[b[i]];
      return s;
    }
    default:
      return `${a.type}:${a.text}`;
  }
}

export function addressEquals(a: Address, b: Address): boolean {
  if (a.type !== b.type) return false;
  if (a.type === AT.IPv4) return a.v4 === b.v4;
  if (a.bytes && b.bytes) {
    if (a.bytes.length !== b.bytes.length) return false;
    for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
    return true;
  }
  return a.text === b.text;
}

/** Orders addresses like Wireshark's cmp_address (type, then bytes). */
export function compareAddress(a: Address, b: Address): number {
  if (a.type !== b.type) return a.type - b.type;
  if (a.type === AT.IPv4) return a.v4 === b.v4 ? 0 : a.v4 >>> 0 < b.v4 >>> 0 ? -1 : 1;
  if (a.bytes && b.bytes) {
    const n = Math.min(a.bytes.length, b.bytes.length);
    for (let i = 0; i < n; i++) if (a.bytes[i] !== b.bytes[i]) return a.bytes[i] - b.bytes[i];
    return a.bytes.length - b.bytes.length;
  }
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}
