// The hot BPE merge core: given a word as symbol ids, applies merges lowest rank first (leftmost
// among equal ranks) — the same result as the reference's heap in `Word::merge_all`.
// It knows nothing of strings, vocabularies or caches; see model.ts for those.
//
// Design notes (performance):
// - Pairs (left id, right id) are looked up in an open-addressing table of Int32Arrays holding the
//   merge index (= rank); the merged id comes from a parallel Int32Array. No string keys, no boxed
//   numbers, no allocation per pair. A bit filter on the pair hash answers most no-merge lookups (60% of
//   lookups on short comments) without touching the table.
// - Symbols live in preallocated, growable Int32Arrays (id, start, end, prev, next) reused across
//   calls: no per-token allocation. A removed symbol is marked by id = -1.
// - Words shorter than HEAP_CUTOFF use a linear scan over a cached rank per adjacent pair (only the
//   two neighbours change after a merge, so lookups are O(n) and the scan is a tight numeric loop);
//   longer words (a 10 MB line without spaces) use a binary min-heap keyed by (rank, position) with
//   stale entries skipped, so the whole word is O(n log n).

export const HEAP_CUTOFF = 96;

/**
 * Work done by `mergeAll`, summed over calls: symbols visited by the linear scans and heap pushes
 * plus pops. For tests only (not exported by the package): they guard the merge's complexity by
 * counting work, never by timing it (issue 14, bug 10). Kept in locals inside the loops and added
 * here once per call, so the hot loops pay nothing measurable.
 */
export const mergeWork = { scanned: 0, heapOps: 0 };
const FILTER_BITS = 20;
const FILTER_SHIFT = 32 - FILTER_BITS;
/** Rank of a pair that has no merge. */
export const NONE = 0x7fffffff;

/**
 * Open-addressing hash table from a pair of ids to its merge rank: keys in two Int32Arrays, linear
 * probing, power-of-two capacity at most half full. Faster than a Map of boxed numbers and free of
 * the `left * stride + right` overflow for very large vocabularies.
 */
export class PairTable {
  /** Left id per slot (-1 = empty), right id and rank: public for snapshots (config/snapshot.ts). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rank: Int32Array;
  private readonly mask: number;
  /**
   * [left, right, rank] per slot, built on the first get: a probe then reads one cache line, not
   * three arrays (merging a new word looks up dozens of pairs at random places in the table).
   */
  private packed: Int32Array | null = null;
  /**
   * One bit per hash value's top FILTER_BITS bits, set for every stored pair: by `set`, or for a
   * snapshot's arrays by `pack` (its own pass cost ~2 ms on the first encode, in the interpreter).
   * Most lookups while merging a word are pairs with no merge (60% on short comments); a clear bit
   * answers those from 128 KB that stay in cache, instead of probing the table out to an empty slot.
   */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  private filterBuilt: boolean;

  constructor(capacityHint: number, arrays?: { left: Int32Array; right: Int32Array; rank: Int32Array }) {
    if (arrays) {
      // A snapshot's arrays, checked by the reader: power-of-two length with at least one empty slot.
      this.left = arrays.left;
      this.right = arrays.right;
      this.rank = arrays.rank;
      this.mask = arrays.left.length - 1;
      this.filterBuilt = false;
      return;
    }
    let cap = 16;
    while (cap < capacityHint * 2) cap *= 2;
    this.left = new Int32Array(cap).fill(-1);
    this.right = new Int32Array(cap);
    this.rank = new Int32Array(cap);
    this.mask = cap - 1;
    this.filterBuilt = true;
  }

  /** Sets the rank of (a, b); a repeated pair keeps the last rank set. */
  set(a: number, b: number, rank: number): void {
    const h = pairHash(a, b);
    const f = h >>> FILTER_SHIFT;
    this.filter[f >>> 5]! |= 1 << (f & 31);
    let i = h & this.mask;
    for (;;) {
      const l = this.left[i]!;
      // Compared unconditionally: an operation first reached after the loader's loop is optimized
      // (the first collision) would throw that code away for lack of type feedback, and set runs
      // 30k times on a cold start.
      const same = ((l ^ a) | (this.right[i]! ^ b)) === 0;
      if (l === -1 || same) break;
      i = (i + 1) & this.mask;
    }
    this.left[i] = a;
    this.right[i] = b;
    this.rank[i] = rank;
    this.packed = null;
  }

  /** Rank of (a, b), or NONE. */
  get(a: number, b: number): number {
    const p = this.packed ?? this.pack();
    const h = pairHash(a, b);
    const f = h >>> FILTER_SHIFT;
    if ((this.filter[f >>> 5]! & (1 << (f & 31))) === 0) return NONE;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = i * 3;
      const l = p[k]!;
      if (l === a && p[k + 1] === b) return p[k + 2]!;
      if (l === -1) return NONE;
    }
  }

  private pack(): Int32Array {
    const n = this.left.length;
    const p = new Int32Array(n * 3);
    const build = !this.filterBuilt;
    const filter = this.filter;
    for (let i = 0; i < n; i++) {
      const l = this.left[i]!;
      p[i * 3] = l;
      p[i * 3 + 1] = this.right[i]!;
      p[i * 3 + 2] = this.rank[i]!;
      if (build && l !== -1) {
        const f = pairHash(l, this.right[i]!) >>> FILTER_SHIFT;
        filter[f >>> 5]! |= 1 << (f & 31);
      }
    }
    this.filterBuilt = true;
    return (this.packed = p);
  }
}

