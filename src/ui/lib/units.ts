/** Human-readable byte counts for the progress bar: "1.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Wireshark's status-bar load time: "0:00.123" (minutes:seconds.millis). */
export function formatLoadTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const min = Math.floor(total / 60000);
  const sec = Math.floor((total % 60000) / 1000);
  const milli = total % 1000;
  return `${min}:${String(sec).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

/** "Packets: N · Displayed: M (x%)" */
export function displayedText(packets: number, displayed: number): string {
  const pct = packets > 0 ? (100 * displayed) / packets : 0;
  const pctText = pct === 100 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1);
  return `Packets: ${packets} · Displayed: ${displayed} (${pctText}%)`;
}

/** 1234567 → "1,234,567" (Intl's first use costs a long main-thread task, so not toLocaleString). */
export function groupDigits(n: number): string {
  const s = String(Math.round(n));
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return neg ? '-' + out : out;
}
