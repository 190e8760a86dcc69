import { describe, expect, it } from 'vitest';
import { seriesPath } from '../../../src/ui/stats/chart-paths';

const plot = { left: 0, top: 0, width: 100, height: 100 };
const r = { x0: 0, x1: 10, y0: 0, y1: 10 };
const pts = [
  { t: 0, y: 0, y2: 5, frame: 1 },
  { t: 5, y: 5, y2: 10, frame: 2 },
];

describe('series paths', () => {
  it('one subpath per dot or bar', () => {
    expect(seriesPath(pts, 'dots', plot, r)).toBe('M0,100L0,100M50,50L50,50');
    expect(seriesPath(pts, 'bars', plot, r)).toBe('M0,100L0,50M50,50L50,0');
  });
  it('step lines hold the value until the next point; lines join points', () => {
    expect(seriesPath(pts, 'step', plot, r)).toBe('M0,100H50V50');
    expect(seriesPath(pts, 'line', plot, r)).toBe('M0,100L50,50');
    expect(seriesPath([], 'line', plot, r)).toBe('');
  });
});
