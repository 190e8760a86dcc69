import type { TcpDirection } from '../../core/stats/tcp-graphs';
import type { TcpGraphKind } from '../../worker/stats-api';
import { selectFrame } from '../actions/select';
import { rowOf, useApp } from '../store/index';
import { usePopups } from '../store/popups';
import type { TablePanel } from './panels';
import { openPanel } from './stats-store';

/** Opens a statistics table or the I/O graph. */
export function openStats(kind: TablePanel): void {
  openPanel({ kind });
}

/**
 * Opens a TCP stream graph for the selected packet's stream (as Wireshark does); without a
 * selected TCP packet the graph starts on the first stream and offers a stream picker.
 */
export async function openTcpGraph(graph: TcpGraphKind, stream?: number, dir?: TcpDirection): Promise<void> {
  let s = stream ?? null;
  if (s === null) {
    const st = useApp.getState();
    if (st.selected !== null && (!st.details || st.details.num !== st.selected))
      await selectFrame(st.selected);
    s = useApp.getState().details?.tcpStream ?? null;
  }
  openPanel({ kind: 'tcpgraph', graph, stream: s, dir: dir ?? null });
}

/** Selects a packet from a statistics view; says so when the display filter hides it. */
export async function goToPacket(frame: number): Promise<void> {
  if (frame < 1) return;
  await selectFrame(frame);
  const s = useApp.getState();
  if (rowOf(s, frame) < 0) {
    usePopups.setState({
      notices: [`Packet ${frame} is selected but hidden by the display filter "${s.appliedFilter}".`],
    });
  }
}
