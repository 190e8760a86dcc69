import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { selectNode, setExpanded } from '../actions/select';
import { flattenTree, type FlatItem } from '../lib/tree-model';
import { useApp } from '../store/index';
import { openFieldMenu } from './field-menu';

function itemClass(item: FlatItem, selected: boolean): string {
  let c = 'tree-item';
  if (selected) c += ' selected';
  if (item.node.generated) c += ' generated';
  if (item.node.abbrev.startsWith('_ws.malformed') || item.node.abbrev.startsWith('_ws.expert'))
    c += ' expert';
  return c;
}

/**
 * The packet details pane: the selected frame's protocol tree as an ARIA tree. Arrows move and
 * expand/collapse; the ContextMenu key or Shift+F10 opens the item's menu.
 */
export function DetailsTree() {
  const details = useApp((s) => s.details);
  const expanded = useApp((s) => s.expanded);
  const selectedNode = useApp((s) => s.selectedNode);
  const ref = useRef<HTMLDivElement>(null);
  const items = useMemo(() => (details ? flattenTree(details.nodes, expanded) : []), [details, expanded]);
  const activeIndex = items.findIndex((i) => i.node.id === selectedNode);

  useEffect(() => {
    if (activeIndex < 0) return;
    ref.current?.querySelector(`[data-tree-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const openMenuFor = (index: number, x?: number, y?: number): void => {
    const item = items[index];
    if (!item) return;
    const parentKey = item.parent >= 0 ? items[item.parent].key : '';
    let px = x;
    let py = y;
    if (px === undefined || py === undefined) {
      const r = ref.current?.querySelector(`[data-tree-index="${index}"]`)?.getBoundingClientRect();
      px = (r?.left ?? 0) + 24 * item.level;
      py = r?.bottom ?? 0;
    }
    openFieldMenu(item.node, parentKey, px, py);
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (items.length === 0) return;
    const at = activeIndex;
    const cur = at >= 0 ? items[at] : null;
    const go = (i: number): void => selectNode(items[Math.max(0, Math.min(items.length - 1, i))].node.id);
    switch (e.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at < 0 ? 0 : at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'ArrowRight':
        if (!cur) go(0);
        else if (cur.hasChildren && !cur.expanded) setExpanded(cur.key, true);
        else if (cur.hasChildren) go(at + 1);
        break;
      case 'ArrowLeft':
        if (!cur) break;
        if (cur.hasChildren && cur.expanded) setExpanded(cur.key, false);
        else if (cur.parent >= 0) go(cur.parent);
        break;
      case 'Enter':
      case ' ':
        if (cur?.hasChildren) setExpanded(cur.key, !cur.expanded);
        break;
      case 'ContextMenu':
        openMenuFor(at < 0 ? 0 : at);
        break;
      case 'F10':
        if (!e.shiftKey) return;
        openMenuFor(at < 0 ? 0 : at);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div
      ref={ref}
      role="tree"
      aria-label="Packet details"
      tabIndex={0}
      className="details-tree"
      aria-activedescendant={activeIndex >= 0 ? `tree-item-${items[activeIndex].node.id}` : undefined}
      onKeyDown={onKeyDown}
    >
      {!details && <div className="pane-empty">No packet selected.</div>}
      {items.map((item, index) => {
        const sel = item.node.id === selectedNode;
        return (
          <div
            key={item.node.id}
            id={`tree-item-${item.node.id}`}
            role="treeitem"
            data-tree-index={index}
            aria-level={item.level}
            aria-posinset={item.posInSet}
            aria-setsize={item.setSize}
            aria-expanded={item.hasChildren ? item.expanded : undefined}
            aria-selected={sel}
            className={itemClass(item, sel)}
            style={{ paddingLeft: 4 + (item.level - 1) * 16 }}
            onMouseDown={() => selectNode(item.node.id)}
            onDoubleClick={() => item.hasChildren && setExpanded(item.key, !item.expanded)}
            onContextMenu={(e) => {
              e.preventDefault();
              selectNode(item.node.id);
              openMenuFor(index, e.clientX, e.clientY);
            }}
          >
            <span
              className="tree-toggle"
              aria-hidden="true"
              onMouseDown={(e) => {
                e.stopPropagation();
                selectNode(item.node.id);
                if (item.hasChildren) setExpanded(item.key, !item.expanded);
              }}
            >
              {item.hasChildren ? (item.expanded ? '▾' : '▸') : ''}
            </span>
            <span className="tree-label">{item.node.label}</span>
          </div>
        );
      })}
    </div>
  );
}
