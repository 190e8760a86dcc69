import { describe, expect, it } from 'vitest';
import { TIME_FORMATS } from '../../../src/core/share/view-state';
import { TIME_FORMAT_CHOICES, timeFormatFromUrl, timeFormatToUrl } from '../../../src/ui/lib/time-format';

describe('time formats', () => {
  it('map one-to-one onto the link codes', () => {
    const codes = TIME_FORMAT_CHOICES.map((c) => timeFormatToUrl(c.value));
    expect([...codes].sort()).toEqual([...TIME_FORMATS].sort());
    for (const c of TIME_FORMAT_CHOICES) expect(timeFormatFromUrl(timeFormatToUrl(c.value))).toBe(c.value);
  });
});
