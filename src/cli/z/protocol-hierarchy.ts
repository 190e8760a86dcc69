import { ProtocolHierarchy, type HierarchyNode } from '../../core/stats/hierarchy';
import type { ZHandler } from './types';

const RULE = '='.repeat(67);

/** tshark's `-z io,phs` text. */
export function renderHierarchy(h: ProtocolHierarchy, filter: string | null): string {
  let s = `\n${RULE}\nProtocol Hierarchy Statistics\nFilter: ${filter ?? ''}\n\n`;
  const walk = (n: HierarchyNode, depth: number): void => {
    for (const c of n.children) {
      const name = '  '.repeat(depth) + c.proto;
      s += `${name.length >= 40 ? name : name.padEnd(40)} frames:${c.frames} bytes:${c.bytes}\n`;
      walk(c, depth + 1);
    }
  };
  walk(h.root, 0);
  return s + `${RULE}\n`;
}

export const hierarchyHandler: ZHandler = {
  matches: (arg) => arg === 'io,phs',
  create() {
    const h = new ProtocolHierarchy();
    return {
      needsTree: true,
      onFrame(d, input) {
        h.add(d, input.origlen);
      },
      finish() {
        return renderHierarchy(h, null);
      },
    };
  },
};
