import type { GraphPoint, SeriesStyle } from '../../worker/stats-api';
import { toPixel, type Plot, type Range } from './chart-math';

const f = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * SVG path data for a series in one string: dots are zero-length subpaths (drawn with round
 * caps), bars vertical subpaths from y to y2, step lines hold each value until the next
 * point. One path per series keeps thousands of points cheap to draw and to redraw while
 * zooming (no element or object per point).
 */
export function seriesPath(points: readonly GraphPoint[], style: SeriesStyle, plot: Plot, r: Range): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const a = toPixel(plot, r, p.t, p.y);
    if (style === 'dots') {
      parts.push(`M${f(a.px)},${f(a.py)}L${f(a.px)},${f(a.py)}`);
    } else if (style === 'bars') {
      const b = toPixel(plot, r, p.t, p.y2 ?? p.y);
      parts.push(`M${f(a.px)},${f(a.py)}L${f(b.px)},${f(b.py)}`);
    } else if (i === 0) {
      parts.push(`M${f(a.px)},${f(a.py)}`);
    } else if (style === 'step') {
      parts.push(`H${f(a.px)}V${f(a.py)}`);
    } else {
      parts.push(`L${f(a.px)},${f(a.py)}`);
    }
  }
  return parts.join('');
}
