import { compareAddress, formatAddress, type Address } from '../dissect/address';

/** One conversation between two endpoints, as Wireshark's conversation table keeps it. */
export interface Conversation {
  /** "A" side: chosen as Wireshark does (higher port, or lower address when ports tie). */
  addrA: Address;
  addrB: Address;
  portA: number;
  portB: number;
  /** Stream id (tcp.stream) for TCP, -1 otherwise: TCP conversations that reuse ports stay apart. */
  convId: number;
  /** Frames/bytes sent by A (→) and received by A (←). */
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  /** First and last frame, relative to the first frame of the capture (ns). */
  startNs: number;
  stopNs: number;
  /** Absolute start (epoch seconds, ns part). */
  startSec: number;
  startNsec: number;
  /** First frame number (for "follow it" / "filter on it" in the UI). */
  firstFrame: number;
}

export type ConversationKind = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';

/**
 * Accumulates conversations in first-seen order (tshark prints ties in that order).
 * Keys are strings built from address keys; one entry per direction-independent pair.
 */
export class ConversationTable {
  readonly items: Conversation[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly kind: ConversationKind,
    private readonly keyOf: (a: Address) => string,
  ) {}

  add(
    src: Address,
    dst: Address,
    srcPort: number,
    dstPort: number,
    convId: number,
    bytes: number,
    relNs: number,
    tsSec: number,
    tsNsec: number,
    frame: number,
  ): void {
    let a: Address, b: Address, pa: number, pb: number;
    if (srcPort > dstPort || (srcPort === dstPort && compareAddress(src, dst) < 0)) {
      a = src;
      b = dst;
      pa = srcPort;
      pb = dstPort;
    } else {
      a = dst;
      b = src;
      pa = dstPort;
      pb = srcPort;
    }
    const key = `${this.keyOf(a)}|${this.keyOf(b)}|${pa}|${pb}|${convId}`;
    let idx = this.byKey.get(key);
    if (idx === undefined) {
      idx = this.items.length;
      this.byKey.set(key, idx);
      this.items.push({
        addrA: copy(a),
        addrB: copy(b),
        portA: pa,
        portB: pb,
        convId,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
        startNs: relNs,
        stopNs: relNs,
        startSec: tsSec,
        startNsec: tsNsec,
        firstFrame: frame,
      });
    }
    const c = this.items[idx];
    if (relNs > c.stopNs) c.stopNs = relNs;
    if (relNs < c.startNs) {
      c.startNs = relNs;
      c.startSec = tsSec;
      c.startNsec = tsNsec;
    }
    if (this.keyOf(src) === this.keyOf(c.addrA) && this.keyOf(dst) === this.keyOf(c.addrB) && srcPort === c.portA && dstPort === c.portB) {
      c.txFrames++;
      c.txBytes += bytes;
    } else {
      c.rxFrames++;
      c.rxBytes += bytes;
    }
  }

  /** Items by total frames, descending; ties keep first-seen order (tshark's order). */
  sorted(): Conversation[] {
    return this.items
      .map((c, i) => ({ c, i }))
      .sort((x, y) => y.c.txFrames + y.c.rxFrames - (x.c.txFrames + x.c.rxFrames) || x.i - y.i)
      .map((x) => x.c);
  }
}

function copy(a: Address): Address {
  return { type: a.type, v4: a.v4, bytes: a.bytes ? a.bytes.slice() : null, text: a.text };
}

/** "addr:port" for transport conversations, "addr" otherwise. */
export function endpointName(addr: Address, port: number, withPort: boolean): string {
  const s = formatAddress(addr);
  return withPort ? `${s}:${port}` : s;
}
