import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../../src/core/dissect/field-types';
import type { FieldDef } from '../../../src/core/dissect/fields';
import type { FieldAccessor } from '../../../src/core/filter/index';
import { compile, frame, matches, rejection, tf, tinner, tproto } from './helpers';

const ip = (s: string): number => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
const mac = (s: string): Uint8Array => Uint8Array.from(s.split(':').map((x) => parseInt(x, 16)));

/** A frame with two addresses and two ports, like a packet's src/dst pair. */
const pair = frame([
  {
    def: tproto,
    at: [0, 8],
    children: [
      { def: tf.ip, value: ip('192.168.1.10') },
      { def: tf.ip, value: ip('10.0.0.1') },
      { def: tf.u16, value: 53 },
      { def: tf.u16, value: 40000 },
    ],
  },
]);

describe('multi-occurrence fields (Wireshark 4.0 any/all semantics)', () => {
  it('== is "any occurrence equals"', () => {
    expect(matches('tp.ip == 10.0.0.1', pair)).toBe(true);
    expect(matches('tp.ip == 10.0.0.2', pair)).toBe(false);
  });

  it('!= is "no occurrence equals" (not the old "any differs")', () => {
    expect(matches('tp.ip != 10.0.0.1', pair)).toBe(false);
    expect(matches('tp.ip != 10.9.9.9', pair)).toBe(true);
    expect(matches('tp.ip ~= 10.0.0.1', pair)).toBe(true);
    expect(matches('tp.ip !== 10.0.0.1', pair)).toBe(true);
    expect(matches('tp.ip any_ne 10.0.0.1', pair)).toBe(true);
  });

  it('=== and the all quantifier need every occurrence', () => {
    expect(matches('tp.ip === 10.0.0.1', pair)).toBe(false);
    expect(matches('tp.ip === 0.0.0.0/0', pair)).toBe(true);
    expect(matches('all tp.u16 > 52', pair)).toBe(true);
    expect(matches('all tp.u16 > 53', pair)).toBe(false);
    expect(matches('any tp.u16 > 53', pair)).toBe(true);
    expect(matches('any tp.ip != 10.0.0.1', pair)).toBe(true);
  });

  it('a missing field fails every comparison, even !=', () => {
    expect(matches('tp.other == 1', pair)).toBe(false);
    expect(matches('tp.other != 1', pair)).toBe(false);
    expect(matches('!(tp.other == 1)', pair)).toBe(true);
    expect(matches('not tp.other', pair)).toBe(true);
  });

  it('field against field compares every pair', () => {
    expect(matches('tp.u16 < tp.u16', pair)).toBe(true);
    expect(matches('tp.u16 == tp.u16', pair)).toBe(true);
  });

  it('in: any value in the set; with all, every value in the same element', () => {
    expect(matches('tp.u16 in {80, 53}', pair)).toBe(true);
    expect(matches('tp.u16 in {100..200}', pair)).toBe(false);
    expect(matches('tp.u16 in {50..60, 39999..40001}', pair)).toBe(true);
    expect(matches('all tp.u16 in {50..60000}', pair)).toBe(true);
    expect(matches('all tp.u16 in {53, 40000}', pair)).toBe(false);
    expect(matches('tp.u16 not in {53}', pair)).toBe(false);
    expect(matches('tp.u16 not in {54}', pair)).toBe(true);
  });
});

