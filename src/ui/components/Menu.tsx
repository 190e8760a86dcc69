import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  onSelect?: () => void;
  submenu?: MenuItem[];
  disabled?: boolean;
  shortcut?: string;
}

export type MenuEntry = MenuItem | 'separator';

interface MenuProps {
  entries: MenuEntry[];
  label: string;
  /** Viewport position of the menu's top-left corner. */
  x: number;
  y: number;
  onClose(): void;
  /** For submenus: ArrowLeft closes only this level. */
  onBack?: () => void;
}

function isItem(e: MenuEntry): e is MenuItem {
  return e !== 'separator';
}

/**
 * A popup menu with the ARIA menu pattern: focus moves to the first item, arrows move, Enter or
 * Space activates, ArrowRight/ArrowLeft open and close submenus, Escape closes.
 */
export function Menu({ entries, label, x, y, onClose, onBack }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => entries.findIndex((e) => isItem(e) && !e.disabled));
  const [openSub, setOpenSub] = useState<number | null>(null);
  const [pos, setPos] = useState({ x, y });

  // Keep the menu inside the viewport.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const nx = Math.max(0, Math.min(x, window.innerWidth - r.width - 4));
    const ny = Math.max(0, Math.min(y, window.innerHeight - r.height - 4));
    if (nx !== pos.x || ny !== pos.y) setPos({ x: nx, y: ny });
  }, [x, y, pos.x, pos.y]);

  useEffect(() => {
    if (openSub !== null) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    el?.focus();
  }, [active, openSub]);

  useEffect(() => {
    if (onBack) return; // only the top level listens for outside clicks
    const onDown = (e: MouseEvent): void => {
      const t = e.target as Node;
      if (!(t instanceof Element && t.closest('[data-menu-root]'))) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, [onClose, onBack]);

  const move = (delta: number): void => {
    const n = entries.length;
    for (let i = 1; i <= n; i++) {
      const j = (active + delta * i + n * n) % n;
      const e = entries[j];
      if (isItem(e) && !e.disabled) {
        setActive(j);
        return;
      }
    }
  };

  const activate = (i: number): void => {
    const e = entries[i];
    if (!isItem(e) || e.disabled) return;
    if (e.submenu) {
      setActive(i);
      setOpenSub(i);
      return;
    }
    onClose();
    e.onSelect?.();
  };

  const onKeyDown = (ev: KeyboardEvent): void => {
    if (openSub !== null) return;
    const key = ev.key;
    if (key === 'ArrowDown') move(1);
    else if (key === 'ArrowUp') move(-1);
    else if (key === 'Home') setActive(entries.findIndex((e) => isItem(e) && !e.disabled));
    else if (key === 'End') {
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        if (isItem(e) && !e.disabled) {
          setActive(i);
          break;
        }
      }
    } else if (key === 'Enter' || key === ' ') activate(active);
    else if (key === 'ArrowRight') {
      const e = entries[active];
      if (isItem(e) && e.submenu && !e.disabled) setOpenSub(active);
    } else if (key === 'ArrowLeft' && onBack) onBack();
    else if (key === 'Escape') (onBack ?? onClose)();
    else if (key === 'Tab') onClose();
    else return;
    ev.preventDefault();
    ev.stopPropagation();
  };

  const subEntry = openSub !== null ? entries[openSub] : null;
  const subAnchor =
    openSub !== null
      ? ref.current?.querySelector(`[data-index="${openSub}"]`)?.getBoundingClientRect()
      : undefined;

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      data-menu-root
      style={{ left: pos.x, top: pos.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {entries.map((e, i) =>
        isItem(e) ? (
          <div
            key={i}
            role="menuitem"
            data-index={i}
            tabIndex={i === active ? 0 : -1}
            aria-disabled={e.disabled || undefined}
            aria-haspopup={e.submenu ? 'menu' : undefined}
            aria-expanded={e.submenu ? openSub === i : undefined}
            className={'menu-item' + (i === active ? ' active' : '') + (e.disabled ? ' disabled' : '')}
            onMouseEnter={() => {
              if (e.disabled) return;
              setActive(i);
              setOpenSub(e.submenu ? i : null);
            }}
            onClick={() => activate(i)}
            onFocus={() => i !== active && setActive(i)}
          >
            <span className="menu-label">{e.label}</span>
            {e.shortcut && <span className="menu-shortcut">{e.shortcut}</span>}
            {e.submenu && <span className="menu-arrow">▸</span>}
          </div>
        ) : (
          <div key={i} role="separator" className="menu-separator" />
        ),
      )}
      {subEntry && isItem(subEntry) && subEntry.submenu && subAnchor && (
        <Menu
          entries={subEntry.submenu}
          label={subEntry.label}
          x={subAnchor.right - 2}
          y={subAnchor.top - 4}
          onClose={onClose}
          onBack={() => setOpenSub(null)}
        />
      )}
    </div>
  );
}
