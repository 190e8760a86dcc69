import type { NamedHierarchyNode } from '../../worker/stats-api';

/** One line of the protocol hierarchy table. */
export interface HierarchyRow {
  /** Path of filter names from the top ("eth/ip/tcp"), unique per row. */
  path: string;
  depth: number;
  proto: string;
  name: string;
  frames: number;
  bytes: number;
  /** Share of all frames / bytes of the capture. */
  framesShare: number;
  bytesShare: number;
  /** Frames and bytes for which this is the last protocol (Wireshark's "End Packets"). */
  endFrames: number;
  endBytes: number;
}

/** The hierarchy flattened depth-first, in first-seen order, as the table lists it. */
export function hierarchyRows(root: NamedHierarchyNode): HierarchyRow[] {
  const out: HierarchyRow[] = [];
  const totalFrames = root.frames || 1;
  const totalBytes = root.bytes || 1;
  const walk = (n: NamedHierarchyNode, depth: number, prefix: string): void => {
    for (const c of n.children) {
      const path = prefix ? `${prefix}/${c.proto}` : c.proto;
      let childFrames = 0;
      let childBytes = 0;
      for (const g of c.children) {
        childFrames += g.frames;
        childBytes += g.bytes;
      }
      out.push({
        path,
        depth,
        proto: c.proto,
        name: c.name,
        frames: c.frames,
        bytes: c.bytes,
        framesShare: c.frames / totalFrames,
        bytesShare: c.bytes / totalBytes,
        endFrames: c.frames - childFrames,
        endBytes: c.bytes - childBytes,
      });
      walk(c, depth + 1, path);
    }
  };
  walk(root, 0, '');
  return out;
}
