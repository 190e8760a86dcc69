import { ProtocolHierarchy, type HierarchyNode } from '../../core/stats/hierarchy';
import { tapFilter } from './tap-filter';
import type { ZHandler, ZTap } from './types';

const RULE = '='.repeat(67);

/** tshark's `-z io,phs[,FILTER]` text. */
export function renderHierarchy(h: ProtocolHierarchy, filter: string | null): string {
  let s = `\n${RULE}\nProtocol Hierarchy Statistics\nFilter: ${filter ?? ''}\n\n`;
  const walk = (n: HierarchyNode, depth: number): void => {
    for (const c of n.children) {
      // Indentation stops growing after 16 levels; tshark marks the cut with "...".
      let indent = '';
      for (let i = 0; i < depth; i++) {
        if (i > 15) {
          indent += '...';
          break;
        }
        indent += '  ';
      }
      s += `${(indent + c.proto).padEnd(40)} frames:${c.frames} bytes:${c.bytes}\n`;
      walk(c, depth + 1);
    }
  };
  walk(h.root, 0);
  return s + `${RULE}\n`;
}

export const hierarchyHandler: ZHandler = {
  matches: (arg) => arg === 'io,phs' || arg.startsWith('io,phs,'),
  create(arg): ZTap | { error: string } {
    const f = tapFilter(arg === 'io,phs' ? null : arg.slice('io,phs,'.length));
    if ('error' in f) return f;
    // tshark's tree has the "frame" item only when a filter refers to frame or a frame field.
    const h = new ProtocolHierarchy((f.filter?.fields ?? []).some((d) => d.proto === 'frame'));
    return {
      needsTree: true,
      onFrame(d, input) {
        if (f.filter && !f.filter.matches(d)) return;
        h.add(d, input.origlen);
      },
      finish() {
        return renderHierarchy(h, f.text);
      },
    };
  },
};
