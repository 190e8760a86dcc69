import { useEffect, useMemo, useState } from 'react';
import type { TcpGraphKind, TcpGraphView, TcpStreamInfo } from '../../worker/stats-api';
import { goToPacket } from './actions';
import type { Range } from './chart-math';
import { formatSi, formatTick } from './format';
import { PanelFrame } from './PanelFrame';
import { TCP_GRAPH_LABELS, type PanelState } from './panels';
import { statsApi } from './stats-client';
import { useStats } from './stats-store';
import { useReadyGen } from './use-stats-result';
import { ZoomChart, type ChartSeries, type DragMode } from './ZoomChart';

type TcpGraphPanelState = Extract<PanelState, { kind: 'tcpgraph' }>;

/** Most points the worker sends per series (the chart is never wider than this many pixels). */
const MAX_POINTS = 3000;

const COLORS: Record<string, string> = {
  segments: '#1a73e8',
  retransmissions: '#d93025',
  acks: '#a0522d',
  window: '#188038',
  sacks: '#9334e6',
  average: '#e37400',
  rtt: '#1a73e8',
  rwnd: '#188038',
  inflight: '#1a73e8',
};

function setPanel(p: TcpGraphPanelState): void {
  useStats.setState({ panel: p });
}

function formatValue(kind: TcpGraphKind, v: number, axis: 'left' | 'right'): string {
  if (kind === 'rtt') return `${v.toFixed(3)} ms`;
  if (kind === 'throughput' && axis === 'left') return formatSi(v, 'bit/s');
  return formatTick(v);
}

/**
 * Statistics › TCP Stream Graphs: Stevens, tcptrace, throughput, round trip time and window
 * scaling for one direction of one stream. The worker sends the points in view (an envelope
 * when there are more than the chart can show) and again after every zoom or pan.
 */
