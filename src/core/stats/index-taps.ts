/**
 * Conversation and endpoint taps read from the first-pass index instead of dissecting frames
 * again. The field columns vouch for a frame (SHAPE V4/V6: Ethernet II, one plain IPv4/IPv6
 * header, at most one TCP/UDP/ICMP header directly on it, all of it captured) exactly when its
 * tree holds one top-level eth, one ip/ipv6 and at most one tcp/udp item with the addresses and
 * ports the columns hold. Such a frame's tap events are those headers, in that order, as
 * frameTapEvents derives them from the tree: the Ethernet addresses come from the ether
 * columns, tcp.stream and whether TCP got past its header and options (else it is not tapped)
 * from the TCP frame store, a UDP length below 8 (not tapped) from the first pass's expert
 * items. Frames of SHAPE NONE (Ethernet II without any network header) give at most their
 * Ethernet event. Every other frame is handed to the builder, which dissects it.
 */
import { tcpState } from '../analysis/tcp-analysis';
import type { TcpFrameStore } from '../analysis/tcp-frame-store';
import { AT, etherAddress, ipv6Address, type Address } from '../dissect/address';
import { NO_ETHER, type EtherColumns } from '../index/ether-columns';
import { UNKNOWN_SET, type FieldColumns } from '../index/field-columns';
import { SHAPE, TRANSPORT } from '../index/protocol-sets';
import type { FrameIndex } from '../index/frame-index';
import type { CaptureSession } from '../session';
import type { CaptureTablesBuilder } from './capture-tables';
import type { ConversationTable } from './conversations';
import type { EndpointIds } from './endpoint-ids';
import type { EndpointTable } from './endpoints';
import { nsDelta, type NsTime } from './rel-time';

/** The UDP dissector's expert summary for a length below 8 (src/core/protocols/udp). */
const BAD_UDP_LENGTH = /^Bad length value \d+ < 8$/;

// Plain constants: imported objects' properties are read through getters in some module
// formats (tsx, vitest), once per frame in the loop below.
const OTHER: number = SHAPE.OTHER;
const NONE: number = SHAPE.NONE;
const V4: number = SHAPE.V4;
const T_NONE: number = TRANSPORT.NONE;
const T_TCP: number = TRANSPORT.TCP;
const NO_ETHER_ID: number = NO_ETHER;
const UNKNOWN_SET_ID: number = UNKNOWN_SET;
/** log2 of the flow cache's slots. */
const FLOW_BITS = 14;
const FLOW_SLOTS = 1 << FLOW_BITS;

/** A frame the index cannot answer: the builder dissects it. */
const DISSECT = 0;
/** A frame whose events the index gives (possibly none). */
const INDEXED = 1;

/**
 * Feeds frames to a CaptureTablesBuilder from the index where it vouches for them. One instance
 * per builder (it caches endpoint ids and addresses across slices).
 */
export class IndexTaps {
  private readonly ix: FrameIndex;
  private readonly fc: FieldColumns;
  private readonly ether: EtherColumns;
  private readonly tcpFrames: TcpFrameStore;
  private readonly ids: EndpointIds;
  private readonly convEth: ConversationTable | undefined;
  private readonly convIp: ConversationTable | undefined;
  private readonly convIp6: ConversationTable | undefined;
  private readonly convTcp: ConversationTable | undefined;
  private readonly convUdp: ConversationTable | undefined;
  private readonly endsEth: EndpointTable | undefined;
  private readonly endsIp: EndpointTable | undefined;
  private readonly endsIp6: EndpointTable | undefined;
  private readonly endsTcp: EndpointTable | undefined;
  private readonly endsUdp: EndpointTable | undefined;
  private readonly wantEth: boolean;
  private readonly wantNet: boolean;
  /** Per protocol-list id: 1 when an Ethernet-only (SHAPE NONE) frame has exactly one eth layer, first. */
  private readonly ethOnce: number[] = [];
  /** Endpoint ids by Ethernet address id (-1: not asked yet). */
  private readonly etherIds = new Int32Array(NO_ETHER).fill(-1);
  private readonly etherAddrs: Address[] = [];
  /** Endpoint ids by IPv6 address id * 65536 + port. */
  private readonly v6Ids = new Map<number, number>();
  private readonly v6Addrs: Address[] = [];
  /**
   * The flow cache (see flowSlot): family (1 IPv4, 2 IPv6, 0 empty), addresses (IPv4 or IPv6
   * ids), ports, and the endpoint ids of both addresses without and with their ports.
   */
  private readonly fFam = new Uint8Array(FLOW_SLOTS);
  private readonly fSrc = new Uint32Array(FLOW_SLOTS);
  private readonly fDst = new Uint32Array(FLOW_SLOTS);
  private readonly fSp = new Uint16Array(FLOW_SLOTS);
  private readonly fDp = new Uint16Array(FLOW_SLOTS);
  private readonly fNetS = new Int32Array(FLOW_SLOTS);
  private readonly fNetD = new Int32Array(FLOW_SLOTS);
  private readonly fPortS = new Int32Array(FLOW_SLOTS);
  private readonly fPortD = new Int32Array(FLOW_SLOTS);
  /** IPv4 addresses re-pointed for every frame (the tables copy what they keep). */
  private readonly v4Src: Address = { type: AT.IPv4, v4: 0, bytes: null, text: '' };
  private readonly v4Dst: Address = { type: AT.IPv4, v4: 0, bytes: null, text: '' };
  /** Frames the index answered (for tests and profiling). */
  indexed = 0;
  /** Frames whose UDP header has a bogus length (not tapped); made on first use. */
  private badUdp: Set<number> | null = null;

