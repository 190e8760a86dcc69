import type { TimeFormat } from '../../worker/types';
import { followSelected, openGoTo } from '../actions/commands';
import { TIME_FORMAT_CHOICES } from '../lib/time-format';
import { useApp } from '../store/index';
import { OpenControls } from './OpenControls';
import { ShareControls } from '../share/ShareButton';
import { StatsMenus } from '../stats/StatsMenus';

/** The main toolbar. The free space at the end is kept for sharing controls. */
export function Toolbar() {
  const timeFormat = useApp((s) => s.timeFormat);
  const coloring = useApp((s) => s.coloring);
  const hasCapture = useApp((s) => s.gen !== 0);
  const hasSelection = useApp((s) => s.selected !== null);
  return (
    <header className="toolbar">
      <span className="app-name" aria-hidden="true">
        Wirelight
      </span>
      <OpenControls />
      <span className="tool-sep" aria-hidden="true" />
      <label className="tool-field">
        Time
        <select
          aria-label="Time format"
          value={timeFormat}
          onChange={(e) => useApp.setState({ timeFormat: e.target.value as TimeFormat })}
        >
          {TIME_FORMAT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="tool-field">
        <input
          type="checkbox"
          checked={coloring}
          onChange={(e) => useApp.setState({ coloring: e.target.checked })}
        />
        Colorize packet list
      </label>
      <span className="tool-sep" aria-hidden="true" />
      <button
        type="button"
        className="tool-button"
        disabled={!hasSelection}
        title="Follow the TCP stream of the selected packet (Ctrl+Alt+Shift+T)"
        onClick={() => void followSelected('tcp')}
      >
        Follow TCP
      </button>
      <button
        type="button"
        className="tool-button"
        disabled={!hasSelection}
        title="Follow the UDP stream of the selected packet (Ctrl+Alt+Shift+U)"
        onClick={() => void followSelected('udp')}
      >
        Follow UDP
      </button>
      <button
        type="button"
        className="tool-button"
        disabled={!hasCapture}
        title="Go to a packet by number (Ctrl+G)"
        onClick={openGoTo}
      >
        Go to packet…
      </button>
      <span className="tool-sep" aria-hidden="true" />
      <StatsMenus />
      <span className="toolbar-rest" />
      <ShareControls />
    </header>
  );
}
