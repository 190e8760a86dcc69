import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { StatsResult } from './use-stats-result';

interface PanelFrameProps {
  title: string;
  /** Extra text after the title (stream, direction). */
  subtitle?: string;
  onClose(): void;
  children: ReactNode;
  /** Controls shown in the title bar, before Close. */
  tools?: ReactNode;
}

/**
 * A statistics window: a non-modal dialog docked over the lower panes, so the packet list stays
 * visible and clicking a row, point or item selects the packet behind it. Escape closes it;
 * focus moves into it when it opens and back where it was when it closes.
 */
export function PanelFrame({ title, subtitle, onClose, children, tools }: PanelFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const top = usePanelTop();
  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      if (back && back.isConnected) back.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={title}
      className="stats-panel"
      style={top !== null ? { top, height: 'auto' } : undefined}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="stats-titlebar">
        <h2 className="stats-title">
          {title}
          {subtitle && <span className="stats-subtitle"> · {subtitle}</span>}
        </h2>
        <span className="stats-tools">{tools}</span>
        <button type="button" className="tool-button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="stats-body">{children}</div>
    </div>
  );
}

/** A panel is never shorter than this (it then covers the end of the packet list). */
const MIN_HEIGHT = 280;
/** Room left for the status bar under the panel. */
const BOTTOM = 30;

/**
 * Where the panel's top goes: just under the packet list, so that the packet a click selects
 * (the list scrolls to it) stays in view; null keeps the stylesheet's height. Follows the
 * window and the list's splitter.
 */
function usePanelTop(): number | null {
  const [top, setTop] = useState<number | null>(null);
  useLayoutEffect(() => {
    const list = document.querySelector<HTMLElement>('[role="grid"][aria-label="Packet list"]');
    if (!list) return;
    const place = (): void => {
      const bottom = list.getBoundingClientRect().bottom + 4;
      setTop(Math.min(bottom, window.innerHeight - BOTTOM - MIN_HEIGHT));
    };
    place();
    const ro = new ResizeObserver(place);
    ro.observe(list);
    window.addEventListener('resize', place);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', place);
    };
  }, []);
  return top;
}

/** What a panel shows while its data is not there: waiting, progress or an error. */
export function ResultStatus<T>({ r, what }: { r: StatsResult<T>; what: string }) {
  if (r.waiting) return <p className="stats-note">{r.waiting}</p>;
  if (r.error)
    return (
      <p className="stats-error">
        Could not compute the {what}: {r.error}
      </p>
    );
  if (r.busy && !r.data) {
    const p = r.progress;
    return (
      <div className="stats-note">
        Computing the {what}…{' '}
        {p && p.total > 0 && (
          <progress aria-label={`Computing the ${what}`} max={p.total} value={Math.min(p.done, p.total)} />
        )}
      </div>
    );
  }
  return null;
}
