import { useApp } from '../store/index';
import { usePopups } from '../store/popups';
import { openFollow } from './follow';
import { selectFrame } from './select';

/** Follow the TCP or UDP stream of the selected packet (menu, Ctrl+Alt+Shift+T/U). */
export async function followSelected(proto: 'tcp' | 'udp'): Promise<boolean> {
  const s = useApp.getState();
  if (s.selected === null) return false;
  if (!s.details || s.details.num !== s.selected) await selectFrame(s.selected);
  const d = useApp.getState().details;
  const stream = proto === 'tcp' ? d?.tcpStream : d?.udpStream;
  if (stream === undefined) {
    usePopups.setState({ notices: [`Packet ${s.selected} is not part of a ${proto.toUpperCase()} stream.`] });
    return false;
  }
  await openFollow(proto, stream);
  return true;
}

export function openGoTo(): void {
  if (useApp.getState().gen !== 0) usePopups.setState({ goToOpen: true });
}

export function focusFilter(): void {
  document.querySelector<HTMLInputElement>('input[aria-label="Display filter"]')?.focus();
}
