import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';
import type { GraphPoint, SeriesStyle } from '../../worker/stats-api';
import {
  dragRange,
  insidePlot,
  nearestIndex,
  niceTicks,
  panBy,
  toData,
  toPixel,
  zoomAt,
  type Plot,
  type Range,
} from './chart-math';
import { seriesPath } from './chart-paths';
import { formatTick } from './format';
import { useSize } from './use-size';

export interface ChartSeries {
  id: string;
  name: string;
  color: string;
  style: SeriesStyle;
  axis: 'left' | 'right';
  points: GraphPoint[];
}

export type DragMode = 'zoom' | 'pan';

interface ZoomChartProps {
  label: string;
  series: ChartSeries[];
  range: Range;
  onRangeChange(r: Range | null): void;
  onPick(frame: number): void;
  mode: DragMode;
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  /** Text of a value in the tooltip. */
  formatY?(v: number, axis: 'left' | 'right'): string;
}

const MARGIN = { top: 12, right: 16, bottom: 4, left: 8 };
const Y_WIDTH = 76;
const X_HEIGHT = 40;
/** How close (px) the pointer must be to a point to hover or pick it. */
const PICK_DIST = 10;
/** How much closer (px) a point must be to win over one of a series drawn above it. */
const TOP_BIAS = 3;

function rightRange(series: ChartSeries[], r: Range): Range {
  let max = 0;
  for (const s of series) {
    if (s.axis !== 'right') continue;
    for (const p of s.points) if (p.t >= r.x0 && p.t <= r.x1 && p.y > max) max = p.y;
  }
  return { x0: r.x0, x1: r.x1, y0: 0, y1: max > 0 ? max * 1.05 : 1 };
}

interface Hover {
  series: ChartSeries;
  point: GraphPoint;
  px: number;
  py: number;
}

/**
 * Lines (ACK, window) are painted first and segments/marks over them, so the data segments of
 * a tcptrace graph stay visible where the ACK line runs along them; series order is otherwise kept.
 */
function paintOrder<T extends { s: { style: string } }>(paths: readonly T[]): T[] {
  const rank = (style: string): number => (style === 'step' || style === 'line' ? 0 : 1);
  return [...paths].sort((a, b) => rank(a.s.style) - rank(b.s.style));
}

/**
 * A recharts chart with Wireshark-like navigation: drag a rectangle to zoom (a flat one zooms
 * time only), or drag to pan in pan mode; the wheel zooms about the pointer (Shift: time only);
 * arrows pan, + and - zoom, 0 resets. Hovering shows the nearest point, clicking selects its packet.
 */
