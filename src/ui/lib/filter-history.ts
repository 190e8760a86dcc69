/** Recent display filters, newest first, kept in localStorage. */
const KEY = 'wirelight.filterHistory';
const MAX = 20;

export function loadHistory(storage: Pick<Storage, 'getItem'> | null = safeStorage()): string[] {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed)
      ? parsed.filter((x): x is string => typeof x === 'string').slice(0, MAX)
      : [];
  } catch {
    // A corrupt entry is not worth an error: start a new history.
    return [];
  }
}

/** Puts `filter` first (once) and saves; returns the new list. */
export function rememberFilter(
  filter: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage(),
): string[] {
  const f = filter.trim();
  const list = loadHistory(storage);
  if (f === '') return list;
  const next = [f, ...list.filter((x) => x !== f)].slice(0, MAX);
  try {
    storage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled (private mode): the history just is not kept.
  }
  return next;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
