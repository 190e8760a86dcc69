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

export class IndexAccessor implements FieldAccessor {
  private i = 0;
  private kind = 0;
  private readonly codes = codeTable();

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

  private code(def: FieldDef): number {
    const c = def.id < this.codes.length ? this.codes[def.id] : 0;
    if (c === 0) throw new NotIndexed(def.abbrev);
    return c;
  }

  count(def: FieldDef): number {
    const code = this.code(def);
    if (code < 10) return 1;
    const shape = this.kind & 3;
    const transport = this.kind >> 2;
    if (shape === SHAPE.OTHER) throw new NotIndexed(def.abbrev);
    switch (code) {
      case F.ipSrc:
      case F.ipDst:
      case F.ipProto:
      case F.ip:
        return shape === SHAPE.V4 ? 1 : 0;
      case F.ipAddr:
        return shape === SHAPE.V4 ? 2 : 0;
      case F.ipv6Src:
      case F.ipv6Dst:
      case F.ipv6:
        return shape === SHAPE.V6 ? 1 : 0;
      case F.ipv6Addr:
        return shape === SHAPE.V6 ? 2 : 0;
      case F.tcpSrcport:
      case F.tcpDstport:
      case F.tcp:
        return transport === TRANSPORT.TCP ? 1 : 0;
      case F.tcpPort:
        return transport === TRANSPORT.TCP ? 2 : 0;
      case F.tcpStream:
        return transport === TRANSPORT.TCP && this.tcp.streamOf(this.i + 1) >= 0 ? 1 : 0;
      case F.udpSrcport:
      case F.udpDstport:
      case F.udp:
        return transport === TRANSPORT.UDP ? 1 : 0;
      case F.udpPort:
        return transport === TRANSPORT.UDP ? 2 : 0;
      default:
        return transport === TRANSPORT.TCP ? this.analysisCount(code) : 0;
    }
  }

  private analysisCount(code: number): number {
    const flags = this.tcp.shownFlags(this.i + 1);
    if (flags < 0) return 0;
    if (code === F.tcpAnalysis) return 1;
    if (code === F.tcpAnalysisFlags) return flags !== 0 ? 1 : 0;
    return popcount(flags & EXPERT_FLAGS[code - F.expert][1]);
  }

  value(def: FieldDef, k: number): FieldValue {
    const code = this.code(def);
    const i = this.i;
    const c = this.cols;
    const fx = this.frames;
    switch (code) {
      case F.frameNumber:
        return i + 1;
      case F.frameLen:
        return fx.origlen[i];
      case F.frameCapLen:
        return fx.caplen[i];
      case F.frameTimeRelative:
        return (fx.tsSec[i] - this.firstSec) * 1e9 + (fx.tsNsec[i] - this.firstNsec);
      case F.frameTimeDelta:
        return i === 0 ? 0 : (fx.tsSec[i] - fx.tsSec[i - 1]) * 1e9 + (fx.tsNsec[i] - fx.tsNsec[i - 1]);
      case F.ipSrc:
        return c.src[i];
      case F.ipDst:
        return c.dst[i];
      case F.ipAddr:
        return k === 0 ? c.src[i] : c.dst[i];
      case F.ipProto:
        return c.ipProto[i];
      case F.ipv6Src:
        return c.v6.addrs[c.src[i]];
      case F.ipv6Dst:
        return c.v6.addrs[c.dst[i]];
      case F.ipv6Addr:
        return c.v6.addrs[k === 0 ? c.src[i] : c.dst[i]];
      case F.tcpSrcport:
      case F.udpSrcport:
        return c.sport[i];
      case F.tcpDstport:
      case F.udpDstport:
        return c.dport[i];
      case F.tcpPort:
      case F.udpPort:
        return k === 0 ? c.sport[i] : c.dport[i];
      case F.tcpStream:
        return this.tcp.streamOf(i + 1);
      default:
        // Protocols and the analysis items carry no value.
        return null;
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
