import type { SortColumn } from '../../worker/types';
import { useApp } from '../store/index';
import { proxy, worker } from '../worker-client';

let sortSeq = 0;

/** Orders the list by a column (null: back to frame order of the current display). */
export async function sortBy(sort: { column: SortColumn; descending: boolean } | null): Promise<void> {
  const seq = ++sortSeq;
  const { gen } = useApp.getState();
  useApp.setState({ sort });
  if (!sort || (sort.column === 'num' && !sort.descending)) {
    await restoreFrameOrder();
    return;
  }
  useApp.setState({ scan: { what: 'sort', done: 0, total: 0 } });
  let finished = false;
  const outcome = await worker().sort(
    gen,
    sort.column,
    sort.descending,
    proxy((p: { done: number; total: number }) => {
      // Progress can trail the result (separate channel): ignore it once sorted.
      if (seq === sortSeq && !finished) useApp.setState({ scan: { what: 'sort', ...p } });
    }),
  );
  finished = true;
  if (seq !== sortSeq || useApp.getState().gen !== gen) return;
  useApp.setState((s) => ({
    scan: null,
    ...(outcome.frames ? { view: outcome.frames, viewVersion: s.viewVersion + 1 } : {}),
  }));
}

/** Re-sorts after the display changed (new filter), if a sort is active. */
export async function reapplySort(): Promise<void> {
  const { sort } = useApp.getState();
  if (sort && !(sort.column === 'num' && !sort.descending)) await sortBy(sort);
}

async function restoreFrameOrder(): Promise<void> {
  const { view, displayed } = useApp.getState();
  if (view === displayed) return;
  // Sorting a shuffled million-frame view here took 130-150 ms of the page's main thread.
  useApp.setState((s) => ({ view: s.displayed, viewVersion: s.viewVersion + 1, scan: null }));
}
