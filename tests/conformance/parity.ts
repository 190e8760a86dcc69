/**
 * Field and column parity of Wirelight against the tshark oracle of a capture in
 * shared/captures: the core dissects the file in one pass with the tree and the columns on
 * (like `bin/wirelight -T fields`), every cell of oracle/NAME/fields.tsv and columns.tsv is
 * compared, and the result says, per field and per column, how many cells are equal.
 * Reusable by every protocol group (see enforced-fields.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureSession } from '../../src/core/session';
import { fieldByAbbrev } from '../../src/core/dissect/fields';
import { fieldsLine, planFields, type FieldsOptions } from '../../src/core/output/fields-writer';
import { frameSummary, type FrameSummary } from '../../src/core/summary';
import {
  enforcedGroupOf,
  protocolInfoInScope,
  ENFORCED_COLUMNS_ALL_FRAMES,
  SCOPED_FIELDS,
} from './enforced-fields';

export const CAPTURES_DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');

/** Every capture with an oracle (oracle/NAME/ next to NAME.pcap or NAME.pcapng), sorted. */
export function oracleCaptures(dir = CAPTURES_DIR): string[] {
  const oracleDir = join(dir, 'oracle');
  if (!existsSync(oracleDir)) return [];
  return readdirSync(oracleDir)
    .filter((n) => existsSync(join(dir, `${n}.pcap`)) || existsSync(join(dir, `${n}.pcapng`)))
    .sort();
}

export interface Mismatch {
  frame: number;
  expected: string;
  got: string;
}

/** Equal cells out of all cells for one field or column, with the first mismatches. */
export interface CellStats {
  equal: number;
  total: number;
  mismatches: Mismatch[];
}

export interface ParityResult {
  capture: string;
  frames: { oracle: number; ours: number };
  /** Per oracle field (fields.tsv header order). */
  fields: Map<string, CellStats>;
  /** Oracle fields our registry does not know (never silently skipped: listed here). */
  unsupported: string[];
  /** Per column: Source/Destination/Length over all frames, Protocol/Info over in-scope frames, Time informative. */
  columns: Map<string, CellStats>;
}

const MAX_MISMATCHES = 20;

function readTable(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((l) => l.split('\t'));
}

/** The oracle table of a capture: the no-key-log variant when there is one (we do not decrypt). */
export function oracleTable(capture: string, kind: 'fields' | 'columns', dir = CAPTURES_DIR): string[][] {
  const nokeys = join(dir, 'oracle', capture, `${kind}.nokeys.tsv`);
  return readTable(existsSync(nokeys) ? nokeys : join(dir, 'oracle', capture, `${kind}.tsv`));
}

export function captureFile(capture: string, dir = CAPTURES_DIR): string {
  const file = ['pcap', 'pcapng'].map((e) => join(dir, `${capture}.${e}`)).find((p) => existsSync(p));
  if (!file) throw new Error(`capture ${capture} not found in ${dir}`);
  return file;
}

function bump(
  stats: Map<string, CellStats>,
  key: string,
  frame: number,
  expected: string,
  got: string,
): void {
  let s = stats.get(key);
  if (!s) {
    s = { equal: 0, total: 0, mismatches: [] };
    stats.set(key, s);
  }
  s.total++;
  if (expected === got) s.equal++;
  else if (s.mismatches.length < MAX_MISMATCHES) s.mismatches.push({ frame, expected, got });
}

const SEP = '\u0001';

