/**
 * A map from uint32 keys to values with "largest key <= k" lookup, like Wireshark's
 * wmem_tree_lookup32_le. Keys compare as plain unsigned integers (not TCP-sequence-aware),
 * exactly as the tree Wireshark keeps multi-segment PDUs in. Keys are mostly inserted in
 * increasing order, so the sorted array grows at its end.
 */
export class U32SortedMap<V> {
  private keys: number[] = [];
  private vals: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Index of the first key >= k. */
  private lowerBound(k: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    // Fast path: appending past the end.
    if (hi > 0 && keys[hi - 1] < k) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts or replaces the value at key k (wmem_tree_insert32 replaces). */
  set(key: number, value: V): void {
    const k = key >>> 0;
    const i = this.lowerBound(k);
    if (i < this.keys.length && this.keys[i] === k) {
      this.vals[i] = value;
      return;
    }
    this.keys.splice(i, 0, k);
    this.vals.splice(i, 0, value);
  }

  get(key: number): V | undefined {
    const k = key >>> 0;
    const i = this.lowerBound(k);
    return i < this.keys.length && this.keys[i] === k ? this.vals[i] : undefined;
  }

  /** The value with the largest key <= k, or undefined. */
  floor(key: number): V | undefined {
    const k = key >>> 0;
    const i = this.lowerBound(k);
    if (i < this.keys.length && this.keys[i] === k) return this.vals[i];
    return i > 0 ? this.vals[i - 1] : undefined;
  }
}
