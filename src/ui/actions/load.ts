import type { LoadOutcome, LoadProgress, OpenInput } from '../../worker/types';
import { useApp } from '../store/index';
import { proxy, worker } from '../worker-client';
import { applyFilter } from './filter';
import { takePendingView } from './pending-view';

let loadSeq = 0;

/** Shows a newly read capture in place of the previous one, with a fresh view. */
function activate(gen: number, name: string, sourceUrl: string | null): void {
  useApp.setState((s) => ({
    gen,
    name,
    sourceUrl,
    packets: 0,
    view: null,
    displayed: null,
    viewVersion: s.viewVersion + 1,
    selected: null,
    details: null,
    selectedNode: null,
    sort: null,
    follow: null,
    filterBeforeFollow: null,
    scan: null,
  }));
}

/**
 * Opens a capture in the worker: progress about ten times a second, rows as soon as the first
 * packet is read, the applied filter re-run at the end. A file that cannot be read leaves the
 * capture on screen as it was.
 */
export async function openCapture(input: OpenInput): Promise<LoadOutcome> {
  const seq = ++loadSeq;
  const name = input.kind === 'file' ? input.file.name : (input.name ?? input.url);
  const sourceUrl = input.kind === 'url' ? input.url : null;
  useApp.setState({
    loading: {
      gen: -1,
      name,
      bytes: 0,
      totalBytes: 0,
      packets: 0,
      packetsPerSec: 0,
      elapsedMs: 0,
      active: false,
    },
    loadError: null,
    loadWarning: null,
  });
  let finished = false;
  const onProgress = (p: LoadProgress): void => {
    // Progress comes over its own channel and may trail the final answer: ignore it then.
    if (seq !== loadSeq || finished) return;
    if (p.active && p.gen !== useApp.getState().gen) activate(p.gen, name, sourceUrl);
    useApp.setState({ loading: { ...p, name }, ...(p.active ? { packets: p.packets } : {}) });
  };
  let outcome: LoadOutcome;
  try {
    outcome = await worker().open(input, proxy(onProgress));
  } catch (e) {
    outcome = {
      gen: -1,
      active: false,
      packets: 0,
      cancelled: false,
      elapsedMs: 0,
      error: `Could not open ${name}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  finished = true;
  if (seq !== loadSeq) return outcome;
  useApp.setState({ loading: null });
  if (!outcome.active) {
    useApp.setState({ loadError: outcome.error ?? null });
    return outcome;
  }
  if (useApp.getState().gen !== outcome.gen) activate(outcome.gen, name, sourceUrl);
  useApp.setState({
    packets: outcome.packets,
    loadMs: outcome.elapsedMs,
    loadError: outcome.error ?? null,
    loadWarning: outcome.warning ?? null,
    linktypes: outcome.info?.linktypes ?? [],
  });
  const pending = takePendingView();
  const { appliedFilter } = useApp.getState();
  if (appliedFilter) await applyFilter(appliedFilter);
  if (pending) await pending(outcome.gen);
  return outcome;
}

export function cancelLoad(): void {
  void worker().cancelLoad();
}
