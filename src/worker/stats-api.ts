import * as Comlink from 'comlink';
import { endpointText } from '../core/analysis/follow';
import { tcpConversation, tcpStreamCount } from '../core/analysis/tcp-analysis';
import { fieldByAbbrev } from '../core/dissect/fields';
import {
  CaptureTablesBuilder,
  feedFrames,
  feedIndexed,
  type CaptureTables,
} from '../core/stats/capture-tables';
import type { HierarchyNode } from '../core/stats/hierarchy';
import {
  IO_INTERVALS_US,
  IoGraphBuilder,
  frameMicros,
  type IoGraphData,
  type IoGraphSeriesSpec,
} from '../core/stats/io-graph';
import { retransmissionSummary, type RetransmissionSummary } from '../core/stats/retransmission-summary';
import {
  rttGraph,
  stevensGraph,
  tcptraceGraph,
  throughputGraph,
  windowScalingGraph,
  type TcpDirection,
} from '../core/stats/tcp-graphs';
import { DIR_A_TO_B, tcpSegments } from '../core/stats/tcp-segments';
import type { CaptureSession } from '../core/session';
import type { WirelightWorker } from './api';
import { CancelToken, Slice, Throttle } from './scheduling';
import type { ScanProgress } from './types';

/*
 * The statistics side of the worker (Statistics and Analyze menus): tables, the I/O graph and
 * the TCP stream graphs, computed here from the core's data functions and cut down to what a
 * chart can draw, so the page only renders.
 */

/** Conversation/endpoint tables and expert rows (no protocol tree needed for most frames). */
export type StatsTables = Omit<CaptureTables, 'hierarchy'> & { frames: number };

/** A protocol hierarchy node with the protocol's display name ("Internet Protocol Version 4"). */
export interface NamedHierarchyNode {
  proto: string;
  name: string;
  frames: number;
  bytes: number;
  children: NamedHierarchyNode[];
}

export interface HierarchyResult {
  root: NamedHierarchyNode;
  /** Seconds from the first to the last frame (for the bits/s column). */
  duration: number;
}

export interface IoGraphRequest {
  series: IoGraphSeriesSpec[];
  /** Interval in µs; automatic when omitted. */
  intervalUs?: number;
  /** Most points per series (larger graphs keep each group's maximum). */
  maxPoints: number;
}

export interface IoGraphResult extends IoGraphData {
  /** The interval choices (µs) the page may offer. */
  choices: number[];
  /** Whether `intervalUs` was chosen automatically. */
  auto: boolean;
}

export type TcpGraphKind = 'stevens' | 'tcptrace' | 'throughput' | 'rtt' | 'wscale';
export const TCP_GRAPH_KINDS: readonly TcpGraphKind[] = [
  'stevens',
  'tcptrace',
  'throughput',
  'rtt',
  'wscale',
];

/**
 * How a series is drawn: dots, vertical bars from y to y2 (tcptrace segments, SACK blocks),
 * a step line (the ACK and window lines) or a plain line.
 */
export type SeriesStyle = 'dots' | 'bars' | 'step' | 'line';

export interface GraphPoint {
  t: number;
  y: number;
  /** Top of a bar (style 'bars'). */
  y2?: number;
  frame: number;
}

export interface GraphSeriesView {
  id: string;
  name: string;
  style: SeriesStyle;
  /** Left axis (the zoomable one) or right axis (scaled to what is visible). */
  axis: 'left' | 'right';
  /** Points in the whole series, and within the requested range. */
  total: number;
  inRange: number;
  /** What to draw: every point in range, or an envelope of them when there are too many. */
  points: GraphPoint[];
}

