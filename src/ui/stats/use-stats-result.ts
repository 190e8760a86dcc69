import { useEffect, useState } from 'react';
import type { ScanProgress } from '../../worker/types';
import { useApp } from '../store/index';
import { proxy } from '../worker-client';

export interface StatsResult<T> {
  data: T | null;
  /** Frames done while the worker computes (null when not reporting). */
  progress: ScanProgress | null;
  busy: boolean;
  /** Why there is nothing to show ("No capture is open", "waiting for the capture to load"). */
  waiting: string | null;
  error: string | null;
}

/** The load number once a capture is fully read (0 while none is, or one is still loading). */
export function useReadyGen(): number {
  return useApp((s) => (s.loading === null ? s.gen : 0));
}

/**
 * Runs a worker computation for the open capture once it has finished loading, again when
 * `deps` change; answers for an older request are dropped.
 */
export function useStatsResult<T>(
  run: (gen: number, onProgress: (p: ScanProgress) => void) => Promise<T | null>,
  deps: readonly unknown[],
): StatsResult<T> {
  const gen = useReadyGen();
  const anyCapture = useApp((s) => s.gen !== 0 || s.loading !== null);
  const [state, setState] = useState<Omit<StatsResult<T>, 'waiting'>>({
    data: null,
    progress: null,
    busy: false,
    error: null,
  });
  useEffect(() => {
    if (gen === 0) return;
    let stale = false;
    setState((s) => ({ ...s, busy: true, progress: null, error: null }));
    const onProgress = proxy((p: ScanProgress) => {
      if (!stale) setState((s) => ({ ...s, progress: p }));
    });
    run(gen, onProgress).then(
      (data) => {
        if (!stale) setState({ data, progress: null, busy: false, error: null });
      },
      (e: unknown) => {
        if (!stale)
          setState({
            data: null,
            progress: null,
            busy: false,
            error: e instanceof Error ? e.message : String(e),
          });
      },
    );
    return () => {
      stale = true;
    };
    // `run` is a new closure every render; `deps` name what it depends on.
  }, [gen, ...deps]);
  const waiting =
    gen !== 0 ? null : anyCapture ? 'Waiting for the capture to finish loading…' : 'No capture is open.';
  return { ...state, waiting };
}
