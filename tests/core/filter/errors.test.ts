import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../../src/core/protocols/index';
import { compileDisplayFilter } from '../../../src/core/filter/index';

/**
 * Rejected filters: the message must be tshark's (fixtures/tshark-errors.json, made by
 * fixtures/make-tshark-errors.py from fixtures/invalid-filters.txt) and the span the text tshark's
 * caret line points at. The spans below are written out by hand (null: tshark prints no
 * location, e.g. for "Unexpected end of filter expression.").
 */
const SPANS: [string, [number, number] | null][] = [
  ['ip.src == 300.1.1.1', [10, 19]],
  ['tcp.port in {80 443 8080}', [16, 19]],
  ['foo', [0, 3]],
  ['ip.src ==', null],
  ['ip.src xor ip.dst', [7, 10]],
  ['ip.src ^^ ip.dst', [7, 8]],
  ['(ip', null],
  ['ip.src == 1.2.3.4/33', [10, 20]],
  ['frame.len == 74.0', [13, 17]],
  ['frame.len == 4294967296', [13, 23]],
  ['frame.len == abc', [13, 16]],
  ['frame.len == "74"', [13, 17]],
  ['== 1', [0, 2]],
  ['frame.len == 74 74', [16, 18]],
  ['frame.len ==74)', [14, 15]],
  ['frame.len[0] == 1', [0, 9]],
  ['eth.src == 02:00:00:00:00:1', [25, 27]],
  ['eth.src == 02:00:00:00:00:10:11', [11, 31]],
  ['eth.src == "02:00:00:00:00:10"', [11, 30]],
  ['frame.len contains 1', [0, 9]],
  ['ip.src contains 192.168.1.10', [0, 6]],
  ['ip.src == 192.168.1.0/ 24', [10, 21]],
  ['ip.src == "192.168.1.10"', [10, 24]],
  ['ipv6.src == fd00:1::/129', [12, 24]],
  ['ipv6.src == fd00:1:::10', [20, 23]],
  ['frame.len == 1-2', [13, 16]],
  ['frame.len == :4a', [13, 16]],
  ['frame.len == a:b', [14, 16]],
  ['frame.len == 1..2', [14, 16]],
  ['frame.len == .foo', [13, 17]],
  ['frame.len == ip.src', [13, 19]],
  ['frame.len == 08', [13, 15]],
  ['frame.time_delta > 0.', [20, 21]],
  ['notudp', [0, 6]],
  ['udp andnot tcp', [4, 10]],
  ['frame.len in {}', [14, 15]],
  ['frame.len in {74,}', [17, 18]],
  ['"foo"', [0, 5]],
  ["'a'", [0, 3]],
  ['eth.type == Foo', [12, 15]],
  ['ip.flags.df == yes', [15, 18]],
  ['dns.flags.rcode == NXDomain', [19, 27]],
  ['dns.qry.name matches "EXAMPLE\\.com$"', [29, 31]],
  ['dns.qry.name matches example', [21, 28]],
  ['dns.qry.name ~ "ex(am"', null],
  ['udp.length matches "1"', [0, 10]],
  ['len(dns.qry.name)', [0, 3]],
  ['count(1) == 1', [6, 7]],
  ['count() == 1', [0, 5]],
  ['count(ip.src, ip.dst) == 1', [0, 5]],
  ['foo(ip.src) == 1', [0, 3]],
  ['upper(frame.len) == 1', [6, 15]],
  ['string(dns.qry.name) == "x"', [7, 19]],
  ['max(frame.len, udp.length) > 100', [15, 25]],
  ['lower("abc") == "abc"', [6, 11]],
  ['abs(-1) == 1', [5, 6]],
  ['abs(1) == 1', [4, 5]],
  ['eth.src[1:b] == 02', [8, 11]],
  ['eth.src[] == 02', [8, 9]],
  ['eth.src[0:0] == 02', [8, 11]],
  ['eth.src[1-0] == 02', [8, 11]],
  ['eth.src[0', [9, 10]],
  ['eth.src[0] == 0x0200', [14, 20]],
  ['udp.srcport[0] == 0', [0, 11]],
  ['eth.src[-1-2] == 02', [8, 12]],
  ['ip.src#a', [7, 8]],
  ['ip.src#', null],
  ['ip.src# 1', [7, 8]],
  ['udp & tcp', [0, 3]],
  ['udp <> tcp', [5, 6]],
  ['frame.len !=== 74', [13, 14]],
  ['and udp', [0, 3]],
  ['()', [1, 2]],
  ['frame.len == 74 == 74', [13, 15]],
  ['frame.len in {"a"}', [14, 17]],
  ['frame.len in {udp}', [14, 17]],
  ['frame.len in {eth.src[0]}', null],
  ['frame.len in {1 + 2}', [16, 17]],
  ['udp.port in {53,54} == 1', [20, 22]],
  ['${foo}', null],
  ['${ip.src', null],
  ['$ip.src', [1, 7]],
  ['dns.qry.name == "\\q"', [17, 19]],
  ['dns.qry.name == "\\400"', [17, 21]],
  ['dns.qry.name == "\\u12"', [17, 21]],
  ['dns.qry.name == "abc', [20, 21]],
  ["dns.qry.name == 'ab'", [16, 20]],
  ["frame.len > '\\z'", [12, 16]],
  ["frame.len > 'a", [14, 15]],
  ['foo#1', [0, 3]],
  ['frame.len#[1:b]', [11, 14]],
  ['tcp.flags.syn[0] == 00', [0, 13]],
  ["frame.time == 'a'", [14, 17]],
  ['frame.time > "foo"', [13, 18]],
  ['frame.time > "2026-11-23 04:47:32 +0100"', [13, 40]],
  ['frame.time_delta > "0.01"', [19, 25]],
  ['frame.time_delta > 1s', [19, 21]],
  ['frame.time_delta * 2 > 1', [0, 16]],
  ['ip.src + 1 == 1', [0, 6]],
  ['frame.len & ip.src', [12, 18]],
  ['1 + frame.len == 5', [0, 1]],
  ['5 == frame.len + 1', [0, 1]],
  ['max(1,2) == 3', [4, 5]],
  ['abs("a") == 1', [4, 7]],
  ['abs(frame.len, 1) == 1', [0, 3]],
  ['len(eth.src[0:2]) == 2', null],
  ['udp contains 00:35 contains 1', [19, 27]],
  ['"a" contains udp', [0, 3]],
  ["frame.len == 1 + 'a'", [17, 20]],
  ['ip.flags.df == "True"', [15, 21]],
  ['tcp contains HTTP', [13, 17]],
  ['eth.src == zz', [11, 13]],
  ['ipv6.src == 1.2.3.4', [12, 19]],
  ['ip.src == 1.2.3.4/100', [20, 21]],
  ['frame.len == 1 + eth.src[0]', null],
  ['ip.src[0] in {c0}', null],
  ['len(ip.src) in {4}', [0, 3]],
  ['udp.srcport in 53', [15, 17]],
  ['eth.src > 02', [10, 12]],
  ['all not ip', [4, 7]],
  ['any ip', null],
  ['tcp.analysis.flags == 1', [0, 18]],
  ['frame.len eq 74 eq 74', [13, 15]],
  ['frame.len == 0xfffffffff', [13, 24]],
  ["udp.length == 'ab", [17, 18]],
  ["frame.len > '\\400'", [12, 18]],
  ["frame.len > ''", [12, 14]],
  ['ip.ttl == 256', [10, 13]],
  ['eth.src contains "x" contains "y"', [21, 29]],
];

interface Fixture {
  errors: { filter: string; message: string; caret: [number, number] | null }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/tshark-errors.json', import.meta.url), 'utf8'),
) as Fixture;
const messages = new Map(fixture.errors.map((e) => [e.filter, e]));

describe('display filter errors match tshark 4.0', () => {
  it('covers every filter of the fixture', () => {
    expect(SPANS.length).toBeGreaterThanOrEqual(60);
    expect(SPANS.map(([f]) => f).sort()).toEqual(fixture.errors.map((e) => e.filter).sort());
  });

  it.each(SPANS)('%s', (filter, span) => {
    const expected = messages.get(filter);
    expect(expected).toBeDefined();
    // The hand-written span agrees with tshark's caret.
    expect(span).toEqual(expected?.caret ?? null);
    const r = compileDisplayFilter(filter);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(expected?.message);
    if (span === null) {
      expect(r.error.noLocation).toBe(true);
    } else {
      expect(r.error.noLocation ?? false).toBe(false);
      expect([r.error.from, r.error.to]).toEqual(span);
    }
  });
});
