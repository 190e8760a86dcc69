import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/filter/lexer';

const kinds = (text: string): string[] => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('display filter scanner', () => {
  it('splits words, operators and keywords', () => {
    expect(kinds('ip.src==1.2.3.4&&!udp')).toEqual([
      'UNPARSED:ip.src',
      'ANY_EQ:==',
      'LITERAL:1.2.3.4',
      'AND:&&',
      'NOT:!',
      'UNPARSED:udp',
      'EOF:',
    ]);
    expect(kinds('a eq b ne c === d !== e ~= f')).toEqual([
      'UNPARSED:a',
      'ANY_EQ:eq',
      'UNPARSED:b',
      'ALL_NE:ne',
      'UNPARSED:c',
      'ALL_EQ:===',
      'UNPARSED:d',
      'ANY_NE:!==',
      'UNPARSED:e',
      'ANY_NE:~=',
      'UNPARSED:f',
      'EOF:',
    ]);
  });

  it('keeps keywords inside longer words as words', () => {
    expect(kinds('udp andnot tcp')[1]).toBe('UNPARSED:andnot');
    expect(kinds('74and')[0]).toBe('UNPARSED:74and');
    expect(kinds('AND')[0]).toBe('UNPARSED:AND');
  });

  it('recognizes addresses and byte strings by shape (longest match)', () => {
    expect(kinds('fd00:1::10/64')[0]).toBe('LITERAL:fd00:1::10/64');
    expect(kinds('::1')[0]).toBe('LITERAL:::1');
    expect(kinds('02:00:00:00:00:10')[0]).toBe('LITERAL:02:00:00:00:00:10');
    expect(kinds('192.168.1.0/24')[0]).toBe('LITERAL:192.168.1.0/24');
    expect(kinds(':4a')[0]).toBe('LITERAL::4a');
    // A colon cannot continue a word: "2:0" is "2" then ":0".
    expect(kinds('2:0')).toEqual(['UNPARSED:2', 'LITERAL::0', 'EOF:']);
    expect(kinds('fd00:1:::10')).toEqual(['LITERAL:fd00:1::', 'LITERAL::10', 'EOF:']);
    expect(kinds('02-00-00-00-00-10')[0]).toBe('UNPARSED:02-00-00-00-00-10');
  });

  it('never puts ".." in a word, and gives a lone "." to the parser', () => {
    expect(kinds('1..2')).toEqual(['UNPARSED:1', 'DOTDOT:..', 'UNPARSED:2', 'EOF:']);
    expect(kinds('0.')).toEqual(['UNPARSED:0', 'UNKNOWN:.', 'EOF:']);
    expect(kinds('.ip.src')[0]).toBe('FIELD:.ip.src');
  });

  it('scans slice ranges and layers in their own modes', () => {
    expect(kinds('f[ 1 : 2 ,-1]')).toEqual([
      'UNPARSED:f',
      'LBRACKET:[',
      'RANGE: 1 : 2 ',
      'COMMA:,',
      'RANGE:-1',
      'RBRACKET:]',
      'EOF:',
    ]);
    expect(kinds('ip.src#2')).toEqual(['UNPARSED:ip.src', 'HASH:#', 'INDEX:2', 'EOF:']);
    const bad = tokenize('ip.src#a');
    expect(bad[2]).toMatchObject({
      kind: 'ERROR',
      message: 'Expected digit or "[", not "a"',
      from: 7,
      to: 8,
    });
  });

  it('decodes strings: escapes, raw strings, UTF-8', () => {
    const [s] = tokenize('"a\\x41\\101\\n\\u00e9\\""');
    expect(s.kind).toBe('STRING');
    expect(s.value).toBe('aAA\né"');
    expect(Array.from(s.bytes ?? [])).toEqual([0x61, 0x41, 0x41, 0x0a, 0xc3, 0xa9, 0x22]);
    const [r] = tokenize('r"a\\.b\\"c"');
    expect(r.value).toBe('a\\.b\\"c');
    expect(tokenize('"\\q"')[0]).toMatchObject({
      kind: 'ERROR',
      message: '\\q is not a valid character escape sequence',
      from: 1,
      to: 3,
    });
  });

  it('reads character constants', () => {
    expect(tokenize("'J'")[0].char).toBe(0x4a);
    expect(tokenize("'\\n'")[0].char).toBe(10);
    expect(tokenize("'\\x4a'")[0].char).toBe(0x4a);
    expect(tokenize("'ab'")[0].message).toBe("'ab' is too long to be a valid character constant.");
    expect(tokenize("'\\400'")[0].message).toBe("'\\400' is too large to be a valid character constant.");
  });

  it('stops at macros, which tshark expands before scanning', () => {
    expect(tokenize('udp and ${foo}')[0]).toMatchObject({
      kind: 'ERROR',
      message: "macro 'foo' does not exist",
    });
    expect(kinds('${ip.src}')[0]).toBe('REFERENCE:${ip.src}');
  });
});
