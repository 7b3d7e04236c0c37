// The trainer's priority queue: a binary max-heap of candidate merges ordered by (count desc,
// left id asc, right id asc). Counts in it may be stale; the trainer re-checks on pop (lazy heap).
// It knows nothing about words or vocabularies.

/** One candidate merge: a pair, the count it had when pushed, and the words it was seen in. */
export interface MergeCandidate {
  left: number;
  right: number;
  count: number;
  /** Push order among candidates of the same pair and count (see `before`). */
  seq: number;
  /** Indices of the words the pair occurred in when this candidate was made; `posLen` are valid. */
  pos: Int32Array;
  posLen: number;
}

/**
 * Whether `a` pops before `b`.
 * PARITY: equal counts go to the smaller (left, right) id pair — HF's `Merge::cmp` compares
 * `other.pair.cmp(&self.pair)` inside a max-heap (tested in test/train/trainer-core.test.ts).
 * The last key, `seq`, only orders two candidates of the SAME pair and count, which HF leaves to its
 * heap layout (itself a function of hash-map iteration order); we take the older one first.
 */
function before(a: MergeCandidate, b: MergeCandidate): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.left !== b.left) return a.left < b.left;
  if (a.right !== b.right) return a.right < b.right;
  return a.seq < b.seq;
}

export class MergeHeap {
  private items: MergeCandidate[] = [];

  get size(): number {
    return this.items.length;
  }

  push(c: MergeCandidate): void {
    const items = this.items;
    let i = items.length;
    items.push(c);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(c, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = c;
  }

  pop(): MergeCandidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      const c = items[child]!;
      if (!before(c, last)) break;
      items[i] = c;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
