import { FT } from '../dissect/field-types';
import type { DissectedFrame } from '../dissect/frame';

/** One node of the protocol hierarchy (tshark's -z io,phs). */
export interface HierarchyNode {
  proto: string;
  frames: number;
  bytes: number;
  children: HierarchyNode[];
}

/**
 * Protocol hierarchy built like Wireshark's: the top-level protocol items of each frame's tree
 * (after "frame"), each nested under the one before it, counting the frame's length.
 */
export class ProtocolHierarchy {
  readonly root: HierarchyNode = { proto: '', frames: 0, bytes: 0, children: [] };

  add(d: DissectedFrame, frameLen: number): void {
    if (!d.tree) return;
    let node = this.root;
    node.frames++;
    node.bytes += frameLen;
    for (const item of d.tree.top) {
      if (item.def.type !== FT.PROTOCOL || item.def.abbrev === 'frame') continue;
      let child = node.children.find((c) => c.proto === item.def.abbrev);
      if (!child) {
        child = { proto: item.def.abbrev, frames: 0, bytes: 0, children: [] };
        node.children.push(child);
      }
      child.frames++;
      child.bytes += frameLen;
      node = child;
    }
  }
}