export interface Range {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface TcpGraphRequest {
  kind: TcpGraphKind;
  stream: number;
  /** null: the direction that carries more data segments. */
  dir: TcpDirection | null;
  /** Visible window; the whole graph when omitted. */
  range?: Range;
  /** Most points drawn per series. */
  maxPoints: number;
}

export interface TcpGraphView {
  kind: TcpGraphKind;
  stream: number;
  dir: TcpDirection;
  /** "addr:port" of the data sender in this direction and of the receiver. */
  sender: string;
  receiver: string;
  yLabel: string;
  y2Label?: string;
  /** Extent of the left-axis series (the reset view). */
  full: Range;
  range: Range;
  series: GraphSeriesView[];
}

export type TcpGraphOutcome =
  { ok: true; view: TcpGraphView } | { ok: false; message: string; streams: number };

export interface TcpStreamInfo {
  stream: number;
  a: string;
  b: string;
  frames: number;
}

/** A whole series as columns (kept in the worker; views are cut from it). */
interface FullSeries {
  id: string;
  name: string;
  style: SeriesStyle;
  axis: 'left' | 'right';
  t: Float64Array;
  y: Float64Array;
  /** Bar tops; same as y for other styles. */
  y2: Float64Array;
  frame: Uint32Array;
}

interface FullGraph {
  kind: TcpGraphKind;
  stream: number;
  dir: TcpDirection;
  sender: string;
  receiver: string;
  yLabel: string;
  y2Label?: string;
  full: Range;
  series: FullSeries[];
}

interface SeriesInput {
  id: string;
  name: string;
  style: SeriesStyle;
  axis?: 'left' | 'right';
  points: readonly { t: number; frame: number }[];
  y: (i: number) => number;
  y2?: (i: number) => number;
}

function columns(s: SeriesInput): FullSeries {
  const n = s.points.length;
  const out: FullSeries = {
    id: s.id,
    name: s.name,
    style: s.style,
    axis: s.axis ?? 'left',
    t: new Float64Array(n),
    y: new Float64Array(n),
    y2: new Float64Array(n),
    frame: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.t[i] = s.points[i].t;
    out.frame[i] = s.points[i].frame;
    out.y[i] = s.y(i);
    out.y2[i] = s.y2 ? s.y2(i) : out.y[i];
  }
  return out;
}

/** Extent of the left-axis series, padded so points on the edge stay visible. */
function extentOf(series: readonly FullSeries[]): Range {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.t.length; i++) {
      if (s.t[i] < x0) x0 = s.t[i];
      if (s.t[i] > x1) x1 = s.t[i];
      if (s.axis !== 'left') continue;
      const lo = Math.min(s.y[i], s.y2[i]);
      const hi = Math.max(s.y[i], s.y2[i]);
      if (lo < y0) y0 = lo;
      if (hi > y1) y1 = hi;
    }
  }
  if (x0 === Infinity) return { x0: 0, x1: 1, y0: 0, y1: 1 };
  if (y0 === Infinity) {
    y0 = 0;
    y1 = 1;
  }
  const dx = x1 - x0 || 1;
  const dy = y1 - y0 || 1;
  // Padding never takes a non-negative axis below zero (no negative times or sequence numbers).
  return {
    x0: x0 >= 0 ? Math.max(0, x0 - dx * 0.02) : x0 - dx * 0.02,
    x1: x1 + dx * 0.02,
    y0: y0 >= 0 ? Math.max(0, y0 - dy * 0.04) : y0 - dy * 0.04,
    y1: y1 + dy * 0.04,
  };
}

/**
 * The points of `s` inside `r`, at most `maxPoints`: when there are more, the x range is cut
 * into maxPoints/2 buckets and each keeps its lowest and highest point (the envelope a chart of
 * that width would show anyway). Step lines keep one point on each side of the range so the
 * line reaches the edges.
 */
