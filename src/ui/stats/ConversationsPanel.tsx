import { useMemo, useState } from 'react';
import type { ConversationRow } from '../../core/stats/conversations';
import type { EndpointRow } from '../../core/stats/endpoints';
import type { TapKind } from '../../core/stats/frame-taps';
import type { StatsTables } from '../../worker/stats-api';
import { setAndApply } from '../actions/filter';
import { openFollow } from '../actions/follow';
import type { MenuEntry } from '../components/Menu';
import { useApp } from '../store/index';
import { openContextMenu } from '../store/popups';
import { worker } from '../worker-client';
import { goToPacket, openTcpGraph } from './actions';
import { conversationFilter, endpointFilter } from './filters';
import { bitsPerSecond, formatSeconds, formatSi } from './format';
import { KindTabs, KIND_NAMES, firstNonEmpty } from './KindTabs';
import { PanelFrame, ResultStatus } from './PanelFrame';
import { StatsTable, type StatsColumn } from './StatsTable';
import { statsApi } from './stats-client';
import { useStatsResult, type StatsResult } from './use-stats-result';

/** Conversation and endpoint tables come from one pass over the capture (shared, cached in the worker). */
function useTables(): StatsResult<StatsTables> {
  return useStatsResult((gen, onProgress) => statsApi().tables(gen, onProgress), []);
}

const num = <R,>(id: string, header: string, value: (r: R) => number, title?: string): StatsColumn<R> => ({
  id,
  header,
  value,
  numeric: true,
  ...(title ? { title } : {}),
});

function conversationColumns(kind: TapKind): StatsColumn<ConversationRow>[] {
  const ports = kind === 'tcp' || kind === 'udp';
  const cols: StatsColumn<ConversationRow>[] = [{ id: 'a', header: 'Address A', value: (r) => r.a }];
  if (ports) cols.push(num('portA', 'Port A', (r) => r.portA));
  cols.push({ id: 'b', header: 'Address B', value: (r) => r.b });
  if (ports) cols.push(num('portB', 'Port B', (r) => r.portB));
  if (kind === 'tcp') cols.push(num('stream', 'Stream ID', (r) => r.stream));
  cols.push(
    num('frames', 'Packets', (r) => r.frames),
    num('bytes', 'Bytes', (r) => r.bytes),
    num('framesAtoB', 'Packets A → B', (r) => r.framesAtoB),
    num('bytesAtoB', 'Bytes A → B', (r) => r.bytesAtoB),
    num('framesBtoA', 'Packets B → A', (r) => r.framesBtoA),
    num('bytesBtoA', 'Bytes B → A', (r) => r.bytesBtoA),
    {
      id: 'relStart',
      header: 'Rel Start',
      value: (r) => r.relStart,
      text: (r) => formatSeconds(r.relStart, 6),
      numeric: true,
      title: 'Seconds from the first packet of the capture',
    },
    {
      id: 'duration',
      header: 'Duration',
      value: (r) => r.duration,
      text: (r) => formatSeconds(r.duration, 4),
      numeric: true,
    },
    {
      id: 'bpsAtoB',
      header: 'Bits/s A → B',
      value: (r) => bitsPerSecond(r.bytesAtoB, r.duration),
      text: (r) => formatSi(bitsPerSecond(r.bytesAtoB, r.duration)),
      numeric: true,
    },
    {
      id: 'bpsBtoA',
      header: 'Bits/s B → A',
      value: (r) => bitsPerSecond(r.bytesBtoA, r.duration),
      text: (r) => formatSi(bitsPerSecond(r.bytesBtoA, r.duration)),
      numeric: true,
    },
  );
  return cols;
}

function endpointColumns(kind: TapKind): StatsColumn<EndpointRow>[] {
  const cols: StatsColumn<EndpointRow>[] = [{ id: 'address', header: 'Address', value: (r) => r.address }];
  if (kind === 'tcp' || kind === 'udp') cols.push(num('port', 'Port', (r) => r.port));
  cols.push(
    num('frames', 'Packets', (r) => r.frames),
    num('bytes', 'Bytes', (r) => r.bytes),
    num('txFrames', 'Tx Packets', (r) => r.txFrames),
    num('txBytes', 'Tx Bytes', (r) => r.txBytes),
    num('rxFrames', 'Rx Packets', (r) => r.rxFrames),
    num('rxBytes', 'Rx Bytes', (r) => r.rxBytes),
  );
  return cols;
}

async function followConversation(kind: 'tcp' | 'udp', r: ConversationRow): Promise<void> {
  if (kind === 'tcp' && r.stream >= 0) return openFollow('tcp', r.stream);
  // UDP conversations carry no stream number: the first frame's details know it.
  const d = await worker().details(useApp.getState().gen, r.firstFrame);
  const s = kind === 'tcp' ? d?.tcpStream : d?.udpStream;
  if (s !== undefined) await openFollow(kind, s);
}

