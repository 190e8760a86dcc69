import { create } from 'zustand';
import type { AppState } from './types';

export const initialState: AppState = {
  gen: 0,
  name: '',
  packets: 0,
  loading: null,
  loadMs: null,
  loadError: null,
  loadWarning: null,
  linktypes: [],
  sourceUrl: null,
  filterText: '',
  filterStatus: { state: 'empty' },
  bpfMode: false,
  history: [],
  appliedFilter: '',
  view: null,
  displayed: null,
  viewVersion: 0,
  scan: null,
  sort: null,
  timeFormat: 'relative',
  coloring: true,
  colorRules: [],
  selected: null,
  details: null,
  selectedNode: null,
  expanded: new Set<string>(),
  follow: null,
  filterBeforeFollow: null,
};

/** The page's state; actions that talk to the worker live in ../actions. */
export const useApp = create<AppState>()(() => ({ ...initialState }));

/** Number of rows the packet list shows. */
export function displayedCount(s: Pick<AppState, 'view' | 'packets'>): number {
  return s.view ? s.view.length : s.packets;
}

/** Frame number shown at display row `i` (0-based). */
export function frameAt(s: Pick<AppState, 'view'>, i: number): number {
  return s.view ? s.view[i] : i + 1;
}

/** Display row of frame `num`, -1 when not displayed. */
export function rowOf(s: Pick<AppState, 'view' | 'packets'>, num: number): number {
  if (!s.view) return num >= 1 && num <= s.packets ? num - 1 : -1;
  return s.view.indexOf(num);
}
