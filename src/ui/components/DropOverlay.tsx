import { usePopups } from '../store/popups';

export function DropOverlay() {
  const dragging = usePopups((s) => s.dragging);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-message">Drop a capture file to open it</div>
    </div>
  );
}
