import { describe, expect, it } from 'vitest';
import { precisionForUnits, splitTicks, unitsForTsresol } from '../../../src/core/capture/timestamps';
import { rng } from './helpers';

function exact(hi: number, lo: number, units: bigint): [number, number] {
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  const sec = ticks / units;
  return [Number(sec), Number(((ticks - sec * units) * 1000000000n) / units)];
}

describe('pcapng time stamps', () => {
  it('split 64-bit tick counts exactly for decimal and binary resolutions', () => {
    const random = rng(5);
    const out = { sec: 0, nsec: 0 };
    const resolutions = [0, 3, 6, 9, 12, 0x80 | 10, 0x80 | 20, 0x80 | 30, 0x80 | 40];
    for (let i = 0; i < 2000; i++) {
      const hi = Math.floor(random() * 2 ** 32);
      const lo = Math.floor(random() * 2 ** 32);
      const tsresol = resolutions[i % resolutions.length];
      const units = unitsForTsresol(tsresol);
      splitTicks(hi, lo, units, out);
      const [sec, nsec] = exact(hi, lo, BigInt(units));
      // Seconds beyond 2^53 cannot be exact as numbers; compare those approximately.
      if (sec < Number.MAX_SAFE_INTEGER) expect(out.sec).toBe(sec);
      else expect(out.sec / sec).toBeCloseTo(1, 12);
      expect(out.nsec).toBe(nsec);
    }
  });

  it('keeps nanosecond precision for nanosecond time stamps of today', () => {
    const ticks = 1795409284481063959n;
    const out = { sec: 0, nsec: 0 };
    splitTicks(Number(ticks >> 32n), Number(ticks & 0xffffffffn), 1e9, out);
    expect(out).toEqual({ sec: 1795409284, nsec: 481063959 });
  });

  it('classifies resolutions like wiretap', () => {
    expect(unitsForTsresol(6)).toBe(1e6);
    expect(unitsForTsresol(0x80 | 20)).toBe(2 ** 20);
    expect(precisionForUnits(1e9)).toBe('nsec');
    expect(precisionForUnits(2 ** 20)).toBe('usec');
    expect(precisionForUnits(1000)).toBe('msec');
    expect(precisionForUnits(1)).toBe('sec');
  });
});
