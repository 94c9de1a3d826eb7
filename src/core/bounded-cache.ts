/**
 * A memo table with a size bound that degrades gently: two generations of at most `limit` entries
 * each. When the young one is full it becomes the old one and the previous old one is dropped; a
 * hit in the old generation is copied back to the young one. A working set a little larger than
 * `limit` (a HAR with thousands of sites) then keeps most of its hits, where clearing one map when
 * full loses all of them at once.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
