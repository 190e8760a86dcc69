import { describe, expect, it } from 'vitest';
import {
  forgetShare,
  pruneExpired,
  rememberShare,
  storedShare,
  type TokenStorage,
} from '../../../src/ui/share/delete-tokens';

/** localStorage's semantics over a Map (insertion order for key(i)). */
class MemoryStorage implements TokenStorage {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}

const future = new Date(Date.now() + 86_400_000).toISOString();
const past = new Date(Date.now() - 1000).toISOString();
const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('delete tokens', () => {
  it('keeps one entry per capture id and forgets it on request', () => {
    const s = new MemoryStorage();
    rememberShare({ id: A, deleteToken: 'tok-a', expiresAt: future }, s);
    rememberShare({ id: B, deleteToken: 'tok-b', expiresAt: future }, s);
    expect(storedShare(A, s)).toEqual({ deleteToken: 'tok-a', expiresAt: future });
    expect(s.getItem(`wirelight.share.${B}`)).toBe(
      JSON.stringify({ deleteToken: 'tok-b', expiresAt: future }),
    );
    forgetShare(A, s);
    expect(storedShare(A, s)).toBeNull();
    expect(storedShare(B, s)).not.toBeNull();
  });

  it('drops expired and damaged entries, and leaves other keys alone', () => {
    const s = new MemoryStorage();
    s.setItem('wirelight.filters', '["tcp"]');
    s.setItem(`wirelight.share.${A}`, JSON.stringify({ deleteToken: 'old', expiresAt: past }));
    s.setItem(`wirelight.share.${B}`, '{not json');
    rememberShare({ id: 'c'.repeat(32), deleteToken: 'new', expiresAt: future }, s);
    expect([...s.items.keys()]).toEqual(['wirelight.filters', `wirelight.share.${'c'.repeat(32)}`]);
    pruneExpired(s, Date.parse(future) + 1);
    expect([...s.items.keys()]).toEqual(['wirelight.filters']);
  });

  it('works without storage (blocked by privacy settings)', () => {
    rememberShare({ id: A, deleteToken: 't', expiresAt: future }, null);
    expect(storedShare(A, null)).toBeNull();
    const throwing: TokenStorage = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => rememberShare({ id: A, deleteToken: 't', expiresAt: future }, throwing)).not.toThrow();
    expect(storedShare(A, throwing)).toBeNull();
    expect(() => forgetShare(A, throwing)).not.toThrow();
  });
});
