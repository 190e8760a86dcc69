import { describe, expect, it } from 'vitest';
import '../../../src/core/protocols/index';
import type { TestNode, ValueNode } from '../../../src/core/filter/ast';
import { parseFilter } from '../../../src/core/filter/parser';

/** A compact rendering of the tree: precedence shows as parentheses. */
function show(t: TestNode | ValueNode): string {
  switch (t.k) {
    case 'and':
    case 'or':
      return `(${show(t.a)} ${t.k} ${show(t.b)})`;
    case 'not':
      return `(not ${show(t.arg)})`;
    case 'value':
      return show(t.v);
    case 'cmp':
      return `(${t.quant ? t.quant + ' ' : ''}${show(t.a)} ${t.op} ${show(t.b)})`;
    case 'contains':
    case 'matches':
      return `(${show(t.a)} ${t.k} ${show(t.b)})`;
    case 'in':
      return `(${show(t.a)} in {${t.set.map((e) => show(e.lo) + (e.hi ? '..' + show(e.hi) : '')).join(',')}})`;
    case 'field':
      return t.def.abbrev + (t.layers ? `#${t.layers.map((l) => l.text).join(',')}` : '');
    case 'unparsed':
    case 'literal':
    case 'string':
    case 'charconst':
    case 'reference':
      return t.text;
    case 'slice':
      return `${show(t.entity)}[${t.ranges.map((r) => r.text).join(',')}]`;
    case 'func':
      return `${t.name}(${t.args.map(show).join(',')})`;
    case 'neg':
      return `(-${show(t.arg)})`;
    case 'arith':
      return `(${show(t.a)} ${t.op} ${show(t.b)})`;
    case 'group':
      return show(t.arg);
  }
}

function tree(text: string): string {
  const r = parseFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value ? show(r.value) : '';
}

describe('display filter parser', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(tree('a and b or not c or d and not e or f')).toBe(
      '((((a and b) or (not c)) or (d and (not e))) or f)',
    );
    expect(tree('not ip.src == 1.2.3.4')).toBe('(not (ip.src any_eq 1.2.3.4))');
    expect(tree('!(a || b) && c')).toBe('((not (a or b)) and c)');
  });

  it('parses arithmetic with & loosest and unary minus tightest', () => {
    expect(tree('tcp.flags & 0x12 == 0x12')).toBe('((tcp.flags & 0x12) any_eq 0x12)');
    expect(tree('frame.len == 1 + 2 * 3')).toBe('(frame.len any_eq (1 + (2 * 3)))');
    expect(tree('frame.len > {1 + 2} * 3')).toBe('(frame.len gt ((1 + 2) * 3))');
    expect(tree('-frame.len < 0')).toBe('((-frame.len) lt 0)');
  });

  it('chains comparisons into a conjunction', () => {
    expect(tree('udp.length < frame.len < 100')).toBe('((udp.length lt frame.len) and (frame.len lt 100))');
  });

  it('parses sets, slices, layers, functions and quantifiers', () => {
    expect(tree('tcp.port in {80, 443, 8000..8080}')).toBe('(tcp.port in {80,443,8000..8080})');
    expect(tree('tcp.port not in {80}')).toBe('(not (tcp.port in {80}))');
    expect(tree('eth.src[0:3,5] == 02:00:00:10')).toBe('(eth.src[0:3,5] any_eq 02:00:00:10)');
    expect(tree('ip.src#2 == 1.2.3.4')).toBe('(ip.src#2 any_eq 1.2.3.4)');
    expect(tree('len(dns.qry.name) > 3')).toBe('(len(dns.qry.name) gt 3)');
    expect(tree('all ip.addr != 1.2.3.4')).toBe('(all ip.addr all_ne 1.2.3.4)');
    expect(tree('http.host matches "x"')).toBe('(http.host matches "x")');
  });

  it('keeps unknown words as values for the checker', () => {
    expect(tree('dns.qry.name == example.com')).toBe('(dns.qry.name any_eq example.com)');
  });

  it('returns null for an empty filter', () => {
    const r = parseFilter('  ');
    expect(r.ok && r.value).toBe(null);
  });

  it('reports the first token it cannot use', () => {
    const r = parseFilter('ip.src == 1.2.3.4 udp');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual({ message: '"udp" was unexpected in this context.', from: 18, to: 21 });
  });
});
