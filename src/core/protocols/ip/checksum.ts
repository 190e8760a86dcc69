import type { Tvb } from '../../dissect/tvb';

/** One's-complement sum of `len` bytes at `off` (not folded or inverted), added to `initial`. */
export function onesSum(tvb: Tvb, off: number, len: number, initial = 0): number {
  let s = initial;
  let i = 0;
  for (; i + 1 < len; i += 2) s += tvb.u16(off + i);
  if (i < len) s += tvb.u8(off + i) << 8;
  return s;
}

/** Folds a sum to 16 bits and complements it: 0 means the data (with its checksum) is correct. */
export function foldComplement(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Wireshark's ip_checksum_tvb: the Internet checksum of a byte range (0 when valid). */
export function internetChecksum(tvb: Tvb, off: number, len: number): number {
  return foldComplement(onesSum(tvb, off, len));
}

/** in_cksum_shouldbe: what the checksum field should have held, given the computed result. */
export function checksumShouldBe(sum: number, computed: number): number {
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}
