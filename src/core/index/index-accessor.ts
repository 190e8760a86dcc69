/**
 * A FieldAccessor over the first-pass columns (frame index, field columns, TCP analysis store):
 * display filters whose fields are all listed here run over it without dissecting frames.
 *
 * It answers only for frames whose columns are exact (FieldColumns: shape NONE, V4 or V6);
 * `exact()` says so, and filterFrames dissects the other frames. Anything it cannot answer
 * from columns (the bytes of an item, its length) throws NotIndexed, and the caller dissects
 * that frame instead. Nothing here allocates per frame except time values and IPv6 addresses.
 */
import type { FieldValue } from '../dissect/field-types';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { FieldAccessor } from '../filter/accessor';
import { TCP_A, type TcpFrameStore } from '../analysis/tcp-frame-store';
import type { FieldColumns } from './field-columns';
import type { FrameIndex } from './frame-index';
import { SHAPE, TRANSPORT } from './protocol-sets';

/** Thrown when the columns cannot answer; the frame must be dissected. */
export class NotIndexed extends Error {
  override name = 'NotIndexed';
}

const F = {
  frameNumber: 1,
  frameLen: 2,
  frameCapLen: 3,
  frameTimeRelative: 4,
  frameTimeDelta: 5,
  ipSrc: 10,
  ipDst: 11,
  ipAddr: 12,
  ipProto: 13,
  ip: 14,
  ipv6Src: 20,
  ipv6Dst: 21,
  ipv6Addr: 22,
  ipv6: 23,
  tcpSrcport: 30,
  tcpDstport: 31,
  tcpPort: 32,
  tcpStream: 33,
  tcp: 34,
  tcpAnalysis: 35,
  tcpAnalysisFlags: 36,
  udpSrcport: 40,
  udpDstport: 41,
  udpPort: 42,
  udp: 43,
  /** tcp.analysis.* expert fields: 100 + index into EXPERT_FLAGS. */
  expert: 100,
} as const;

/** The expert fields printSequenceAnalysis raises, with the flags that raise each (count = bits set). */
const EXPERT_FLAGS: [string, number][] = [
  [
    'tcp.analysis.retransmission',
    TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION,
  ],
  ['tcp.analysis.fast_retransmission', TCP_A.FAST_RETRANSMISSION],
  ['tcp.analysis.spurious_retransmission', TCP_A.SPURIOUS_RETRANSMISSION],
  ['tcp.analysis.out_of_order', TCP_A.OUT_OF_ORDER],
  ['tcp.analysis.lost_segment', TCP_A.LOST_PACKET],
  ['tcp.analysis.ack_lost_segment', TCP_A.ACK_LOST_PACKET],
  ['tcp.analysis.window_update', TCP_A.WINDOW_UPDATE],
  ['tcp.analysis.window_full', TCP_A.WINDOW_FULL],
  ['tcp.analysis.keep_alive', TCP_A.KEEP_ALIVE],
  ['tcp.analysis.keep_alive_ack', TCP_A.KEEP_ALIVE_ACK],
  ['tcp.analysis.zero_window_probe', TCP_A.ZERO_WINDOW_PROBE],
  ['tcp.analysis.zero_window', TCP_A.ZERO_WINDOW],
  ['tcp.analysis.zero_window_probe_ack', TCP_A.ZERO_WINDOW_PROBE_ACK],
  ['tcp.analysis.reused_ports', TCP_A.REUSED_PORTS],
];

const NAMED: [string, number][] = [
  ['frame.number', F.frameNumber],
  ['frame.len', F.frameLen],
  ['frame.cap_len', F.frameCapLen],
  ['frame.time_relative', F.frameTimeRelative],
  ['frame.time_delta', F.frameTimeDelta],
  ['ip.src', F.ipSrc],
  ['ip.dst', F.ipDst],
  ['ip.addr', F.ipAddr],
  ['ip.proto', F.ipProto],
  ['ip', F.ip],
  ['ipv6.src', F.ipv6Src],
  ['ipv6.dst', F.ipv6Dst],
  ['ipv6.addr', F.ipv6Addr],
  ['ipv6', F.ipv6],
  ['tcp.srcport', F.tcpSrcport],
  ['tcp.dstport', F.tcpDstport],
  ['tcp.port', F.tcpPort],
  ['tcp.stream', F.tcpStream],
  ['tcp', F.tcp],
  ['tcp.analysis', F.tcpAnalysis],
  ['tcp.analysis.flags', F.tcpAnalysisFlags],
  ['udp.srcport', F.udpSrcport],
  ['udp.dstport', F.udpDstport],
  ['udp.port', F.udpPort],
  ['udp', F.udp],
];

let codes: Int16Array | null = null;

