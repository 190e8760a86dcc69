import type { FilterOutcome } from '../../worker/types';
import { rememberFilter } from '../lib/filter-history';
import { rowOf, useApp } from '../store/index';
import type { FilterStatus } from '../store/types';
import { proxy, worker } from '../worker-client';
import { reapplySort } from './sort';

let checkSeq = 0;
let applySeq = 0;

const BPF_PREFIX = 'bpf:';

/** Whether text is a BPF (capture filter) expression, and the expression itself. */
export function splitBpf(text: string, bpfMode: boolean): { bpf: boolean; expr: string } {
  const t = text.trim();
  if (t.toLowerCase().startsWith(BPF_PREFIX)) return { bpf: true, expr: t.slice(BPF_PREFIX.length).trim() };
  return { bpf: bpfMode, expr: t };
}

/** Checks the filter as typed (green/red); stale answers are dropped. */
export async function checkFilterText(text: string): Promise<void> {
  const seq = ++checkSeq;
  const { bpfMode } = useApp.getState();
  const { bpf, expr } = splitBpf(text, bpfMode);
  // BPF errors are positioned in the expression; the bar shows them in the text as typed.
  const offset = bpf && expr ? Math.max(0, text.indexOf(expr)) : 0;
  const r = bpf ? await worker().checkBpf(expr) : await worker().checkFilter(text);
  if (seq !== checkSeq) return;
  let status: FilterStatus;
  if (r.ok) status = { state: r.empty ? 'empty' : 'valid' };
  else
    status = {
      state: 'invalid',
      message: r.message,
      from: bpf ? r.from + offset : r.from,
      to: bpf ? r.to + offset : r.to,
      ...(r.noLocation ? { noLocation: true } : {}),
    };
  useApp.setState({ filterStatus: status });
}

/** Applies the filter over every frame (in the worker); the list shows the result. */
export async function applyFilter(text: string = useApp.getState().filterText): Promise<void> {
  const seq = ++applySeq;
  const { gen, bpfMode } = useApp.getState();
  const t = text.trim();
  useApp.setState({ filterText: text });
  if (gen === 0) {
    // Nothing open yet: remember the filter; it applies when a capture loads.
    useApp.setState({ appliedFilter: t });
    return;
  }
  const { bpf, expr } = splitBpf(t, bpfMode);
  useApp.setState({ scan: { what: 'filter', done: 0, total: 0 } });
  let finished = false;
  const onProgress = proxy((p: { done: number; total: number }) => {
    // Progress travels on its own channel and can arrive after the result: ignore it then.
    if (seq === applySeq && !finished) useApp.setState({ scan: { what: 'filter', ...p } });
  });
  const outcome: FilterOutcome = bpf
    ? await worker().applyBpf(gen, expr, onProgress)
    : await worker().applyFilter(gen, t, onProgress, useApp.getState().selected);
  finished = true;
  if (seq !== applySeq || useApp.getState().gen !== gen) return;
  if (outcome.error) {
    useApp.setState({
      scan: null,
      filterStatus: { state: 'invalid', ...outcome.error },
    });
    return;
  }
  if (outcome.cancelled) {
    useApp.setState({ scan: null });
    return;
  }
  const history = t ? rememberFilter(t) : useApp.getState().history;
  useApp.setState((s) => {
    const next = { view: outcome.frames, packets: s.packets };
    const keep = s.selected !== null && rowOf(next, s.selected) >= 0;
    return {
      view: outcome.frames,
      displayed: outcome.frames,
      viewVersion: s.viewVersion + 1,
      appliedFilter: t,
      scan: null,
      history,
      ...(keep ? {} : { selected: null, details: null, selectedNode: null }),
    };
  });
  await reapplySort();
}

/** Stops a running filter or sort. */
export function cancelScan(): void {
  applySeq++;
  void worker().cancelScan();
  useApp.setState({ scan: null });
}

/** Sets the filter text and applies it (Apply as Filter, Follow, history). */
export function setAndApply(text: string): Promise<void> {
  useApp.setState({ filterText: text });
  void checkFilterText(text);
  return applyFilter(text);
}
