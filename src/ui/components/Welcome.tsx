import { openCapture } from '../actions/load';
import { SAMPLES, sampleHref } from '../lib/samples';

/** Shown over the empty packet list until a capture is open. */
export function Welcome() {
  return (
    <div className="welcome">
      <h1>Wirelight</h1>
      <p>
        Drop a capture file (pcap, pcapng, optionally gzip-compressed) anywhere on this page, press{' '}
        <kbd>Ctrl</kbd>+<kbd>O</kbd>, or{' '}
        <label htmlFor="open-capture" className="link-like">
          choose a file
        </label>
        . Files are read in your browser and never uploaded.
      </p>
      {SAMPLES.length > 0 && (
        <>
          <p>Or open a sample capture:</p>
          <ul className="welcome-samples">
            {SAMPLES.map((s) => (
              <li key={s.name}>
                <button
                  type="button"
                  className="link-like"
                  onClick={() => void openCapture({ kind: 'url', url: sampleHref(s), name: s.name })}
                >
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
