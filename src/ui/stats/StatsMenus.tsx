import { useEffect, useRef, useState } from 'react';
import type { TcpGraphKind } from '../../worker/stats-api';
import { Menu, type MenuEntry } from '../components/Menu';
import { useApp } from '../store/index';
import { openStats, openTcpGraph } from './actions';
import { TCP_GRAPH_LABELS } from './panels';

type MenuName = 'analyze' | 'statistics';

function entries(name: MenuName, hasCapture: boolean): MenuEntry[] {
  const disabled = !hasCapture;
  if (name === 'analyze') {
    return [{ label: 'Expert Information', disabled, onSelect: () => openStats('expert') }];
  }
  return [
    { label: 'Protocol Hierarchy', disabled, onSelect: () => openStats('phs') },
    { label: 'Conversations', disabled, onSelect: () => openStats('conversations') },
    { label: 'Endpoints', disabled, onSelect: () => openStats('endpoints') },
    'separator',
    { label: 'I/O Graph', disabled, onSelect: () => openStats('io') },
    {
      label: 'TCP Stream Graphs',
      disabled,
      submenu: (Object.keys(TCP_GRAPH_LABELS) as TcpGraphKind[]).map((k) => ({
        label: TCP_GRAPH_LABELS[k],
        onSelect: () => void openTcpGraph(k),
      })),
    },
    { label: 'Retransmission Summary', disabled, onSelect: () => openStats('retrans') },
  ];
}

/**
 * Wireshark's Analyze and Statistics menus as toolbar menu buttons. Alt+A and Alt+S open them
 * (Wireshark's menu mnemonics); the menus are navigated with the arrow keys.
 */
export function StatsMenus() {
  const [open, setOpen] = useState<{ name: MenuName; x: number; y: number } | null>(null);
  const hasCapture = useApp((s) => s.gen !== 0);
  const buttons = useRef<Record<MenuName, HTMLButtonElement | null>>({ analyze: null, statistics: null });

  const show = (name: MenuName): void => {
    const b = buttons.current[name];
    if (!b) return;
    const r = b.getBoundingClientRect();
    setOpen({ name, x: r.left, y: r.bottom });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const name: MenuName | null = e.code === 'KeyA' ? 'analyze' : e.code === 'KeyS' ? 'statistics' : null;
      if (!name) return;
      e.preventDefault();
      show(name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const button = (name: MenuName, label: string, key: string) => (
    <button
      ref={(el) => {
        buttons.current[name] = el;
      }}
      type="button"
      className="tool-button"
      // Inside the menu's "root" so a mousedown here does not close it before the click toggles it.
      data-menu-root
      aria-haspopup="menu"
      aria-expanded={open?.name === name}
      aria-keyshortcuts={`Alt+${key}`}
      title={`${label} (Alt+${key})`}
      onClick={() => (open?.name === name ? setOpen(null) : show(name))}
    >
      {label} ▾
    </button>
  );

  return (
    <>
      {button('analyze', 'Analyze', 'A')}
      {button('statistics', 'Statistics', 'S')}
      {open && (
        <Menu
          label={open.name === 'analyze' ? 'Analyze' : 'Statistics'}
          x={open.x}
          y={open.y}
          entries={entries(open.name, hasCapture)}
          onClose={() => {
            const b = buttons.current[open.name];
            setOpen(null);
            b?.focus();
          }}
        />
      )}
    </>
  );
}
