/**
 * A TCP expert item of the Malformed group marks the frame malformed like every other one
 * (Wireshark's expert code adds a hidden `_ws.malformed` next to it). The expected values were
 * read from tshark 4.0 on these bytes: a SACK option of length 6 ("suboption would go past end
 * of option") gives `_ws.malformed` three times — the hidden one of the expert item, the
 * "[Malformed Packet: TCP]" item and the hidden one of that item's own expert info — and the
 * filter `_ws.malformed` matches.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../../src/core/capture/index';
import { fieldByAbbrev, type FieldDef } from '../../../../src/core/dissect/fields';
import { compileDisplayFilter } from '../../../../src/core/filter/index';
import { CaptureSession } from '../../../../src/core/session';
import { buildPcap } from './packet-builder';

function def(abbrev: string): FieldDef {
  const d = fieldByAbbrev(abbrev);
  if (!d) throw new Error(`no field ${abbrev}`);
  return d;
}

describe('TCP Malformed-group expert items', () => {
  it('add the hidden _ws.malformed, as tshark does', () => {
    const pcap = buildPcap([
      { t: 0, from: 'c', seq: 1, ack: 1, flags: 'A', options: [5, 6, 0, 0, 0, 1, 1, 1] },
    ]);
    const s = new CaptureSession({
      source: memoryByteSource(pcap),
      firstPass: { tree: false, columns: false },
    });
    s.push(pcap);
    s.finish();
    const d = s.dissect(1, { tree: true, columns: false });
    expect(d.tree?.occurrences(def('tcp.suboption_malformed')).length).toBe(1);
    expect(d.tree?.occurrences(def('_ws.malformed')).length).toBe(3);
    const f = compileDisplayFilter('_ws.malformed');
    if (!f.ok) throw new Error(f.error.message);
    expect([...s.filterFrames(f.value)]).toEqual([1]);
  });
});
