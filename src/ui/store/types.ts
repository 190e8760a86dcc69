import type { FollowDirection } from '../../core/share/view-state';
import type { ColorRuleInfo, DetailData, LoadProgress, SortColumn, TimeFormat } from '../../worker/types';

export interface LoadingState extends LoadProgress {
  name: string;
}

export interface CaptureSlice {
  /** Load number of the capture shown (0: none yet). */
  gen: number;
  name: string;
  /** Frames read so far. */
  packets: number;
  loading: LoadingState | null;
  loadMs: number | null;
  /** Problem reading the last file (the shown capture may be an older one). */
  loadError: string | null;
  loadWarning: string | null;
  linktypes: number[];
  /** The http(s) address the capture came from (kept in the link so a reload reopens it). */
  sourceUrl: string | null;
}

export interface ScanState {
  what: 'filter' | 'sort';
  done: number;
  total: number;
}

export interface SortState {
  column: SortColumn;
  descending: boolean;
}

export interface FilterStatus {
  state: 'empty' | 'valid' | 'invalid';
  message?: string;
  from?: number;
  to?: number;
  /** The message names no position (tshark prints no caret line for it). */
  noLocation?: boolean;
}

export interface ViewSlice {
  /** The text in the filter bar. */
  filterText: string;
  filterStatus: FilterStatus;
  /** The filter bar takes capture-filter (BPF) syntax instead of display-filter syntax. */
  bpfMode: boolean;
  /** Recent filters, newest first. */
  history: string[];
  /** The filter the display currently reflects ('' = none). */
  appliedFilter: string;
  /** Display order of frame numbers; null = every frame in order. */
  view: Uint32Array | null;
  /**
   * The displayed frames in frame order (the filter's result; null = every frame): "back to
   * frame order" shows it again instead of sorting a million-row view on the page.
   */
  displayed: Uint32Array | null;
  /** Bumped whenever the display set changes (row caches key on it). */
  viewVersion: number;
  scan: ScanState | null;
  sort: SortState | null;
  timeFormat: TimeFormat;
  coloring: boolean;
  colorRules: ColorRuleInfo[];
  selected: number | null;
  details: DetailData | null;
  /** Selected details node id (for the bytes highlight and the context menu). */
  selectedNode: number | null;
  /** Keys of the tree items the user expanded, kept across packets ("per protocol"). */
  expanded: ReadonlySet<string>;
}

export interface FollowSlice {
  follow: { proto: 'tcp' | 'udp'; stream: number; direction: FollowDirection } | null;
  /** The filter that was applied before Follow applied the stream's (for "Back"). */
  filterBeforeFollow: string | null;
}

export type AppState = CaptureSlice & ViewSlice & FollowSlice;
