/**
 * Fixed-height row virtualisation for the packet list. With a million rows even one object per
 * row is too much work per update, so this is plain arithmetic. Browsers cap element heights
 * (~33.5 M px in Chrome), so beyond MAX_SCROLL_HEIGHT the scroll range is scaled: the scroll
 * fraction maps onto the row range.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowGeometry {
  count: number;
  rowHeight: number;
  viewportHeight: number;
}

/** Height of the scrollable spacer. */
export function spacerHeight(g: WindowGeometry): number {
  return Math.min(g.count * g.rowHeight, MAX_SCROLL_HEIGHT);
}

/** Whether the scroll range is compressed (the list is taller than the height limit). */
function scaled(g: WindowGeometry): boolean {
  return g.count * g.rowHeight > MAX_SCROLL_HEIGHT;
}

/** Rows that fit in the viewport (fractional). */
function rowsPerView(g: WindowGeometry): number {
  return g.viewportHeight / g.rowHeight;
}

/** The (fractional) row index at the top of the viewport for a scroll position. */
export function topRowAt(g: WindowGeometry, scrollTop: number): number {
  if (!scaled(g)) return Math.max(0, scrollTop / g.rowHeight);
  const range = spacerHeight(g) - g.viewportHeight;
  const rows = Math.max(0, g.count - rowsPerView(g));
  if (range <= 0 || rows <= 0) return 0;
  return Math.min(rows, Math.max(0, (scrollTop / range) * rows));
}

/** The scroll position that puts (fractional) row `top` at the top of the viewport. */
export function scrollTopFor(g: WindowGeometry, top: number): number {
  if (!scaled(g)) return Math.max(0, Math.min(top, g.count - rowsPerView(g))) * g.rowHeight;
  const range = spacerHeight(g) - g.viewportHeight;
  const rows = Math.max(0, g.count - rowsPerView(g));
  if (range <= 0 || rows <= 0) return 0;
  return (Math.min(rows, Math.max(0, top)) / rows) * range;
}

export interface VisibleRow {
  index: number;
  /** Offset from the top of the spacer, in px. */
  top: number;
}

/** Rows to render for a scroll position, with `overscan` extra rows on each side. */
export function visibleRows(g: WindowGeometry, scrollTop: number, overscan = 5): VisibleRow[] {
  if (g.count === 0) return [];
  const top = topRowAt(g, scrollTop);
  const first = Math.max(0, Math.floor(top) - overscan);
  const last = Math.min(g.count - 1, Math.ceil(top + rowsPerView(g)) + overscan);
  const out: VisibleRow[] = [];
  for (let i = first; i <= last; i++) out.push({ index: i, top: scrollTop + (i - top) * g.rowHeight });
  return out;
}

/** The scroll position that makes row `index` fully visible with the least movement. */
export function scrollToReveal(g: WindowGeometry, scrollTop: number, index: number): number {
  const top = topRowAt(g, scrollTop);
  const perView = rowsPerView(g);
  if (index < top) return scrollTopFor(g, index);
  if (index + 1 > top + perView) return scrollTopFor(g, index + 1 - perView);
  return scrollTop;
}