  constructor(
    private readonly b: CaptureTablesBuilder,
    private readonly session: CaptureSession,
  ) {
    this.ix = session.index;
    this.fc = session.fieldColumns;
    this.ether = this.fc.ether;
    this.tcpFrames = tcpState(session.capture).frames;
    this.ids = b.ids;
    this.convEth = b.conv.get('eth');
    this.convIp = b.conv.get('ip');
    this.convIp6 = b.conv.get('ipv6');
    this.convTcp = b.conv.get('tcp');
    this.convUdp = b.conv.get('udp');
    this.endsEth = b.ends.get('eth');
    this.endsIp = b.ends.get('ip');
    this.endsIp6 = b.ends.get('ipv6');
    this.endsTcp = b.ends.get('tcp');
    this.endsUdp = b.ends.get('udp');
    this.wantEth = this.convEth !== undefined || this.endsEth !== undefined;
    this.wantNet = b.conv.size + b.ends.size > (this.convEth ? 1 : 0) + (this.endsEth ? 1 : 0);
  }

  /** Feeds frames from..to (1-based, inclusive, in order). */
  feed(from: number, to: number): void {
    const b = this.b;
    if (b.needsTree || (b.conv.size === 0 && b.ends.size === 0)) {
      for (let f = from; f <= to; f++) b.add(this.session.dissect(f, { tree: b.needsTree, columns: false }));
      return;
    }
    const kind = this.fc.kind;
    const known = this.fc.count;
    for (let f = from; f <= to; f++) {
      const i = f - 1;
      if (f <= known && this.frame(i, kind[i]) === INDEXED) this.indexed++;
      else b.add(this.session.dissect(f, { tree: false, columns: false }));
    }
  }

  /** Adds the events of frame index `i` (0-based) when the index vouches for them. */
  private frame(i: number, k: number): number {
    const shape = k & 3;
    if (shape === OTHER) return DISSECT;
    const wantEth = this.wantEth;
    const es = this.ether.src[i];
    const ed = this.ether.dst[i];
    if (wantEth && (es === NO_ETHER_ID || ed === NO_ETHER_ID)) return DISSECT;
    if (shape === NONE) {
      if (!wantEth) return INDEXED;
      const set = this.fc.protoSet[i];
      if (set === UNKNOWN_SET_ID || !this.isEthOnce(set)) return DISSECT;
      this.etherEvent(i, es, ed, this.relOf(i), this.absOf(i));
      return INDEXED;
    }
    const rel = this.relOf(i);
    const abs = this.absOf(i);
    if (wantEth) this.etherEvent(i, es, ed, rel, abs);
    if (!this.wantNet) return INDEXED;
    const transport = (k >> 2) & 3;
    const len = this.ix.origlen[i];
    const num = i + 1;
    const fc = this.fc;
    const v4 = shape === V4;
    const s = fc.src[i];
    const d = fc.dst[i];
    const sp = transport === T_NONE ? 0 : fc.sport[i];
    const dp = transport === T_NONE ? 0 : fc.dport[i];
    let src: Address;
    let dst: Address;
    if (v4) {
      src = this.v4Src;
      dst = this.v4Dst;
      src.v4 = s;
      dst.v4 = d;
    } else {
      src = this.v6Address(s);
      dst = this.v6Address(d);
    }
    const slot = this.flowSlot(v4 ? 1 : 2, s, d, sp, dp, src, dst);
    const convNet = v4 ? this.convIp : this.convIp6;
    const endsNet = v4 ? this.endsIp : this.endsIp6;
    if (convNet || endsNet) {
      const ks = this.fNetS[slot];
      const kd = this.fNetD[slot];
      convNet?.add(src, dst, 0, 0, -1, len, rel, abs, num, ks, kd);
      endsNet?.add(src, dst, 0, 0, len, num, ks, kd);
    }
    if (transport === T_NONE) return INDEXED;
    const tcp = transport === T_TCP;
    const conv = tcp ? this.convTcp : this.convUdp;
    const ends = tcp ? this.endsTcp : this.endsUdp;
    // A TCP header with a bogus length or cut short, a UDP header with a bogus length: not tapped.
    if ((conv || ends) && (tcp ? this.tcpFrames.isShown(num) : !this.isBadUdp(num))) {
      const ks = this.fPortS[slot];
      const kd = this.fPortD[slot];
      conv?.add(src, dst, sp, dp, tcp ? this.tcpFrames.streamOf(num) : -1, len, rel, abs, num, ks, kd);
      ends?.add(src, dst, sp, dp, len, num, ks, kd);
    }
    return INDEXED;
  }

