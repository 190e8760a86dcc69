import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';

export interface StatsColumn<R> {
  id: string;
  header: string;
  /** The raw value: sorts the column and goes into the cell's data-value. */
  value(r: R): number | string;
  /** The shown text (the raw value when omitted). */
  text?(r: R): string;
  numeric?: boolean;
  title?: string;
}

interface StatsTableProps<R> {
  label: string;
  columns: StatsColumn<R>[];
  rows: readonly R[];
  rowKey(r: R, i: number): string;
  /** Right-click or the context-menu key on a row. */
  onRowMenu?(r: R, x: number, y: number): void;
  /** Enter or double-click on a row. */
  onActivate?(r: R): void;
  /** Column sorted first (descending for numbers); unsorted when omitted. */
  initialSort?: { id: string; descending: boolean };
  /** Left padding (levels) of the first cell, for the protocol hierarchy. */
  depth?(r: R): number;
  /** False: the order is meaningful (a hierarchy) and headers do not sort. */
  sortable?: boolean;
}

const ROW_HEIGHT = 22;
/** Tables longer than this render only the rows in view. */
const VIRTUAL_FROM = 400;

/**
 * A sortable statistics table: click a header (or Enter on it) to sort, again to reverse.
 * Rows are focusable; arrows move between them, the context-menu key or Shift+F10 opens the
 * row's menu. Long tables render only the visible rows.
 */
export function StatsTable<R>(props: StatsTableProps<R>) {
  const { label, columns, rows, rowKey, onRowMenu, onActivate, depth, sortable = true } = props;
  const [sort, setSort] = useState(props.initialSort ?? null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });

  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.id === sort.id);
    if (!col) return rows;
    const idx = rows.map((r, i) => ({ r, i, v: col.value(r) }));
    idx.sort((a, b) => {
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return (sort.descending ? -c : c) || a.i - b.i;
    });
    return idx.map((x) => x.r);
  }, [rows, columns, sort]);

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setScroll((s) => ({ ...s, height: el.clientHeight })));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const virtual = sorted.length > VIRTUAL_FROM;
  let first = 0;
  let last = sorted.length - 1;
  if (virtual) {
    first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - 10);
    last = Math.min(sorted.length - 1, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + 10);
  }

  const toggleSort = (id: string, numeric: boolean): void => {
    setSort((s) => (s && s.id === id ? { id, descending: !s.descending } : { id, descending: numeric }));
  };

  const rowMenu = (e: MouseEvent | KeyboardEvent, r: R): void => {
    if (!onRowMenu) return;
    e.preventDefault();
    if ('clientX' in e && e.type === 'contextmenu' && (e.clientX !== 0 || e.clientY !== 0)) {
      onRowMenu(r, e.clientX, e.clientY);
    } else {
      const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
      onRowMenu(r, box.left + 40, box.bottom);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, r: R): void => {
    const tr = e.currentTarget;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (
        e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling
      ) as HTMLElement | null;
      if (next?.tabIndex === 0) next.focus();
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      rowMenu(e, r);
    } else if (e.key === 'Enter' && onActivate) {
      e.preventDefault();
      onActivate(r);
    }
  };

  return (
    <div
      ref={wrapRef}
      className="stats-table-wrap"
      onScroll={
        virtual
          ? (e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })
          : undefined
      }
    >
      <table className="stats-table" aria-label={label} aria-rowcount={sorted.length + 1}>
        <thead>
          <tr>
            {columns.map((c) => {
              const s = sort?.id === c.id ? (sort.descending ? 'descending' : 'ascending') : undefined;
              return (
                <th key={c.id} aria-sort={s} className={c.numeric ? 'num' : undefined} title={c.title}>
                  {sortable ? (
                    <button type="button" onClick={() => toggleSort(c.id, !!c.numeric)}>
                      {c.header}
                      <span aria-hidden="true">
                        {s === 'ascending' ? ' ▲' : s === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {virtual && first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
          {sorted.slice(first, last + 1).map((r, k) => {
            const i = first + k;
            return (
              <tr
                key={rowKey(r, i)}
                tabIndex={0}
                aria-rowindex={i + 2}
                data-depth={depth ? depth(r) : undefined}
                style={virtual ? { height: ROW_HEIGHT } : undefined}
                onContextMenu={(e) => rowMenu(e, r)}
                onDoubleClick={onActivate ? () => onActivate(r) : undefined}
                onKeyDown={(e) => onRowKey(e, r)}
              >
                {columns.map((c, ci) => {
                  const v = c.value(r);
                  const pad = ci === 0 && depth ? { paddingLeft: 6 + depth(r) * 16 } : undefined;
                  return (
                    <td
                      key={c.id}
                      data-col={c.id}
                      data-value={String(v)}
                      className={c.numeric ? 'num' : undefined}
                      style={pad}
                    >
                      {c.text ? c.text(r) : String(v)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {virtual && last < sorted.length - 1 && (
            <tr aria-hidden="true" style={{ height: (sorted.length - 1 - last) * ROW_HEIGHT }} />
          )}
        </tbody>
      </table>
    </div>
  );
}
