import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { IoGraphResult } from '../../worker/stats-api';
import { worker } from '../worker-client';
import { goToPacket } from './actions';
import { niceTicks } from './chart-math';
import { formatInterval, formatTick } from './format';
import { frameAtPoint, ioRows, type IoRow } from './io-rows';
import { PanelFrame, ResultStatus } from './PanelFrame';
import { StatsTable, type StatsColumn } from './StatsTable';
import { statsApi } from './stats-client';
import { SERIES_COLORS, useStats, type IoMetric, type IoSeriesSetting } from './stats-store';
import { useSize } from './use-size';
import { useStatsResult } from './use-stats-result';

/** Points per series the worker sends at most (wider graphs keep each group's maximum). */
const MAX_POINTS = 1000;

const METRIC_LABELS: Record<IoMetric, string> = { packets: 'Packets', bytes: 'Bytes', bits: 'Bits' };

function setIo(patch: Partial<ReturnType<typeof useStats.getState>['io']>): void {
  useStats.setState((s) => ({ io: { ...s.io, ...patch } }));
}

function updateSeries(id: number, patch: Partial<IoSeriesSetting>): void {
  setIo({ series: useStats.getState().io.series.map((s) => (s.id === id ? { ...s, ...patch } : s)) });
}

function SeriesRow({ s, n, error }: { s: IoSeriesSetting; n: number; error?: string }) {
  const [text, setText] = useState(s.filter);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = async (): Promise<void> => {
    if (text === s.filter) return;
    const r = await worker().checkFilter(text);
    if (!r.ok) {
      setProblem(r.message);
      return;
    }
    setProblem(null);
    updateSeries(s.id, { filter: text.trim() });
  };
  const message = problem ?? error ?? null;
  return (
    <tr className="io-series-row">
      <td>
        <input
          type="checkbox"
          aria-label={`Show series ${n}`}
          checked={s.enabled}
          onChange={(e) => updateSeries(s.id, { enabled: e.target.checked })}
        />
      </td>
      <td>
        <span className="legend-swatch" style={{ background: s.color }} />
        <input
          type="text"
          aria-label={`Name of series ${n}`}
          value={s.name}
          onChange={(e) => updateSeries(s.id, { name: e.target.value })}
        />
      </td>
      <td>
        <input
          type="text"
          className="io-filter"
          aria-label={`Display filter of series ${n}`}
          aria-invalid={message ? true : undefined}
          placeholder="(all packets)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            }
          }}
        />
        {message && (
          <div className="stats-error" role="alert">
            {message}
          </div>
        )}
      </td>
      <td>
        <button
          type="button"
          className="tool-button"
          aria-label={`Remove series ${n}`}
          onClick={() => setIo({ series: useStats.getState().io.series.filter((x) => x.id !== s.id) })}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function addSeries(): void {
  const list = useStats.getState().io.series;
  const id = list.reduce((m, s) => Math.max(m, s.id), 0) + 1;
  const color = SERIES_COLORS[(id - 1) % SERIES_COLORS.length];
  setIo({ series: [...list, { id, name: `Series ${id}`, filter: '', enabled: true, color }] });
}

