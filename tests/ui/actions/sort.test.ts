import { beforeEach, describe, expect, it, vi } from 'vitest';

// A worker whose filter keeps frames 2, 5 and 9 and whose sort reverses the display.
const worker = {
  applyFilter: vi.fn(async () => ({
    frames: Uint32Array.of(2, 5, 9),
    total: 10,
    elapsedMs: 1,
    cancelled: false,
  })),
  sort: vi.fn(async (_gen: number, _column: string, _descending: boolean) => ({
    frames: Uint32Array.of(9, 5, 2),
    cancelled: false,
  })),
};
vi.mock('../../../src/ui/worker-client', () => ({ worker: () => worker, proxy: (f: unknown) => f }));
const { useApp, initialState } = await import('../../../src/ui/store/index');
const { applyFilter } = await import('../../../src/ui/actions/filter');
const { sortBy } = await import('../../../src/ui/actions/sort');

describe('sortBy(null): back to frame order', () => {
  beforeEach(() => useApp.setState({ ...initialState, gen: 1, packets: 10 }));

  it("shows the filter's result again, the very array the filter gave (no sort on the page)", async () => {
    await applyFilter('ip');
    const filtered = useApp.getState().view;
    expect(Array.from(filtered ?? [])).toEqual([2, 5, 9]);
    await sortBy({ column: 'source', descending: true });
    expect(Array.from(useApp.getState().view ?? [])).toEqual([9, 5, 2]);
    const before = useApp.getState().viewVersion;
    await sortBy(null);
    expect(useApp.getState().view).toBe(filtered);
    expect(useApp.getState().viewVersion).toBe(before + 1);
  });

  it('shows every frame in order when no filter is applied', async () => {
    await sortBy({ column: 'length', descending: false });
    expect(useApp.getState().view).not.toBeNull();
    await sortBy(null);
    expect(useApp.getState().view).toBeNull();
  });

  it('leaves the display alone when it is already in frame order', async () => {
    const version = useApp.getState().viewVersion;
    await sortBy(null);
    expect(useApp.getState().view).toBeNull();
    expect(useApp.getState().viewVersion).toBe(version);
  });
});
