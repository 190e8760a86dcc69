import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { selectNode, setManyExpanded } from '../actions/select';
import { BYTES_PER_ROW, asciiChar, hexByte, offsetText, rowCount } from '../lib/hex-dump';
import { deepestAt, findNode, pathTo } from '../lib/tree-model';
import { useApp } from '../store/index';

const ROW_HEIGHT = 18;

/**
 * The hex + ASCII bytes of the selected frame, one tab per data source (frame, reassembled or
 * decoded data). The selected field's bytes are highlighted; clicking a byte selects the deepest
 * field that covers it.
 */
export function BytesPane() {
  const details = useApp((s) => s.details);
  const selectedNode = useApp((s) => s.selectedNode);
  const [tab, setTab] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const node = useMemo(
    () => (details && selectedNode !== null ? findNode(details.nodes, selectedNode) : null),
    [details, selectedNode],
  );
  // Show the data source of the selected field.
  useEffect(() => {
    if (node) setTab(node.src);
  }, [node]);
  useEffect(() => {
    if (!details || tab >= details.sources.length) setTab(0);
  }, [details, tab]);

  const source = details?.sources[tab] ?? details?.sources[0];
  const bytes = source?.bytes ?? new Uint8Array(0);
  const rows = rowCount(bytes.length);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const hlFrom = node && node.src === tab && node.len > 0 ? node.pos : -1;
  const hlTo = hlFrom >= 0 && node ? node.pos + node.len : -1;

  useEffect(() => {
    if (hlFrom >= 0) virtualizer.scrollToIndex(Math.floor(hlFrom / BYTES_PER_ROW), { align: 'auto' });
  }, [hlFrom, virtualizer]);

  const onClick = (e: MouseEvent): void => {
    const t = (e.target as HTMLElement).closest<HTMLElement>('[data-off]');
    if (!t || !details) return;
    const off = Number(t.dataset.off);
    const hit = deepestAt(details.nodes, tab, off);
    if (!hit) return;
    const path = pathTo(details.nodes, hit.id) ?? [];
    // Expand the ancestors so the selected field is visible in the details tree.
    setManyExpanded(
      path.slice(0, -1).map((p) => p.key),
      true,
    );
    selectNode(hit.id);
  };

  return (
    <section role="region" aria-label="Packet bytes" className="bytes-pane">
      {details && details.sources.length > 1 && (
        <div role="tablist" aria-label="Data sources" className="bytes-tabs">
          {details.sources.map((s, i) => (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={i === tab}
              className={'bytes-tab' + (i === tab ? ' active' : '')}
              onClick={() => setTab(i)}
            >
              {s.name}
            </button>
          ))}
        </div>
      )}
      <div ref={scrollRef} className="bytes-scroll" onClick={onClick}>
        {!details && <div className="pane-empty">No packet selected.</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const start = v.index * BYTES_PER_ROW;
            const end = Math.min(bytes.length, start + BYTES_PER_ROW);
            const hex = [];
            const ascii = [];
            for (let i = start; i < end; i++) {
              const hl = i >= hlFrom && i < hlTo;
              const cls = hl ? 'b hl' : 'b';
              hex.push(
                <span key={i} data-off={i} className={cls + (i - start === 7 ? ' gap' : '')}>
                  {hexByte(bytes[i])}
                </span>,
              );
              ascii.push(
                <span key={i} data-off={i} className={cls}>
                  {asciiChar(bytes[i])}
                </span>,
              );
            }
            return (
              <div
                key={v.key}
                className="bytes-row"
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
              >
                <span className="bytes-off">{offsetText(start, bytes.length)}</span>
                <span className="bytes-hex">{hex}</span>
                <span className="bytes-ascii">{ascii}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
