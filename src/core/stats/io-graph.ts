import { TCP_A } from '../analysis/tcp-frame-store';
import { tcpAnalysisFlags } from '../analysis/tcp-analysis';
import { compileDisplayFilter, type DisplayFilter } from '../filter/index';
import type { CaptureSession } from '../session';
import { nsDelta, relativeMicros } from './rel-time';

/** One line of the I/O graph: the frames a display filter selects (all frames when empty). */
export interface IoGraphSeriesSpec {
  name: string;
  /** Display filter; '' for every frame. */
  filter: string;
}

/** The series the I/O graph starts with (Wireshark's defaults). */
export const DEFAULT_IO_SERIES: readonly IoGraphSeriesSpec[] = [
  { name: 'All packets', filter: '' },
  { name: 'TCP errors', filter: 'tcp.analysis.flags' },
  { name: 'TCP retransmissions', filter: 'tcp.analysis.retransmission' },
];

/** Interval choices, in microseconds: 1 ms … 10 min in 1-2-5 steps (plus 1 and 10 min). */
export const IO_INTERVALS_US: readonly number[] = [
  1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 3e7, 6e7, 1.2e8, 3e8, 6e8,
];

/** The automatic interval aims at no more than this many intervals over the capture. */
export const AUTO_TARGET_INTERVALS = 500;

/** The smallest interval that splits `durationUs` into at most AUTO_TARGET_INTERVALS intervals. */
export function autoInterval(durationUs: number): number {
  for (const iv of IO_INTERVALS_US) if (durationUs / iv <= AUTO_TARGET_INTERVALS) return iv;
  return IO_INTERVALS_US[IO_INTERVALS_US.length - 1];
}

/**
 * Frame predicates that give exactly what a display filter gives, read from the TCP analysis
 * state of the first pass instead of a re-dissected tree (the default series over millions of
 * frames must not build trees). `tcp.analysis.retransmission` is shown for fast and spurious
 * retransmissions too (Wireshark adds that item for all three).
 */
const STATE_PREDICATES: Record<string, (s: CaptureSession, frame: number) => boolean> = {
  'tcp.analysis.flags': (s, f) => tcpAnalysisFlags(s.capture, f) !== 0,
  'tcp.analysis.retransmission': (s, f) =>
    (tcpAnalysisFlags(s.capture, f) &
      (TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION)) !==
    0,
  'tcp.analysis.fast_retransmission': (s, f) =>
    (tcpAnalysisFlags(s.capture, f) & TCP_A.FAST_RETRANSMISSION) !== 0,
  'tcp.analysis.lost_segment': (s, f) => (tcpAnalysisFlags(s.capture, f) & TCP_A.LOST_PACKET) !== 0,
  'tcp.analysis.zero_window': (s, f) => (tcpAnalysisFlags(s.capture, f) & TCP_A.ZERO_WINDOW) !== 0,
};

/** How a series decides which frames it counts. */
type Selector =
  | { kind: 'all' }
  | { kind: 'state'; test: (s: CaptureSession, frame: number) => boolean }
  | { kind: 'filter'; filter: DisplayFilter };

function selectorFor(filter: string): Selector | { error: string } {
  const f = filter.trim();
  if (f === '') return { kind: 'all' };
  const state = STATE_PREDICATES[f];
  if (state) return { kind: 'state', test: state };
  const r = compileDisplayFilter(f);
  if (!r.ok) return { error: r.error.message };
  return { kind: 'filter', filter: r.value };
}

/** Per-interval values of one series (full resolution or downsampled). */
export interface IoGraphSeries {
  name: string;
  filter: string;
  /** Set when the filter does not compile (the series is then empty). */
  error?: string;
  packets: Float64Array;
  bytes: Float64Array;
  /** bytes * 8 */
  bits: Float64Array;
  /** First matching frame of each point's interval (of the busiest interval when downsampled); 0 = none. */
  firstFrame: Uint32Array;
}

export interface IoGraphData {
  /** Width of one interval, µs. */
  intervalUs: number;
  /** Intervals covered by the capture. */
  intervals: number;
  /** Intervals per point (1 when not downsampled). */
  groupSize: number;
  /** Start of each point, seconds since the first frame. */
  time: Float64Array;
  series: IoGraphSeries[];
}

export interface IoGraphOptions {
  series?: readonly IoGraphSeriesSpec[];
  /** Interval in µs; automatic (autoInterval) when omitted. */
  intervalUs?: number;
  /** Most points per series; larger graphs are downsampled (the maximum of each group). */
  maxPoints?: number;
}

function emptySeries(spec: IoGraphSeriesSpec, n: number, error?: string): IoGraphSeries {
  return {
    name: spec.name,
    filter: spec.filter,
    ...(error !== undefined ? { error } : {}),
    packets: new Float64Array(n),
    bytes: new Float64Array(n),
    bits: new Float64Array(n),
    firstFrame: new Uint32Array(n),
  };
}

/** Microseconds since the first frame for every frame of the session (index only, no dissection). */
export function frameMicros(session: CaptureSession): Float64Array {
  const ix = session.index;
  const n = ix.count;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const fs = ix.tsSec[0];
  const fn = ix.tsNsec[0];
  for (let i = 0; i < n; i++) out[i] = relativeMicros(nsDelta(ix.tsSec[i], ix.tsNsec[i], fs, fn));
  return out;
}

/**
 * The I/O graph built frame by frame, so a caller can spread the work over time slices (a
 * series with a display filter dissects every frame again with its tree). Frames fall in the
 * interval of their time since the first frame, rounded to the microsecond like tshark's
 * io,stat (frames before the first frame count in the first interval). Series without a
 * filter and the analysis-flag series read the first pass's state.
 */
