import { useState } from 'react';
import { openCapture } from '../actions/load';
import { registerFileInput } from '../lib/file-picker';
import { SAMPLES, sampleHref } from '../lib/samples';
import { Menu } from './Menu';

/**
 * "Open" (a label for the file input, so the input itself is the keyboard-reachable control
 * named "Open capture") and the "Open sample" menu.
 */
export function OpenControls() {
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  return (
    <>
      <input
        ref={registerFileInput}
        id="open-capture"
        type="file"
        aria-label="Open capture"
        className="visually-hidden file-input"
        accept=".pcap,.pcapng,.cap,.gz,.pcap.gz,.pcapng.gz,.dmp,application/vnd.tcpdump.pcap"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void openCapture({ kind: 'file', file });
          // Allow opening the same file again.
          e.target.value = '';
        }}
      />
      <label htmlFor="open-capture" className="tool-button open-button" title="Open a capture file (Ctrl+O)">
        Open…
      </label>
      <button
        type="button"
        className="tool-button"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu(menu ? null : { x: r.left, y: r.bottom });
        }}
      >
        Open sample ▾
      </button>
      {menu && (
        <Menu
          label="Sample captures"
          x={menu.x}
          y={menu.y}
          entries={
            SAMPLES.length > 0
              ? SAMPLES.map((s) => ({
                  label: s.name,
                  onSelect: () => void openCapture({ kind: 'url', url: sampleHref(s), name: s.name }),
                }))
              : [{ label: 'No samples in this build', disabled: true }]
          }
          onClose={() => setMenu(null)}
        />
      )}
    </>
  );
}