describe('integers', () => {
  const f = frame([
    { def: tf.u32, value: 74 },
    { def: tf.i32, value: -1 },
    { def: tf.u64, value: 2n ** 60n },
  ]);

  it('accepts decimal, hex, octal, binary and character constants', () => {
    for (const lit of ['74', '0x4a', '0112', '0b1001010', "'J'", "'\\x4a'", "'\\112'"]) {
      expect(matches(`tp.u32 == ${lit}`, f)).toBe(true);
    }
  });

  it('compares signed fields with negative constants', () => {
    expect(matches('tp.i32 == -1', f)).toBe(true);
    expect(matches('tp.i32 < 0', f)).toBe(true);
  });

  it('never orders an unsigned value against a negative one', () => {
    expect(matches('tp.u32 > -1', f)).toBe(false);
    expect(matches('tp.u32 < -1', f)).toBe(false);
    expect(matches('tp.u32 != -1', f)).toBe(true);
    expect(matches('-tp.u32 < 0', f)).toBe(true);
  });

  it('handles 64-bit values beyond 2^53', () => {
    expect(matches('tp.u64 == 1152921504606846976', f)).toBe(true);
    expect(matches('tp.u64 > 0xfffffffffffffff', f)).toBe(true);
    expect(matches('tp.u64 & 0x1000000000000000', f)).toBe(true);
  });

  it('does arithmetic with 32-bit overflow, signed results and no division by zero', () => {
    expect(matches('tp.u32 + 1 == 75', f)).toBe(true);
    expect(matches('tp.u32 - 75 == -1', f)).toBe(true);
    expect(matches('tp.u32 * 2 == 148', f)).toBe(true);
    expect(matches('tp.u32 / 4 == 18', f)).toBe(true);
    expect(matches('tp.u32 % 4 == 2', f)).toBe(true);
    expect(matches('tp.u32 * 100000000 > 0', f)).toBe(false);
    expect(matches('tp.u32 / 0 > 0', f)).toBe(false);
    expect(matches('{tp.u32 + 1} * 2 == 150', f)).toBe(true);
    expect(matches('tp.u32 == 2 + 2 * 36', f)).toBe(true);
    expect(matches('tp.u32 == 2 + 2 * 36 - 1', f)).toBe(false);
    expect(matches('tp.u32 > tp.i32 + 70', f)).toBe(true);
  });

  it('uses & as a test (non-zero) and in comparisons', () => {
    expect(matches('tp.u32 & 0x02', f)).toBe(true);
    expect(matches('tp.u32 & 0x01', f)).toBe(false);
    expect(matches('tp.u32 & 0x0a == 0x0a', f)).toBe(true);
    expect(matches('tp.u32 bitwise_and 2', f)).toBe(true);
  });

  it('rejects values out of the field range', () => {
    expect(rejection('tp.u8 == 256')).toBe('"256" too big for this field, maximum 255.');
    expect(rejection('tp.u64 == 18446744073709551616')).toBe(
      '"18446744073709551616" causes an integer overflow.',
    );
  });
});

describe('value names', () => {
  const f = frame([
    { def: tf.code, value: 3 },
    { def: tf.flag, value: 0x40 },
    { def: tf.bool, value: 0 },
  ]);

  it('match value strings case-insensitively, quoted or not', () => {
    expect(matches('tp.code == "No such name"', f)).toBe(true);
    expect(matches('tp.code == "no SUCH name"', f)).toBe(true);
    expect(matches('tp.code == Refused', f)).toBe(false);
    expect(rejection('tp.code == NXDomain')).toBe(
      '"NXDomain" cannot be found among the possible values for tp.code.',
    );
  });

  it('booleans take True/False, their own texts and any number', () => {
    expect(matches('tp.flag == True', f)).toBe(true);
    expect(matches('tp.flag == TRUE', f)).toBe(true);
    expect(matches('tp.flag == Set', f)).toBe(true);
    expect(matches('tp.flag == "not set"', f)).toBe(false);
    expect(matches('tp.flag == 2', f)).toBe(true);
    expect(matches('tp.flag', f)).toBe(true);
    expect(matches('tp.bool == false', f)).toBe(true);
    expect(rejection('tp.flag == true')).toBe(
      '"true" cannot be found among the possible values for tp.flag.',
    );
  });
});