export class IoGraphBuilder {
  readonly intervalUs: number;
  readonly intervals: number;
  /** Frames 1..done have been counted. */
  done = 0;
  private readonly us: Float64Array;
  private readonly full: IoGraphSeries[] = [];
  private readonly selectors: (Selector | null)[] = [];
  /** Whether some series needs each frame's tree (a display filter). */
  readonly needsTree: boolean;

  constructor(
    private readonly session: CaptureSession,
    opts: IoGraphOptions = {},
  ) {
    const specs = opts.series ?? DEFAULT_IO_SERIES;
    this.us = frameMicros(session);
    let duration = 0;
    for (let i = 0; i < this.us.length; i++) if (this.us[i] > duration) duration = this.us[i];
    this.intervalUs = Math.max(1, Math.round(opts.intervalUs ?? autoInterval(duration)));
    this.intervals = this.us.length === 0 ? 0 : Math.floor(duration / this.intervalUs) + 1;
    for (const spec of specs) {
      const sel = selectorFor(spec.filter);
      if ('error' in sel) {
        this.full.push(emptySeries(spec, this.intervals, sel.error));
        this.selectors.push(null);
      } else {
        this.full.push(emptySeries(spec, this.intervals));
        this.selectors.push(sel);
      }
    }
    this.needsTree = this.selectors.some((s) => s?.kind === 'filter');
  }

  /** Frames the graph covers (the session's frame count when it was started). */
  get total(): number {
    return this.us.length;
  }

  /** Counts frames done+1 .. min(total, upTo). */
  step(upTo: number): void {
    const { session, us, full, selectors, intervalUs } = this;
    const origlen = session.index.origlen;
    const end = Math.min(us.length, upTo);
    for (let i = this.done; i < end; i++) {
      const frame = i + 1;
      const bucket = Math.floor(us[i] / intervalUs);
      const d = this.needsTree ? session.dissect(frame, { tree: true, columns: false }) : null;
      for (let k = 0; k < full.length; k++) {
        const sel = selectors[k];
        if (!sel) continue;
        if (sel.kind === 'state' && !sel.test(session, frame)) continue;
        if (sel.kind === 'filter' && !(d && sel.filter.matches(d))) continue;
        const s = full[k];
        s.packets[bucket]++;
        s.bytes[bucket] += origlen[i];
        if (s.firstFrame[bucket] === 0 || frame < s.firstFrame[bucket]) s.firstFrame[bucket] = frame;
      }
    }
    if (end > this.done) this.done = end;
  }

  /** The graph of the frames counted so far, downsampled to `maxPoints` per series. */
  result(maxPoints?: number): IoGraphData {
    const { full, intervals, intervalUs } = this;
    for (const s of full) for (let b = 0; b < intervals; b++) s.bits[b] = s.bytes[b] * 8;
    return downsample(
      { intervalUs, intervals, groupSize: 1, time: times(intervals, intervalUs, 1), series: full },
      maxPoints,
    );
  }
}

/** The whole I/O graph at once (see IoGraphBuilder). */
export function computeIoGraph(session: CaptureSession, opts: IoGraphOptions = {}): IoGraphData {
  const b = new IoGraphBuilder(session, opts);
  b.step(b.total);
  return b.result(opts.maxPoints);
}

function times(points: number, intervalUs: number, group: number): Float64Array {
  const t = new Float64Array(points);
  for (let p = 0; p < points; p++) t[p] = (p * group * intervalUs) / 1e6;
  return t;
}

/**
 * Reduces a graph to at most `maxPoints` points per series: each point covers `groupSize`
 * consecutive intervals and keeps their MAXIMUM (so a one-interval burst stays visible; an
 * average would flatten it), and the first frame of the busiest interval of the group.
 */
export function downsample(g: IoGraphData, maxPoints: number | undefined): IoGraphData {
  if (!maxPoints || maxPoints < 1 || g.time.length <= maxPoints) return g;
  const group = Math.ceil(g.intervals / maxPoints) * g.groupSize;
  const step = group / g.groupSize;
  const points = Math.ceil(g.time.length / step);
  const series = g.series.map((s) => {
    const o = emptySeries({ name: s.name, filter: s.filter }, points, s.error);
    for (let p = 0; p < points; p++) {
      let best = -1;
      for (let b = p * step; b < Math.min((p + 1) * step, s.packets.length); b++) {
        if (s.packets[b] > o.packets[p]) o.packets[p] = s.packets[b];
        if (s.bytes[b] > o.bytes[p]) o.bytes[p] = s.bytes[b];
        if (s.bits[b] > o.bits[p]) o.bits[p] = s.bits[b];
        if (s.firstFrame[b] !== 0 && (best < 0 || s.packets[b] > s.packets[best])) best = b;
      }
      o.firstFrame[p] = best < 0 ? 0 : s.firstFrame[best];
    }
    return o;
  });
  return {
    intervalUs: g.intervalUs,
    intervals: g.intervals,
    groupSize: group,
    time: times(points, g.intervalUs, group),
    series,
  };
}

/** Rows for a charting library: one object per point with `t` (s) and one value per series. */
export function ioGraphRows(
  g: IoGraphData,
  metric: 'packets' | 'bytes' | 'bits',
): { t: number; frames: number[]; values: number[] }[] {
  const rows: { t: number; frames: number[]; values: number[] }[] = [];
  for (let p = 0; p < g.time.length; p++) {
    rows.push({
      t: g.time[p],
      values: g.series.map((s) => s[metric][p]),
      frames: g.series.map((s) => s.firstFrame[p]),
    });
  }
  return rows;
}
