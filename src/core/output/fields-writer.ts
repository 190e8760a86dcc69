import type { DissectedFrame } from '../dissect/frame';
import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import { fieldsText } from '../dissect/format';
import type { FrameSummary } from '../summary';

/** tshark's `-T fields` options (`-e`, `-E header/separator/occurrence/aggregator/quote`). */
export interface FieldsOptions {
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: 'f' | 'l' | 'a';
  aggregator: string;
  quote: 'n' | 'd' | 's';
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = {
  fields: [],
  header: false,
  separator: '\t',
  occurrence: 'a',
  aggregator: ',',
  quote: 'n',
};

/** Column pseudo-fields (`_ws.col.Info`) and the summary member they read. */
const COLUMN_FIELDS: Record<string, (s: FrameSummary) => string> = {
  '_ws.col.No.': (s) => String(s.num),
  '_ws.col.Time': (s) => s.time,
  '_ws.col.Source': (s) => s.source,
  '_ws.col.Destination': (s) => s.destination,
  '_ws.col.Protocol': (s) => s.protocol,
  '_ws.col.Length': (s) => String(s.length),
  '_ws.col.Info': (s) => s.info,
};

/** A compiled field list: resolved once, used for every frame. */
export interface FieldsPlan {
  columns: ({ kind: 'field'; def: FieldDef } | { kind: 'column'; get: (s: FrameSummary) => string })[];
  needsColumns: boolean;
}

/** Resolves field names; returns the unknown ones so the CLI can report them like tshark. */
export function planFields(names: string[]): { plan: FieldsPlan; unknown: string[] } {
  const unknown: string[] = [];
  const columns: FieldsPlan['columns'] = [];
  let needsColumns = false;
  for (const name of names) {
    const col = COLUMN_FIELDS[name];
    if (col) {
      columns.push({ kind: 'column', get: col });
      needsColumns = true;
      continue;
    }
    const def = fieldByAbbrev(name);
    if (!def) unknown.push(name);
    else columns.push({ kind: 'field', def });
  }
  return { plan: { columns, needsColumns }, unknown };
}

function quoteValue(v: string, q: FieldsOptions['quote']): string {
  if (q === 'd') return `"${v}"`;
  if (q === 's') return `'${v}'`;
  return v;
}

export function fieldsHeader(opts: FieldsOptions): string {
  return opts.fields.map((f) => quoteValue(f, opts.quote)).join(opts.separator);
}

/** One output line for a frame (without the newline). */
export function fieldsLine(
  frame: DissectedFrame,
  plan: FieldsPlan,
  opts: FieldsOptions,
  summary: FrameSummary | null,
): string {
  const out: string[] = [];
  for (const c of plan.columns) {
    if (c.kind === 'column') {
      out.push(summary ? quoteValue(c.get(summary), opts.quote) : '');
      continue;
    }
    const occ = frame.tree ? frame.tree.occurrences(c.def) : [];
    if (occ.length === 0) {
      out.push('');
      continue;
    }
    let text: string;
    if (opts.occurrence === 'f') text = fieldsText(occ[0]);
    else if (opts.occurrence === 'l') text = fieldsText(occ[occ.length - 1]);
    else {
      text = '';
      for (let i = 0; i < occ.length; i++) text += (i > 0 ? opts.aggregator : '') + fieldsText(occ[i]);
    }
    out.push(quoteValue(text, opts.quote));
  }
  return out.join(opts.separator);
}
