import { closeContextMenu, usePopups } from '../store/popups';
import { Menu } from './Menu';

export function ContextMenuHost() {
  const menu = usePopups((s) => s.contextMenu);
  if (!menu) return null;
  return <Menu entries={menu.entries} label={menu.label} x={menu.x} y={menu.y} onClose={closeContextMenu} />;
}
