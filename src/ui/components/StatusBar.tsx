import { displayedText, formatLoadTime } from '../lib/units';
import { displayedCount, useApp } from '../store/index';

export function StatusBar() {
  const name = useApp((s) => s.name);
  const packets = useApp((s) => s.packets);
  const view = useApp((s) => s.view);
  const loadMs = useApp((s) => s.loadMs);
  const gen = useApp((s) => s.gen);
  const applied = useApp((s) => s.appliedFilter);
  return (
    <footer className="status-bar">
      <span className="status-file">{gen === 0 ? 'No capture open' : name}</span>
      {gen !== 0 && (
        <span className="status-counts" data-testid="packet-counts">
          {displayedText(packets, displayedCount({ view, packets }))}
        </span>
      )}
      {gen !== 0 && applied && <span className="status-filter">Filter: {applied}</span>}
      {loadMs !== null && gen !== 0 && (
        <span className="status-load">Load time: {formatLoadTime(loadMs)}</span>
      )}
    </footer>
  );
}
