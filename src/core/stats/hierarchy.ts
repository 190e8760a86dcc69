import type { DissectedFrame } from '../dissect/frame';
import { FT } from '../dissect/field-types';
import type { ProtoNode } from '../dissect/tree';

/** One node of the protocol hierarchy (tshark's -z io,phs). */
export interface HierarchyNode {
  /** Filter name of the tree item (`eth`, `tcp`, `tcp.segments`, `_ws.short` ...). */
  proto: string;
  frames: number;
  bytes: number;
  children: HierarchyNode[];
}

/**
 * The payload of a UDP datagram quoted inside another protocol's item (the original datagram of
 * an ICMP/ICMPv6 error): Wireshark's UDP hands its payload to the tree's ROOT
 * (proto_tree_get_root in decode_udp_ports), so tshark's statistics see that payload ("data",
 * "syslog" ...) as a top-level item right after the ICMP item, while the quoted IP and UDP
 * items stay inside ICMP. Our UDP nests the payload under the item it was given, so the
 * protocol items that follow a nested "udp" item are lifted here. (If UDP adds its payload at
 * the root, nothing is nested after it and this does nothing.)
 */
function liftQuotedUdpPayload(top: readonly ProtoNode[]): readonly ProtoNode[] {
  let out: ProtoNode[] | null = null;
  for (let i = 0; i < top.length; i++) {
    const kids = top[i].children;
    let lifted: ProtoNode[] | null = null;
    if (kids) {
      let afterUdp = false;
      for (const k of kids) {
        if (afterUdp && k.def.type === FT.PROTOCOL) (lifted ??= []).push(k);
        else if (k.def.abbrev === 'udp') afterUdp = true;
      }
    }
    if (lifted && !out) out = top.slice(0, i);
    if (out) {
      out.push(top[i]);
      if (lifted) out.push(...lifted);
    }
  }
  return out ?? top;
}

/**
 * The top-level items in the order tshark's statistics see them. For display, Wireshark moves
 * the "[N Reassembled TCP Segments]" item up to sit right after the TCP item (and so does our
 * tree), but the hierarchy statistics see it where TCP added it: after the items dissected from
 * the reassembled bytes.
 */
function statisticsOrder(top: readonly ProtoNode[], frameSource: unknown): readonly ProtoNode[] {
  const at = top.findIndex((n) => n.def.abbrev === 'tcp.segments');
  if (at < 0) return top;
  let end = at + 1;
  while (end < top.length && top[end].source !== frameSource) end++;
  if (end === at + 1) return top;
  return [...top.slice(0, at), ...top.slice(at + 1, end), top[at], ...top.slice(end)];
}

/**
 * Protocol hierarchy built as Wireshark builds it: the top-level items of each frame's tree
 * after the "frame" item (protocols, but also e.g. "[Reassembled TCP Segments]" or the
 * "[Packet size limited during capture]" marker), each nested under the one before it; every
 * level counts the frame and its length on the wire. Children keep first-seen order.
 */
export class ProtocolHierarchy {
  readonly root: HierarchyNode = { proto: '', frames: 0, bytes: 0, children: [] };

  constructor(
    /**
     * Count the "frame" item as the top level. tshark's statistics tree only has it when a
     * filter refers to frame or one of its fields; the hierarchy then starts with "frame".
     */
    readonly withFrame = false,
  ) {}

  /** Adds a frame from its tree (frames dissected without a tree are not counted). */
  add(d: DissectedFrame, frameLen: number): void {
    const tree = d.tree;
    if (!tree) return;
    let node = this.root;
    node.frames++;
    node.bytes += frameLen;
    const top = statisticsOrder(liftQuotedUdpPayload(tree.top), tree.sources[0]);
    for (let i = 0; i < top.length; i++) {
      const abbrev = top[i].def.abbrev;
      if (i === 0 && abbrev === 'frame' && !this.withFrame) continue;
      let next: HierarchyNode | undefined;
      for (const c of node.children) {
        if (c.proto === abbrev) {
          next = c;
          break;
        }
      }
      if (!next) {
        next = { proto: abbrev, frames: 0, bytes: 0, children: [] };
        node.children.push(next);
      }
      next.frames++;
      next.bytes += frameLen;
      node = next;
    }
  }
}
