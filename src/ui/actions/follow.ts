import type { FollowDirection } from '../../core/share/view-state';
import { useApp } from '../store/index';
import { setAndApply } from './filter';

export function streamFilter(proto: 'tcp' | 'udp', stream: number): string {
  return `${proto}.stream eq ${stream}`;
}

/**
 * Opens the Follow dialog on a stream and (unless restoring a link) shows only that stream in
 * the list behind it, remembering the previous filter for "Back".
 */
export async function openFollow(
  proto: 'tcp' | 'udp',
  stream: number,
  opts: { direction?: FollowDirection; applyStreamFilter?: boolean } = {},
): Promise<void> {
  const s = useApp.getState();
  const before = s.follow ? s.filterBeforeFollow : s.appliedFilter;
  useApp.setState({
    follow: { proto, stream, direction: opts.direction ?? 'both' },
    filterBeforeFollow: before,
  });
  if (opts.applyStreamFilter !== false) await setAndApply(streamFilter(proto, stream));
}

export function setFollowDirection(direction: FollowDirection): void {
  const f = useApp.getState().follow;
  if (f) useApp.setState({ follow: { ...f, direction } });
}

/** Close keeps the stream filter (as Wireshark does). */
export function closeFollow(): void {
  useApp.setState({ follow: null, filterBeforeFollow: null });
}

/** Back: close and restore the filter that was applied before following. */
export async function backFromFollow(): Promise<void> {
  const before = useApp.getState().filterBeforeFollow ?? '';
  closeFollow();
  await setAndApply(before);
}

/** "Filter out this stream": close and hide the stream from the list. */
export async function filterOutStream(): Promise<void> {
  const f = useApp.getState().follow;
  if (!f) return;
  const before = useApp.getState().filterBeforeFollow ?? '';
  closeFollow();
  const out = `!(${streamFilter(f.proto, f.stream)})`;
  await setAndApply(before ? `(${before}) && ${out}` : out);
}
