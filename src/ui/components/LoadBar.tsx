import { cancelLoad } from '../actions/load';
import { cancelScan } from '../actions/filter';
import { formatBytes, groupDigits } from '../lib/units';
import { useApp } from '../store/index';
import { usePopups } from '../store/popups';

/** Progress of a load or of a filter/sort over a big capture, with Cancel; load problems. */
export function LoadBar() {
  const loading = useApp((s) => s.loading);
  const scan = useApp((s) => s.scan);
  const loadError = useApp((s) => s.loadError);
  const loadWarning = useApp((s) => s.loadWarning);
  const notices = usePopups((s) => s.notices);
  return (
    <>
      {loading && (
        <div className="progress-bar">
          <progress
            aria-label="Loading capture"
            max={loading.totalBytes || undefined}
            value={loading.totalBytes ? loading.bytes : undefined}
          />
          <span className="progress-text">
            Loading {loading.name}: {formatBytes(loading.bytes)}
            {loading.totalBytes ? ` of ${formatBytes(loading.totalBytes)}` : ''} ·{' '}
            {groupDigits(loading.packets)} packets · {groupDigits(loading.packetsPerSec)} packets/s
          </span>
          <button type="button" className="tool-button" onClick={cancelLoad}>
            Cancel
          </button>
        </div>
      )}
      {scan && scan.total > 0 && (
        <div className="progress-bar">
          <progress
            aria-label={scan.what === 'filter' ? 'Filtering' : 'Sorting'}
            max={scan.total}
            value={scan.done}
          />
          <span className="progress-text">
            {scan.what === 'filter' ? 'Filtering' : 'Sorting'}: {Math.floor((100 * scan.done) / scan.total)}%
          </span>
          <button type="button" className="tool-button" onClick={cancelScan}>
            Cancel
          </button>
        </div>
      )}
      {loadError && (
        <div className="banner error" role="status">
          <span className="banner-text">{loadError}</span>
          <button type="button" aria-label="Dismiss" onClick={() => useApp.setState({ loadError: null })}>
            ✕
          </button>
        </div>
      )}
      {loadWarning && (
        <div className="banner warning" role="status">
          <span className="banner-text">{loadWarning}</span>
          <button type="button" aria-label="Dismiss" onClick={() => useApp.setState({ loadWarning: null })}>
            ✕
          </button>
        </div>
      )}
      {notices.length > 0 && (
        <div className="banner info" role="status">
          <span className="banner-text">{notices.join(' ')}</span>
          <button type="button" aria-label="Dismiss" onClick={() => usePopups.setState({ notices: [] })}>
            ✕
          </button>
        </div>
      )}
    </>
  );
}
