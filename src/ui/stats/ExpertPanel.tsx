import { useMemo, useState } from 'react';
import type { ExpertGroupRow } from '../../core/stats/expert-summary';
import { goToPacket } from './actions';
import { groupExpert } from './expert-groups';
import { PanelFrame, ResultStatus } from './PanelFrame';
import { statsApi } from './stats-client';
import { useStatsResult } from './use-stats-result';

/** Packets listed at first under an expanded item; the rest on request. */
const FIRST_FRAMES = 200;

function ExpertItemRow({ row }: { row: ExpertGroupRow }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const frames = all ? row.frames : row.frames.slice(0, FIRST_FRAMES);
  return (
    <li className="expert-item" data-count={row.count}>
      <button type="button" className="expert-row" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="expert-twisty" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="expert-summary">{row.summary}</span>
        <span className="expert-proto">{row.protocol}</span>
        <span className="expert-count">{row.count}</span>
      </button>
      {open && (
        <div className="expert-frames" role="group" aria-label={`Packets: ${row.summary}`}>
          {frames.map((f, i) => (
            <button key={i} type="button" className="expert-frame" onClick={() => void goToPacket(f)}>
              {f}
            </button>
          ))}
          {!all && row.frames.length > FIRST_FRAMES && (
            <button type="button" className="expert-more" onClick={() => setAll(true)}>
              Show all {row.frames.length}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Analyze › Expert Information: items by severity and group; expand an item to list its packets. */
export function ExpertPanel({ onClose }: { onClose(): void }) {
  const r = useStatsResult((gen, onProgress) => statsApi().tables(gen, onProgress), []);
  const blocks = useMemo(() => (r.data ? groupExpert(r.data.expert) : []), [r.data]);
  return (
    <PanelFrame title="Expert Information" onClose={onClose}>
      <ResultStatus r={r} what="expert information" />
      {r.data && blocks.length === 0 && <p className="stats-note">No expert information in this capture.</p>}
      <div className="expert-list">
        {blocks.map((b) => (
          <section
            key={b.severity}
            className={`expert-severity sev-${b.name.toLowerCase()}`}
            aria-label={`${b.name} (${b.count})`}
            data-severity={b.name}
            data-count={b.count}
          >
            <h3>
              {b.name} <span className="expert-total">({b.count})</span>
            </h3>
            {b.groups.map((g) => (
              <div key={g.group} className="expert-group" data-group={g.group} data-count={g.count}>
                <h4>
                  {g.group} <span className="expert-total">({g.count})</span>
                </h4>
                <ul className="expert-items">
                  {g.rows.map((row, i) => (
                    <ExpertItemRow key={i} row={row} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
    </PanelFrame>
  );
}
