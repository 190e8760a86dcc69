import { ipv4Address, ipv6Address, type Address } from '../dissect/address';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { DissectedFrame } from '../dissect/frame';
import type { ProtoNode } from '../dissect/tree';
import type { CaptureSession } from '../session';

/** One UDP datagram as Follow UDP Stream consumes it. */
export interface UdpFollowDatagram {
  stream: number;
  src: Address;
  srcPort: number;
  dst: Address;
  dstPort: number;
  payload: Uint8Array;
}

function field(name: string): FieldDef | undefined {
  return fieldByAbbrev(name);
}

function child(n: ProtoNode, def: FieldDef | undefined): ProtoNode | undefined {
  if (!def || !n.children) return undefined;
  for (const c of n.children) if (c.def.id === def.id) return c;
  return undefined;
}

/**
 * The UDP datagrams of a dissected frame (built with a tree), read from the UDP dissector's
 * items: udp.stream, the ports, udp.length and the addresses of the IP header before it.
 * Only top-level UDP headers count: the quoted datagram inside an ICMP error is not part of
 * the stream's data (tshark does not follow it either).
 */
export function udpFollowDatagrams(d: DissectedFrame): UdpFollowDatagram[] {
  const tree = d.tree;
  const udp = field('udp');
  if (!tree || !udp) return [];
  const fStream = field('udp.stream');
  const fSrc = field('udp.srcport');
  const fDst = field('udp.dstport');
  const fLen = field('udp.length');
  const ip = field('ip');
  const ipv6 = field('ipv6');
  const out: UdpFollowDatagram[] = [];
  const top = tree.top;
  for (let i = 0; i < top.length; i++) {
    const n = top[i];
    if (n.def.id !== udp.id) continue;
    const stream = child(n, fStream);
    const sp = child(n, fSrc);
    const dp = child(n, fDst);
    if (!stream || !sp || !dp) continue;
    let src: Address | null = null;
    let dst: Address | null = null;
    for (let j = i - 1; j >= 0 && !src; j--) {
      const p = top[j];
      if (ip && p.def.id === ip.id) {
        const s = child(p, field('ip.src'));
        const t = child(p, field('ip.dst'));
        if (s && t) {
          src = ipv4Address(s.value as number);
          dst = ipv4Address(t.value as number);
        }
      } else if (ipv6 && p.def.id === ipv6.id) {
        const s = child(p, field('ipv6.src'));
        const t = child(p, field('ipv6.dst'));
        if (s && t) {
          src = ipv6Address(s.value as Uint8Array);
          dst = ipv6Address(t.value as Uint8Array);
        }
      }
    }
    if (!src || !dst) {
      src = d.pinfo.src;
      dst = d.pinfo.dst;
    }
    const bytes = n.source.bytes;
    const start = n.pos + 8;
    const lenItem = child(n, fLen);
    const udpLen = lenItem ? (lenItem.value as number) : bytes.length - n.pos;
    const end = Math.min(bytes.length, n.pos + Math.max(8, udpLen));
    out.push({
      stream: stream.value as number,
      src,
      srcPort: sp.value as number,
      dst,
      dstPort: dp.value as number,
      payload: bytes.subarray(Math.min(start, end), end),
    });
  }
  return out;
}

class UdpStreamIndex {
  frames = new Map<number, number[]>();
  upTo = 0;
}

/** Frames carrying UDP stream `stream` (indexes the capture once by dissecting with a tree). */
export function udpStreamFrames(session: CaptureSession, stream: number): number[] {
  const idx = session.capture.stateFor('udp-follow-index', () => new UdpStreamIndex());
  for (let n = idx.upTo + 1; n <= session.frameCount; n++) {
    const d = session.dissect(n, { tree: true, columns: false });
    for (const g of udpFollowDatagrams(d)) {
      let list = idx.frames.get(g.stream);
      if (!list) idx.frames.set(g.stream, (list = []));
      if (list[list.length - 1] !== n) list.push(n);
    }
    idx.upTo = n;
  }
  return idx.frames.get(stream) ?? [];
}