describe('addresses', () => {
  const f = frame([
    { def: tf.ip, value: ip('192.168.1.10') },
    { def: tf.ip6, value: Uint8Array.from([0xfd, 0, 0, 1, ...new Array<number>(11).fill(0), 0x10]) },
    { def: tf.ether, value: mac('02:00:00:00:00:10') },
  ]);

  it('IPv4 with CIDR prefixes', () => {
    expect(matches('tp.ip == 192.168.1.0/24', f)).toBe(true);
    expect(matches('tp.ip == 192.168.2.0/24', f)).toBe(false);
    expect(matches('tp.ip > 192.168.1.9', f)).toBe(true);
    expect(matches('tp.ip > 192.168.1.0/24', f)).toBe(false);
    expect(matches('tp.ip in {192.168.1.5 .. 192.168.1.20}', f)).toBe(true);
    expect(matches('tp.ip & 255.255.0.0 == 192.168.0.0', f)).toBe(true);
    expect(matches('tp.ip[0] == c0', f)).toBe(true);
    expect(rejection('tp.ip == 192.168.1.0/33')).toBe(
      'Netmask bits in a CIDR IPv4 address should be <= 32, not 33',
    );
  });

  it('IPv6 with prefixes and embedded IPv4', () => {
    expect(matches('tp.ip6 == fd00:1::10', f)).toBe(true);
    expect(matches('tp.ip6 == fd00:1::/64', f)).toBe(true);
    expect(matches('tp.ip6 == fd00:2::/32', f)).toBe(false);
    expect(matches('tp.ip6 == fd00:1::0.0.0.16', f)).toBe(true);
    expect(rejection('tp.ip6 == fd00::/129')).toBe('Prefix in a IPv6 address should be <= 128, not 129');
  });

  it('MAC addresses with :, - or . separators', () => {
    for (const lit of ['02:00:00:00:00:10', '02-00-00-00-00-10', '0200.0000.0010', '020000000010']) {
      expect(matches(`tp.ether == ${lit}`, f)).toBe(true);
    }
    expect(matches('tp.ether contains 00:10', f)).toBe(true);
    expect(matches('tp.ether[0:3] == 02:00:00', f)).toBe(true);
    expect(rejection('tp.ether == 02:00:00:00:00')).toBe(
      '"02:00:00:00:00" contains too few bytes to be a valid Ethernet address.',
    );
  });
});

describe('strings and bytes', () => {
  const f = frame([
    { def: tf.str, value: 'Example.COM' },
    { def: tf.bytes, value: Uint8Array.from([0x47, 0x45, 0x54, 0x20, 0x2f]) },
  ]);

  it('compares strings with escapes and raw strings', () => {
    expect(matches('tp.str == "Example.COM"', f)).toBe(true);
    expect(matches('tp.str == "Example\\x2eCOM"', f)).toBe(true);
    expect(matches('tp.str == "Example\\056COM"', f)).toBe(true);
    expect(matches('tp.str contains "ple"', f)).toBe(true);
    expect(matches('tp.str contains ple', f)).toBe(true);
    expect(matches('tp.str > "A"', f)).toBe(true);
    expect(matches('tp.str matches r"^example\\.com$"', f)).toBe(true);
    expect(matches('tp.str matches "(?-i)^example"', f)).toBe(false);
    expect(matches('tp.str ~ "COM$"', f)).toBe(true);
  });

  it('applies functions', () => {
    expect(matches('lower(tp.str) == "example.com"', f)).toBe(true);
    expect(matches('upper(tp.str) contains "EXAMPLE"', f)).toBe(true);
    expect(matches('len(tp.str) == 11', f)).toBe(true);
    expect(matches('len(tp.bytes) == 5', f)).toBe(true);
    expect(matches('count(tp.str) == 1', f)).toBe(true);
    expect(matches('count(tp.other) == 0', f)).toBe(false);
  });

  it('slices bytes and strings: [i:j] [i-j] [i] [-n:] [:j] and lists', () => {
    expect(matches('tp.bytes[0:3] == "GET"', f)).toBe(true);
    expect(matches('tp.bytes[0:3] == 47:45:54', f)).toBe(true);
    expect(matches('tp.bytes[0-2] == "GET"', f)).toBe(true);
    expect(matches('tp.bytes[0] == 0x47', f)).toBe(true);
    expect(matches('tp.bytes[-1:] == 2f', f)).toBe(true);
    expect(matches('tp.bytes[-2] == 20', f)).toBe(true);
    expect(matches('tp.bytes[:2] == "GE"', f)).toBe(true);
    expect(matches('tp.bytes[0,2] == "GT"', f)).toBe(true);
    expect(matches('tp.bytes[3:5] == 20:2f', f)).toBe(false);
    expect(matches('tp.bytes[5:]', f)).toBe(false);
    expect(matches('tp.str[0:3] == "Exa"', f)).toBe(true);
    expect(matches('tp.bytes contains "ET"', f)).toBe(true);
    expect(matches('tp.bytes matches "^get"', f)).toBe(true);
  });
});

