import { useApp } from '../store/index';
import { openShareDialog } from './share-flow';
import { ShareDialog } from './ShareDialog';

/** "Share": opens the Share dialog for the capture on screen (toolbar, Follow dialog). */
export function ShareButton({ className = 'tool-button' }: { className?: string }) {
  const hasCapture = useApp((s) => s.gen !== 0);
  const loading = useApp((s) => s.loading !== null);
  const title = !hasCapture
    ? 'Open a capture to share it'
    : loading
      ? 'Share once the capture has loaded'
      : 'Share a link to this capture and view';
  return (
    <button
      type="button"
      className={className}
      disabled={!hasCapture || loading}
      title={title}
      onClick={(e) => void openShareDialog(e.currentTarget)}
    >
      Share
    </button>
  );
}

/** The toolbar's share controls: the button and the (portal) dialog it opens. */
export function ShareControls() {
  return (
    <>
      <ShareButton />
      <ShareDialog />
    </>
  );
}