export function viewSeries(s: FullSeries, r: Range, maxPoints: number): GraphSeriesView {
  const n = s.t.length;
  const inside: number[] = [];
  const yFilter = s.axis === 'left';
  for (let i = 0; i < n; i++) {
    const t = s.t[i];
    if (t < r.x0 || t > r.x1) continue;
    if (yFilter && (Math.max(s.y[i], s.y2[i]) < r.y0 || Math.min(s.y[i], s.y2[i]) > r.y1)) continue;
    inside.push(i);
  }
  let chosen = inside;
  if (inside.length > maxPoints && maxPoints >= 2) {
    const buckets = Math.max(1, Math.floor(maxPoints / 2));
    const lo = new Int32Array(buckets).fill(-1);
    const hi = new Int32Array(buckets).fill(-1);
    const width = r.x1 - r.x0 || 1;
    for (const i of inside) {
      const b = Math.min(buckets - 1, Math.max(0, Math.floor(((s.t[i] - r.x0) / width) * buckets)));
      if (lo[b] < 0 || s.y[i] < s.y[lo[b]]) lo[b] = i;
      if (hi[b] < 0 || s.y2[i] > s.y2[hi[b]]) hi[b] = i;
    }
    const keep: number[] = [];
    for (let b = 0; b < buckets; b++) {
      if (lo[b] >= 0) keep.push(lo[b]);
      if (hi[b] >= 0 && hi[b] !== lo[b]) keep.push(hi[b]);
    }
    chosen = keep.sort((a, b) => a - b);
  }
  if (s.style === 'step' && chosen.length > 0) {
    const first = chosen[0];
    const last = chosen[chosen.length - 1];
    if (first > 0) chosen = [first - 1, ...chosen];
    if (last < n - 1) chosen = [...chosen, last + 1];
  }
  const points: GraphPoint[] = chosen.map((i) => {
    const p: GraphPoint = { t: s.t[i], y: s.y[i], frame: s.frame[i] };
    if (s.style === 'bars') p.y2 = s.y2[i];
    return p;
  });
  return {
    id: s.id,
    name: s.name,
    style: s.style,
    axis: s.axis,
    total: n,
    inRange: inside.length,
    points,
  };
}

/** The direction of a stream with more data segments (A to B on a tie). */
function busierDirection(session: CaptureSession, stream: number): TcpDirection {
  const conv = tcpConversation(session.capture, stream);
  if (!conv) return 'AtoB';
  const segs = tcpSegments(session);
  let a = 0;
  let b = 0;
  for (let i = 0; i < conv.frameCount; i++) {
    const f = conv.frames[i];
    if (segs.lenOf(f) <= 0) continue;
    if (segs.dir[f] === DIR_A_TO_B) a++;
    else b++;
  }
  return b > a ? 'BtoA' : 'AtoB';
}