  /**
   * The slot of the flow cache holding the endpoint ids of (src, dst) and (src:sp, dst:dp),
   * filled on a miss. Frames of a flow mostly follow each other, so nearly every frame finds
   * its ids here without hashing an address into EndpointIds.
   */
  private flowSlot(
    fam: number,
    s: number,
    d: number,
    sp: number,
    dp: number,
    src: Address,
    dst: Address,
  ): number {
    const h = Math.imul(s ^ Math.imul(d, 0x9e3779b1) ^ Math.imul((sp << 16) | dp, 0x85ebca6b), 0xc2b2ae35);
    const slot = (h >>> (32 - FLOW_BITS)) ^ fam;
    if (
      this.fFam[slot] === fam &&
      this.fSrc[slot] === s &&
      this.fDst[slot] === d &&
      this.fSp[slot] === sp &&
      this.fDp[slot] === dp
    ) {
      return slot;
    }
    this.fFam[slot] = fam;
    this.fSrc[slot] = s;
    this.fDst[slot] = d;
    this.fSp[slot] = sp;
    this.fDp[slot] = dp;
    if (fam === 1) {
      this.fNetS[slot] = this.ids.idOf(src, 0);
      this.fNetD[slot] = this.ids.idOf(dst, 0);
      this.fPortS[slot] = this.ids.idOf(src, sp);
      this.fPortD[slot] = this.ids.idOf(dst, dp);
    } else {
      this.fNetS[slot] = this.v6Id(src, s, 0);
      this.fNetD[slot] = this.v6Id(dst, d, 0);
      this.fPortS[slot] = this.v6Id(src, s, sp);
      this.fPortD[slot] = this.v6Id(dst, d, dp);
    }
    return slot;
  }

  private etherEvent(i: number, es: number, ed: number, rel: NsTime, abs: NsTime): void {
    const src = this.etherAddress(es);
    const dst = this.etherAddress(ed);
    const ks = this.etherId(src, es);
    const kd = this.etherId(dst, ed);
    const len = this.ix.origlen[i];
    this.convEth?.add(src, dst, 0, 0, -1, len, rel, abs, i + 1, ks, kd);
    this.endsEth?.add(src, dst, 0, 0, len, i + 1, ks, kd);
  }

  /** Time since the first frame (a fresh object: a table may keep it as a start or stop). */
  private relOf(i: number): NsTime {
    const ix = this.ix;
    return nsDelta(ix.tsSec[i], ix.tsNsec[i], ix.tsSec[0], ix.tsNsec[0]);
  }

  private absOf(i: number): NsTime {
    return { sec: this.ix.tsSec[i], nsec: this.ix.tsNsec[i] };
  }

  /**
   * Whether frame `num`'s UDP header has a length below 8: the UDP dissector stops before its
   * tap and says so with an expert item, the only trace of it the first pass keeps (the columns
   * vouch for the ports, not the length). A vouched frame has one UDP header, outside any ICMP
   * error, so an item of that frame is about it.
   */
  private isBadUdp(num: number): boolean {
    if (this.badUdp === null) {
      this.badUdp = new Set();
      for (const e of this.session.expert) {
        if (e.field === 'udp.length.bad' && BAD_UDP_LENGTH.test(e.summary)) this.badUdp.add(e.frame);
      }
    }
    return this.badUdp.size > 0 && this.badUdp.has(num);
  }

  private isEthOnce(set: number): boolean {
    let v = this.ethOnce[set];
    if (v === undefined) {
      const s = this.fc.sets.get(set);
      v = s.layers[0] === 'eth' && s.counts.get('eth') === 1 ? 1 : 0;
      this.ethOnce[set] = v;
    }
    return v === 1;
  }

  private etherAddress(id: number): Address {
    return (this.etherAddrs[id] ??= etherAddress(this.ether.address(id).slice()));
  }

  private etherId(a: Address, id: number): number {
    let e = this.etherIds[id];
    if (e < 0) this.etherIds[id] = e = this.ids.idOf(a, 0);
    return e;
  }

  private v6Address(id: number): Address {
    return (this.v6Addrs[id] ??= ipv6Address(this.fc.v6.addrs[id]));
  }

  private v6Id(a: Address, id: number, port: number): number {
    const key = id * 65536 + port;
    let e = this.v6Ids.get(key);
    if (e === undefined) this.v6Ids.set(key, (e = this.ids.idOf(a, port)));
    return e;
  }
}
