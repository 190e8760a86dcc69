/**
 * Where share links point and how they are spelled. A hosted share is
 * `<publicUrl>/s/<id>#k=<key>&f=...`; a link without upload (static deployments) reopens a
 * capture from its web address: `<app>#f=...&url=<address>`. Everything after # stays in the
 * browser: the server never sees the key or the view.
 */
import { formatViewState, type ViewState } from '../../core/share/view-state';

/** `/s/<id>` at the end of the app's path (a public URL may add a prefix such as /wirelight). */
const SHARE_ROUTE = /\/s\/([^/]*)\/?$/;
/** The server's capture ids: 128 random bits as lowercase hex. */
const CAPTURE_ID = /^[0-9a-f]{32}$/;

/** The id of a share-link route, or null when the page is not one. */
export function sharedIdFromPath(pathname: string): string | null {
  const m = SHARE_ROUTE.exec(pathname);
  return m ? m[1] : null;
}

export function isCaptureId(id: string): boolean {
  return CAPTURE_ID.test(id);
}

/**
 * The directory the app is served from, ending in '/': API paths are relative to it, so they
 * work from `/`, `/index.html`, `/s/<id>` and behind a path prefix alike.
 */
export function appBasePath(pathname: string): string {
  const withoutRoute = pathname.replace(SHARE_ROUTE, '/');
  return withoutRoute.slice(0, withoutRoute.lastIndexOf('/') + 1) || '/';
}

/** Absolute address of an API path such as `api/config` for a page at `pageUrl`. */
export function apiUrl(pageUrl: string, path: string): string {
  const page = new URL(pageUrl);
  return new URL(path, page.origin + appBasePath(page.pathname)).href;
}

/** The hosted share link: the key and the view in the fragment, nothing else. */
export function shareLink(publicUrl: string, id: string, key: string, view: ViewState): string {
  // The capture comes from the share now, not from an address it may have been opened from.
  const state: ViewState = { ...view, key, url: undefined };
  return `${publicUrl.replace(/\/+$/, '')}/s/${id}#${formatViewState(state)}`;
}

/**
 * A link that reopens a capture from its web address with this view (nothing uploaded), or null
 * when the capture has no address (opened from a local file or from a share).
 */
export function viewOnlyLink(appUrl: string, view: ViewState): string | null {
  if (!view.url) return null;
  const state: ViewState = { ...view, key: undefined };
  const base = new URL(appUrl);
  return `${base.origin}${appBasePath(base.pathname)}#${formatViewState(state)}`;
}

const TIME_NAMES: Record<string, string> = {
  rel: 'seconds since the beginning of the capture',
  delta: 'seconds since the previous displayed packet',
  abs: 'date and time of day',
  utc: 'UTC date and time of day',
  epoch: 'seconds since 1970-01-01',
};

const DIRECTION_NAMES: Record<string, string> = {
  both: 'both directions',
  c2s: 'client to server only',
  s2c: 'server to client only',
};

/** The view a link carries, in words for the Share dialog: what the recipient will see. */
export function describeView(view: ViewState): string[] {
  const parts: string[] = [];
  if (view.filter) parts.push(`the display filter “${view.filter}”`);
  if (view.frame !== undefined) parts.push(`packet ${view.frame} selected`);
  if (view.follow) {
    parts.push(
      `Follow ${view.follow.protocol.toUpperCase()} Stream ${view.follow.stream} open (${DIRECTION_NAMES[view.follow.direction]})`,
    );
  }
  if (view.time) parts.push(`time shown as ${TIME_NAMES[view.time] ?? view.time}`);
  return parts;
}
