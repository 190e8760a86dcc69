import type { DetailNode } from '../../worker/types';
import { setAndApply } from '../actions/filter';
import { openFollow } from '../actions/follow';
import { setManyExpanded } from '../actions/select';
import { copyText } from '../lib/clipboard';
import { COMBINE_LABELS, combineFilter, type CombineOp } from '../lib/filter-combine';
import { subtreeKeys } from '../lib/tree-model';
import { useApp } from '../store/index';
import { openContextMenu } from '../store/popups';
import type { MenuEntry, MenuItem } from './Menu';

const OPS: CombineOp[] = ['selected', 'not', 'and', 'or', 'and-not', 'or-not'];

/** Puts a filter in the bar without applying it, and focuses the bar. */
function prepare(text: string): void {
  useApp.setState({ filterText: text });
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Display filter"]');
  input?.focus();
}

function filterItems(node: DetailNode, apply: boolean): MenuItem[] {
  return OPS.map((op) => ({
    label: COMBINE_LABELS[op],
    disabled: !node.filter,
    onSelect: () => {
      const s = useApp.getState();
      const base = apply ? s.appliedFilter : s.filterText;
      const text = combineFilter(base, node.filter, op);
      if (apply) void setAndApply(text);
      else prepare(text);
    },
  }));
}

/** Context menu of a details item: Apply/Prepare as Filter, Copy, expand/collapse, Follow. */
export function openFieldMenu(node: DetailNode, parentKey: string, x: number, y: number): void {
  const d = useApp.getState().details;
  const entries: MenuEntry[] = [
    { label: 'Expand Subtrees', onSelect: () => setManyExpanded(subtreeKeys(node, parentKey), true) },
    { label: 'Collapse Subtrees', onSelect: () => setManyExpanded(subtreeKeys(node, parentKey), false) },
    {
      label: 'Expand All',
      onSelect: () =>
        setManyExpanded(
          (d?.nodes ?? []).flatMap((n) => subtreeKeys(n, '')),
          true,
        ),
    },
    {
      label: 'Collapse All',
      onSelect: () =>
        setManyExpanded(
          (d?.nodes ?? []).flatMap((n) => subtreeKeys(n, '')),
          false,
        ),
    },
    'separator',
    { label: 'Apply as Filter', disabled: !node.filter, submenu: filterItems(node, true) },
    { label: 'Prepare as Filter', disabled: !node.filter, submenu: filterItems(node, false) },
    'separator',
    {
      label: 'Copy',
      submenu: [
        { label: 'Value', onSelect: () => void copyText(node.value) },
        { label: 'Field Name', disabled: !node.abbrev, onSelect: () => void copyText(node.abbrev) },
        { label: 'As Filter', disabled: !node.filter, onSelect: () => void copyText(node.filter) },
        { label: 'All Visible Items', onSelect: () => void copyText(node.label) },
      ],
    },
    'separator',
    {
      label: 'Follow TCP Stream',
      disabled: d?.tcpStream === undefined,
      shortcut: 'Ctrl+Alt+Shift+T',
      onSelect: () => d?.tcpStream !== undefined && void openFollow('tcp', d.tcpStream),
    },
    {
      label: 'Follow UDP Stream',
      disabled: d?.udpStream === undefined,
      shortcut: 'Ctrl+Alt+Shift+U',
      onSelect: () => d?.udpStream !== undefined && void openFollow('udp', d.udpStream),
    },
  ];
  openContextMenu({ x, y, label: node.abbrev ? `Field ${node.abbrev}` : 'Item', entries });
}
