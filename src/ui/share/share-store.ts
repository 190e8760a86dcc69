/** State of the Share dialog, apart from the view it shares (that is the app store's). */
import { create } from 'zustand';
import type { ShareMode } from './share-server';

/** A capture that is on the share server: opened from a link, or uploaded from this page. */
export interface ShareRecord {
  /** Load number of the capture it belongs to (a new capture forgets it). */
  gen: number;
  id: string;
  key: string;
  /** Known only to the browser that uploaded it (kept in localStorage). */
  deleteToken?: string;
  expiresAt?: string;
}

export type ShareStep =
  | { step: 'closed' }
  /** Asking the server whether it keeps shared captures. */
  | { step: 'checking' }
  /** Hosted: what would be uploaded, waiting for the user's go. */
  | { step: 'confirm' }
  /** Static deployment (or a link without upload was asked for): a view link or an explanation. */
  | { step: 'view-link' }
  | { step: 'encrypting' }
  | { step: 'uploading'; sent: number; total: number }
  /** The capture is on the server: the link, Copy, Delete. */
  | { step: 'shared' }
  | { step: 'deleting' }
  | { step: 'deleted' }
  | { step: 'error'; message: string };

export interface ShareState {
  ui: ShareStep;
  mode: ShareMode | null;
  /** Bytes the upload would carry before encryption (null: unknown yet). */
  size: number | null;
  record: ShareRecord | null;
  /** A problem with Delete, shown next to the link. */
  deleteError: string | null;
}

export const useShare = create<ShareState>()(() => ({
  ui: { step: 'closed' },
  mode: null,
  size: null,
  record: null,
  deleteError: null,
}));