export function ZoomChart(props: ZoomChartProps) {
  const { series, range, onRangeChange, onPick, mode } = props;
  const [wrapRef, size] = useSize<HTMLDivElement>({ width: 800, height: 300 });
  const [hover, setHover] = useState<Hover | null>(null);
  const [drag, setDrag] = useState<{ ax: number; ay: number; bx: number; by: number; start: Range } | null>(
    null,
  );
  const hasRight = series.some((s) => s.axis === 'right');

  const plot: Plot = {
    left: MARGIN.left + Y_WIDTH,
    top: MARGIN.top,
    width: Math.max(10, size.width - MARGIN.left - MARGIN.right - Y_WIDTH - (hasRight ? Y_WIDTH : 0)),
    height: Math.max(10, size.height - MARGIN.top - MARGIN.bottom - X_HEIGHT),
  };
  const right = useMemo(() => rightRange(series, range), [series, range]);
  // A hovered point of a previous graph (another kind, stream or zoom) is not on screen any more.
  useEffect(() => setHover(null), [series]);
  const rangeOf = (s: ChartSeries): Range => (s.axis === 'right' ? right : range);

  // The wheel must be a non-passive listener to keep the page from scrolling.
  const latest = useRef({ range, plot, onRangeChange });
  latest.current = { range, plot, onRangeChange };
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      const { range: r, plot: p, onRangeChange: change } = latest.current;
      const box = el.getBoundingClientRect();
      const px = e.clientX - box.left;
      const py = e.clientY - box.top;
      if (!insidePlot(p, px, py) || e.deltaY === 0) return;
      e.preventDefault();
      const d = toData(p, r, px, py);
      change(zoomAt(r, d.x, d.y, e.deltaY > 0 ? 1.25 : 0.8, e.shiftKey ? 'x' : 'xy'));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const local = (e: PointerEvent): { px: number; py: number } => {
    const box = e.currentTarget.getBoundingClientRect();
    return { px: e.clientX - box.left, py: e.clientY - box.top };
  };

  const findNearest = (px: number, py: number): Hover | null => {
    let best: Hover | null = null;
    let bestDist = PICK_DIST;
    // Series drawn last are on top (retransmissions over segments): they are tried first and a
    // series below only wins when it is clearly closer.
    for (let k = series.length - 1; k >= 0; k--) {
      const s = series[k];
      const r = rangeOf(s);
      const n = nearestIndex(s.points, plot, r, px, py, bestDist);
      if (n.index >= 0 && (best === null ? n.dist <= bestDist : n.dist < bestDist - TOP_BIAS)) {
        const p = s.points[n.index];
        const at = toPixel(plot, r, p.t, p.y);
        best = { series: s, point: p, px: at.px, py: at.py };
        bestDist = n.dist;
      }
    }
    return best;
  };

  const onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const { px, py } = local(e);
    if (!insidePlot(plot, px, py)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ ax: px, ay: py, bx: px, by: py, start: range });
  };
  const onPointerMove = (e: PointerEvent): void => {
    const { px, py } = local(e);
    if (drag) {
      setDrag({ ...drag, bx: px, by: py });
      if (mode === 'pan') {
        const a = toData(plot, drag.start, drag.ax, drag.ay);
        const b = toData(plot, drag.start, px, py);
        const r = drag.start;
        onRangeChange({
          x0: r.x0 - (b.x - a.x),
          x1: r.x1 - (b.x - a.x),
          y0: r.y0 - (b.y - a.y),
          y1: r.y1 - (b.y - a.y),
        });
      }
      return;
    }
    setHover(insidePlot(plot, px, py) ? findNearest(px, py) : null);
  };
  const onPointerUp = (e: PointerEvent): void => {
    if (!drag) return;
    const { px, py } = local(e);
    setDrag(null);
    const moved = Math.abs(px - drag.ax) > 3 || Math.abs(py - drag.ay) > 3;
    if (!moved) {
      const n = findNearest(px, py);
      if (n) onPick(n.point.frame);
      return;
    }
    if (mode === 'zoom') {
      const r = dragRange(plot, range, drag.ax, drag.ay, px, py);
      if (r) onRangeChange(r);
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    let next: Range | null | undefined;
    const cx = (range.x0 + range.x1) / 2;
    const cy = (range.y0 + range.y1) / 2;
    if (e.key === 'ArrowLeft') next = panBy(range, -0.1, 0);
    else if (e.key === 'ArrowRight') next = panBy(range, 0.1, 0);
    else if (e.key === 'ArrowUp') next = panBy(range, 0, 0.1);
    else if (e.key === 'ArrowDown') next = panBy(range, 0, -0.1);
    else if (e.key === '+' || e.key === '=') next = zoomAt(range, cx, cy, 0.8);
    else if (e.key === '-') next = zoomAt(range, cx, cy, 1.25);
    else if (e.key === '0' || e.key === 'Home') next = null;
    else return;
    e.preventDefault();
    onRangeChange(next);
  };

  const clipId = `zoom-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const paths = useMemo(
    () =>
      series.map((s) => ({ s, d: seriesPath(s.points, s.style, plot, s.axis === 'right' ? right : range) })),
    // The plot rectangle follows from the size.
    [series, range, right, size.width, size.height, hasRight],
  );
  const fmtY = props.formatY ?? ((v: number) => formatTick(v));

  return (
    <div
      ref={wrapRef}
      className={`zoom-chart mode-${mode}`}
      role="group"
      aria-label={props.label}
      aria-roledescription="chart"
      aria-description="Drag to zoom (or pan in pan mode), wheel to zoom, arrows to pan, + and - to zoom, 0 to reset; click a point to select its packet."
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerLeave={() => !drag && setHover(null)}
      onKeyDown={onKeyDown}
    >
      <ComposedChart
        width={size.width}
        height={size.height}
        margin={MARGIN}
        // The chart's own keyboard layer walks data items; here there are none (the wrapper
        // takes the keys), so it would only add a tab stop.
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e5e8" />
        <XAxis
          xAxisId="x"
          dataKey="t"
          type="number"
          domain={[range.x0, range.x1]}
          ticks={niceTicks(range.x0, range.x1, Math.max(2, Math.round(plot.width / 110)))}
          allowDataOverflow
          height={X_HEIGHT}
          tickFormatter={(v: number) => formatTick(v)}
          label={{ value: props.xLabel, position: 'insideBottom', offset: 2 }}
        />
        <YAxis
          yAxisId="left"
          type="number"
          domain={[range.y0, range.y1]}
          ticks={niceTicks(range.y0, range.y1, Math.max(2, Math.round(plot.height / 60)))}
          allowDataOverflow
          width={Y_WIDTH}
          tickFormatter={(v: number) => formatTick(v)}
          label={{ value: props.yLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        {hasRight && (
          <YAxis
            yAxisId="right"
            orientation="right"
            type="number"
            domain={[right.y0, right.y1]}
            ticks={niceTicks(right.y0, right.y1, Math.max(2, Math.round(plot.height / 60)))}
            allowDataOverflow
            width={Y_WIDTH}
            tickFormatter={(v: number) => formatTick(v)}
            label={{
              value: props.y2Label ?? '',
              angle: 90,
              position: 'insideRight',
              style: { textAnchor: 'middle' },
            }}
          />
        )}
      </ComposedChart>
      {/* The points: drawn here rather than as recharts items (see seriesPath). */}
      <svg className="zoom-chart-data" width={size.width} height={size.height} aria-hidden="true">
        <defs>
          <clipPath id={clipId}>
            <rect x={plot.left} y={plot.top} width={plot.width} height={plot.height} />
          </clipPath>
        </defs>
        <g clipPath={`url(#${clipId})`}>
          {paintOrder(paths).map(({ s, d }) => (
            <g key={s.id} className={`series-${s.id}`}>
              <path
                d={d}
                fill="none"
                stroke={s.color}
                strokeWidth={s.style === 'dots' ? 4 : s.style === 'bars' ? 2 : 1.5}
                strokeLinecap={s.style === 'dots' ? 'round' : 'butt'}
              />
            </g>
          ))}
        </g>
      </svg>
      {drag && mode === 'zoom' && (
        <div
          className="zoom-rect"
          style={{
            left: Math.min(drag.ax, drag.bx),
            top: Math.min(drag.ay, drag.by),
            width: Math.abs(drag.bx - drag.ax),
            height: Math.abs(drag.by - drag.ay),
          }}
        />
      )}
      {hover && !drag && (
        <>
          <div
            className="hover-dot"
            style={{ left: hover.px, top: hover.py, borderColor: hover.series.color }}
          />
          <div
            className="chart-tooltip"
            role="status"
            style={{
              left: Math.min(hover.px + 12, size.width - 220),
              top: Math.max(0, hover.py - 70),
            }}
          >
            <strong style={{ color: hover.series.color }}>{hover.series.name}</strong>
            <div>Time: {hover.point.t.toFixed(6)} s</div>
            <div>
              {hover.series.axis === 'right' ? (props.y2Label ?? '') : props.yLabel}:{' '}
              {fmtY(hover.point.y, hover.series.axis)}
              {hover.point.y2 !== undefined && ` – ${fmtY(hover.point.y2, hover.series.axis)}`}
            </div>
            <div>Packet {hover.point.frame} (click to select)</div>
          </div>
        </>
      )}
    </div>
  );
}
