import { ConversationsPanel, EndpointsPanel } from './ConversationsPanel';
import { ExpertPanel } from './ExpertPanel';
import { HierarchyPanel } from './HierarchyPanel';
import { IoGraphPanel } from './IoGraphPanel';
import { RetransmissionPanel } from './RetransmissionPanel';
import type { PanelState } from './panels';
import { statsApi } from './stats-client';
import { closePanel } from './stats-store';
import { TcpGraphPanel } from './TcpGraphPanel';
import './stats.css';

function close(): void {
  closePanel();
  // A table still being computed for the closed panel is not needed any more.
  void statsApi().cancel();
}

/** The panel's component (loaded on first use with the charting library: see StatsPanel). */
export default function StatsPanels({ panel }: { panel: PanelState }) {
  switch (panel.kind) {
    case 'conversations':
      return <ConversationsPanel onClose={close} />;
    case 'endpoints':
      return <EndpointsPanel onClose={close} />;
    case 'phs':
      return <HierarchyPanel onClose={close} />;
    case 'expert':
      return <ExpertPanel onClose={close} />;
    case 'io':
      return <IoGraphPanel onClose={close} />;
    case 'retrans':
      return <RetransmissionPanel onClose={close} />;
    case 'tcpgraph':
      return <TcpGraphPanel panel={panel} onClose={close} />;
  }
}
