import { describe, expect, it } from 'vitest';
import {
  bitsPerSecond,
  formatInterval,
  formatPercent,
  formatSi,
  formatTick,
} from '../../../src/ui/stats/format';

describe('stats formatting', () => {
  it('SI prefixes with three significant digits, integers kept whole', () => {
    expect(formatSi(1234567)).toBe('1.23 M');
    expect(formatSi(750000)).toBe('750 k');
    expect(formatSi(1500, 'bit/s')).toBe('1.5 kbit/s');
    expect(formatSi(42)).toBe('42');
    expect(formatSi(NaN)).toBe('N/A');
  });
  it('bits per second need a duration', () => {
    expect(bitsPerSecond(1000, 2)).toBe(4000);
    expect(Number.isNaN(bitsPerSecond(1000, 0))).toBe(true);
  });
  it('intervals and percentages', () => {
    expect(formatInterval(1000)).toBe('1 ms');
    expect(formatInterval(1e6)).toBe('1 s');
    expect(formatInterval(6e7)).toBe('1 min');
    expect(formatInterval(6e8)).toBe('10 min');
    expect(formatPercent(0.0232)).toBe('2.32%');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(2500000)).toBe('2.5 M');
  });
});
