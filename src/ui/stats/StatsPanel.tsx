import { lazy, Suspense } from 'react';
import { useStats } from './stats-store';

/** The panels and recharts load when a panel first opens, keeping them out of the start-up bundle. */
const StatsPanels = lazy(() => import('./StatsPanels'));

/** The open statistics panel, if any (one at a time). */
export function StatsPanel() {
  const panel = useStats((s) => s.panel);
  if (!panel) return null;
  return (
    <Suspense
      fallback={
        <div
          role="dialog"
          aria-label="Loading statistics"
          style={{ position: 'fixed', bottom: 30, left: 8, padding: 8 }}
        >
          Loading…
        </div>
      }
    >
      <StatsPanels panel={panel} />
    </Suspense>
  );
}
