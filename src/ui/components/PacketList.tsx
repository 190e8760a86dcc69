import { getCoreRowModel, useReactTable, type ColumnSizingState } from '@tanstack/react-table';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { RowData, SortColumn } from '../../worker/types';
import { selectFrame } from '../actions/select';
import { sortBy } from '../actions/sort';
import { useRowFetcher } from '../hooks/useRowFetcher';
import { scrollToReveal, spacerHeight, visibleRows } from '../lib/virtual-window';
import { displayedCount, frameAt, rowOf, useApp } from '../store/index';
import { openPacketMenu } from './packet-menu';
import { PACKET_COLUMNS, cellText, type PacketColumnMeta } from './packet-columns';

const ROW_HEIGHT = 20;
const HEADER_HEIGHT = 24;
const NO_DATA: RowData[] = [];

/**
 * The packet list: an ARIA grid over every displayed packet, virtualised (only the visible rows
 * exist in the DOM and are fetched from the worker), sortable, keyboard-navigable.
 */
export function PacketList() {
  const packets = useApp((s) => s.packets);
  const view = useApp((s) => s.view);
  const viewVersion = useApp((s) => s.viewVersion);
  const selected = useApp((s) => s.selected);
  const sort = useApp((s) => s.sort);
  const colorRules = useApp((s) => s.colorRules);
  const coloring = useApp((s) => s.coloring);
  const fetcher = useRowFetcher();
  const count = displayedCount({ view, packets });

  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(400);
  const [sizing, setSizing] = useState<ColumnSizingState>({});
  const geometry = { count, rowHeight: ROW_HEIGHT, viewportHeight };

  const table = useReactTable<RowData>({
    data: NO_DATA,
    columns: PACKET_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnSizing: sizing },
    onColumnSizingChange: setSizing,
    manualSorting: true,
  });
  const columns = table.getVisibleLeafColumns();
  const totalWidth = table.getTotalSize();

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() =>
      setViewportHeight(Math.max(ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT)),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rows = visibleRows(geometry, scrollTop, 4);
  const wanted = rows.map((r) => frameAt({ view }, r.index));
  const wantedKey = wanted.join(',');
  useEffect(() => {
    fetcher.request(wantedKey ? wantedKey.split(',').map(Number) : []);
  }, [fetcher, wantedKey]);

  // The last scroll position seen, so that nothing reads or writes scrollTop needlessly (both
  // force a synchronous layout of the page).
  const lastScroll = useRef(0);
  const setScroll = useCallback((top: number) => {
    if (Math.abs(top - lastScroll.current) < 0.5) return;
    lastScroll.current = top;
    const el = scrollRef.current;
    if (el) el.scrollTop = top;
    setScrollTop(top);
  }, []);

  // A newly opened capture starts at the top.
  const gen = useApp((s) => s.gen);
  useEffect(() => setScroll(0), [gen, setScroll]);

  // Keep the selected packet in view when it changes (keyboard, "go to", filters, links).
  const selectedRow = selected === null ? -1 : rowOf({ view, packets }, selected);
  useEffect(() => {
    if (selectedRow < 0) return;
    const current = lastScroll.current;
    const next = scrollToReveal({ count, rowHeight: ROW_HEIGHT, viewportHeight }, current, selectedRow);
    if (Math.abs(next - current) > 0.5) setScroll(next);
    // Deliberately not on every scroll: only when the selection or the display changes.
  }, [selected, viewVersion, selectedRow >= 0]);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (count === 0) return;
    const perPage = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
    let target: number | null = null;
    const at = selectedRow;
    switch (e.key) {
      case 'ArrowDown':
        target = at < 0 ? 0 : Math.min(count - 1, at + 1);
        break;
      case 'ArrowUp':
        target = at < 0 ? 0 : Math.max(0, at - 1);
        break;
      case 'PageDown':
        target = Math.min(count - 1, Math.max(0, at) + perPage);
        break;
      case 'PageUp':
        target = Math.max(0, at - perPage);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = count - 1;
        break;
      case 'ContextMenu':
      case 'F10':
        if (e.key === 'F10' && !e.shiftKey) return;
        if (selected !== null) {
          const rowEl = scrollRef.current?.querySelector(`#pkt-row-${selected}`);
          const r = rowEl?.getBoundingClientRect() ?? scrollRef.current?.getBoundingClientRect();
          void openPacketMenu(selected, (r?.left ?? 0) + 40, (r?.bottom ?? 0) - 2);
        }
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    void selectFrame(frameAt({ view }, target));
  };

  const onHeaderClick = (id: string): void => {
    const column = id as SortColumn;
    // Ascending, descending, then back to frame order, as Wireshark's header clicks cycle.
    if (!sort || sort.column !== column) void sortBy({ column, descending: false });
    else if (!sort.descending) void sortBy({ column, descending: true });
    else void sortBy(null);
  };

  const onRowContextMenu = (e: MouseEvent, num: number): void => {
    e.preventDefault();
    void openPacketMenu(num, e.clientX, e.clientY);
  };

  const activeId =
    selected !== null && rows.some((r) => frameAt({ view }, r.index) === selected)
      ? `pkt-row-${selected}`
      : undefined;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Packet list"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeId}
      tabIndex={0}
      className={'packet-list' + (coloring ? ' colored' : '')}
      onScroll={(e) => {
        lastScroll.current = e.currentTarget.scrollTop;
        setScrollTop(lastScroll.current);
      }}
      onKeyDown={onKeyDown}
    >
      <div
        role="rowgroup"
        className="pl-head"
        style={{ width: totalWidth, minWidth: '100%', height: HEADER_HEIGHT }}
      >
        <div role="row" aria-rowindex={1} className="pl-row pl-header-row">
          {table.getHeaderGroups()[0].headers.map((h) => {
            const id = h.column.id;
            const ariaSort = sort?.column === id ? (sort.descending ? 'descending' : 'ascending') : undefined;
            const meta = h.column.columnDef.meta as PacketColumnMeta | undefined;
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={ariaSort}
                className={
                  'pl-cell pl-th' + (id === 'info' ? ' grow' : '') + (meta?.align === 'right' ? ' right' : '')
                }
                style={{ width: h.getSize() }}
              >
                <button type="button" className="pl-sort" onClick={() => onHeaderClick(id)}>
                  {String(h.column.columnDef.header)}
                  {ariaSort && <span aria-hidden="true">{ariaSort === 'ascending' ? ' ▲' : ' ▼'}</span>}
                </button>
                <div
                  className="pl-resize"
                  aria-hidden="true"
                  onMouseDown={h.getResizeHandler()}
                  onTouchStart={h.getResizeHandler()}
                />
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        className="pl-body"
        style={{ height: spacerHeight(geometry), width: totalWidth, minWidth: '100%' }}
      >
        {rows.map(({ index, top }) => {
          const num = frameAt({ view }, index);
          const row = fetcher.get(num);
          const isSel = num === selected;
          const rule = row && coloring && row.color >= 0 ? colorRules[row.color] : undefined;
          return (
            <div
              key={num}
              id={`pkt-row-${num}`}
              role="row"
              aria-rowindex={index + 2}
              aria-selected={isSel}
              className={'pl-row' + (isSel ? ' selected' : '')}
              style={{
                top,
                height: ROW_HEIGHT,
                ...(rule && !isSel ? { background: rule.bg, color: rule.fg } : {}),
              }}
              onMouseDown={() => void selectFrame(num)}
              onContextMenu={(e) => onRowContextMenu(e, num)}
            >
              {columns.map((c) => {
                const meta = c.columnDef.meta as PacketColumnMeta | undefined;
                return (
                  <div
                    key={c.id}
                    role="gridcell"
                    className={
                      'pl-cell' + (c.id === 'info' ? ' grow' : '') + (meta?.align === 'right' ? ' right' : '')
                    }
                    style={{ width: c.getSize() }}
                  >
                    {row ? cellText(row, c.id) : c.id === 'num' ? String(num) : ''}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
