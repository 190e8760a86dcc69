/**
 * Pixel ↔ data arithmetic of the zoomable charts (kept out of the components so it can be
 * tested): the plot rectangle, zoom about a point, pan, drag rectangles and the nearest point.
 */

export interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Range {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function toPixel(plot: Plot, r: Range, x: number, y: number): { px: number; py: number } {
  return {
    px: plot.left + ((x - r.x0) / (r.x1 - r.x0 || 1)) * plot.width,
    py: plot.top + (1 - (y - r.y0) / (r.y1 - r.y0 || 1)) * plot.height,
  };
}

export function toData(plot: Plot, r: Range, px: number, py: number): { x: number; y: number } {
  return {
    x: r.x0 + ((px - plot.left) / (plot.width || 1)) * (r.x1 - r.x0),
    y: r.y0 + (1 - (py - plot.top) / (plot.height || 1)) * (r.y1 - r.y0),
  };
}

export function insidePlot(plot: Plot, px: number, py: number): boolean {
  return px >= plot.left && px <= plot.left + plot.width && py >= plot.top && py <= plot.top + plot.height;
}

/** Zooms by `factor` (< 1 zooms in) keeping data point (x, y) where it is. */
export function zoomAt(r: Range, x: number, y: number, factor: number, axes: 'x' | 'xy' = 'xy'): Range {
  const out = { x0: x - (x - r.x0) * factor, x1: x + (r.x1 - x) * factor, y0: r.y0, y1: r.y1 };
  if (axes === 'xy') {
    out.y0 = y - (y - r.y0) * factor;
    out.y1 = y + (r.y1 - y) * factor;
  }
  return out;
}

/** Moves the view by fractions of its width and height (positive: towards larger values). */
export function panBy(r: Range, fx: number, fy: number): Range {
  const dx = (r.x1 - r.x0) * fx;
  const dy = (r.y1 - r.y0) * fy;
  return { x0: r.x0 + dx, x1: r.x1 + dx, y0: r.y0 + dy, y1: r.y1 + dy };
}

/** Smallest rectangle side (px) a drag must have to zoom that axis. */
export const MIN_DRAG = 6;

/**
 * The range a drag rectangle selects. A flat rectangle (a drag along the time axis) zooms only
 * in x; a narrow one only in y; null when it is too small to be a drag (a click).
 */
export function dragRange(
  plot: Plot,
  r: Range,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): Range | null {
  const w = Math.abs(bx - ax);
  const h = Math.abs(by - ay);
  if (w < MIN_DRAG && h < MIN_DRAG) return null;
  const a = toData(plot, r, Math.min(ax, bx), Math.max(ay, by));
  const b = toData(plot, r, Math.max(ax, bx), Math.min(ay, by));
  return {
    x0: w >= MIN_DRAG ? a.x : r.x0,
    x1: w >= MIN_DRAG ? b.x : r.x1,
    y0: h >= MIN_DRAG ? a.y : r.y0,
    y1: h >= MIN_DRAG ? b.y : r.y1,
  };
}

export interface NearPoint {
  t: number;
  y: number;
  y2?: number;
}

/**
 * The point of `points` nearest to pixel (px, py) within `maxDist` px, measuring to the whole
 * bar for points with a y2 (tcptrace segments); -1 when none is that close.
 */
export function nearestIndex(
  points: readonly NearPoint[],
  plot: Plot,
  r: Range,
  px: number,
  py: number,
  maxDist: number,
): { index: number; dist: number } {
  let best = -1;
  let bestD = maxDist * maxDist;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const a = toPixel(plot, r, p.t, p.y);
    let dy = a.py - py;
    if (p.y2 !== undefined) {
      const top = toPixel(plot, r, p.t, p.y2).py;
      const lo = Math.min(a.py, top);
      const hi = Math.max(a.py, top);
      dy = py < lo ? lo - py : py > hi ? py - hi : 0;
    }
    const dx = a.px - px;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return { index: best, dist: Math.sqrt(bestD) };
}

/**
 * Round tick values (1, 2 or 5 times a power of ten apart) inside [lo, hi], about `count` of
 * them: zoomed views have arbitrary edges, and ticks at those edges read badly.
 */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) {
    // Multiplying (not adding) keeps 0.1 + 0.2-style drift out of the labels.
    out.push(Number((i * step).toPrecision(12)));
  }
  return out;
}