/** Builds every series of one TCP graph (the expensive part; cached per capture). */
function buildTcpGraph(
  session: CaptureSession,
  kind: TcpGraphKind,
  stream: number,
  dir: TcpDirection,
): FullGraph {
  const conv = tcpConversation(session.capture, stream);
  const a = conv ? endpointText(conv.addrA, conv.portA) : '';
  const b = conv ? endpointText(conv.addrB, conv.portB) : '';
  const [sender, receiver] = dir === 'AtoB' ? [a, b] : [b, a];
  const base = { kind, stream, dir, sender, receiver };
  let series: FullSeries[];
  let yLabel: string;
  let y2Label: string | undefined;
  switch (kind) {
    case 'stevens': {
      const pts = stevensGraph(session, stream, dir);
      const re = pts.filter((p) => p.retransmission);
      yLabel = 'Sequence number (relative)';
      series = [
        columns({ id: 'segments', name: 'Segments', style: 'dots', points: pts, y: (i) => pts[i].seq }),
        columns({
          id: 'retransmissions',
          name: 'Retransmissions',
          style: 'dots',
          points: re,
          y: (i) => re[i].seq,
        }),
      ];
      break;
    }
    case 'tcptrace': {
      const g = tcptraceGraph(session, stream, dir);
      const re = g.segments.filter((p) => p.retransmission);
      const seg = g.segments;
      yLabel = 'Sequence number (relative)';
      series = [
        columns({
          id: 'segments',
          name: 'Segments',
          style: 'bars',
          points: seg,
          y: (i) => seg[i].seq,
          y2: (i) => seg[i].nextSeq,
        }),
        columns({
          id: 'retransmissions',
          name: 'Retransmissions',
          style: 'bars',
          points: re,
          y: (i) => re[i].seq,
          y2: (i) => re[i].nextSeq,
        }),
        columns({ id: 'acks', name: 'ACKs', style: 'step', points: g.acks, y: (i) => g.acks[i].ack }),
        columns({
          id: 'window',
          name: 'Receive window',
          style: 'step',
          points: g.window,
          y: (i) => g.window[i].edge,
        }),
        columns({
          id: 'sacks',
          name: 'SACK blocks',
          style: 'bars',
          points: g.sacks,
          y: (i) => g.sacks[i].left,
          y2: (i) => g.sacks[i].right,
        }),
      ];
      break;
    }
    case 'throughput': {
      const pts = throughputGraph(session, stream, dir);
      yLabel = 'Throughput (bits/s, 1 s moving average)';
      y2Label = 'Segment length (bytes)';
      series = [
        columns({
          id: 'average',
          name: 'Average throughput',
          style: 'line',
          points: pts,
          y: (i) => pts[i].bitsPerSecond,
        }),
        columns({
          id: 'segments',
          name: 'Segment length',
          style: 'dots',
          axis: 'right',
          points: pts,
          y: (i) => pts[i].bytes,
        }),
      ];
      break;
    }
    case 'rtt': {
      const pts = rttGraph(session, stream, dir);
      yLabel = 'Round trip time (ms)';
      series = [columns({ id: 'rtt', name: 'RTT', style: 'dots', points: pts, y: (i) => pts[i].rttMs })];
      break;
    }
    case 'wscale': {
      const g = windowScalingGraph(session, stream, dir);
      yLabel = 'Bytes';
      series = [
        columns({
          id: 'rwnd',
          name: 'Receive window',
          style: 'step',
          points: g.receiveWindow,
          y: (i) => g.receiveWindow[i].value,
        }),
        columns({
          id: 'inflight',
          name: 'Bytes in flight',
          style: 'dots',
          points: g.bytesInFlight,
          y: (i) => g.bytesInFlight[i].value,
        }),
      ];
      break;
    }
  }
  return { ...base, yLabel, ...(y2Label ? { y2Label } : {}), full: extentOf(series), series };
}

function namedHierarchy(n: HierarchyNode): NamedHierarchyNode {
  const def = n.proto ? fieldByAbbrev(n.proto) : undefined;
  return {
    proto: n.proto,
    name: def?.name ?? n.proto,
    frames: n.frames,
    bytes: n.bytes,
    children: n.children.map(namedHierarchy),
  };
}

const TCP_GRAPH_CACHE_SIZE = 8;

/**
 * The statistics API the page calls as `worker().stats.*` (attached to the main API by
 * withStats in index.ts). Results are cached per capture (load number and frame count).
 */
export class StatsApi {
  private cacheKey = '';
  private tablesCache: StatsTables | null = null;
  private hierarchyCache: HierarchyResult | null = null;
  private readonly graphs = new Map<string, FullGraph>();
  private tablesToken: CancelToken | null = null;
  private hierarchyToken: CancelToken | null = null;
  private ioToken: CancelToken | null = null;

  constructor(private readonly sessionOf: (gen: number) => CaptureSession | null) {}

  /** The session of `gen`, dropping the caches when the capture changed. */
  private session(gen: number): CaptureSession | null {
    const s = this.sessionOf(gen);
    if (!s) return null;
    const key = `${gen}:${s.frameCount}`;
    if (key !== this.cacheKey) {
      this.cacheKey = key;
      this.tablesCache = null;
      this.hierarchyCache = null;
      this.graphs.clear();
    }
    return s;
  }

