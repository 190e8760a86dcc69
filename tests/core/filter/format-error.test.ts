import { describe, expect, it } from 'vitest';
import { formatFilterError } from '../../../src/core/filter/format-error';
import { compileDisplayFilter } from '../../../src/core/filter/index';
import '../../../src/core/protocols/index';

function stderr(text: string): string {
  const r = compileDisplayFilter(text);
  if (r.ok) throw new Error('accepted');
  return formatFilterError(text, r.error);
}

describe('formatFilterError (tshark stderr after "tshark: ")', () => {
  it('underlines the offending token', () => {
    expect(stderr('ip.src == 300.1.1.1')).toBe(
      '"300.1.1.1" is not a valid hostname or IPv4 address.\n    ip.src == 300.1.1.1\n              ^~~~~~~~~',
    );
  });

  it('points one past the end for a missing closing quote', () => {
    expect(stderr('dns.qry.name == "abc')).toBe(
      'The final quote was missing from a quoted string.\n    dns.qry.name == "abc\n                        ^',
    );
  });

  it('prints only the message when tshark has no location', () => {
    expect(stderr('ip.src ==')).toBe('Unexpected end of filter expression.');
    expect(stderr('dns.qry.name ~ "ex(am"')).toBe('Regex compilation error: missing closing parenthesis.');
  });
});
