import type { TimeFormat as UrlTimeFormat } from '../../core/share/view-state';
import type { TimeFormat } from '../../worker/types';

/** Time formats in menu order with their labels (Wireshark's View › Time Display Format). */
export const TIME_FORMAT_CHOICES: { value: TimeFormat; label: string }[] = [
  { value: 'relative', label: 'Since beginning of capture' },
  { value: 'delta', label: 'Since previous displayed packet' },
  { value: 'absolute', label: 'Date and time of day' },
  { value: 'utc', label: 'UTC date and time of day' },
  { value: 'epoch', label: 'Seconds since 1970-01-01' },
];

const TO_URL: Record<TimeFormat, UrlTimeFormat> = {
  relative: 'rel',
  delta: 'delta',
  absolute: 'abs',
  utc: 'utc',
  epoch: 'epoch',
};

export function timeFormatToUrl(t: TimeFormat): UrlTimeFormat {
  return TO_URL[t];
}

export function timeFormatFromUrl(t: UrlTimeFormat): TimeFormat {
  const found = (Object.keys(TO_URL) as TimeFormat[]).find((k) => TO_URL[k] === t);
  return found ?? 'relative';
}
