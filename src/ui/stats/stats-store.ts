import { create } from 'zustand';
import type { IoGraphSeriesSpec } from '../../core/stats/io-graph';
import type { PanelState } from './panels';

export type IoMetric = 'packets' | 'bytes' | 'bits';

export interface IoSeriesSetting extends IoGraphSeriesSpec {
  /** Stable key for React and the colour. */
  id: number;
  enabled: boolean;
  color: string;
}

/** Series colours, in the order new series take them. */
export const SERIES_COLORS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#12b5cb', '#5f6368'];

/** Wireshark's default I/O graph lines. */
export function defaultIoSeries(): IoSeriesSetting[] {
  return [
    { id: 1, name: 'All packets', filter: '', enabled: true, color: SERIES_COLORS[0] },
    { id: 2, name: 'TCP errors', filter: 'tcp.analysis.flags', enabled: true, color: SERIES_COLORS[1] },
    {
      id: 3,
      name: 'TCP retransmissions',
      filter: 'tcp.analysis.retransmission',
      enabled: true,
      color: SERIES_COLORS[3],
    },
  ];
}

interface StatsState {
  /** The open statistics panel (one at a time, like one Wireshark dialog in front). */
  panel: PanelState | null;
  io: { series: IoSeriesSetting[]; intervalUs: number | null; metric: IoMetric };
}

/** Statistics UI state, apart from the app's store (the link reads `panel`). */
export const useStats = create<StatsState>()(() => ({
  panel: null,
  io: { series: defaultIoSeries(), intervalUs: null, metric: 'packets' },
}));

export function openPanel(panel: PanelState): void {
  useStats.setState({ panel });
}

export function closePanel(): void {
  useStats.setState({ panel: null });
}
