import { describe, expect, it } from 'vitest';
import { deepestAt, flattenTree, nodeKey, pathTo, subtreeKeys } from '../../../src/ui/lib/tree-model';
import type { DetailNode } from '../../../src/worker/types';

const n = (
  id: number,
  abbrev: string,
  pos: number,
  len: number,
  children?: DetailNode[],
  label = abbrev,
): DetailNode => ({
  id,
  label,
  abbrev,
  src: 0,
  pos,
  len,
  generated: false,
  filter: abbrev,
  value: '',
  children,
});

const tree: DetailNode[] = [
  n(0, 'frame', 0, 60, [n(1, 'frame.len', 0, 0)]),
  n(2, 'eth', 0, 14, [n(3, 'eth.dst', 0, 6, [n(4, 'eth.dst_resolved', 0, 6)]), n(5, 'eth.type', 12, 2)]),
  n(6, 'ip', 14, 20, [
    n(7, 'ip.flags', 20, 2, [n(8, 'ip.flags.df', 20, 1)]),
    n(9, '', 14, 0, undefined, 'Note: 12 bytes'),
  ]),
];

describe('details tree model', () => {
  it('shows children only of expanded items, remembered by field name', () => {
    expect(flattenTree(tree, new Set()).map((i) => i.node.id)).toEqual([0, 2, 6]);
    const open = flattenTree(tree, new Set(['ip', 'ip.flags']));
    expect(open.map((i) => [i.node.id, i.level, i.parent])).toEqual([
      [0, 1, -1],
      [2, 1, -1],
      [6, 1, -1],
      [7, 2, 2],
      [8, 3, 3],
      [9, 2, 2],
    ]);
    expect(open[3].posInSet).toBe(1);
    expect(open[3].setSize).toBe(2);
  });
  it('keys text lines by their parent and label head, digits generalised', () => {
    expect(nodeKey(tree[2].children?.[1] as DetailNode, 'ip')).toBe('ip>Note');
    expect(nodeKey({ ...tree[0], abbrev: '', label: 'Segment 12 of 3' }, 'tcp')).toBe('tcp>Segment # of #');
  });
  it('finds the deepest field covering a byte', () => {
    expect(deepestAt(tree, 0, 3)?.id).toBe(4);
    expect(deepestAt(tree, 0, 12)?.id).toBe(5);
    expect(deepestAt(tree, 0, 20)?.id).toBe(8);
    expect(deepestAt(tree, 0, 40)?.id).toBe(0);
    expect(deepestAt(tree, 1, 3)).toBeNull();
  });
  it('gives the path to an item and the keys of a subtree', () => {
    expect(pathTo(tree, 8)?.map((p) => p.key)).toEqual(['ip', 'ip.flags', 'ip.flags.df']);
    expect(subtreeKeys(tree[1], '')).toEqual(['eth', 'eth.dst']);
  });
});
