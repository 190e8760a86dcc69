/**
 * Shared machinery for the payload-protocol scenario tests (SigComp, JXTA, H1, S101): a
 * scenario builds a capture from a seed, make-fixtures.ts records tshark 4.0's answers for it,
 * and the tests dissect the same bytes and compare cell by cell.
 */
import { readFileSync } from 'node:fs';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import { memoryByteSource } from '../../../../src/core/capture/index';
import { CaptureSession } from '../../../../src/core/session';
import { formatAddress } from '../../../../src/core/dissect/address';
import type { DissectedFrame } from '../../../../src/core/dissect/frame';

export interface Scenario {
  name: string;
  /** What it exercises (kept in the fixture header comment of the generator's output). */
  about: string;
  /** tshark -e fields besides the common ones. */
  fields: string[];
  build: () => Uint8Array;
}

export const COMMON_FIELDS = ['frame.number', 'frame.protocols', '_ws.col.Protocol', '_ws.col.Info'];

export function fieldsOf(s: Scenario): string[] {
  return [...COMMON_FIELDS, ...s.fields];
}

/** The fixture of a scenario: tshark's -T fields rows (header first), tab-separated. */
export function readFixture(dir: URL, name: string): string[][] {
  return readFileSync(new URL(`fixtures/${name}.tsv`, dir), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

/** One frame as tshark's -T fields row (the packet-list columns come from the columns/pinfo). */
function render(fields: string[], d: DissectedFrame): string[] {
  return fields.map((f) => {
    if (f === '_ws.col.Info') return d.cols?.info ?? '';
    if (f === '_ws.col.Protocol') return d.cols?.protocol ?? '';
    if (f === '_ws.col.Source') return formatAddress(d.pinfo.src);
    if (f === '_ws.col.Destination') return formatAddress(d.pinfo.dst);
    const def = fieldByAbbrev(f);
    return def && d.tree ? d.tree.occurrences(def).map(fieldsText).join(',') : '';
  });
}

/**
 * Our answers in the fixture's layout: one pass with tree and columns like tshark, or (visited)
 * a tree-less first pass followed by re-dissecting every frame, as the UI does.
 */
export function dissectRows(bytes: Uint8Array, fields: string[], visited = false): string[][] {
  const rows: string[][] = [fields];
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: !visited,
      columns: !visited,
      onFrame: (d) => {
        if (!visited) rows.push(render(fields, d));
      },
    },
  });
  session.push(bytes);
  session.finish();
  if (visited) {
    for (let n = 1; n <= session.frameCount; n++) {
      rows.push(render(fields, session.dissect(n, { tree: true, columns: true })));
    }
  }
  return rows;
}

/** Cells that differ ("frame N field: got 'x' want 'y'"); tshark's <MISSING> is an empty cell. */
export function mismatches(want: string[][], got: string[][], only?: (field: string) => boolean): string[] {
  const out: string[] = [];
  const hdr = want[0];
  if (got.length !== want.length) out.push(`frame count: got ${got.length - 1} want ${want.length - 1}`);
  for (let r = 1; r < want.length; r++) {
    for (let c = 0; c < hdr.length; c++) {
      if (only && !only(hdr[c])) continue;
      const w = (want[r][c] ?? '').replaceAll('<MISSING>', '');
      const g = got[r]?.[c] ?? '';
      if (w !== g) out.push(`frame ${r} ${hdr[c]}: got '${g}' want '${w}'`);
    }
  }
  return out;
}
