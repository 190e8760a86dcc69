import { describe, expect, it } from 'vitest';
import { FT } from '../../../src/core/dissect/field-types';
import { fromLiteral, fromString, parseBytes, parseIPv6 } from '../../../src/core/filter/literals';
import { parseAbsoluteTime } from '../../../src/core/filter/time-literal';
import { parseRange } from '../../../src/core/filter/drange';

const bytes = (s: string): number[] | null => {
  const b = parseBytes(s);
  return b ? Array.from(b) : null;
};

describe('filter literals', () => {
  it('parses byte strings as tshark does', () => {
    expect(bytes('02:00:10')).toEqual([2, 0, 0x10]);
    expect(bytes('02-00-10')).toEqual([2, 0, 0x10]);
    expect(bytes('0200.0010')).toEqual([2, 0, 0, 0x10]);
    // Groups read in pairs from the left; an odd last digit is a byte of its own.
    expect(bytes('020')).toEqual([2, 0]);
    expect(bytes('2')).toEqual([2]);
    expect(bytes('0x1f')).toEqual([0x1f]);
    expect(bytes('0x1')).toBe(null);
    expect(bytes('02::00')).toBe(null);
    expect(bytes(':aa:bb')).toEqual([0xaa, 0xbb]);
  });

  it('parses IPv6 text forms', () => {
    expect(Array.from(parseIPv6('::1') ?? [])).toEqual([...new Array<number>(15).fill(0), 1]);
    expect(Array.from(parseIPv6('::ffff:1.2.3.4') ?? []).slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIPv6('1::2::3')).toBe(null);
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBe(null);
  });

  it('converts integers with C syntax and range checks', () => {
    expect(fromLiteral(FT.UINT16, '0x10', false)).toEqual({ ok: true, value: 16 });
    expect(fromLiteral(FT.UINT16, '010', false)).toEqual({ ok: true, value: 8 });
    expect(fromLiteral(FT.UINT16, '08', false)).toEqual({
      ok: false,
      message: '"08" is not a valid number.',
    });
    expect(fromLiteral(FT.UINT64, '18446744073709551615', false)).toEqual({
      ok: true,
      value: 18446744073709551615n,
    });
  });

  it('converts relative times (fractions up to 9 digits)', () => {
    expect(fromLiteral(FT.RELATIVE_TIME, '1.5', false)).toEqual({ ok: true, value: 1_500_000_000 });
    expect(fromLiteral(FT.RELATIVE_TIME, '0.000000001', false)).toEqual({ ok: true, value: 1 });
    expect(fromLiteral(FT.RELATIVE_TIME, '1.0000000001', false).ok).toBe(false);
  });

  it('rejects strings for types that do not take them', () => {
    expect(fromString(FT.IPv4, '1.2.3.4', new Uint8Array(0))).toEqual({
      ok: false,
      message: 'IPv4 address cannot be converted from a string ("1.2.3.4").',
    });
  });

  it('parses absolute times', () => {
    expect(parseAbsoluteTime('2020-07-04T12:34:56Z')).toEqual({ sec: 1593866096, nsec: 0 });
    expect(parseAbsoluteTime('Jul 04, 2020 12:34:56.25 UTC')).toEqual({ sec: 1593866096, nsec: 250_000_000 });
    expect(parseAbsoluteTime('2020-07-04 12:34:56 +0100')).toBe('Unexpected data after time value.');
  });

  it('parses slice ranges with tshark messages', () => {
    expect(parseRange('1:2', 0, 3)).toMatchObject({ start: 1, form: 'len', len: 2 });
    expect(parseRange('-3--1', 0, 5)).toMatchObject({ start: -3, form: 'end', end: -1 });
    expect(parseRange(':', 0, 1)).toMatchObject({ start: 0, form: 'toEnd' });
    expect(parseRange('2-1', 0, 3)).toBe("Range 2-1 isn't valid because 2 is greater or equal than 1");
    expect(parseRange('1:b', 0, 3)).toBe('"1:b" is not a valid range.');
  });
});
