// The trainer's priority queue: a binary max-heap of candidate merges ordered by (count desc, pair
// key asc, candidate id asc), in three parallel typed arrays — no object per candidate, so tens of
// millions of candidates cost 20 bytes each. Counts in it may be stale; the trainer re-checks on pop
// (lazy heap). It knows nothing about words or vocabularies.

/**
 * PARITY: equal counts go to the smaller (left, right) id pair — HF's `Merge::cmp` compares
 * `other.pair.cmp(&self.pair)` inside a max-heap (tested in test/train/trainer-core.test.ts). The
 * key is `left * stride + right`, so key order is (left, right) order. The last key, the candidate
 * id (= creation order), only orders two candidates of the SAME pair and count, which HF leaves to
 * its heap layout (itself a function of hash-map iteration order); we take the older one first.
 */
export class MergeHeap {
  private count: Float64Array = new Float64Array(1024);
  private key: Float64Array = new Float64Array(1024);
  private id: Int32Array = new Int32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Count, key and id of the top (valid when size > 0). */
  get topCount(): number {
    return this.count[0]!;
  }
  get topKey(): number {
    return this.key[0]!;
  }
  get topId(): number {
    return this.id[0]!;
  }

  private before(i: number, c: number, k: number, id: number): boolean {
    const ci = this.count[i]!;
    if (ci !== c) return ci > c;
    const ki = this.key[i]!;
    if (ki !== k) return ki < k;
    return this.id[i]! < id;
  }

  push(c: number, k: number, id: number): void {
    if (this.n === this.count.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(parent, c, k, id)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, c, k, id);
  }

  /** Removes the top. */
  pop(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.count[last]!, this.key[last]!, this.id[last]!);
  }

  /** Replaces the top by (c, k, id) — a pop then a push, in one sift. */
  replaceTop(c: number, k: number, id: number): void {
    this.siftDown(0, c, k, id);
  }

  /** Adds many entries at once, then orders them in O(n) (Floyd's heap construction). */
  pushAll(n: number, entry: (i: number, out: { c: number; k: number; id: number }) => void): void {
    while (this.n + n > this.count.length) this.grow();
    const e = { c: 0, k: 0, id: 0 };
    for (let i = 0; i < n; i++) {
      entry(i, e);
      this.set(this.n++, e.c, e.k, e.id);
    }
    for (let i = (this.n >> 1) - 1; i >= 0; i--) this.siftDown(i, this.count[i]!, this.key[i]!, this.id[i]!);
  }

  private siftDown(start: number, c: number, k: number, id: number): void {
    const n = this.n;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(r, this.count[l]!, this.key[l]!, this.id[l]!) ? r : l;
      if (!this.before(child, c, k, id)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, c, k, id);
  }

  private set(i: number, c: number, k: number, id: number): void {
    this.count[i] = c;
    this.key[i] = k;
    this.id[i] = id;
  }

  private move(from: number, to: number): void {
    this.count[to] = this.count[from]!;
    this.key[to] = this.key[from]!;
    this.id[to] = this.id[from]!;
  }

  private grow(): void {
    const cap = this.count.length * 2;
    const c = new Float64Array(cap);
    c.set(this.count);
    const k = new Float64Array(cap);
    k.set(this.key);
    const id = new Int32Array(cap);
    id.set(this.id);
    this.count = c;
    this.key = k;
    this.id = id;
  }

  /** Bytes held. */
  get memoryBytes(): number {
    return this.count.length * 20;
  }
}