/** Field id → accessor code (0: not indexed). Built on first use, after all protocols registered. */
function codeTable(): Int16Array {
  if (codes) return codes;
  const defs: [FieldDef, number][] = [];
  for (const [abbrev, code] of NAMED) {
    const d = fieldByAbbrev(abbrev);
    if (d) defs.push([d, code]);
  }
  EXPERT_FLAGS.forEach(([abbrev], k) => {
    const d = fieldByAbbrev(abbrev);
    if (d) defs.push([d, F.expert + k]);
  });
  const max = defs.reduce((m, [d]) => Math.max(m, d.id), 0);
  codes = new Int16Array(max + 1);
  for (const [d, code] of defs) codes[d.id] = code;
  return codes;
}

/** True when the columns can answer every occurrence of `def` (for frames they cover). */
export function isIndexedField(def: FieldDef): boolean {
  const t = codeTable();
  return def.id < t.length && t[def.id] !== 0;
}

/** True for the frame.* fields the columns answer for every frame, whatever its shape. */
export function isFrameField(def: FieldDef): boolean {
  const t = codeTable();
  return def.id < t.length && t[def.id] !== 0 && t[def.id] < 10;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** One indexed field read from the columns of frame index i (0-based, shape not OTHER). */
export interface ColumnReader {
  count(i: number): number;
  value(i: number, k: number): FieldValue;
  /**
   * For numeric fields held in one or two columns: the field is present in slot i when
   * (kind[i] & mask) === want, and its values are a[i] (and b[i]). Read at the time of the call:
   * the arrays are replaced as the columns grow.
   */
  columns?: () => NumericColumns;
}

/** See ColumnReader.columns. */
export interface NumericColumns {
  kind: Uint8Array;
  mask: number;
  want: number;
  a: Uint32Array | Uint16Array | Uint8Array;
  b: Uint32Array | Uint16Array | null;
}

export class IndexAccessor implements FieldAccessor {
  private i = 0;
  private kind = 0;
  private readonly codes = codeTable();
  /** Readers by accessor code, made on first use. */
  private readonly readers: (ColumnReader | undefined)[] = [];

  constructor(
    private readonly frames: FrameIndex,
    private readonly cols: FieldColumns,
    private readonly tcp: TcpFrameStore,
    /** Time of frame 1 (for frame.time_relative). */
    private readonly firstSec: number,
    private readonly firstNsec: number,
  ) {}

  /** Points the accessor at frame `num` (1-based). */
  use(num: number): this {
    this.i = num - 1;
    this.kind = this.cols.kind[num - 1];
    return this;
  }

  /** Whether the columns hold frame `num`'s fields exactly. */
  exact(num: number): boolean {
    return num - 1 < this.cols.count && (this.cols.kind[num - 1] & 3) !== SHAPE.OTHER;
  }

  /**
   * The reader of an indexed field (null when `def` is not indexed). Its answers hold for frames
   * that are exact(), and for every frame when the field is a frame.* one (isFrameField).
   */
  reader(def: FieldDef): ColumnReader | null {
    const code = def.id < this.codes.length ? this.codes[def.id] : 0;
    if (code === 0) return null;
    return (this.readers[code] ??= this.makeReader(code));
  }

  private code(def: FieldDef): number {
    const c = def.id < this.codes.length ? this.codes[def.id] : 0;
    if (c === 0) throw new NotIndexed(def.abbrev);
    return c;
  }

  count(def: FieldDef): number {
    const code = this.code(def);
    if (code >= 10 && (this.kind & 3) === SHAPE.OTHER) throw new NotIndexed(def.abbrev);
    return (this.readers[code] ??= this.makeReader(code)).count(this.i);
  }

  value(def: FieldDef, k: number): FieldValue {
    const code = this.code(def);
    return (this.readers[code] ??= this.makeReader(code)).value(this.i, k);
  }

  private makeReader(code: number): ColumnReader {
    const c = this.cols;
    const fx = this.frames;
    const tcp = this.tcp;
    const firstSec = this.firstSec;
    const firstNsec = this.firstNsec;
    const one = (): number => 1;
    const none = (): FieldValue => null;
    // Counts by shape (bits 0-1 of kind) and transport (bits 2-3).
    const v4 = (n: number) => (i: number) => ((c.kind[i] & 3) === SHAPE.V4 ? n : 0);
    const v6 = (n: number) => (i: number) => ((c.kind[i] & 3) === SHAPE.V6 ? n : 0);
    const onTcp = (n: number) => (i: number) => (c.kind[i] >> 2 === TRANSPORT.TCP ? n : 0);
    const onUdp = (n: number) => (i: number) => (c.kind[i] >> 2 === TRANSPORT.UDP ? n : 0);
    switch (code) {
      case F.frameNumber:
        return { count: one, value: (i) => i + 1 };
      case F.frameLen:
        return { count: one, value: (i) => fx.origlen[i] };
      case F.frameCapLen:
        return { count: one, value: (i) => fx.caplen[i] };
      case F.frameTimeRelative:
        // The tree's arithmetic exactly (dissectFrame's diffNs), so the doubles are identical.
        return { count: one, value: (i) => (fx.tsSec[i] - firstSec) * 1e9 + (fx.tsNsec[i] - firstNsec) };
      case F.frameTimeDelta:
        return {
          count: one,
          value: (i) =>
            i === 0 ? 0 : (fx.tsSec[i] - fx.tsSec[i - 1]) * 1e9 + (fx.tsNsec[i] - fx.tsNsec[i - 1]),
        };
      case F.ipSrc:
        return { count: v4(1), value: (i) => c.src[i], columns: () => numeric(c, 3, SHAPE.V4, c.src, null) };
      case F.ipDst:
        return { count: v4(1), value: (i) => c.dst[i], columns: () => numeric(c, 3, SHAPE.V4, c.dst, null) };
      case F.ipAddr:
        return {
          count: v4(2),
          value: (i, k) => (k === 0 ? c.src[i] : c.dst[i]),
          columns: () => numeric(c, 3, SHAPE.V4, c.src, c.dst),
        };
      case F.ipProto:
        return { count: v4(1), value: (i) => c.ipProto[i] };
      case F.ip:
        return { count: v4(1), value: none };
      case F.ipv6Src:
        return { count: v6(1), value: (i) => c.v6.addrs[c.src[i]] };
      case F.ipv6Dst:
        return { count: v6(1), value: (i) => c.v6.addrs[c.dst[i]] };
      case F.ipv6Addr:
        return { count: v6(2), value: (i, k) => c.v6.addrs[k === 0 ? c.src[i] : c.dst[i]] };
      case F.ipv6:
        return { count: v6(1), value: none };
      case F.tcpSrcport:
        return {
          count: onTcp(1),
          value: (i) => c.sport[i],
          columns: () => numeric(c, 12, TCP, c.sport, null),
        };
      case F.tcpDstport:
        return {
          count: onTcp(1),
          value: (i) => c.dport[i],
          columns: () => numeric(c, 12, TCP, c.dport, null),
        };
      case F.tcpPort:
        return {
          count: onTcp(2),
          value: (i, k) => (k === 0 ? c.sport[i] : c.dport[i]),
          columns: () => numeric(c, 12, TCP, c.sport, c.dport),
        };
      case F.tcp:
        return { count: onTcp(1), value: none };
      case F.tcpStream:
        // Absent where the tree has none (a segment outside any conversation).
        return {
          count: (i) => (c.kind[i] >> 2 === TRANSPORT.TCP && tcp.streamOf(i + 1) >= 0 ? 1 : 0),
          value: (i) => tcp.streamOf(i + 1),
        };
      case F.udpSrcport:
        return {
          count: onUdp(1),
          value: (i) => c.sport[i],
          columns: () => numeric(c, 12, UDP, c.sport, null),
        };
      case F.udpDstport:
        return {
          count: onUdp(1),
          value: (i) => c.dport[i],
          columns: () => numeric(c, 12, UDP, c.dport, null),
        };
      case F.udpPort:
        return {
          count: onUdp(2),
          value: (i, k) => (k === 0 ? c.sport[i] : c.dport[i]),
          columns: () => numeric(c, 12, UDP, c.sport, c.dport),
        };
      case F.udp:
        return { count: onUdp(1), value: none };
      default:
        return { count: analysisCount(code, c, tcp), value: none };
    }
  }

  bytes(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }

  tail(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }

  length(def: FieldDef): number {
    throw new NotIndexed(def.abbrev);
  }

  layer(): number {
    // Indexed frames have one layer of each indexed protocol.
    return 1;
  }

  layerCount(def: FieldDef): number {
    const proto = fieldByAbbrev(def.proto);
    if (!proto || !isIndexedField(proto)) throw new NotIndexed(def.abbrev);
    return this.count(proto);
  }
}

const TCP = TRANSPORT.TCP << 2;
const UDP = TRANSPORT.UDP << 2;

function numeric(
  c: FieldColumns,
  mask: number,
  want: number,
  a: NumericColumns['a'],
  b: NumericColumns['b'],
): NumericColumns {
  return { kind: c.kind, mask, want, a, b };
}

/**
 * Occurrences of the analysis items (tcp.analysis, tcp.analysis.flags, the expert fields) in
 * what the tree shows of a frame's first TCP segment: only where its dissection reached the
 * analysis (TcpFrameStore.shownFlags), one item per flag that raises the field.
 */
function analysisCount(code: number, c: FieldColumns, tcp: TcpFrameStore): (i: number) => number {
  if (code === F.tcpAnalysis) {
    return (i) => (c.kind[i] >> 2 === TRANSPORT.TCP && tcp.shownFlags(i + 1) >= 0 ? 1 : 0);
  }
  if (code === F.tcpAnalysisFlags) {
    return (i) => (c.kind[i] >> 2 === TRANSPORT.TCP && tcp.shownFlags(i + 1) > 0 ? 1 : 0);
  }
  const mask = EXPERT_FLAGS[code - F.expert][1];
  return (i) => {
    if (c.kind[i] >> 2 !== TRANSPORT.TCP) return 0;
    const flags = tcp.shownFlags(i + 1);
    return flags < 0 ? 0 : popcount(flags & mask);
  };
}
