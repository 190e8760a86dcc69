import { describe, expect, it } from 'vitest';
import { displayedText, formatBytes, formatLoadTime, groupDigits } from '../../../src/ui/lib/units';
import { loadHistory, rememberFilter } from '../../../src/ui/lib/filter-history';

describe('status texts', () => {
  it('formats the packet counts like Wireshark', () => {
    expect(displayedText(379, 379)).toBe('Packets: 379 · Displayed: 379 (100%)');
    expect(displayedText(379, 26)).toBe('Packets: 379 · Displayed: 26 (6.9%)');
    expect(displayedText(0, 0)).toBe('Packets: 0 · Displayed: 0 (0%)');
  });
  it('formats load times, sizes and counts', () => {
    expect(formatLoadTime(106.4)).toBe('0:00.106');
    expect(formatLoadTime(75_250)).toBe('1:15.250');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(76 * 1024 * 1024)).toBe('76 MB');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(999)).toBe('999');
  });
});

describe('filter history', () => {
  it('keeps recent filters newest first, once each, at most 20', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    rememberFilter('tcp', storage);
    rememberFilter('dns', storage);
    rememberFilter(' tcp ', storage);
    expect(loadHistory(storage)).toEqual(['tcp', 'dns']);
    for (let i = 0; i < 30; i++) rememberFilter(`frame.number == ${i}`, storage);
    expect(loadHistory(storage)).toHaveLength(20);
    data.set('wirelight.filterHistory', '{broken');
    expect(loadHistory(storage)).toEqual([]);
  });
});