/** Dissects `capture` and compares every oracle cell. */
export function computeParity(capture: string, dir = CAPTURES_DIR): ParityResult {
  const fieldsTable = oracleTable(capture, 'fields', dir);
  const columnsTable = oracleTable(capture, 'columns', dir);
  const header = fieldsTable[0];
  const known = header.filter((h) => fieldByAbbrev(h) !== undefined);
  const unsupported = header.filter((h) => fieldByAbbrev(h) === undefined);
  const opts: FieldsOptions = {
    fields: known,
    header: false,
    separator: SEP,
    occurrence: 'a',
    aggregator: ',',
    quote: 'n',
  };
  const { plan } = planFields(known);
  const ours: { values: string[]; summary: FrameSummary }[] = [];
  const session: CaptureSession = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d, input) => {
        const summary = frameSummary(d, input, session.capture, session.info.tsPrecision, 'relative');
        ours.push({ values: fieldsLine(d, plan, opts, summary).split(SEP), summary });
      },
    },
  });
  const bytes = readFileSync(captureFile(capture, dir));
  const chunk = 1 << 20;
  for (let off = 0; off < bytes.length; off += chunk) session.push(bytes.subarray(off, off + chunk));
  session.finish();

  const fields = new Map<string, CellStats>();
  const columns = new Map<string, CellStats>();
  const knownIndex = new Map(known.map((k, i) => [k, i]));
  const colHeader = columnsTable[0];
  const col = (name: string): number => colHeader.indexOf(`_ws.col.${name}`);
  const protoIdx = header.indexOf('frame.protocols');
  for (let r = 1; r < fieldsTable.length; r++) {
    const row = fieldsTable[r];
    const frame = r;
    const mine = ours[r - 1];
    for (let c = 0; c < header.length; c++) {
      const name = header[c];
      const k = knownIndex.get(name);
      if (k === undefined) continue;
      bump(fields, name, frame, row[c] ?? '', mine ? (mine.values[k] ?? '') : '<missing frame>');
    }
    const crow = columnsTable[r] ?? [];
    const s = mine?.summary;
    const get = (name: string): string => {
      if (!s) return '<missing frame>';
      switch (name) {
        case 'Time':
          return s.time;
        case 'Source':
          return s.source;
        case 'Destination':
          return s.destination;
        case 'Protocol':
          return s.protocol;
        case 'Length':
          return String(s.length);
        default:
          return s.info;
      }
    };
    for (const name of [...ENFORCED_COLUMNS_ALL_FRAMES, 'Time'])
      bump(columns, name, frame, crow[col(name)] ?? '', get(name));
    if (protoIdx >= 0 && protocolInfoInScope(row[protoIdx] ?? '')) {
      for (const name of ['Protocol', 'Info']) bump(columns, name, frame, crow[col(name)] ?? '', get(name));
      for (const name of SCOPED_FIELDS) {
        const k = knownIndex.get(name);
        const c = header.indexOf(name);
        if (k === undefined || c < 0) continue;
        bump(
          fields,
          `${name} [scoped]`,
          frame,
          row[c] ?? '',
          mine ? (mine.values[k] ?? '') : '<missing frame>',
        );
      }
    }
  }
  return {
    capture,
    frames: { oracle: fieldsTable.length - 1, ours: ours.length },
    fields,
    unsupported,
    columns,
  };
}

/** Fields and columns that must be at 100% (enforced and known to the registry). */
export function enforcedFailures(result: ParityResult): string[] {
  const out: string[] = [];
  if (result.frames.oracle !== result.frames.ours) {
    out.push(`${result.capture}: ${result.frames.ours} frames, tshark ${result.frames.oracle}`);
  }
  for (const [name, s] of result.fields) {
    const enforced = enforcedGroupOf(name) !== undefined || name.endsWith(' [scoped]');
    if (enforced && s.equal !== s.total) out.push(describe(result.capture, name, s));
  }
  for (const [name, s] of result.columns) {
    if (name !== 'Time' && s.equal !== s.total) out.push(describe(result.capture, `column ${name}`, s));
  }
  return out;
}

function describe(capture: string, name: string, s: CellStats): string {
  const m = s.mismatches[0];
  return (
    `${capture}: ${name} ${s.equal}/${s.total}` +
    (m ? ` (frame ${m.frame}: tshark "${m.expected}", ours "${m.got}")` : '')
  );
}

/** A parity table: one line per field/column with equal/total cells, summed over results. */
export function parityTable(results: ParityResult[]): string {
  const total = new Map<string, CellStats>();
  const add = (key: string, s: CellStats): void => {
    const t = total.get(key) ?? { equal: 0, total: 0, mismatches: [] };
    t.equal += s.equal;
    t.total += s.total;
    total.set(key, t);
  };
  for (const r of results) {
    for (const [k, s] of r.fields) add(k, s);
    for (const [k, s] of r.columns) add(`_ws.col.${k}`, s);
  }
  const lines = [...total].map(([k, s]) => {
    const pct = s.total === 0 ? 100 : (100 * s.equal) / s.total;
    const enforced =
      enforcedGroupOf(k) !== undefined ||
      k.endsWith(' [scoped]') ||
      (k.startsWith('_ws.col.') && k !== '_ws.col.Time');
    const mark = enforced ? '*' : ' ';
    return `${mark} ${k.padEnd(46)} ${String(s.equal).padStart(7)} / ${String(s.total).padEnd(7)} ${pct.toFixed(1).padStart(5)}%`;
  });
  return lines.join('\n');
}