  /**
   * Feeds every frame to a builder in time slices (through `feedSlice`: dissecting each frame, or
   * from the index where it can); false when cancelled or the capture changed.
   */
  private async feed(
    gen: number,
    b: CaptureTablesBuilder,
    token: CancelToken,
    onProgress?: (p: ScanProgress) => void,
    feedSlice = feedFrames,
  ): Promise<boolean> {
    const session = this.session(gen);
    if (!session) return false;
    const total = session.frameCount;
    const slice = new Slice(30);
    const throttle = new Throttle(100);
    const STEP = 256;
    for (let f = 1; f <= total; f += STEP) {
      feedSlice(b, session, f, Math.min(total, f + STEP - 1));
      if (slice.due()) {
        if (onProgress && throttle.ready()) onProgress({ done: f + STEP - 1, total });
        await slice.yield();
        if (token.cancelled || this.sessionOf(gen) !== session || session.frameCount !== total) return false;
      }
    }
    onProgress?.({ done: total, total });
    return true;
  }

  /** Conversations and endpoints (all five kinds) and the expert rows; null when cancelled. */
  async tables(gen: number, onProgress?: (p: ScanProgress) => void): Promise<StatsTables | null> {
    const session = this.session(gen);
    if (!session) return null;
    if (this.tablesCache) return this.tablesCache;
    this.tablesToken?.cancel();
    const token = new CancelToken();
    this.tablesToken = token;
    const b = new CaptureTablesBuilder(session, {});
    // The first-pass index answers most frames; only those it cannot vouch for are dissected.
    if (!(await this.feed(gen, b, token, onProgress, feedIndexed))) return null;
    const r = b.result();
    this.tablesCache = {
      conversations: r.conversations,
      endpoints: r.endpoints,
      expert: r.expert,
      framesWithTree: r.framesWithTree,
      frames: session.frameCount,
    };
    return this.tablesCache;
  }

  /** Protocol hierarchy (every frame dissected with its tree); null when cancelled. */
  async hierarchy(gen: number, onProgress?: (p: ScanProgress) => void): Promise<HierarchyResult | null> {
    const session = this.session(gen);
    if (!session) return null;
    if (this.hierarchyCache) return this.hierarchyCache;
    this.hierarchyToken?.cancel();
    const token = new CancelToken();
    this.hierarchyToken = token;
    const b = new CaptureTablesBuilder(session, { conversations: [], endpoints: [], hierarchy: true });
    if (!(await this.feed(gen, b, token, onProgress)) || !b.hierarchy) return null;
    const us = frameMicros(session);
    let duration = 0;
    for (let i = 0; i < us.length; i++) if (us[i] > duration) duration = us[i];
    this.hierarchyCache = { root: namedHierarchy(b.hierarchy.root), duration: duration / 1e6 };
    return this.hierarchyCache;
  }

  /** Stops a running tables or hierarchy computation (the dialog closed). */
  cancel(): void {
    this.tablesToken?.cancel();
    this.hierarchyToken?.cancel();
    this.ioToken?.cancel();
  }

