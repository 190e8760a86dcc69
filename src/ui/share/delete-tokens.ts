/**
 * Delete tokens of captures shared from this browser, in localStorage under one key per capture
 * id, so "Delete" still works after a reload. The server returns a token only once; losing it
 * just means the capture stays until it expires.
 */
import type { UploadedShare } from './share-server';

const PREFIX = 'wirelight.share.';

/** The Storage methods used (tests pass an in-memory one). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface StoredShare {
  deleteToken: string;
  expiresAt: string;
}

function defaultStorage(): TokenStorage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage disabled (privacy settings, sandboxed frame): tokens live only in this page.
    return null;
  }
}

function parse(text: string | null): StoredShare | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (
      typeof v === 'object' &&
      v !== null &&
      'deleteToken' in v &&
      'expiresAt' in v &&
      typeof v.deleteToken === 'string' &&
      typeof v.expiresAt === 'string'
    ) {
      return { deleteToken: v.deleteToken, expiresAt: v.expiresAt };
    }
  } catch {
    // a damaged entry is treated as absent
  }
  return null;
}

/** Removes entries whose capture has expired on the server (their tokens are useless). */
export function pruneExpired(storage: TokenStorage | null = defaultStorage(), nowMs = Date.now()): void {
  if (!storage) return;
  const drop: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (!k?.startsWith(PREFIX)) continue;
    const entry = parse(storage.getItem(k));
    if (!entry || !(Date.parse(entry.expiresAt) > nowMs)) drop.push(k);
  }
  for (const k of drop) storage.removeItem(k);
}

export function rememberShare(share: UploadedShare, storage: TokenStorage | null = defaultStorage()): void {
  if (!storage) return;
  try {
    pruneExpired(storage);
    storage.setItem(
      PREFIX + share.id,
      JSON.stringify({ deleteToken: share.deleteToken, expiresAt: share.expiresAt }),
    );
  } catch {
    // Quota exceeded or storage blocked: the token stays available until the page closes.
  }
}

export function storedShare(id: string, storage: TokenStorage | null = defaultStorage()): StoredShare | null {
  if (!storage) return null;
  try {
    return parse(storage.getItem(PREFIX + id));
  } catch {
    return null;
  }
}

export function forgetShare(id: string, storage: TokenStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(PREFIX + id);
  } catch {
    // nothing to do: the entry is pruned once it expires
  }
}
