import { HttpPacketCounter } from '../../core/stats/http-packet-counter';
import { renderStatsTree } from './stats-tree-text';
import { tapFilter } from './tap-filter';
import type { ZHandler, ZTap } from './types';

/** tshark's `-z http,tree[,filter]`: HTTP packets by kind, response code and request method. */
export const httpTreeHandler: ZHandler = {
  matches: (arg) => arg === 'http,tree' || arg.startsWith('http,tree,'),
  create(arg): ZTap | { error: string } {
    const f = tapFilter(arg === 'http,tree' ? null : arg.slice('http,tree,'.length));
    if ('error' in f) return f;
    const counter = new HttpPacketCounter();
    return {
      // Messages are read from the HTTP items of the tree.
      needsTree: true,
      onFrame(d) {
        if (f.filter && !f.filter.matches(d)) return;
        counter.add(d);
      },
      finish() {
        return renderStatsTree(counter.tree);
      },
    };
  },
};