  /**
   * The I/O graph; its arrays are transferred, not copied. Series on the first pass's state
   * take one quick loop; a series with a display filter dissects every frame again, so that
   * loop runs in time slices (with progress) and stops when a newer request comes.
   */
  async ioGraph(
    gen: number,
    req: IoGraphRequest,
    onProgress?: (p: ScanProgress) => void,
  ): Promise<IoGraphResult | null> {
    const session = this.session(gen);
    if (!session) return null;
    this.ioToken?.cancel();
    const token = new CancelToken();
    this.ioToken = token;
    const b = new IoGraphBuilder(session, {
      series: req.series,
      ...(req.intervalUs ? { intervalUs: req.intervalUs } : {}),
    });
    if (!b.needsTree) {
      b.step(b.total);
    } else {
      const slice = new Slice(30);
      const throttle = new Throttle(100);
      const STEP = 256;
      while (b.done < b.total) {
        b.step(b.done + STEP);
        if (slice.due()) {
          if (onProgress && throttle.ready()) onProgress({ done: b.done, total: b.total });
          await slice.yield();
          if (token.cancelled || this.sessionOf(gen) !== session) return null;
        }
      }
      onProgress?.({ done: b.total, total: b.total });
    }
    const g = b.result(req.maxPoints);
    const out: IoGraphResult = { ...g, choices: [...IO_INTERVALS_US], auto: !req.intervalUs };
    const buffers: ArrayBuffer[] = [out.time.buffer as ArrayBuffer];
    for (const s of out.series) {
      for (const a of [s.packets, s.bytes, s.bits, s.firstFrame]) buffers.push(a.buffer as ArrayBuffer);
    }
    return Comlink.transfer(out, buffers);
  }

  retransmissions(gen: number): RetransmissionSummary | null {
    const session = this.session(gen);
    return session ? retransmissionSummary(session) : null;
  }

  /** Every TCP stream with its endpoints, for the graph's stream picker. */
  tcpStreams(gen: number): TcpStreamInfo[] {
    const session = this.session(gen);
    if (!session) return [];
    const out: TcpStreamInfo[] = [];
    const n = tcpStreamCount(session.capture);
    for (let s = 0; s < n; s++) {
      const c = tcpConversation(session.capture, s);
      if (c)
        out.push({
          stream: s,
          a: endpointText(c.addrA, c.portA),
          b: endpointText(c.addrB, c.portB),
          frames: c.frameCount,
        });
    }
    return out;
  }

  /** One TCP stream graph, cut to `range` and at most `maxPoints` points per series. */
  tcpGraph(gen: number, req: TcpGraphRequest): TcpGraphOutcome {
    const session = this.session(gen);
    if (!session) return { ok: false, message: 'No capture is open.', streams: 0 };
    const streams = tcpStreamCount(session.capture);
    if (streams === 0) return { ok: false, message: 'This capture has no TCP streams.', streams };
    if (!Number.isInteger(req.stream) || req.stream < 0 || req.stream >= streams) {
      return {
        ok: false,
        message: `There is no TCP stream ${req.stream}: streams are numbered 0 to ${streams - 1}.`,
        streams,
      };
    }
    const dir = req.dir ?? busierDirection(session, req.stream);
    const key = `${req.kind}:${req.stream}:${dir}`;
    let g = this.graphs.get(key);
    if (!g) {
      g = buildTcpGraph(session, req.kind, req.stream, dir);
      if (this.graphs.size >= TCP_GRAPH_CACHE_SIZE) {
        const oldest = this.graphs.keys().next().value;
        if (oldest !== undefined) this.graphs.delete(oldest);
      }
      this.graphs.set(key, g);
    }
    const range = req.range ?? g.full;
    return {
      ok: true,
      view: {
        kind: g.kind,
        stream: g.stream,
        dir: g.dir,
        sender: g.sender,
        receiver: g.receiver,
        yLabel: g.yLabel,
        ...(g.y2Label ? { y2Label: g.y2Label } : {}),
        full: g.full,
        range,
        series: g.series.map((s) => viewSeries(s, range, req.maxPoints)),
      },
    };
  }
}

/**
 * Adds the statistics API to the worker's API object as `stats`. The open capture is private
 * to WirelightWorker; its own lookup (`capture(gen)`, which checks the load number) is reached
 * with element access, so the main API keeps one way of finding the capture.
 */
export function withStats(api: WirelightWorker): WirelightWorker & { stats: StatsApi } {
  const stats = new StatsApi((gen) => api['capture'](gen)?.session ?? null);
  return Object.assign(api, { stats });
}

/** The API the page talks to (main API plus statistics). */
export type WorkerApiWithStats = WirelightWorker & { stats: StatsApi };
