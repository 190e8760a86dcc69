/** Wireshark's unsigned_time_secs_to_str: "5 minutes", "1 hour, 1 second", "0 seconds". */
export function timeSecs(v: number): string {
  if (v === 0) return '0 seconds';
  const parts: string[] = [];
  const unit = (n: number, name: string): void => {
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  };
  unit(Math.floor(v / 86400), 'day');
  unit(Math.floor((v % 86400) / 3600), 'hour');
  unit(Math.floor((v % 3600) / 60), 'minute');
  unit(v % 60, 'second');
  return parts.join(', ');
}

/** C's printf("%g"): six significant digits, trailing zeros dropped, exponent form outside 1e-4..1e6. */
export function formatG(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = v.toExponential(5).split('e');
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  const s = v.toFixed(Math.max(0, 5 - exp));
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