export function TcpGraphPanel({ panel, onClose }: { panel: TcpGraphPanelState; onClose(): void }) {
  const gen = useReadyGen();
  const stream = panel.stream ?? 0;
  const [range, setRange] = useState<Range | null>(null);
  const [requested, setRequested] = useState<Range | null>(null);
  const [mode, setMode] = useState<DragMode>('zoom');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [view, setView] = useState<TcpGraphView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [streams, setStreams] = useState<TcpStreamInfo[]>([]);

  useEffect(() => {
    if (gen === 0) return;
    let stale = false;
    void statsApi()
      .tcpStreams(gen)
      .then((s) => !stale && setStreams(s));
    return () => {
      stale = true;
    };
  }, [gen]);

  // A new graph, stream or direction starts unzoomed.
  useEffect(() => {
    setRange(null);
    setRequested(null);
  }, [gen, panel.graph, stream, panel.dir]);

  // Zooming and panning ask the worker again once the view stops moving.
  useEffect(() => {
    const t = setTimeout(() => setRequested(range), 120);
    return () => clearTimeout(t);
  }, [range]);

  useEffect(() => {
    if (gen === 0) return;
    let stale = false;
    setBusy(true);
    void statsApi()
      .tcpGraph(gen, {
        kind: panel.graph,
        stream,
        dir: panel.dir,
        ...(requested ? { range: requested } : {}),
        maxPoints: MAX_POINTS,
      })
      .then(
        (r) => {
          if (stale) return;
          setBusy(false);
          if (r.ok) {
            setView(r.view);
            setError(null);
          } else {
            setView(null);
            setError(r.message);
          }
        },
        (e: unknown) => {
          if (stale) return;
          setBusy(false);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    return () => {
      stale = true;
    };
  }, [gen, panel.graph, stream, panel.dir, requested]);

  const series: ChartSeries[] = useMemo(
    () =>
      (view?.series ?? [])
        .filter((s) => !hidden.has(s.id))
        .map((s) => ({ ...s, color: COLORS[s.id] ?? '#5f6368' })),
    [view, hidden],
  );

  const dir = view?.dir ?? panel.dir ?? 'AtoB';
  const info = streams.find((s) => s.stream === stream);
  const maxStream = streams.length - 1;
  const shown = range ?? view?.full ?? null;
  const subtitle = view
    ? `${TCP_GRAPH_LABELS[panel.graph]} · stream ${stream} · ${view.sender} → ${view.receiver}`
    : TCP_GRAPH_LABELS[panel.graph];

  const tools = (
    <>
      <label className="tool-field">
        Graph
        <select
          aria-label="Graph type"
          value={panel.graph}
          onChange={(e) => setPanel({ ...panel, graph: e.target.value as TcpGraphKind })}
        >
          {(Object.keys(TCP_GRAPH_LABELS) as TcpGraphKind[]).map((k) => (
            <option key={k} value={k}>
              {TCP_GRAPH_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <span className="follow-stream-nav">
        <button
          type="button"
          className="tool-button"
          aria-label="Previous stream"
          disabled={stream <= 0}
          onClick={() => setPanel({ ...panel, stream: stream - 1, dir: null })}
        >
          ◀
        </button>
        <label className="tool-field">
          Stream
          <input
            type="number"
            aria-label="Stream"
            min={0}
            max={Math.max(0, maxStream)}
            value={stream}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 0) setPanel({ ...panel, stream: n, dir: null });
            }}
          />
        </label>
        <button
          type="button"
          className="tool-button"
          aria-label="Next stream"
          disabled={maxStream >= 0 && stream >= maxStream}
          onClick={() => setPanel({ ...panel, stream: stream + 1, dir: null })}
        >
          ▶
        </button>
      </span>
      <button
        type="button"
        className="tool-button"
        title="Show the other direction of the stream"
        onClick={() => setPanel({ ...panel, stream, dir: dir === 'AtoB' ? 'BtoA' : 'AtoB' })}
      >
        Switch direction
      </button>
    </>
  );

  return (
    <PanelFrame title="TCP Stream Graph" subtitle={subtitle} onClose={onClose} tools={tools}>
      {gen === 0 && <p className="stats-note">Waiting for a capture to be fully loaded…</p>}
      {error && <p className="stats-error">{error}</p>}
      {panel.stream === null && !error && (
        <p className="stats-note">
          No TCP packet was selected: showing stream 0 (pick another stream above).
        </p>
      )}
      {view && shown && (
        <div className="graph-layout">
          <div className="graph-side">
            <div className="graph-info" aria-live="polite">
              {info ? `${info.a} ↔ ${info.b}, ${info.frames} packets` : ''}
              {busy && ' · updating…'}
            </div>
            <ul className="graph-legend" aria-label="Series">
              {view.series.map((s) => (
                <li
                  key={s.id}
                  data-series={s.id}
                  data-total={s.total}
                  data-in-range={s.inRange}
                  data-drawn={s.points.length}
                >
                  <label>
                    <input
                      type="checkbox"
                      checked={!hidden.has(s.id)}
                      onChange={(e) => {
                        const next = new Set(hidden);
                        if (e.target.checked) next.delete(s.id);
                        else next.add(s.id);
                        setHidden(next);
                      }}
                    />
                    <span className="legend-swatch" style={{ background: COLORS[s.id] ?? '#5f6368' }} />
                    {s.name}: {s.total}
                  </label>
                  {s.points.length < s.inRange && (
                    <span className="legend-note"> (envelope of {s.inRange} in view)</span>
                  )}
                </li>
              ))}
            </ul>
            <fieldset className="graph-mode">
              <legend>Drag to</legend>
              <label>
                <input
                  type="radio"
                  name="drag-mode"
                  checked={mode === 'zoom'}
                  onChange={() => setMode('zoom')}
                />{' '}
                Zoom
              </label>
              <label>
                <input
                  type="radio"
                  name="drag-mode"
                  checked={mode === 'pan'}
                  onChange={() => setMode('pan')}
                />{' '}
                Pan
              </label>
            </fieldset>
            <button
              type="button"
              className="tool-button"
              disabled={range === null}
              onClick={() => setRange(null)}
            >
              Reset zoom
            </button>
          </div>
          <ZoomChart
            label={`${TCP_GRAPH_LABELS[panel.graph]} chart`}
            series={series}
            range={shown}
            onRangeChange={setRange}
            onPick={(f) => void goToPacket(f)}
            mode={mode}
            xLabel="Time (s)"
            yLabel={view.yLabel}
            {...(view.y2Label ? { y2Label: view.y2Label } : {})}
            formatY={(v, axis) => formatValue(panel.graph, v, axis)}
          />
        </div>
      )}
    </PanelFrame>
  );
}
