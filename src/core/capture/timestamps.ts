/**
 * Splitting pcapng's 64-bit tick counts into seconds and nanoseconds exactly.
 *
 * Nanosecond ticks since 1970 exceed 2^53, so plain double arithmetic would lose the last digits.
 * The common resolutions (units per second up to 2^37) are divided digit by digit in base 2^16
 * without allocating; anything more exotic falls back to BigInt.
 */

/** Result holder, reused by the caller to avoid allocating per packet. */
export interface SplitTime {
  sec: number;
  nsec: number;
}

const TWO16 = 65536;
const MAX_FAST_UNITS = 2 ** 37;

/**
 * Converts `(hi * 2^32 + lo)` ticks of `1/unitsPerSec` seconds into whole seconds plus
 * nanoseconds (floored, like wiretap), writing into `out`.
 */
export function splitTicks(hi: number, lo: number, unitsPerSec: number, out: SplitTime): void {
  if (
    unitsPerSec <= 1e9 &&
    (unitsPerSec >= 65536 || hi < 0x200000) &&
    unitsPerSec >= 1 &&
    Number.isInteger(unitsPerSec)
  ) {
    // Estimate in floating point (off by at most one second), then fix it with the exact
    // remainder, which is known modulo 2^32 and lies in [-units, 2 * units) inside int32 range.
    let sec = Math.floor((hi * 4294967296 + lo) / unitsPerSec);
    let rem = (lo - Math.imul(sec, unitsPerSec)) | 0;
    while (rem < 0) {
      rem += unitsPerSec;
      sec--;
    }
    while (rem >= unitsPerSec) {
      rem -= unitsPerSec;
      sec++;
    }
    out.sec = sec;
    out.nsec = unitsPerSec === 1e9 ? rem : fractionToNs(rem, unitsPerSec);
    return;
  }
  if (unitsPerSec >= 1 && unitsPerSec <= MAX_FAST_UNITS && Number.isInteger(unitsPerSec)) {
    // Long division by unitsPerSec over the four 16-bit digits; each partial value stays < 2^53.
    let cur = hi >>> 16;
    let q = Math.floor(cur / unitsPerSec);
    let r = cur - q * unitsPerSec;
    cur = r * TWO16 + (hi & 0xffff);
    let d = Math.floor(cur / unitsPerSec);
    r = cur - d * unitsPerSec;
    q = q * TWO16 + d;
    cur = r * TWO16 + (lo >>> 16);
    d = Math.floor(cur / unitsPerSec);
    r = cur - d * unitsPerSec;
    q = q * TWO16 + d;
    cur = r * TWO16 + (lo & 0xffff);
    d = Math.floor(cur / unitsPerSec);
    r = cur - d * unitsPerSec;
    q = q * TWO16 + d;
    out.sec = q;
    out.nsec = fractionToNs(r, unitsPerSec);
    return;
  }
  splitTicksBig(hi, lo, unitsPerSec, out);
}

/** floor(r * 1e9 / units) for 0 <= r < units, exactly. */
function fractionToNs(r: number, units: number): number {
  if (r === 0) return 0;
  if (units <= 1e9 && 1e9 % units === 0) return r * (1e9 / units);
  if (r * 1e9 <= Number.MAX_SAFE_INTEGER) return Math.floor((r * 1e9) / units);
  return Number((BigInt(r) * 1000000000n) / BigInt(units));
}

function splitTicksBig(hi: number, lo: number, unitsPerSec: number, out: SplitTime): void {
  const ticks = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  const units = unitsPerSec > 0 ? BigInt(Math.round(unitsPerSec)) : 1n;
  const sec = ticks / units;
  out.sec = Number(sec);
  out.nsec = Number(((ticks - sec * units) * 1000000000n) / units);
}

/**
 * Units per second for a pcapng if_tsresol value as wiretap computes them: bit 7 selects a
 * power of 2, otherwise a power of 10; exponents too large for 64 bits give 2^64 - 1.
 */
export function unitsForTsresol(tsresol: number): number {
  const exponent = tsresol & 0x7f;
  if (tsresol & 0x80) return exponent < 64 ? 2 ** exponent : 2 ** 64 - 1;
  return exponent < 20 ? 10 ** exponent : 2 ** 64 - 1;
}

/** tshark's precision class for a resolution (WTAP_TSPREC_*), folded into CaptureInfo's set. */
export function precisionForUnits(unitsPerSec: number): 'sec' | 'msec' | 'usec' | 'nsec' | 'other' {
  if (unitsPerSec >= 1e9) return 'nsec';
  if (unitsPerSec >= 1e6) return 'usec';
  if (unitsPerSec >= 1e3) return 'msec';
  if (unitsPerSec >= 10) return 'other';
  return 'sec';
}
