import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  /** Current size (px) of the pane above the splitter. */
  size: number;
  onResize(size: number): void;
  label: string;
  min?: number;
  max?: number;
}

/** A horizontal pane divider: drag it, or focus it and use the arrow keys. */
export function Splitter({ size, onResize, label, min = 60, max = 5000 }: SplitterProps) {
  const start = useRef<{ y: number; size: number } | null>(null);
  const clamp = (v: number): number => Math.max(min, Math.min(max, v));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    start.current = { y: e.clientY, size };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (start.current) onResize(clamp(start.current.size + e.clientY - start.current.y));
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowUp') onResize(clamp(size - 20));
    else if (e.key === 'ArrowDown') onResize(clamp(size + 20));
    else return;
    e.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="splitter"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
