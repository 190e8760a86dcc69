import type { Address } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';
import type { Tvb } from '../../dissect/tvb';
import type { TcpHeader } from './header';
import { headersOf } from './tcp-info';

/** One segment as Follow TCP Stream consumes it (Wireshark's tcp_follow tap data). */
export interface TcpFollowSegment {
  frame: number;
  stream: number;
  src: Address;
  srcPort: number;
  dst: Address;
  dstPort: number;
  /** Relative sequence number. */
  seq: number;
  /** Segment length on the wire. */
  seglen: number;
  flags: number;
  /** ACK number (relative when the ACK flag is set). */
  ack: number;
  /** The captured payload bytes (may be shorter than seglen). */
  payload: Uint8Array;
}

/** @internal Keeps the segment's payload on its header for follow consumers (no copy). */
export function recordFollowSegment(pinfo: PacketInfo, h: TcpHeader, tvb: Tvb, offset: number): void {
  h.payloadTvb = tvb;
  h.src = pinfo.src;
  h.dst = pinfo.dst;
  h.payloadOffset = offset;
}

function toSegment(pinfo: PacketInfo, h: TcpHeader): TcpFollowSegment {
  const tvb = h.payloadTvb as Tvb;
  return {
    frame: pinfo.num,
    stream: h.conv ? h.conv.stream : -1,
    src: h.src,
    srcPort: h.sport,
    dst: h.dst,
    dstPort: h.dport,
    seq: h.seq,
    seglen: h.seglen,
    flags: h.flags,
    ack: h.ack,
    payload: tvb.rest(h.payloadOffset),
  };
}

/** The TCP segments a dissected frame carried (usually one), for Follow TCP Stream. */
export function followSegmentsOf(pinfo: PacketInfo): TcpFollowSegment[] {
  const out: TcpFollowSegment[] = [];
  for (const h of headersOf(pinfo)) {
    // A header claiming more bytes than were captured leaves no payload to follow (Wireshark's
    // subset of the payload throws before its follow tap gets the segment).
    if (h.payloadTvb && h.payloadOffset <= h.payloadTvb.length) out.push(toSegment(pinfo, h));
  }
  return out;
}
