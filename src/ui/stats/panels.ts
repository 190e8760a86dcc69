import type { GraphState } from '../../core/share/view-state';
import type { TcpDirection } from '../../core/stats/tcp-graphs';
import type { TcpGraphKind } from '../../worker/stats-api';

/** The statistics panels that are not per-stream graphs. */
export type TablePanel = 'conversations' | 'endpoints' | 'phs' | 'expert' | 'io' | 'retrans';

export type PanelState =
  | { kind: TablePanel }
  | {
      kind: 'tcpgraph';
      graph: TcpGraphKind;
      /** null until known (no TCP packet was selected): the panel shows the first stream. */
      stream: number | null;
      /** null: the direction that carries more data. */
      dir: TcpDirection | null;
    };

/** Accessible names of the panels (their dialog titles). */
export const PANEL_TITLES: Record<PanelState['kind'], string> = {
  conversations: 'Conversations',
  endpoints: 'Endpoints',
  phs: 'Protocol Hierarchy',
  expert: 'Expert Information',
  io: 'I/O Graph',
  retrans: 'Retransmissions',
  tcpgraph: 'TCP Stream Graph',
};

/** Menu labels of the TCP stream graphs (Wireshark's). */
export const TCP_GRAPH_LABELS: Record<TcpGraphKind, string> = {
  stevens: 'Time Sequence (Stevens)',
  tcptrace: 'Time Sequence (tcptrace)',
  throughput: 'Throughput',
  rtt: 'Round Trip Time',
  wscale: 'Window Scaling',
};

const TCP_GRAPHS = Object.keys(TCP_GRAPH_LABELS) as TcpGraphKind[];

/** Names in the link's `graph=` setting. */
const URL_NAMES: Record<TablePanel, string> = {
  conversations: 'conv',
  endpoints: 'endpoints',
  phs: 'phs',
  expert: 'expert',
  io: 'io',
  retrans: 'retrans',
};

/** The `graph` part of the view state for an open panel (graph name, and stream for TCP graphs). */
export function panelToGraphState(p: PanelState | null): GraphState | undefined {
  if (!p) return undefined;
  if (p.kind === 'tcpgraph')
    return p.stream === null ? { name: p.graph } : { name: p.graph, stream: p.stream };
  return { name: URL_NAMES[p.kind] };
}

/** The panel a link's `graph=` names, or null for a name this version does not know. */
export function graphStateToPanel(g: GraphState): PanelState | null {
  const tcp = TCP_GRAPHS.find((k) => k === g.name);
  if (tcp) return { kind: 'tcpgraph', graph: tcp, stream: g.stream ?? null, dir: null };
  for (const [kind, name] of Object.entries(URL_NAMES) as [TablePanel, string][]) {
    if (name === g.name) return { kind };
  }
  return null;
}
