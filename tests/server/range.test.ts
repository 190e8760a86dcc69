import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/server/range';

describe('Range header', () => {
  it('parses single byte ranges', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=10-', 100)).toEqual({ kind: 'partial', start: 10, end: 99 });
    expect(parseRange('bytes=-1', 100)).toEqual({ kind: 'partial', start: 99, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=90-1000', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
  });

  it('reports unsatisfiable ranges', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=99999999999999999999999-', 100)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not support', () => {
    for (const h of ['bytes=0-1,3-4', 'bytes=-', 'bytes=5-1', 'pages=1-2', 'bytes 0-1', 'bytes=a-b', '']) {
      expect(parseRange(h, 100), h).toEqual({ kind: 'full' });
    }
  });
});
