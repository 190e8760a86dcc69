import { describe, expect, it } from 'vitest';
import { translatePcre } from '../../../src/core/filter/pcre';

function re(p: string): RegExp {
  const r = translatePcre(p);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

describe('PCRE to JavaScript', () => {
  it('is caseless by default; (?-i) makes it case-sensitive', () => {
    expect(re('cldc').test('xCLDCx')).toBe(true);
    expect(re('(?-i)cldc').test('CLDC')).toBe(false);
    expect(re('(?-i)cldc').test('cldc')).toBe(true);
  });

  it("keeps PCRE's meaning of ., $ and \\s", () => {
    expect(re('a.b').test('a\rb')).toBe(true);
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('(?s)a.b').test('a\nb')).toBe(true);
    expect(re('com$').test('example.com\n')).toBe(true);
    expect(re('com\\z').test('example.com\n')).toBe(false);
    expect(re('a\\sb').test('a\u00a0b')).toBe(false);
    expect(re('^\\Aab').test('ab')).toBe(true);
  });

  it('translates POSIX classes, \\x{..}, \\Q..\\E, named groups and back references', () => {
    expect(re('^[[:digit:]]+$').test('123')).toBe(true);
    expect(re('\\x{41}').test('a')).toBe(true);
    expect(re('\\Qa.b\\E').test('axb')).toBe(false);
    expect(re('(?P<w>ab)(?P=w)').test('abAB')).toBe(true);
    expect(re('(a)\\g{1}').test('aa')).toBe(true);
    expect(re('[]a]').test(']')).toBe(true);
    expect(re('\\p{L}').test('é')).toBe(true);
  });

  it("reports PCRE2's messages for syntax errors", () => {
    expect(translatePcre('ex(am')).toBe('missing closing parenthesis');
    expect(translatePcre('a)')).toBe('unmatched closing parenthesis');
    expect(translatePcre('*a')).toBe('quantifier does not follow a repeatable item');
    expect(translatePcre('[abc')).toBe('missing terminating ] for character class');
    expect(translatePcre('a{3,2}')).toBe('numbers out of order in {} quantifier');
    expect(translatePcre('ab\\')).toBe('\\ at end of pattern');
  });

  it('rejects what JavaScript cannot express instead of mistranslating it', () => {
    for (const p of ['a++', '(?>a)', '(?R)', '(?(1)a|b)', '(*SKIP)', 'a(?-i)b', '\\Ga']) {
      expect(typeof translatePcre(p)).toBe('string');
    }
    expect(translatePcre('a*+')).toMatch(/possessive/);
    // An option that is already in force changes nothing and is accepted.
    expect(re('a(?i)b').test('AB')).toBe(true);
  });
});
