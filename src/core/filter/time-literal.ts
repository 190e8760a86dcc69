import type { Timestamp } from '../dissect/field-types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function invalid(s: string): string {
  return `"${s}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`;
}

/** Seconds since the epoch of a calendar time, in UTC or in the local time zone (as tshark does). */
function epochSeconds(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  utc: boolean,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  const ms = utc ? Date.UTC(y, mo - 1, d, h, mi, sec) : new Date(y, mo - 1, d, h, mi, sec).getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function fracNs(frac: string | undefined): number {
  return frac ? Number(frac.slice(0, 9).padEnd(9, '0')) : 0;
}

/**
 * Absolute times as Wireshark 4.0 accepts them: ISO 8601 ("2011-07-04 12:34:56[.frac][Z|+hh:mm]",
 * 'T' optional, time optional) or the legacy "Nov 12, 1999 08:55:44.123 [UTC]". Without a zone the
 * time is local. Returns the timestamp or tshark's error message.
 */
export function parseAbsoluteTime(text: string): Timestamp | string {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(s);
  if (iso) {
    let rest = s.slice(iso[0].length);
    let offsetMin: number | null = null;
    if (rest === 'Z') {
      offsetMin = 0;
      rest = '';
    } else {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(rest);
      if (z) {
        offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
        rest = '';
      }
    }
    if (rest !== '') return 'Unexpected data after time value.';
    const sec = epochSeconds(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      offsetMin !== null,
    );
    if (sec === null) return invalid(text);
    return { sec: sec - (offsetMin ?? 0) * 60, nsec: fracNs(iso[7]) };
  }
  const legacy = /^([A-Za-z]{3}) +(\d{1,2}), +(\d{4}) +(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?( +UTC)?$/.exec(
    s,
  );
  if (legacy) {
    const mo = MONTHS.indexOf(legacy[1].toLowerCase()) + 1;
    if (mo === 0) return invalid(text);
    const sec = epochSeconds(
      Number(legacy[3]),
      mo,
      Number(legacy[2]),
      Number(legacy[4]),
      Number(legacy[5]),
      Number(legacy[6]),
      legacy[8] !== undefined,
    );
    if (sec === null) return invalid(text);
    return { sec, nsec: fracNs(legacy[7]) };
  }
  return invalid(text);
}
