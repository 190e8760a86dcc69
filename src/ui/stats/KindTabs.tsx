import type { KeyboardEvent } from 'react';
import type { TapKind } from '../../core/stats/frame-taps';

export const KIND_ORDER: readonly TapKind[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];
export const KIND_NAMES: Record<TapKind, string> = {
  eth: 'Ethernet',
  ip: 'IPv4',
  ipv6: 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
};

/** The first kind with rows (Ethernet usually), as Wireshark opens on its first non-empty tab. */
export function firstNonEmpty(counts: Partial<Record<TapKind, number>>): TapKind {
  return KIND_ORDER.find((k) => (counts[k] ?? 0) > 0) ?? 'eth';
}

/** Tabs "Ethernet · 2", "IPv4 · 1", …; arrows move between tabs (the ARIA tabs pattern). */
export function KindTabs({
  label,
  value,
  counts,
  onChange,
  panelId,
}: {
  label: string;
  value: TapKind;
  counts: Partial<Record<TapKind, number>>;
  onChange(k: TapKind): void;
  panelId: string;
}) {
  const onKey = (e: KeyboardEvent): void => {
    const i = KIND_ORDER.indexOf(value);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % KIND_ORDER.length;
    else if (e.key === 'ArrowLeft') j = (i + KIND_ORDER.length - 1) % KIND_ORDER.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = KIND_ORDER.length - 1;
    if (j < 0) return;
    e.preventDefault();
    onChange(KIND_ORDER[j]);
    const tabs = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="tab"]');
    tabs[j]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="stats-tabs" onKeyDown={onKey}>
      {KIND_ORDER.map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          id={`${panelId}-tab-${k}`}
          aria-selected={k === value}
          aria-controls={panelId}
          tabIndex={k === value ? 0 : -1}
          className={k === value ? 'stats-tab active' : 'stats-tab'}
          onClick={() => onChange(k)}
        >
          {KIND_NAMES[k]} · {counts[k] ?? 0}
        </button>
      ))}
    </div>
  );
}