describe('protocols', () => {
  // A protocol item covers its header; its payload protocol follows it in the same data.
  const bytes = Uint8Array.from([1, 2, 3, 4, 0x47, 0x45, 0x54, 0x00]);
  const f = frame(
    [
      { def: tproto, at: [0, 4], children: [{ def: tf.u16, value: 0x0102, at: [0, 2] }] },
      { def: tinner, at: [4, 4], children: [{ def: tf.qu16, value: 0x4745, at: [4, 2] }] },
    ],
    bytes,
  );

  it('compares and slices the bytes the item covers', () => {
    expect(matches('tp == 01:02:03:04', f)).toBe(true);
    expect(matches('tp[1:2] == 02:03', f)).toBe(true);
    expect(matches('tp[4:]', f)).toBe(false);
    expect(matches('len(tp) == 4', f)).toBe(true);
  });

  it('searches the rest of its data with contains and matches', () => {
    expect(matches('tp contains "GET"', f)).toBe(true);
    expect(matches('tp matches "get"', f)).toBe(true);
    expect(matches('tq contains 01', f)).toBe(false);
  });
});

describe('layers', () => {
  // An outer protocol quoting an inner copy of itself (like an ICMP error quoting an IP header).
  const f = frame([
    {
      def: tproto,
      children: [
        { def: tf.u16, value: 1 },
        { def: tproto, children: [{ def: tf.u16, value: 2 }] },
      ],
    },
  ]);

  it('selects occurrences by protocol layer', () => {
    expect(matches('tp.u16#1 == 1', f)).toBe(true);
    expect(matches('tp.u16#1 == 2', f)).toBe(false);
    expect(matches('tp.u16#2 == 2', f)).toBe(true);
    expect(matches('tp.u16#[1-2] == 2', f)).toBe(true);
    expect(matches('tp.u16#[-1] == 2', f)).toBe(true);
    expect(matches('tp.u16#3', f)).toBe(false);
    expect(matches('count(tp.u16#2) == 1', f)).toBe(true);
  });
});

describe('times', () => {
  const f = frame([
    { def: tf.rel, value: 1_500_000 },
    { def: tf.abs, value: { sec: Date.UTC(2026, 10, 23, 4, 47, 32) / 1000, nsec: 500_000_000 } },
  ]);

  it('relative times in seconds with up to 9 decimals', () => {
    expect(matches('tp.rel > 0.001', f)).toBe(true);
    expect(matches('tp.rel == 0.0015', f)).toBe(true);
    expect(matches('tp.rel < 1', f)).toBe(true);
    expect(matches('tp.rel + tp.rel > 0.002', f)).toBe(true);
    expect(rejection('tp.rel > 1e-3')).toBe('"1e-3" is not a valid time.');
  });

  it('absolute times in ISO 8601 or the legacy form, UTC or with an offset', () => {
    expect(matches('tp.abs > "2026-11-23T04:47:32Z"', f)).toBe(true);
    expect(matches('tp.abs == "2026-11-23 04:47:32.5Z"', f)).toBe(true);
    expect(matches('tp.abs == "2026-11-23 05:47:32.5+01:00"', f)).toBe(true);
    expect(matches('tp.abs < "Nov 23, 2026 04:47:33 UTC"', f)).toBe(true);
  });
});

describe('compiled filters', () => {
  it('list the fields they read', () => {
    const flt = compile('tp.u16 == 1 && len(tp.str) > 2 || tp.bytes[0] == 00 || !tp');
    expect(flt.fields.map((d) => d.abbrev).sort()).toEqual(['tp', 'tp.bytes', 'tp.str', 'tp.u16']);
  });

  it('evaluate over any FieldAccessor (e.g. index columns instead of a tree)', () => {
    const columns = new Map<FieldDef, FieldValue[]>([[tf.u16, [53, 40000]]]);
    const acc: FieldAccessor = {
      count: (d) => columns.get(d)?.length ?? 0,
      value: (d, i) => columns.get(d)?.[i] ?? null,
      bytes: () => new Uint8Array(0),
      tail: () => new Uint8Array(0),
      length: () => 0,
      layer: () => 1,
      layerCount: () => 1,
    };
    expect(compile('tp.u16 == 53').evaluate(acc)).toBe(true);
    expect(compile('tp.u16 in {1..10}').evaluate(acc)).toBe(false);
    expect(compile('tp.u32').evaluate(acc)).toBe(false);
  });

  it('read ${field} from the reference frame', () => {
    const flt = compile('tp.u16 == ${tp.u16}');
    const ref = frame([{ def: tf.u16, value: 40000 }]);
    expect(flt.matches(pair)).toBe(false);
    flt.setReference(ref);
    expect(flt.matches(pair)).toBe(true);
  });

  it('an empty filter matches everything', () => {
    expect(matches('', pair)).toBe(true);
    expect(matches('   ', pair)).toBe(true);
  });
});
