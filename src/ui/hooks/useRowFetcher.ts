import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RowFetcher } from '../lib/row-fetcher';
import { useApp } from '../store/index';
import { worker } from '../worker-client';

/** The page's row cache, re-keyed when anything that changes row contents changes. */
export function useRowFetcher(): RowFetcher {
  const fetcher = useMemo(
    () =>
      new RowFetcher(async (nums) => {
        const s = useApp.getState();
        if (s.gen === 0) return null;
        return worker().rows({ gen: s.gen, nums, timeFormat: s.timeFormat, coloring: s.coloring });
      }),
    [],
  );
  const gen = useApp((s) => s.gen);
  const timeFormat = useApp((s) => s.timeFormat);
  const coloring = useApp((s) => s.coloring);
  const viewVersion = useApp((s) => s.viewVersion);
  // "Delta displayed" depends on which frames are displayed; the other formats do not.
  const key = `${gen}|${timeFormat}|${coloring}|${timeFormat === 'delta' ? viewVersion : ''}`;
  useEffect(() => fetcher.setKey(key), [fetcher, key]);
  useSyncExternalStore(fetcher.subscribe, fetcher.getVersion);
  return fetcher;
}
