import { compileDisplayFilter, type DisplayFilter } from '../../core/filter/index';
import { IoBuckets } from '../../core/stats/io-stat';
import { padEnd, padStart } from './format-size';
import type { ZHandler, ZTap } from './types';

/** Decimal digits of v, at least 1 and at most max (tshark's magnitude()). */
function magnitude(v: number, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return mag;
}

/** Wireshark's label centring for the column headers ("printcenter"). */
function center(label: string, width: number): string {
  const spaces = '      ';
  const len = spaces.length - (Math.floor((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const pad = spaces.slice(len);
    return (width - label.length) % 2 === 0 ? `${pad}${label}${pad}|` : ` ${pad}${label}${pad}|`;
  }
  return `${label}|`;
}

/** Seconds with `prec` decimals from microseconds, rounding half up. */
function secondsText(us: number, prec: number): string {
  if (prec === 0) return String(Math.floor(us / 1e6));
  const scale = 10 ** (6 - prec);
  const units = Math.round(us / scale);
  const div = 10 ** prec;
  return `${Math.floor(units / div)}.${String(units % div).padStart(prec, '0')}`;
}

interface Column {
  filter: string | null;
  compiled: DisplayFilter | null;
  buckets: IoBuckets;
}

/** Everything `-z io,stat,INTERVAL[,FILTER...]` needs to print its table. */
export function renderIoStat(columns: Column[], intervalArgUs: number, invlPrecArg: number, elapsedNs: number): string {
  let duration = Math.floor(elapsedNs / 1e9) * 1e6 + Math.floor(((elapsedNs % 1e9) + 500) / 1000);
  let whole = intervalArgUs === Infinity;
  let interval: number;
  if (intervalArgUs > duration || whole) {
    interval = duration;
    whole = true;
  } else interval = intervalArgUs;
  let durSecs = Math.floor(duration / 1e6);
  let durMag = magnitude(durSecs, 5);
  const invlMag = magnitude(Math.floor(interval / 1e6), 5);
  let prec: number;
  let border: number;
  if (interval === duration) {
    prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    border = 30 + durMag + (prec === 0 ? 0 : prec + 1);
  } else {
    prec = invlPrecArg;
    border = 25 + Math.max(invlMag, durMag) + (prec === 0 ? 0 : prec + 1);
  }
  const dv = 10 ** (6 - prec);
  if (duration % dv > 5 * (dv / 10)) {
    duration += 5 * (dv / 10);
    duration = Math.floor(duration / dv) * dv;
    durSecs = Math.floor(duration / 1e6);
    durMag = magnitude(durSecs, 5);
  }
  if (whole) interval = duration;
  let invlColW = prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
  invlColW = Math.max(invlColW, 12);

  const widths = columns.map((c) => {
    const maxF = c.buckets.frames.reduce((m, v) => Math.max(m, v), 0);
    const maxB = c.buckets.bytes.reduce((m, v) => Math.max(m, v), 0);
    return { fr: Math.max(6, magnitude(maxF, 15)), val: Math.max(5, magnitude(maxB, 15)) };
  });
  const tabrow = invlColW + widths.reduce((n, w) => n + w.fr + 3 + w.val + 3, 0);
  border = Math.max(border, tabrow);
  const maxFilter = columns.reduce((m, c) => Math.max(m, c.filter ? c.filter.length + 11 : 26), 0);
  if (maxFilter > border && border < 102) border = Math.min(maxFilter, 102);
  if (border - tabrow === 1) border++;

  const line = (s: string): string => `${s}${padStart('|', border - s.length)}\n`;
  let out = `\n${'='.repeat(border)}\n|${padEnd(' IO Statistics', border - 2)}|\n|${' '.repeat(border - 2)}|\n`;
  const durPrec = prec === 0 ? 6 : prec;
  const durW = magnitude(Math.floor(elapsedNs / 1e9), 5) + (prec === 0 ? 0 : prec + 1);
  const elapsedUsRounded = Math.round(elapsedNs / 10 ** (9 - durPrec)) * 10 ** (9 - durPrec) / 1000;
  out += line(`| Duration: ${padStart(secondsText(elapsedUsRounded, durPrec), durW)} secs`);
  out += line(`| Interval: ${padStart(secondsText(interval, prec), durW)} secs`);
  out += `|${' '.repeat(border - 2)}|\n`;
  columns.forEach((c, j) => {
    let s = `${j === 0 ? '| Col ' : '|     '}${padStart(String(j + 1), 2)}: `;
    if (!c.filter) s += 'Frames and bytes';
    else {
      let f = c.filter;
      const maxW = border - 11;
      while (f.length > maxW) {
        const sp = f.lastIndexOf(' ', maxW - 1);
        const len = sp >= 0 ? sp : maxW;
        out += line(s + f.slice(0, len));
        s = '|         ';
        f = f.slice(sp >= 0 ? len + 1 : len);
      }
      s += f;
    }
    out += line(s);
  });
  out += `|-${'-'.repeat(border - 3)}|\n`;
  const filler = tabrow < border ? padStart('|', border - tabrow) : '';
  out += `|${padStart('|', invlColW - 1)}`;
  widths.forEach((w, j) => {
    out += `${padEnd(String(j + 1), 2)}${' '.repeat(w.fr + w.val + 3)}|`;
  });
  out += `${filler}\n| Interval${padStart('|', invlColW - 10)}`;
  for (const w of widths) out += center('Frames', w.fr) + center('Bytes', w.val);
  out += `${filler}\n|-${'-'.repeat(tabrow - 3)}|${filler}\n`;

  for (let t = 0, row = 0; t < duration; t += interval, row++) {
    let end = t + interval;
    const last = end >= duration;
    if (last) end = duration;
    if (prec === 0) {
      const a = Math.floor(t / 1e6);
      if (last) {
        const maxw = durMag >= 3 ? durMag + 1 : 3;
        out += `| ${durMag === 1 ? ' ' : ''}${padStart(String(a), durMag)} <> ${padEnd('Dur', maxw)}|`;
      } else if (durMag === 1) out += `|  ${a} <> ${Math.floor(end / 1e6)}  |`;
      else out += `| ${padStart(String(a), durMag)} <> ${padStart(String(Math.floor(end / 1e6)), durMag)} |`;
    } else {
      const part = (us: number): string =>
        `${padStart(String(Math.floor(us / 1e6)), durMag)}.${String(Math.floor((us % 1e6) / dv)).padStart(prec, '0')}`;
      out += `| ${part(t)} <> ${part(end)} |`;
    }
    columns.forEach((c, j) => {
      const f = c.buckets.frames[row] ?? 0;
      const b = c.buckets.bytes[row] ?? 0;
      out += ` ${padStart(String(f), widths[j].fr)} | ${padStart(String(b), widths[j].val)} |`;
    });
    out += `${filler}\n`;
  }
  return out + `${'='.repeat(border)}\n`;
}

/** Parses "io,stat,INTERVAL[,FILTER...]" as tshark does. */
function parse(arg: string): { intervalUs: number; prec: number; filters: (string | null)[] } | { error: string } {
  const bad = { error: 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument' };
  if (arg.endsWith(',')) return bad;
  const m = /^io,stat,([0-9]*\.?[0-9]*)(,.*)?$/.exec(arg);
  if (!m || m[1] === '' || m[1] === '.') return bad;
  const value = Number(m[1]);
  let intervalUs: number;
  let prec = 0;
  if (value === 0) intervalUs = Infinity;
  else {
    intervalUs = Math.floor(value * 1e6 + 0.5);
    if (intervalUs < 1) return { error: '"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.' };
    prec = 6;
    for (let i = 10; i < 1e7; i *= 10) {
      if (intervalUs % i > 0) break;
      prec--;
    }
    if (prec === 0) {
      const dot = m[1].indexOf('.');
      if (dot >= 0 && m[1].length - dot - 1 > 0) prec = Math.min(m[1].length - dot - 1, 6);
    }
  }
  const filters = m[2] ? m[2].slice(1).split(',').map((f) => (f === '' ? null : f)) : [null];
  return { intervalUs, prec, filters };
}

export const ioStatHandler: ZHandler = {
  matches: (arg) => arg.startsWith('io,stat,'),
  create(arg): ZTap | { error: string } {
    const p = parse(arg);
    if ('error' in p) return p;
    const columns: Column[] = [];
    for (const f of p.filters) {
      if (f && /^(COUNT|SUM|MIN|MAX|AVG|LOAD|FRAMES|BYTES)\(/.test(f)) {
        return { error: `io,stat calculations such as ${f.slice(0, f.indexOf('('))}() are not supported yet` };
      }
      let compiled: DisplayFilter | null = null;
      if (f) {
        const r = compileDisplayFilter(f);
        if (!r.ok) return { error: r.error.message };
        compiled = r.value;
      }
      columns.push({ filter: f, compiled, buckets: new IoBuckets(p.intervalUs) });
    }
    let lastRel = 0;
    return {
      needsTree: columns.some((c) => c.compiled !== null),
      onFrame(d, input) {
        const rel = d.pinfo.relNs;
        if (rel > lastRel) lastRel = rel;
        for (const c of columns) {
          if (c.compiled && !c.compiled.matches(d)) continue;
          c.buckets.add(rel, input.origlen);
        }
      },
      finish(session) {
        // tshark's duration is the capture's elapsed time: the last frame's, whatever the filters.
        const n = session.frameCount;
        let elapsed = lastRel;
        if (n > 0 && !Number.isNaN(session.capture.firstSec)) {
          elapsed = Math.max(
            elapsed,
            (session.index.tsSec[n - 1] - session.capture.firstSec) * 1e9 +
              (session.index.tsNsec[n - 1] - session.capture.firstNsec),
          );
        }
        return renderIoStat(columns, p.intervalUs, p.prec, elapsed);
      },
    };
  },
};
