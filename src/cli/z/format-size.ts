/** wsutil's format_size with SI prefixes and the "bytes" unit, as tshark's conversation tables print sizes. */
export function formatSize(n: number): string {
  const prefixes: [number, string][] = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [p, name] of prefixes) {
    if (Math.floor(n / p) > 9) return `${Math.floor(n / p)} ${name}B`;
  }
  return `${n} bytes`;
}

export function padEnd(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** C's "%.Nf" for non-negative values. */
export function fixed(v: number, decimals: number): string {
  return v.toFixed(decimals);
}