/** Hash of a pair of ids: the low bits pick a PairTable slot, the high bits a filter bit. */
function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
}

export interface MergeTable {
  /** (left id, right id) → merge rank (its index in tokenizer.json). */
  readonly pairs: PairTable;
  /** Merged id for each rank. */
  readonly mergedId: Int32Array;
}

/** Reusable symbol storage; `n` symbols in text order after `reset`. */
export class Symbols {
  id: Int32Array = new Int32Array(64);
  start: Int32Array = new Int32Array(64);
  end: Int32Array = new Int32Array(64);
  prev: Int32Array = new Int32Array(64);
  next: Int32Array = new Int32Array(64);
  rank: Int32Array = new Int32Array(64);
  n = 0;

  reset(): void {
    this.n = 0;
  }

  push(id: number, start: number, end: number): void {
    if (this.n === this.id.length) this.grow();
    const i = this.n++;
    this.id[i] = id;
    this.start[i] = start;
    this.end[i] = end;
  }

  private grow(): void {
    const g = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.id = g(this.id);
    this.start = g(this.start);
    this.end = g(this.end);
    this.prev = g(this.prev);
    this.next = g(this.next);
    this.rank = g(this.rank);
  }
}

function rankOf(t: MergeTable, a: number, b: number): number {
  return t.pairs.get(a, b);
}

/**
 * Applies all merges to `w` in place; afterwards live symbols are those with id >= 0 among the
 * first `w.n` (a short word comes back compacted, a long one with holes).
 */
export function mergeAll(t: MergeTable, w: Symbols): void {
  const n = w.n;
  if (n < 2) return;
  if (n < HEAP_CUTOFF) {
    linear(t, w);
    return;
  }
  for (let i = 0; i < n; i++) {
    w.prev[i] = i - 1;
    w.next[i] = i + 1 < n ? i + 1 : -1;
  }
  heap(t, w);
}

/**
 * Short words: the symbols stay dense (a merged right symbol is shifted out), so every round's
 * lowest-rank search is a plain scan over a few contiguous ints rather than a walk along links.
 */
function linear(t: MergeTable, w: Symbols): void {
  const { id, start, end, rank } = w;
  let n = w.n;
  for (let i = 0; i < n - 1; i++) rank[i] = rankOf(t, id[i]!, id[i + 1]!);
  rank[n - 1] = NONE;
  let scanned = n;
  for (;;) {
    scanned += n;
    // Lowest rank, leftmost: strict < keeps the first of equal ranks.
    let best = NONE;
    let pos = -1;
    for (let i = 0; i < n - 1; i++) {
      const r = rank[i]!;
      if (r < best) {
        best = r;
        pos = i;
      }
    }
    if (pos < 0) break;
    id[pos] = t.mergedId[best]!;
    end[pos] = end[pos + 1]!;
    n--;
    for (let i = pos + 1; i < n; i++) {
      id[i] = id[i + 1]!;
      start[i] = start[i + 1]!;
      end[i] = end[i + 1]!;
      rank[i] = rank[i + 1]!;
    }
    rank[pos] = pos + 1 < n ? rankOf(t, id[pos]!, id[pos + 1]!) : NONE;
    if (pos > 0) rank[pos - 1] = rankOf(t, id[pos - 1]!, id[pos]!);
  }
  w.n = n;
  mergeWork.scanned += scanned;
}

// Heap entries packed in one float64: rank * 2^26 + position (positions < 2^26 symbols per call,
// ranks < 2^26 merges), so comparing numbers orders by (rank, position) like the reference.
const POS_BITS = 67108864; // 2^26
let heapBuf = new Float64Array(256);

function heap(t: MergeTable, w: Symbols): void {
  const { id, end, prev, next } = w;
  const n = w.n;
  if (heapBuf.length < n * 2) heapBuf = new Float64Array(n * 2);
  let h = heapBuf;
  let size = 0;
  let pushes = 0;
  let pops = 0;
  const push = (key: number): void => {
    pushes++;
    if (size === h.length) {
      const b = new Float64Array(h.length * 2);
      b.set(h);
      heapBuf = h = b;
    }
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= key) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = key;
  };
  const pop = (): number => {
    const top = h[0]!;
    const last = h[--size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && h[c + 1]! < h[c]!) c++;
      if (h[c]! >= last) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  };
  for (let i = 0; i < n - 1; i++) {
    const r = rankOf(t, id[i]!, id[i + 1]!);
    if (r !== NONE) push(r * POS_BITS + i);
  }
  while (size > 0) {
    pops++;
    const key = pop();
    const r = Math.floor(key / POS_BITS);
    const pos = key - r * POS_BITS;
    // Stale entry: the symbol was merged away, is last, or its pair changed since the push.
    if (id[pos] === -1) continue;
    const right = next[pos]!;
    if (right === -1) continue;
    if (rankOf(t, id[pos]!, id[right]!) !== r) continue;
    id[pos] = t.mergedId[r]!;
    end[pos] = end[right]!;
    const after = next[right]!;
    next[pos] = after;
    if (after !== -1) prev[after] = pos;
    id[right] = -1;
    const before = prev[pos]!;
    if (before !== -1) {
      const rb = rankOf(t, id[before]!, id[pos]!);
      if (rb !== NONE) push(rb * POS_BITS + before);
    }
    if (after !== -1) {
      const ra = rankOf(t, id[pos]!, id[after]!);
      if (ra !== NONE) push(ra * POS_BITS + pos);
    }
  }
  mergeWork.heapOps += pushes + pops;
}
