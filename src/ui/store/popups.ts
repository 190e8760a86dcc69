import { create } from 'zustand';
import type { MenuEntry } from '../components/Menu';

export interface ContextMenuState {
  x: number;
  y: number;
  label: string;
  entries: MenuEntry[];
  /** Element to focus again when the menu closes. */
  returnFocus: HTMLElement | null;
}

interface PopupState {
  contextMenu: ContextMenuState | null;
  goToOpen: boolean;
  dragging: boolean;
  notices: string[];
}

/** Transient UI surfaces (menus, small dialogs, overlays), apart from the view state. */
export const usePopups = create<PopupState>()(() => ({
  contextMenu: null,
  goToOpen: false,
  dragging: false,
  notices: [],
}));

export function openContextMenu(menu: Omit<ContextMenuState, 'returnFocus'>): void {
  const active = document.activeElement;
  usePopups.setState({
    contextMenu: { ...menu, returnFocus: active instanceof HTMLElement ? active : null },
  });
}

export function closeContextMenu(): void {
  const m = usePopups.getState().contextMenu;
  usePopups.setState({ contextMenu: null });
  m?.returnFocus?.focus();
}
