import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type {
  ConversationRetransmissions,
  RetransmissionStats,
} from '../../core/stats/retransmission-summary';
import { setAndApply } from '../actions/filter';
import { openFollow } from '../actions/follow';
import { openContextMenu } from '../store/popups';
import { goToPacket, openTcpGraph } from './actions';
import { formatPercent } from './format';
import { PanelFrame, ResultStatus } from './PanelFrame';
import { StatsTable, type StatsColumn } from './StatsTable';
import { statsApi } from './stats-client';
import { useSize } from './use-size';
import { useStatsResult } from './use-stats-result';

const PATTERN_TEXT: Record<RetransmissionStats['pattern'], string> = {
  none: 'none',
  'too-few': 'too few to tell',
  clustered: 'clustered',
  spread: 'spread',
};

function verdict(s: RetransmissionStats): string {
  const share = `${s.retransmittedData} of ${s.dataSegments} data segments retransmitted (${formatPercent(s.share)})`;
  const flag = s.flagged ? ' — above 1 %' : '';
  const d = s.dispersion === null ? '' : `, index of dispersion ${s.dispersion.toFixed(2)}`;
  return `${share}${flag}; pattern: ${PATTERN_TEXT[s.pattern]}${d}.`;
}

const COLUMNS: StatsColumn<ConversationRetransmissions>[] = [
  { id: 'stream', header: 'Stream', value: (r) => r.stream, numeric: true },
  { id: 'a', header: 'Endpoint A', value: (r) => r.a },
  { id: 'b', header: 'Endpoint B', value: (r) => r.b },
  { id: 'dataSegments', header: 'Data segments', value: (r) => r.dataSegments, numeric: true },
  {
    id: 'retransmissions',
    header: 'Retransmissions',
    value: (r) => r.retransmissions,
    numeric: true,
    title: 'Segments flagged tcp.analysis.retransmission (plain, fast or spurious)',
  },
  { id: 'retransmittedData', header: 'Retransmitted data', value: (r) => r.retransmittedData, numeric: true },
  { id: 'share', header: 'Share', value: (r) => r.share, text: (r) => formatPercent(r.share), numeric: true },
  {
    id: 'flagged',
    header: 'Above 1 %',
    value: (r) => (r.flagged ? 1 : 0),
    text: (r) => (r.flagged ? '⚠ yes' : 'no'),
  },
  { id: 'pattern', header: 'Pattern', value: (r) => PATTERN_TEXT[r.pattern] },
];

/** Retransmitted data segments per tenth of the data segments: where in the transfer they happened. */
function WindowsChart({ stats, label }: { stats: RetransmissionStats; label: string }) {
  const [ref, size] = useSize<HTMLDivElement>({ width: 400, height: 160 });
  const data = stats.windows.map((n, i) => ({ w: `${i + 1}`, n }));
  return (
    <div
      ref={ref}
      className="retrans-chart"
      role="group"
      aria-label={label}
      data-sum={stats.windows.reduce((a, b) => a + b, 0)}
      data-bars={stats.windows.length}
    >
      <BarChart
        width={size.width}
        height={size.height}
        data={data}
        margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e5e8" />
        <XAxis
          dataKey="w"
          height={34}
          label={{ value: 'Tenth of the data segments', position: 'insideBottom', offset: 2 }}
        />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip isAnimationActive={false} formatter={(v) => [v, 'Retransmitted segments']} />
        <Bar dataKey="n" fill="#d93025" isAnimationActive={false} />
      </BarChart>
    </div>
  );
}

function conversationMenu(r: ConversationRetransmissions, x: number, y: number): void {
  openContextMenu({
    x,
    y,
    label: `TCP stream ${r.stream}`,
    entries: [
      { label: 'Filter on this conversation', onSelect: () => void setAndApply(`tcp.stream eq ${r.stream}`) },
      {
        label: 'Filter on its retransmissions',
        onSelect: () => void setAndApply(`tcp.stream eq ${r.stream} && tcp.analysis.retransmission`),
      },
      { label: 'Follow stream', onSelect: () => void openFollow('tcp', r.stream) },
      { label: 'Time Sequence (Stevens)', onSelect: () => void openTcpGraph('stevens', r.stream) },
      { label: 'Time Sequence (tcptrace)', onSelect: () => void openTcpGraph('tcptrace', r.stream) },
      'separator',
      { label: 'Go to first packet', onSelect: () => void goToPacket(r.firstFrame) },
    ],
  });
}

/** Statistics › Retransmission Summary: how much was retransmitted, where, and whether in bursts. */
export function RetransmissionPanel({ onClose }: { onClose(): void }) {
  const r = useStatsResult((gen) => statsApi().retransmissions(gen), []);
  const [picked, setPicked] = useState<number | null>(null);
  const convs = useMemo(() => r.data?.conversations ?? [], [r.data]);
  const chosen = convs.find((c) => c.stream === picked) ?? convs.find((c) => c.retransmittedData > 0) ?? null;
  const s = r.data?.capture;
  return (
    <PanelFrame title="Retransmissions" onClose={onClose}>
      <ResultStatus r={r} what="retransmission summary" />
      {s && (
        <div className="retrans-layout">
          <section aria-label="Whole capture" className="retrans-summary" data-flagged={s.flagged}>
            <h3>Whole capture {s.flagged && <span className="retrans-flag">⚠ above 1 %</span>}</h3>
            <p>{verdict(s)}</p>
            <WindowsChart stats={s} label="Retransmissions over the capture" />
          </section>
          <section aria-label="Per conversation" className="retrans-convs">
            <h3>Per TCP conversation (right-click for graphs and filters; Enter shows its chart)</h3>
            <StatsTable
              label="Retransmissions per conversation"
              columns={COLUMNS}
              rows={convs}
              rowKey={(c) => String(c.stream)}
              onActivate={(c) => setPicked(c.stream)}
              onRowMenu={(c, x, y) => conversationMenu(c, x, y)}
            />
            {chosen && (
              <div className="retrans-picked">
                <h4>
                  Stream {chosen.stream}: {chosen.a} ↔ {chosen.b}
                </h4>
                <p>{verdict(chosen)}</p>
                <WindowsChart stats={chosen} label={`Retransmissions over stream ${chosen.stream}`} />
              </div>
            )}
          </section>
        </div>
      )}
    </PanelFrame>
  );
}
