/**
 * Opening a share link, `/s/<id>#k=<key>&f=...`: the worker downloads and decrypts the capture
 * (streamed, with the usual load progress); the view in the fragment is restored by url-state
 * once it has loaded, like for any link. Problems (no key, wrong key, unknown id) end up in the
 * load error banner.
 */
import { parseViewState } from '../../core/share/view-state';
import { openCapture } from '../actions/load';
import { useApp } from '../store/index';
import { storedShare } from './delete-tokens';
import { setShareRecord } from './share-flow';
import { apiUrl, appBasePath, sharedIdFromPath } from './share-links';

/**
 * Once another capture replaces the shared one, the address stops naming the share: a reload
 * must not bring the shared capture back in place of the one the user opened since.
 */
function leaveShareRouteWhenReplaced(shareGen: number | null): void {
  const check = (gen: number): boolean => {
    if (gen === 0 || gen === shareGen) return false;
    const { origin, pathname, hash } = window.location;
    if (sharedIdFromPath(pathname) !== null) {
      window.history.replaceState(window.history.state, '', origin + appBasePath(pathname) + hash);
    }
    return true;
  };
  if (check(useApp.getState().gen)) return;
  const stop = useApp.subscribe((s, prev) => {
    if (s.gen !== prev.gen && check(s.gen)) stop();
  });
}

/** Starts opening the shared capture when the page is a share link; returns whether it is one. */
export function openSharedFromLocation(): boolean {
  const id = sharedIdFromPath(window.location.pathname);
  if (id === null) return false;
  const { key } = parseViewState(window.location.hash).state;
  // The server keeps no file names (it cannot read the capture); a short id tells shares apart.
  const name = `Shared capture ${id.slice(0, 8)}`;
  const url = apiUrl(window.location.href, `api/captures/${encodeURIComponent(id)}`);
  void openCapture({ kind: 'share', url, key, name }).then((outcome) => {
    leaveShareRouteWhenReplaced(outcome.active ? outcome.gen : null);
    if (!outcome.active || outcome.error || !key) return;
    // Sharing this capture again reuses the upload; the browser that uploaded it may delete it.
    const stored = storedShare(id);
    setShareRecord({ gen: outcome.gen, id, key, ...(stored ?? {}) });
  });
  return true;
}
