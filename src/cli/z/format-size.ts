/**
 * Number formatting shared by the -z reports: wsutil's format_size with SI prefixes and the
 * "bytes" unit (conversation tables) and C's printf conversions.
 */
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

/**
 * C's "%.Nf" of a double. toFixed rounds the exact binary value like glibc does; the two differ
 * only on exact decimal ties, which relative times in nanoseconds cannot produce.
 */
export function cDouble(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  // printf keeps the sign of negative values that round to zero ("-0.000"); toFixed drops it.
  return v < 0 && !s.startsWith('-') ? `-${s}` : s;
}
