// The trainer's priority queue: a binary max-heap of candidate merges ordered by (count desc, pair
// key asc, candidate id asc), in two parallel typed arrays — no object per candidate, so tens of
// millions of candidates cost 12 bytes each. The pair key is not stored: it is asked of the owner
// (`keyOf`) only when two counts tie, which keeps 8 bytes per candidate off the largest structure
// of a corpus-scale run. Counts in it may be stale; the trainer re-checks on pop (lazy heap). It
// knows nothing about words or vocabularies.

/**
 * PARITY: equal counts go to the smaller (left, right) id pair — HF's `Merge::cmp` compares
 * `other.pair.cmp(&self.pair)` inside a max-heap (tested in test/train/trainer-core.test.ts). The
 * key is `left * stride + right`, so key order is (left, right) order. The last key, the candidate
 * id (= creation order), only orders two candidates of the SAME pair and count, which HF leaves to
 * its heap layout (itself a function of hash-map iteration order); we take the older one first.
 */
export class MergeHeap {
  private count: Float64Array = new Float64Array(1024);
  private id: Int32Array = new Int32Array(1024);
  private n = 0;

  /** @param keyOf the pair key of a candidate id (fixed for the candidate's life) */
  constructor(private readonly keyOf: (id: number) => number) {}

  get size(): number {
    return this.n;
  }

  /** Count and id of the top (valid when size > 0). */
  get topCount(): number {
    return this.count[0]!;
  }
  get topId(): number {
    return this.id[0]!;
  }

  /** Whether the entry at `i` comes before (c, id). */
  private before(i: number, c: number, id: number): boolean {
    const ci = this.count[i]!;
    if (ci !== c) return ci > c;
    const a = this.id[i]!;
    const ka = this.keyOf(a);
    const kb = this.keyOf(id);
    if (ka !== kb) return ka < kb;
    return a < id;
  }

  push(c: number, id: number): void {
    if (this.n === this.count.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(parent, c, id)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, c, id);
  }

  /** Removes the top. */
  pop(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.count[last]!, this.id[last]!);
  }

  /** Replaces the top by (c, id) — a pop then a push, in one sift. */
  replaceTop(c: number, id: number): void {
    this.siftDown(0, c, id);
  }

  /** Adds many entries at once, then orders them in O(n) (Floyd's heap construction). */
  pushAll(n: number, entry: (i: number, out: { c: number; id: number }) => void): void {
    while (this.n + n > this.count.length) this.grow();
    const e = { c: 0, id: 0 };
    for (let i = 0; i < n; i++) {
      entry(i, e);
      this.set(this.n++, e.c, e.id);
    }
    for (let i = (this.n >> 1) - 1; i >= 0; i--) this.siftDown(i, this.count[i]!, this.id[i]!);
  }

  private siftDown(start: number, c: number, id: number): void {
    const n = this.n;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(r, this.count[l]!, this.id[l]!) ? r : l;
      if (!this.before(child, c, id)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, c, id);
  }

  private set(i: number, c: number, id: number): void {
    this.count[i] = c;
    this.id[i] = id;
  }

  private move(from: number, to: number): void {
    this.count[to] = this.count[from]!;
    this.id[to] = this.id[from]!;
  }

  private grow(): void {
    const cap = Math.ceil(this.count.length * 1.5); // not 2x: tens of millions of entries
    const c = new Float64Array(cap);
    c.set(this.count);
    const id = new Int32Array(cap);
    id.set(this.id);
    this.count = c;
    this.id = id;
  }

  /** Bytes held. */
  get memoryBytes(): number {
    return this.count.length * 12;
  }
}
