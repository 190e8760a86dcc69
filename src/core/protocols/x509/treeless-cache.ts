/**
 * Without a tree, a certificate's dissection only adds protocol layers (x509sat, x509ce ...),
 * and those depend on its bytes alone. Web traffic sends the same few chains thousands of
 * times, so the first pass remembers, per distinct certificate, the layers it added and the
 * subject summary, instead of decoding the DER again.
 */
interface Entry {
  bytes: Uint8Array;
  layers: string[];
  summary: string;
}

/** Distinct certificates kept; the cache starts over when full. */
const LIMIT = 512;

const entries = new Map<number, Entry[]>();
let count = 0;

/** FNV-1a over the bytes, mixed with the length. */
function hash(b: Uint8Array): number {
  let h = 0x811c9dc5 ^ b.length;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The remembered result for these exact bytes, if any. */
export function cachedCertificate(bytes: Uint8Array): { layers: string[]; summary: string } | null {
  const list = entries.get(hash(bytes));
  if (list) for (const e of list) if (equal(e.bytes, bytes)) return e;
  return null;
}

/** Remembers what the tree-less dissection of `bytes` added. */
export function rememberCertificate(bytes: Uint8Array, layers: string[], summary: string): void {
  if (count >= LIMIT) {
    entries.clear();
    count = 0;
  }
  const h = hash(bytes);
  let list = entries.get(h);
  if (!list) entries.set(h, (list = []));
  list.push({ bytes: bytes.slice(), layers, summary });
  count++;
}
