// Every distinct adjacent pair the trainer has seen: (left, right) → pair id, with its count and the
// per-step scratch the pair index needs, in parallel typed arrays (no Map: past 2^24 pairs V8's Map
// stops). Ids are dense and given in order of first sight, never removed.
//
// Design notes: open addressing with linear probing over an Int32Array of id + 1 (0 = empty); the
// hash mixes both ids (murmur3 fmix32), so the slot index needs no stored hash and rehashing reads
// `left`/`right` again. Per pair: 4 + 4 + 8 + 4 bytes, plus ~6 bytes of slots — at corpus scale
// there are tens of millions of pairs (20M on the 20M-distinct-word corpus), so per-step scratch
// lives in PairIndex's step arrays, sized by the pairs a step touches, not here.

const MAX_LOAD = 0.75;

function mix(l: number, r: number): number {
  let h = Math.imul(l, 0x9e3779b1) ^ r;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class PairTable {
  left: Int32Array = new Int32Array(1024);
  right: Int32Array = new Int32Array(1024);
  /** Occurrences, weighted by word counts (HF's `pair_counts`). */
  count: Float64Array = new Float64Array(1024);
  /** Scratch of PairIndex: a position count while counting, 0 or a step-array index + 1 in a step. */
  aux: Uint32Array = new Uint32Array(1024);
  private slots: Int32Array = new Int32Array(2048);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** The id of (l, r), or -1. */
  find(l: number, r: number): number {
    const { slots, left, right } = this;
    const mask = slots.length - 1;
    for (let i = mix(l, r) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      if (left[s - 1] === l && right[s - 1] === r) return s - 1;
    }
  }

  /** The id of (l, r), added with count 0 if new. */
  getOrAdd(l: number, r: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = mix(l, r) & mask;
    for (; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) break;
      if (this.left[s - 1] === l && this.right[s - 1] === r) return s - 1;
    }
    const id = this.n;
    if (id === this.left.length) this.grow();
    this.left[id] = l;
    this.right[id] = r;
    this.n = id + 1;
    slots[i] = id + 1;
    if (this.n > slots.length * MAX_LOAD) this.rehash();
    return id;
  }

  private grow(): void {
    const cap = Math.ceil(this.left.length * 1.5);
    const g = <T extends Int32Array | Uint32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.left = g(this.left, new Int32Array(cap));
    this.right = g(this.right, new Int32Array(cap));
    this.count = g(this.count, new Float64Array(cap));
    this.aux = g(this.aux, new Uint32Array(cap));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.n; id++) {
      let i = mix(this.left[id]!, this.right[id]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
  }

  /** Bytes held. */
  get memoryBytes(): number {
    return this.left.length * 20 + this.slots.byteLength;
  }
}