/** Statistics › I/O Graph: packets, bytes or bits per interval for display-filter series. */
export function IoGraphPanel({ onClose }: { onClose(): void }) {
  const io = useStats((s) => s.io);
  const [asTable, setAsTable] = useState(false);
  const enabled = io.series.filter((s) => s.enabled);
  // Only what changes the numbers asks the worker again (not names or colours).
  const key = JSON.stringify([enabled.map((s) => s.filter), io.intervalUs]);
  const r = useStatsResult<IoGraphResult>(
    (gen, onProgress) =>
      statsApi().ioGraph(
        gen,
        {
          series: enabled.map((s) => ({ name: s.name, filter: s.filter })),
          ...(io.intervalUs ? { intervalUs: io.intervalUs } : {}),
          maxPoints: MAX_POINTS,
        },
        onProgress,
      ),
    [key],
  );
  const g = r.data;
  const rows = useMemo(() => (g ? ioRows(g, io.metric) : []), [g, io.metric]);
  const errors = new Map<number, string>();
  if (g) enabled.forEach((s, k) => g.series[k]?.error && errors.set(s.id, g.series[k].error ?? ''));
  const per = g ? formatInterval(g.intervalUs) : '';
  const yLabel = `${METRIC_LABELS[io.metric]}/${per}`;
  const shownSeries = g ? enabled.slice(0, g.series.length) : [];

  const tableColumns: StatsColumn<IoRow>[] = [
    { id: 't', header: 'Interval start (s)', value: (x) => x.t, text: (x) => x.t.toFixed(6), numeric: true },
    ...shownSeries.map((s, k) => ({
      id: `s${k}`,
      header: s.name || `Series ${k + 1}`,
      value: (x: IoRow) => x[`s${k}`],
      numeric: true,
    })),
  ];

  return (
    <PanelFrame title="I/O Graph" onClose={onClose}>
      <div className="io-controls">
        <label className="tool-field">
          Interval
          <select
            aria-label="Interval"
            value={io.intervalUs ?? 'auto'}
            onChange={(e) => setIo({ intervalUs: e.target.value === 'auto' ? null : Number(e.target.value) })}
          >
            <option value="auto">Auto{g?.auto ? ` (${per})` : ''}</option>
            {(g?.choices ?? []).map((c) => (
              <option key={c} value={c}>
                {formatInterval(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="tool-field">
          Y axis
          <select
            aria-label="Y axis"
            value={io.metric}
            onChange={(e) => setIo({ metric: e.target.value as IoMetric })}
          >
            <option value="packets">Packets</option>
            <option value="bytes">Bytes</option>
            <option value="bits">Bits</option>
          </select>
        </label>
        <label className="tool-field">
          <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} />
          Show values as a table
        </label>
        {g && g.groupSize > 1 && (
          <span className="stats-note">
            {g.intervals} intervals: each point shows the busiest of {g.groupSize} intervals.
          </span>
        )}
        {r.busy && g && <span className="stats-note">Updating…</span>}
      </div>
      <ResultStatus r={r} what="I/O graph" />
      {g && (
        <div className="io-layout">
          {asTable ? (
            <StatsTable
              label="I/O graph values"
              columns={tableColumns}
              rows={rows}
              rowKey={(x) => String(x.t)}
            />
          ) : (
            <div className="io-chart" role="group" aria-label="I/O graph chart" data-points={rows.length}>
              <IoChart rows={rows} series={shownSeries} yLabel={yLabel} g={g} />
            </div>
          )}
        </div>
      )}
      <table className="io-series" aria-label="Graph series">
        <thead>
          <tr>
            <th>Show</th>
            <th>Name</th>
            <th>Display filter</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {io.series.map((s, i) => (
            <SeriesRow
              key={s.id}
              s={s}
              n={i + 1}
              {...(errors.has(s.id) ? { error: errors.get(s.id) } : {})}
            />
          ))}
        </tbody>
      </table>
      <div>
        <button type="button" className="tool-button" onClick={addSeries}>
          Add series
        </button>
      </div>
    </PanelFrame>
  );
}

function IoChart({
  rows,
  series,
  yLabel,
  g,
}: {
  rows: IoRow[];
  series: IoSeriesSetting[];
  yLabel: string;
  g: IoGraphResult;
}) {
  const [ref, size] = useSize<HTMLDivElement>({ width: 800, height: 260 });
  return (
    <div ref={ref} className="io-chart-inner">
      <LineChart
        width={size.width}
        height={size.height}
        data={rows}
        margin={{ top: 10, right: 20, bottom: 4, left: 8 }}
        onClick={(state) => {
          const i = Number(state?.activeTooltipIndex);
          if (Number.isInteger(i) && i >= 0) void goToPacket(frameAtPoint(g, i));
        }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e5e8" />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          ticks={
            rows.length > 1
              ? niceTicks(rows[0].t, rows[rows.length - 1].t, Math.round(size.width / 110))
              : undefined
          }
          height={40}
          tickFormatter={(v: number) => formatTick(v)}
          label={{ value: 'Time (s)', position: 'insideBottom', offset: 2 }}
        />
        <YAxis
          width={76}
          tickFormatter={(v: number) => formatTick(v)}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip
          labelFormatter={(t) => `${Number(t).toFixed(6)} s (click: go to its first packet)`}
          isAnimationActive={false}
        />
        {series.map((s, k) => (
          <Line
            key={s.id}
            dataKey={`s${k}`}
            name={s.name}
            className={`io-series-${k}`}
            type="linear"
            stroke={s.color}
            strokeWidth={1.5}
            dot={rows.length <= 60}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
