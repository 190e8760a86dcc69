import type { FieldValue } from '../../core/dissect/field-types';
import { fieldByAbbrev, type FieldDef } from '../../core/dissect/fields';
import { compileDisplayFilter, type DisplayFilter } from '../../core/filter/index';
import {
  CALC,
  CALC_NAMES,
  IoStatColumn,
  ValueKind,
  valueKind,
  type CalcType,
} from '../../core/stats/io-stat';
import { captureElapsed, frameRelTime, relativeMicros } from '../../core/stats/rel-time';
import { cDouble, padEnd, padStart } from './format-size';
import type { ZHandler, ZTap } from './types';

/** Decimal digits of v, at least 1 and at most max (tshark's magnitude()). */
export function magnitude(v: number, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return mag;
}

/** `n` spaces, or none when n <= 0 (tshark prints the tail of a string of spaces). */
function sp(n: number): string {
  return n > 0 ? ' '.repeat(n) : '';
}

/** A column label centred in `width` the way tshark's printcenter does it (with its right border). */
function center(label: string, width: number): string {
  const len = 6 - (Math.trunc((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const pad = sp(6 - len);
    return (width - label.length) % 2 === 0 ? `${pad}${label}${pad}|` : ` ${pad}${label}${pad}|`;
  }
  if (len > 0 && len <= 15) return `${label}|`;
  return '';
}

/** One column as the user asked for it. */
export interface IoColumnSpec {
  /** The column's text as given (printed in the "Col N:" list); null for an empty one. */
  text: string | null;
  calc: CalcType;
  field: FieldDef | null;
  /** The tap filter (after the calculation, if any); null or '' for none. */
  filter: string | null;
}

export interface IoStatSpec {
  /** Interval in µs; Infinity for `io,stat,0` (the whole capture). */
  intervalUs: number;
  /** Decimals the user's interval asks for (tshark's invl_prec). */
  prec: number;
  columns: IoColumnSpec[];
}

const ARG_ERROR = 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument';

/** Parses the leading number as C's strtod would ("1", "0.5", ".5", "1e-3"); null if there is none. */
function leadingNumber(s: string): { value: number; len: number } | null {
  const m = /^[ \t\n\r\f\v]*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(s);
  if (!m) return null;
  return { value: Number(m[0].trim()), len: m[0].length };
}

/** One column's text: a plain filter, or CALC(field)filter / FRAMES / BYTES. */
function parseColumn(text: string | null): IoColumnSpec | { error: string } {
  if (text === null) return { text, calc: CALC.FRAMES_AND_BYTES, field: null, filter: null };
  for (let calc = 0; calc < CALC_NAMES.length; calc++) {
    const name = CALC_NAMES[calc];
    if (!text.startsWith(name)) continue;
    const c = calc as CalcType;
    const rest = text.slice(name.length);
    if (!rest.startsWith('(')) {
      // A bare name ("FRAMES", "BYTES", even "FRAMESudp"): tshark applies no filter at all.
      return { text, calc: c, field: null, filter: null };
    }
    const close = rest.indexOf(')');
    if (close < 0) return { error: 'Closing parenthesis missing from calculated expression.' };
    const fieldName = rest.slice(1, close);
    const filter = rest.slice(close + 1);
    if (c === CALC.FRAMES || c === CALC.BYTES) {
      if (fieldName !== '')
        return { error: `${name} does not require or allow a field name within the parens.` };
      return { text, calc: c, field: null, filter };
    }
    if (fieldName === '') return { error: `You didn't specify a field name for ${name}(*).` };
    const field = fieldByAbbrev(fieldName);
    if (!field) return { error: `There is no field named '${fieldName}'.` };
    const kind = valueKind(field.type);
    if (c !== CALC.COUNT && kind === ValueKind.Other) {
      return {
        error: `${fieldName} doesn't have integral values, so ${name}(*) calculations are not supported on it.`,
      };
    }
    if (c === CALC.LOAD && kind !== ValueKind.Time) {
      return { error: 'LOAD() is only supported for relative-time fields such as smb.time' };
    }
    return { text, calc: c, field, filter };
  }
  return { text, calc: CALC.FRAMES_AND_BYTES, field: null, filter: text };
}

/** Parses "io,stat,INTERVAL[,COLUMN...]" as tshark does. */
export function parseIoStat(arg: string): IoStatSpec | { error: string } {
  const body = arg.slice('io,stat,'.length);
  const num = leadingNumber(body);
  if (!num || Number.isNaN(num.value)) return { error: ARG_ERROR };
  let filters: string | null = null;
  // tshark scans "%lf,": the columns start after the comma that follows the number.
  if (body[num.len] === ',') filters = body.slice(num.len + 1);
  // A trailing comma leaves an empty last column, which tshark refuses.
  if (filters !== null && (filters === '' || filters.endsWith(','))) return { error: ARG_ERROR };
  let intervalUs: number;
  let prec = 0;
  if (num.value === 0) intervalUs = Infinity;
  else if (num.value < 0) {
    // tshark converts a negative interval to an enormous unsigned one: the whole capture.
    if (Math.floor(num.value * 1_000_000 + 0.5) === 0) {
      return { error: '"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.' };
    }
    intervalUs = Infinity;
  } else {
    intervalUs = Math.floor(num.value * 1_000_000 + 0.5);
    prec = 6;
    for (let i = 10; i < 10_000_000; i *= 10) {
      if (intervalUs % i > 0) break;
      prec--;
    }
    if (prec === 0) {
      // "1.00" asks for that many decimals although the interval is whole.
      const text = body.slice(0, num.len);
      const dot = text.indexOf('.');
      if (dot >= 0 && text.length - dot - 1 > 0) prec = Math.min(text.length - dot - 1, 6);
    }
    if (!(intervalUs >= 1)) {
      return { error: '"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.' };
    }
  }
  const texts: (string | null)[] =
    filters === null ? [null] : filters.split(',').map((f) => (f === '' ? null : f));
  const columns: IoColumnSpec[] = [];
  for (const t of texts) {
    const c = parseColumn(t);
    if ('error' in c) return c;
    columns.push(c);
  }
  return { intervalUs, prec, columns };
}

/** A column's cells after the capture: what the report prints. */
interface ColumnResult {
  spec: IoColumnSpec;
  col: IoStatColumn;
}

/** Renders `-z io,stat` exactly as tshark prints it; `elapsed` is the capture's duration in µs. */
export function renderIoStat(spec: IoStatSpec, results: ColumnResult[], elapsedUs: number): string {
  let duration = elapsedUs;
  let interval: number;
  let whole = spec.intervalUs === Infinity;
  if (spec.intervalUs > duration || whole) {
    interval = duration;
    whole = true;
  } else interval = spec.intervalUs;

  const durSecsOrig = Math.floor(duration / 1e6);
  const durUsOrig = duration % 1e6;
  let durMag = magnitude(durSecsOrig, 5);
  // Printf widths are built from the magnitude before rounding (tshark formats them once).
  const durMagFmt = durMag;
  const invlMag = magnitude(Math.floor(interval / 1e6), 5);
  let prec: number;
  let border: number;
  if (interval === duration) {
    prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    border = 30 + durMag + (prec === 0 ? 0 : prec + 1);
  } else {
    prec = spec.prec;
    border = 25 + Math.max(invlMag, durMag) + (prec === 0 ? 0 : prec + 1);
  }
  const dv = 10 ** (6 - prec);
  if (duration % dv > 5 * (dv / 10)) {
    duration += 5 * (dv / 10);
    duration = Math.floor(duration / dv) * dv;
    durMag = magnitude(Math.floor(duration / 1e6), 5);
  }
  if (whole) interval = duration;
  let invlColW = prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
  invlColW = Math.max(invlColW, 12);
  border = Math.max(border, invlColW);

  // Widths and printers of the value columns.
  let tabrow = invlColW;
  const widths = results.map(({ spec: s, col }) => widthOf(s, col, interval));
  for (const w of widths) tabrow += (w.fr > 0 ? w.fr + 3 : 0) + (w.val > 0 ? w.val + 3 : 0);
  border = Math.max(border, tabrow);
  let maxFilter = 0;
  for (const { spec: s } of results)
    maxFilter = Math.max(maxFilter, s.text !== null ? s.text.length + 11 : 26);
  if (maxFilter > border && border < 102) border = Math.min(maxFilter, 102);
  if (border - tabrow === 1) border++;

  let out = `\n${'='.repeat(border)}\n| IO Statistics${sp(border - 16)}|\n|${sp(border - 2)}|\n`;
  const num = (v: number, w: number): string => padStart(String(v), w);
  if (prec === 0) {
    out += `| Duration: ${num(durSecsOrig, durMagFmt)}.${num(durUsOrig, 6)} secs${sp(border - 25 - durMag)}|\n`;
    out += `| Interval: ${num(Math.floor(interval / 1e6), durMagFmt)} secs${sp(border - 18 - durMag)}|\n`;
  } else {
    const t = (us: number): string =>
      `${num(Math.floor(us / 1e6), durMagFmt)}.${String(Math.floor((us % 1e6) / dv)).padStart(prec, '0')}`;
    out += `| Duration: ${t(duration)} secs${sp(border - 19 - durMag - prec)}|\n`;
    out += `| Interval: ${t(interval)} secs${sp(border - 19 - durMag - prec)}|\n`;
  }
  out += `|${sp(border - 2)}|\n`;

  out += '| Col';
  results.forEach(({ spec: s }, j) => {
    out += j === 0 ? `${padStart(String(j + 1), 2)}: ` : `|    ${padStart(String(j + 1), 2)}: `;
    if (s.text === null) {
      out += `Frames and bytes${sp(border - 26)}|\n`;
      return;
    }
    let filter = s.text;
    if (filter.length + 11 <= border) {
      out += `${filter}${sp(border - filter.length - 10)}|\n`;
      return;
    }
    const maxW = border - 11;
    for (;;) {
      if (filter.length > maxW) {
        const head = filter.slice(0, maxW);
        const space = head.lastIndexOf(' ');
        const len = space >= 0 ? space : head.length;
        const next = space >= 0 ? len + 1 : len;
        out += `${head.slice(0, len)}${sp(border - len - 10)}|\n|        `;
        filter = filter.slice(next);
      } else {
        out += `${filter}${sp(border - filter.length - 10)}|\n`;
        break;
      }
    }
  });
  out += `|-${'-'.repeat(Math.max(0, border - 3))}|\n`;

  const filler = tabrow < border ? `${sp(border - tabrow - 1)}|` : '';
  out += `|${sp(invlColW - 2)}|`;
  results.forEach(({ spec: s }, j) => {
    const w = widths[j];
    const inner = s.calc === CALC.FRAMES_AND_BYTES ? w.fr + w.val + 3 : s.calc === CALC.FRAMES ? w.fr : w.val;
    out += `${padEnd(String(j + 1), 2)}${sp(inner)}|`;
  });
  out += filler;
  out += `\n| Interval${sp(invlColW - 11)}|`;
  results.forEach(({ spec: s }, j) => {
    const w = widths[j];
    if (s.calc === CALC.FRAMES) out += center('FRAMES', w.fr);
    else if (s.calc === CALC.FRAMES_AND_BYTES) out += center('Frames', w.fr) + center('Bytes', w.val);
    else out += center(CALC_NAMES[s.calc], w.val);
  });
  out += filler;
  out += `\n|-${'-'.repeat(Math.max(0, tabrow - 3))}|${filler}\n`;

  const rows =
    interval === 0 || duration === 0
      ? 0
      : Math.floor(duration / interval) + (duration % interval > 0 ? 1 : 0);
  let t = 0;
  for (let row = 0; row < rows; row++) {
    const last = row === rows - 1;
    const end = last ? duration : t + interval;
    if (prec === 0) {
      if (last) {
        const maxw = durMag >= 3 ? durMag + 1 : 3;
        out += `${durMag === 1 ? '|  ' : '| '}${num(Math.floor(t / 1e6), durMagFmt)} <> ${padEnd('Dur', maxw)}|`;
      } else if (durMag === 1) {
        out += `|  ${num(Math.floor(t / 1e6), durMagFmt)} <> ${num(Math.floor(end / 1e6), durMagFmt)}  |`;
      } else {
        out += `| ${num(Math.floor(t / 1e6), durMagFmt)} <> ${num(Math.floor(end / 1e6), durMagFmt)} |`;
      }
    } else {
      const part = (us: number): string =>
        `${num(Math.floor(us / 1e6), durMagFmt)}.${String(Math.floor((us % 1e6) / dv)).padStart(prec, '0')}`;
      out += `| ${part(t)} <> ${part(end)} |`;
    }
    results.forEach(({ spec: s, col }, j) => {
      out += cell(s, col, row, widths[j], last ? end - t : interval);
    });
    out += `${filler}\n`;
    t += interval;
  }
  return out + `${'='.repeat(border)}\n`;
}

interface Width {
  /** Frames sub-column width (0 when the column has none). */
  fr: number;
  val: number;
}

function widthOf(s: IoColumnSpec, col: IoStatColumn, interval: number): Width {
  if (s.calc === CALC.FRAMES) return { fr: Math.max(6, magnitude(col.maxFrames, 15)), val: 0 };
  if (s.calc === CALC.FRAMES_AND_BYTES) {
    return { fr: Math.max(6, magnitude(col.maxFrames, 15)), val: Math.max(5, magnitude(col.maxValue, 15)) };
  }
  if (s.calc === CALC.BYTES || s.calc === CALC.COUNT)
    return { fr: 0, val: Math.max(5, magnitude(col.maxValue, 15)) };
  const kind = col.kind;
  if (kind === ValueKind.Float || kind === ValueKind.Double)
    return { fr: 0, val: magnitude(col.maxValue, 15) + 4 };
  if (kind === ValueKind.Time) {
    let max = col.maxValue;
    if (s.calc === CALC.LOAD) max = interval > 0 ? Math.floor(max / interval) : 0;
    else if (s.calc !== CALC.AVG) max = Math.floor((max + 500_000_000) / 1e9);
    return { fr: 0, val: magnitude(max, 15) + 7 };
  }
  return { fr: 0, val: Math.max(CALC_NAMES[s.calc].length, magnitude(col.maxValue, 15)) };
}

/** "%u.%06u" of a microsecond count. */
function secsMicros(us: number, intWidth: number): string {
  return `${padStart(String(Math.floor(us / 1e6)), intWidth)}.${String(us % 1e6).padStart(6, '0')}`;
}

function cell(s: IoColumnSpec, col: IoStatColumn, row: number, w: Width, span: number): string {
  const has = row <= col.last;
  const frames = has ? col.frames[row] : 0;
  const counter = has ? col.counter[row] : 0;
  const v = (x: number | string): string => ` ${padStart(String(x), w.val)} |`;
  switch (s.calc) {
    case CALC.FRAMES:
      return ` ${padStart(String(frames), w.fr)} |`;
    case CALC.FRAMES_AND_BYTES:
      return ` ${padStart(String(frames), w.fr)} |${v(counter)}`;
    case CALC.BYTES:
    case CALC.COUNT:
      return v(counter);
  }
  const kind = col.kind;
  if (!has) {
    if (kind === ValueKind.Time) return ` ${secsMicros(0, w.val - 7)} |`;
    if (kind === ValueKind.Float || kind === ValueKind.Double) return v(cDouble(0, 3));
    return v(0);
  }
  switch (s.calc) {
    case CALC.SUM:
    case CALC.MIN:
    case CALC.MAX:
      if (kind === ValueKind.Float) return v(cDouble(col.floatCounter[row], 3));
      if (kind === ValueKind.Double) return v(cDouble(col.doubleCounter[row], 3));
      if (kind === ValueKind.Time) return ` ${secsMicros(Math.floor((counter + 500) / 1000), w.val - 7)} |`;
      return v(counter);
    case CALC.AVG: {
      const n = col.num[row] || 1;
      if (kind === ValueKind.Float) return v(cDouble(Math.fround(col.floatCounter[row] / n), 3));
      if (kind === ValueKind.Double) return v(cDouble(col.doubleCounter[row] / n, 3));
      if (kind === ValueKind.Time)
        return ` ${secsMicros(Math.floor((Math.floor(counter / n) + 500) / 1000), w.val - 7)} |`;
      return v(Math.trunc(counter / n));
    }
    case CALC.LOAD: {
      if (span <= 0) return ` ${secsMicros(0, w.val - 7)} |`;
      const whole = Math.floor(counter / span);
      const frac = Math.floor(((counter % span) * 1e6) / span);
      return ` ${padStart(String(whole), w.val - 7)}.${String(frac).padStart(6, '0')} |`;
    }
  }
  return v(0);
}

interface LiveColumn {
  spec: IoColumnSpec;
  filter: DisplayFilter | null;
  col: IoStatColumn;
}

export const ioStatHandler: ZHandler = {
  matches: (arg) => arg.startsWith('io,stat,'),
  create(arg): ZTap | { error: string } {
    const spec = parseIoStat(arg);
    if ('error' in spec) return spec;
    const live: LiveColumn[] = [];
    for (const c of spec.columns) {
      let filter: DisplayFilter | null = null;
      if (c.filter) {
        const r = compileDisplayFilter(c.filter);
        if (!r.ok) return { error: r.error.message };
        filter = r.value;
      }
      live.push({ spec: c, filter, col: new IoStatColumn(c.calc, c.field, spec.intervalUs) });
    }
    // tshark's tree only holds the fields some filter refers to (the others are "faked"):
    // a calculation sees its field only when one of the columns' filters names it.
    const referenced = new Set<number>();
    for (const c of live) for (const f of c.filter?.fields ?? []) referenced.add(f.id);
    const none: readonly FieldValue[] = [];
    // The duration covers the frames read (not only those a -Y filter let through, nor the
    // rest of a chunk parsed past -c): up to the last frame this tap was offered.
    let lastFrame = 0;
    return {
      needsTree: live.some((c) => c.filter !== null || c.spec.field !== null),
      onFrame(d, input) {
        lastFrame = input.num;
        const relUs = relativeMicros(frameRelTime(d.pinfo));
        for (const c of live) {
          if (c.filter && !c.filter.matches(d)) continue;
          let values = none;
          const field = c.spec.field;
          if (field && d.tree && referenced.has(field.id))
            values = d.tree.occurrences(field).map((n) => n.value);
          c.col.add(relUs, input.origlen, values);
        }
      },
      finish(session) {
        return renderIoStat(
          spec,
          live.map((c) => ({ spec: c.spec, col: c.col })),
          captureElapsedMicros(session, lastFrame),
        );
      },
    };
  },
};

/** tshark's duration: the largest time since the first frame among the frames read, in µs. */
function captureElapsedMicros(session: Parameters<ZTap['finish']>[0], upTo: number): number {
  const e = captureElapsed(session, upTo);
  return e.sec * 1e6 + Math.floor((e.nsec + 500) / 1000);
}