function conversationMenu(kind: TapKind, r: ConversationRow, x: number, y: number): void {
  const entries: MenuEntry[] = [
    { label: 'Filter on this conversation', onSelect: () => void setAndApply(conversationFilter(kind, r)) },
  ];
  if (kind === 'tcp' || kind === 'udp') {
    entries.push({ label: 'Follow stream', onSelect: () => void followConversation(kind, r) });
  }
  if (kind === 'tcp' && r.stream >= 0) {
    entries.push({
      label: 'TCP stream graph (tcptrace)',
      onSelect: () => void openTcpGraph('tcptrace', r.stream),
    });
  }
  entries.push('separator', { label: 'Go to first packet', onSelect: () => void goToPacket(r.firstFrame) });
  const who = kind === 'tcp' || kind === 'udp' ? `${r.a}:${r.portA} ↔ ${r.b}:${r.portB}` : `${r.a} ↔ ${r.b}`;
  openContextMenu({ x, y, label: `Conversation ${who}`, entries });
}

function endpointMenu(kind: TapKind, r: EndpointRow, x: number, y: number): void {
  openContextMenu({
    x,
    y,
    label: `Endpoint ${r.address}`,
    entries: [
      { label: 'Filter on this endpoint', onSelect: () => void setAndApply(endpointFilter(kind, r)) },
      'separator',
      { label: 'Go to first packet', onSelect: () => void goToPacket(r.firstFrame) },
    ],
  });
}

function counts<T>(rec: Partial<Record<TapKind, T[]>>): Partial<Record<TapKind, number>> {
  const out: Partial<Record<TapKind, number>> = {};
  for (const [k, v] of Object.entries(rec) as [TapKind, T[]][]) out[k] = v.length;
  return out;
}

/** Statistics › Conversations: one tab per layer; right-click a row to filter or follow it. */
export function ConversationsPanel({ onClose }: { onClose(): void }) {
  const r = useTables();
  const [chosen, setChosen] = useState<TapKind | null>(null);
  const n = useMemo(() => (r.data ? counts(r.data.conversations) : {}), [r.data]);
  const kind = chosen ?? firstNonEmpty(n);
  const columns = useMemo(() => conversationColumns(kind), [kind]);
  const rows = r.data?.conversations[kind] ?? [];
  return (
    <PanelFrame title="Conversations" onClose={onClose}>
      <ResultStatus r={r} what="conversations" />
      {r.data && (
        <>
          <KindTabs
            label="Conversation type"
            value={kind}
            counts={n}
            onChange={setChosen}
            panelId="conv-table"
          />
          <div
            id="conv-table"
            role="tabpanel"
            aria-labelledby={`conv-table-tab-${kind}`}
            className="stats-tabpanel"
          >
            <StatsTable
              key={kind}
              label={`${KIND_NAMES[kind]} conversations`}
              columns={columns}
              rows={rows}
              rowKey={(c) => `${c.a}/${c.portA}/${c.b}/${c.portB}/${c.stream}`}
              onRowMenu={(c, x, y) => conversationMenu(kind, c, x, y)}
              onActivate={(c) => void setAndApply(conversationFilter(kind, c))}
            />
          </div>
        </>
      )}
    </PanelFrame>
  );
}

/** Statistics › Endpoints. */
export function EndpointsPanel({ onClose }: { onClose(): void }) {
  const r = useTables();
  const [chosen, setChosen] = useState<TapKind | null>(null);
  const n = useMemo(() => (r.data ? counts(r.data.endpoints) : {}), [r.data]);
  const kind = chosen ?? firstNonEmpty(n);
  const columns = useMemo(() => endpointColumns(kind), [kind]);
  const rows = r.data?.endpoints[kind] ?? [];
  return (
    <PanelFrame title="Endpoints" onClose={onClose}>
      <ResultStatus r={r} what="endpoints" />
      {r.data && (
        <>
          <KindTabs
            label="Endpoint type"
            value={kind}
            counts={n}
            onChange={setChosen}
            panelId="endpoint-table"
          />
          <div
            id="endpoint-table"
            role="tabpanel"
            aria-labelledby={`endpoint-table-tab-${kind}`}
            className="stats-tabpanel"
          >
            <StatsTable
              key={kind}
              label={`${KIND_NAMES[kind]} endpoints`}
              columns={columns}
              rows={rows}
              rowKey={(e) => `${e.address}/${e.port}`}
              onRowMenu={(e, x, y) => endpointMenu(kind, e, x, y)}
              onActivate={(e) => void setAndApply(endpointFilter(kind, e))}
            />
          </div>
        </>
      )}
    </PanelFrame>
  );
}
