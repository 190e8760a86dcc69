import { openFollow } from '../actions/follow';
import { selectFrame } from '../actions/select';
import { copyText } from '../lib/clipboard';
import { useApp } from '../store/index';
import { openContextMenu } from '../store/popups';
import { worker } from '../worker-client';
import type { MenuEntry } from './Menu';

/** Context menu of a packet-list row: Follow its streams, copy its summary. */
export async function openPacketMenu(num: number, x: number, y: number): Promise<void> {
  await selectFrame(num);
  const s = useApp.getState();
  const d = s.details?.num === num ? s.details : null;
  const entries: MenuEntry[] = [
    {
      label: 'Follow',
      submenu: [
        {
          label: 'TCP Stream',
          shortcut: 'Ctrl+Alt+Shift+T',
          disabled: d?.tcpStream === undefined,
          onSelect: () => d?.tcpStream !== undefined && void openFollow('tcp', d.tcpStream),
        },
        {
          label: 'UDP Stream',
          shortcut: 'Ctrl+Alt+Shift+U',
          disabled: d?.udpStream === undefined,
          onSelect: () => d?.udpStream !== undefined && void openFollow('udp', d.udpStream),
        },
      ],
    },
    'separator',
    {
      label: 'Copy',
      submenu: [
        {
          label: 'Summary as Text',
          onSelect: () => {
            void worker()
              .rows({ gen: s.gen, nums: Uint32Array.of(num), timeFormat: s.timeFormat, coloring: false })
              .then((rows) => {
                const r = rows?.[0];
                if (r)
                  void copyText(
                    [r.num, r.time, r.source, r.destination, r.protocol, r.length, r.info].join('\t'),
                  );
              });
          },
        },
      ],
    },
  ];
  openContextMenu({ x, y, label: `Packet ${num}`, entries });
}
