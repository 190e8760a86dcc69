import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_HEIGHT,
  scrollToReveal,
  spacerHeight,
  topRowAt,
  visibleRows,
} from '../../../src/ui/lib/virtual-window';

describe('virtual window', () => {
  const small = { count: 1000, rowHeight: 20, viewportHeight: 400 };
  it('maps scroll positions to rows 1:1 when the list fits the height limit', () => {
    expect(spacerHeight(small)).toBe(20_000);
    expect(topRowAt(small, 0)).toBe(0);
    expect(topRowAt(small, 2000)).toBe(100);
    const rows = visibleRows(small, 2000, 0);
    expect(rows[0]).toEqual({ index: 100, top: 2000 });
    expect(rows.at(-1)?.index).toBe(120);
  });

  it('scales very long lists into the height limit and still reaches the last row', () => {
    const big = { count: 5_000_000, rowHeight: 20, viewportHeight: 400 };
    expect(spacerHeight(big)).toBe(MAX_SCROLL_HEIGHT);
    const end = MAX_SCROLL_HEIGHT - 400;
    const rows = visibleRows(big, end, 0);
    expect(rows.at(-1)?.index).toBe(big.count - 1);
    // The last row's bottom is the viewport's bottom.
    const last = rows.at(-1);
    expect((last?.top ?? 0) + 20).toBeCloseTo(end + 400, 3);
    expect(topRowAt(big, end / 2)).toBeCloseTo((big.count - 20) / 2, 3);
  });

  it('reveals a row with the least scrolling', () => {
    expect(scrollToReveal(small, 0, 5)).toBe(0);
    expect(scrollToReveal(small, 0, 50)).toBe((50 + 1 - 20) * 20);
    expect(scrollToReveal(small, 5000, 10)).toBe(200);
    const big = { count: 5_000_000, rowHeight: 20, viewportHeight: 400 };
    const s = scrollToReveal(big, 0, 4_999_999);
    expect(visibleRows(big, s, 0).some((r) => r.index === 4_999_999)).toBe(true);
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRows({ count: 0, rowHeight: 20, viewportHeight: 400 }, 0)).toEqual([]);
  });
});
