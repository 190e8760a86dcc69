import { describe, expect, it } from 'vitest';
import { combineFilter } from '../../../src/ui/lib/filter-combine';

describe('combineFilter (Apply/Prepare as Filter)', () => {
  it('replaces or negates with Selected / Not Selected', () => {
    expect(combineFilter('tcp', 'ip.src == 10.0.0.1', 'selected')).toBe('ip.src == 10.0.0.1');
    expect(combineFilter('tcp', 'ip.src == 10.0.0.1', 'not')).toBe('!(ip.src == 10.0.0.1)');
  });
  it('combines with the current filter, parenthesised', () => {
    expect(combineFilter('tcp || udp', 'ip.ttl == 64', 'and')).toBe('(tcp || udp) && (ip.ttl == 64)');
    expect(combineFilter('tcp', 'arp', 'or')).toBe('(tcp) || (arp)');
    expect(combineFilter('tcp', 'tcp.port == 80', 'and-not')).toBe('(tcp) && !(tcp.port == 80)');
    expect(combineFilter('tcp', 'tcp.port == 80', 'or-not')).toBe('(tcp) || !(tcp.port == 80)');
  });
  it('with no current filter, the …and/…or forms are the selected item alone', () => {
    expect(combineFilter('  ', 'dns', 'and')).toBe('dns');
    expect(combineFilter('', 'dns', 'or')).toBe('dns');
    expect(combineFilter('', 'dns', 'and-not')).toBe('!(dns)');
  });
});
