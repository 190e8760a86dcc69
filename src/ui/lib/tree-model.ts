import type { DetailNode } from '../../worker/types';

/** One visible line of the details tree. */
export interface FlatItem {
  node: DetailNode;
  key: string;
  level: number;
  /** Index of the parent line in the flat list, -1 for top-level items. */
  parent: number;
  hasChildren: boolean;
  expanded: boolean;
  posInSet: number;
  setSize: number;
}

/**
 * The key under which an item's expanded state is remembered: its field name, so that expanding
 * "tcp" or "tcp.flags" in one packet keeps it expanded in every packet (Wireshark remembers
 * subtrees per type). Text lines use their parent's key plus the label's first words.
 */
export function nodeKey(node: DetailNode, parentKey: string): string {
  if (node.abbrev) return node.abbrev;
  const colon = node.label.indexOf(':');
  const head = (colon > 0 ? node.label.slice(0, colon) : node.label).replace(/\d+/g, '#').slice(0, 48);
  return `${parentKey}>${head}`;
}

/** The visible lines of the tree: every item whose ancestors are all expanded. */
export function flattenTree(nodes: readonly DetailNode[], expanded: ReadonlySet<string>): FlatItem[] {
  const out: FlatItem[] = [];
  const walk = (list: readonly DetailNode[], level: number, parent: number, parentKey: string): void => {
    list.forEach((node, i) => {
      const key = nodeKey(node, parentKey);
      const hasChildren = !!node.children && node.children.length > 0;
      const isOpen = hasChildren && expanded.has(key);
      const index = out.length;
      out.push({
        node,
        key,
        level,
        parent,
        hasChildren,
        expanded: isOpen,
        posInSet: i + 1,
        setSize: list.length,
      });
      if (isOpen) walk(node.children as DetailNode[], level + 1, index, key);
    });
  };
  walk(nodes, 1, -1, '');
  return out;
}

/** The chain of items from a top-level item down to item `id` (with their keys), or null. */
export function pathTo(nodes: readonly DetailNode[], id: number): { node: DetailNode; key: string }[] | null {
  const walk = (
    list: readonly DetailNode[],
    parentKey: string,
  ): { node: DetailNode; key: string }[] | null => {
    for (const node of list) {
      const key = nodeKey(node, parentKey);
      if (node.id === id) return [{ node, key }];
      if (node.children) {
        const rest = walk(node.children, key);
        if (rest) return [{ node, key }, ...rest];
      }
    }
    return null;
  };
  return walk(nodes, '');
}

/** The deepest item that covers byte `offset` of data source `src` (what a click on a byte selects). */
export function deepestAt(nodes: readonly DetailNode[], src: number, offset: number): DetailNode | null {
  let best: DetailNode | null = null;
  let bestDepth = -1;
  const walk = (list: readonly DetailNode[], depth: number): void => {
    for (const n of list) {
      const covers = n.src === src && n.len > 0 && offset >= n.pos && offset < n.pos + n.len;
      if (covers && (depth > bestDepth || (depth === bestDepth && best !== null && n.len < best.len))) {
        best = n;
        bestDepth = depth;
      }
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return best;
}

export function findNode(nodes: readonly DetailNode[], id: number): DetailNode | null {
  const p = pathTo(nodes, id);
  return p ? p[p.length - 1].node : null;
}

/** Keys of an item and all its descendants that have children (Expand/Collapse Subtrees). */
export function subtreeKeys(node: DetailNode, parentKey: string): string[] {
  const out: string[] = [];
  const walk = (n: DetailNode, pk: string): void => {
    const key = nodeKey(n, pk);
    if (n.children && n.children.length > 0) {
      out.push(key);
      for (const c of n.children) walk(c, key);
    }
  };
  walk(node, parentKey);
  return out;
}
