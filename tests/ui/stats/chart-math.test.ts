import { describe, expect, it } from 'vitest';
import {
  dragRange,
  nearestIndex,
  niceTicks,
  panBy,
  toData,
  toPixel,
  zoomAt,
} from '../../../src/ui/stats/chart-math';

const plot = { left: 100, top: 10, width: 500, height: 200 };
const r = { x0: 0, x1: 10, y0: 0, y1: 1000 };

describe('chart math', () => {
  it('maps data to pixels and back', () => {
    expect(toPixel(plot, r, 5, 500)).toEqual({ px: 350, py: 110 });
    expect(toData(plot, r, 350, 110)).toEqual({ x: 5, y: 500 });
  });
  it('zooms about a point and pans by fractions', () => {
    expect(zoomAt(r, 5, 500, 0.5)).toEqual({ x0: 2.5, x1: 7.5, y0: 250, y1: 750 });
    expect(zoomAt(r, 0, 0, 0.5, 'x')).toEqual({ x0: 0, x1: 5, y0: 0, y1: 1000 });
    expect(panBy(r, 0.1, -0.5)).toEqual({ x0: 1, x1: 11, y0: -500, y1: 500 });
  });
  it('a flat drag zooms time only; a click is no drag', () => {
    expect(dragRange(plot, r, 150, 100, 350, 102)).toEqual({ x0: 1, x1: 5, y0: 0, y1: 1000 });
    const both = dragRange(plot, r, 150, 60, 350, 160);
    expect(both?.x0).toBe(1);
    expect(both?.y0).toBeCloseTo(250);
    expect(both?.y1).toBeCloseTo(750);
    expect(dragRange(plot, r, 150, 100, 152, 101)).toBeNull();
  });
  it('finds the nearest point, measuring to the whole of a bar', () => {
    const pts = [
      { t: 1, y: 100 },
      { t: 5, y: 100, y2: 900 },
      { t: 9, y: 500 },
    ];
    // Pixel of (5, 500) lies inside the bar of point 1.
    expect(nearestIndex(pts, plot, r, 350, 110, 8).index).toBe(1);
    expect(nearestIndex(pts, plot, r, 140, 100, 8).index).toBe(-1);
  });
  it('nice ticks', () => {
    expect(niceTicks(0.0001334, 0.01982, 4)).toEqual([0.005, 0.01, 0.015]);
    expect(niceTicks(0, 2.97e6, 6)).toEqual([0, 500000, 1000000, 1500000, 2000000, 2500000]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});
