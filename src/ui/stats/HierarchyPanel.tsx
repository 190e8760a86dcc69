import { useMemo } from 'react';
import { setAndApply } from '../actions/filter';
import { openContextMenu } from '../store/popups';
import { bitsPerSecond, formatPercent, formatSi } from './format';
import { hierarchyRows, type HierarchyRow } from './hierarchy-rows';
import { PanelFrame, ResultStatus } from './PanelFrame';
import { StatsTable, type StatsColumn } from './StatsTable';
import { statsApi } from './stats-client';
import { useStatsResult } from './use-stats-result';

function columns(duration: number): StatsColumn<HierarchyRow>[] {
  return [
    { id: 'name', header: 'Protocol', value: (r) => r.name },
    { id: 'proto', header: 'Filter', value: (r) => r.proto },
    {
      id: 'framesShare',
      header: 'Percent Packets',
      value: (r) => r.framesShare,
      text: (r) => formatPercent(r.framesShare, 1),
      numeric: true,
    },
    { id: 'frames', header: 'Packets', value: (r) => r.frames, numeric: true },
    {
      id: 'bytesShare',
      header: 'Percent Bytes',
      value: (r) => r.bytesShare,
      text: (r) => formatPercent(r.bytesShare, 1),
      numeric: true,
    },
    { id: 'bytes', header: 'Bytes', value: (r) => r.bytes, numeric: true },
    {
      id: 'bps',
      header: 'Bits/s',
      value: (r) => bitsPerSecond(r.bytes, duration),
      text: (r) => formatSi(bitsPerSecond(r.bytes, duration)),
      numeric: true,
    },
    { id: 'endFrames', header: 'End Packets', value: (r) => r.endFrames, numeric: true },
    { id: 'endBytes', header: 'End Bytes', value: (r) => r.endBytes, numeric: true },
  ];
}

/** Statistics › Protocol Hierarchy: the numbers of `-z io,phs` as an indented table. */
export function HierarchyPanel({ onClose }: { onClose(): void }) {
  const r = useStatsResult((gen, onProgress) => statsApi().hierarchy(gen, onProgress), []);
  const rows = useMemo(() => (r.data ? hierarchyRows(r.data.root) : []), [r.data]);
  const cols = useMemo(() => columns(r.data?.duration ?? 0), [r.data]);
  return (
    <PanelFrame title="Protocol Hierarchy" onClose={onClose}>
      <ResultStatus r={r} what="protocol hierarchy" />
      {r.data && (
        <StatsTable
          label="Protocol hierarchy"
          columns={cols}
          rows={rows}
          rowKey={(h) => h.path}
          depth={(h) => h.depth}
          sortable={false}
          onActivate={(h) => void setAndApply(h.proto)}
          onRowMenu={(h, x, y) =>
            openContextMenu({
              x,
              y,
              label: h.name,
              entries: [{ label: `Apply as filter: ${h.proto}`, onSelect: () => void setAndApply(h.proto) }],
            })
          }
        />
      )}
    </PanelFrame>
  );
}
