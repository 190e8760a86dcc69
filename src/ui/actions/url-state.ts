import { formatViewState, parseViewState, type ViewState } from '../../core/share/view-state';
import { timeFormatFromUrl, timeFormatToUrl } from '../lib/time-format';
import { useApp } from '../store/index';
import type { AppState } from '../store/types';
import { checkFilterText } from './filter';
import { openFollow } from './follow';
import { openCapture } from './load';
import { setPendingView } from './pending-view';
import { selectFrame } from './select';
import { graphViewState, openGraphFromLink, subscribeGraph } from '../stats/url-graph';

/** Link settings this page does not handle itself but must not drop (share key). */
let carried: Pick<ViewState, 'key'> = {};
let awaitingFirstLoad = false;

/** The view state the URL fragment should hold for the current page state. */
export function viewStateOf(s: AppState): ViewState {
  const state: ViewState = { ...carried };
  if (s.appliedFilter) state.filter = s.appliedFilter;
  if (s.selected !== null) state.frame = s.selected;
  if (s.follow)
    state.follow = { protocol: s.follow.proto, stream: s.follow.stream, direction: s.follow.direction };
  if (s.timeFormat !== 'relative') state.time = timeFormatToUrl(s.timeFormat);
  if (s.sourceUrl) state.url = s.sourceUrl;
  const graph = graphViewState();
  if (graph) state.graph = graph;
  return state;
}

/**
 * Restores the view from the address: filter and time format at once; the selected frame and
 * the Follow dialog once the capture (from `?url=` or the fragment's `url=`) has loaded.
 * Returns notices about link parts that were ignored.
 */
export function restoreFromLocation(): string[] {
  const { state, notices } = parseViewState(window.location.hash);
  carried = { key: state.key };
  if (state.filter !== undefined) {
    useApp.setState({ filterText: state.filter, appliedFilter: state.filter.trim() });
    void checkFilterText(state.filter);
  }
  if (state.time) useApp.setState({ timeFormat: timeFormatFromUrl(state.time) });
  if (state.frame !== undefined || state.follow || state.graph) {
    awaitingFirstLoad = true;
    setPendingView(async () => {
      awaitingFirstLoad = false;
      if (state.frame !== undefined && state.frame <= useApp.getState().packets)
        await selectFrame(state.frame);
      if (state.follow && (state.follow.protocol === 'tcp' || state.follow.protocol === 'udp')) {
        await openFollow(state.follow.protocol, state.follow.stream, {
          direction: state.follow.direction,
          applyStreamFilter: false,
        });
      }
      if (state.graph) openGraphFromLink(state.graph);
    });
  }
  const queryUrl = new URLSearchParams(window.location.search).get('url');
  const url = queryUrl ?? state.url;
  if (url) {
    let absolute: string | null = null;
    try {
      absolute = new URL(url, window.location.href).href;
    } catch {
      notices.push(`Ignored the capture address "${url}".`);
    }
    if (absolute) void openCapture({ kind: 'url', url: absolute });
  }
  return notices;
}

/** Keeps the fragment in step with the view (replaceState: no history entry per click). */
export function startUrlSync(): () => void {
  let last = window.location.hash.replace(/^#/, '');
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    timer = null;
    const s = useApp.getState();
    // Until the linked capture has loaded, the fragment still describes the view to restore.
    if (awaitingFirstLoad && s.gen === 0) return;
    const next = formatViewState(viewStateOf(s));
    if (next === last) return;
    last = next;
    const url = new URL(window.location.href);
    url.hash = next;
    window.history.replaceState(window.history.state, '', url.href);
  };
  const schedule = (): void => {
    if (timer === null) timer = setTimeout(write, 150);
  };
  const stopGraph = subscribeGraph(schedule);
  const stopApp = useApp.subscribe((s, prev) => {
    if (
      s.appliedFilter === prev.appliedFilter &&
      s.selected === prev.selected &&
      s.follow === prev.follow &&
      s.timeFormat === prev.timeFormat &&
      s.sourceUrl === prev.sourceUrl &&
      s.gen === prev.gen
    )
      return;
    schedule();
  });
  return () => {
    stopApp();
    stopGraph();
  };
}
