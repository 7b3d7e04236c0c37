// The word cache's storage: an open-addressing hash table from a word (a range of the input's UTF-16
// code units) to its tokens, over flat typed arrays.
//
// Design notes (performance): a `Map<string, Int32Array>` costs a fresh sliced string per word looked
// up (allocated, hashed by V8, garbage a moment later) and two heap objects per entry. Here the key
// is hashed and compared straight from the input text and an entry is four integers (plus a slot
// of two) and its units and tokens in two arenas, so a cache hit allocates nothing and an entry
// costs ~30 bytes, not ~150.
// Tables start small and grow to their limits, so a tokenizer that encodes little stays small.

/** FNV-1a over the code units of s[a, b), finished so that low bits (the slot) depend on every unit. */
export function hashRange(s: string, a: number, b: number): number {
  let h = 0x811c9dc5 ^ (b - a);
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

const grow = <T extends Int32Array | Uint16Array>(a: T, n: number): T => {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
};

/** Ints per entry in `meta`: where its key starts, its length, where its tokens start, how many ints. */
const META = 4;

export class WordTable {
  /**
   * Per slot, [hash, entry + 1] (0: empty), twice the entries' capacity so probes stay short. The
   * hash sits beside the entry so that a probe past another word reads no other array, and an
   * entry's four numbers share one cache line: a lookup touches about four lines in all.
   */
  private slots = new Int32Array(2048);
  /** [keyAt, keyLen, tokAt, tokLen] per entry. */
  private meta = new Int32Array(512 * META);
  private keys = new Uint16Array(4096);
  /** Tokens of all entries: [id, start, end] triples, offsets in code units relative to the word. */
  toks = new Int32Array(16384);
  size = 0;
  private keyUsed = 0;
  private tokUsed = 0;

  constructor(
    /** Most entries held. */
    readonly capacity: number,
    /** Most code units of keys held, and most ints of tokens. */
    private readonly maxKeyUnits: number,
    private readonly maxTokInts: number,
  ) {}

  /** Where entry `e`'s tokens start in `toks`. */
  tokAt(e: number): number {
    return this.meta[e * META + 2]!;
  }

  /** How many ints of `toks` entry `e`'s tokens take (3 per token). */
  tokLen(e: number): number {
    return this.meta[e * META + 3]!;
  }

  /** The entry of s[a, b) with hash `h`, or -1. */
  find(s: string, a: number, b: number, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const len = b - a;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1]!;
      if (v === 0) return -1;
      if (slots[2 * i] !== h) continue;
      const m = (v - 1) * META;
      if (this.meta[m + 1] !== len) continue;
      const keys = this.keys;
      let k = this.meta[m]!;
      let j = a;
      while (j < b && keys[k] === s.charCodeAt(j)) {
        j++;
        k++;
      }
      if (j === b) return v - 1;
    }
  }

  /** Whether an entry with `units` key units and up to `ints` token ints can be added without clearing. */
  fits(units: number, ints: number): boolean {
    return this.size < this.capacity && this.keyUsed + units <= this.maxKeyUnits && this.tokUsed + ints <= this.maxTokInts;
  }

  /** Adds s[a, b) (not in the table, and fits) with tokens src[from, from + n); returns its entry. */
  add(s: string, a: number, b: number, h: number, src: Int32Array, from: number, n: number): number {
    const len = b - a;
    if ((this.size + 1) * META > this.meta.length) this.growEntries();
    if (this.keyUsed + len > this.keys.length) this.keys = grow(this.keys, Math.min(this.maxKeyUnits, Math.max(this.keys.length * 2, this.keyUsed + len)));
    if (this.tokUsed + n > this.toks.length) this.toks = grow(this.toks, Math.min(this.maxTokInts, Math.max(this.toks.length * 2, this.tokUsed + n)));
    const e = this.size++;
    const keys = this.keys;
    const ka = this.keyUsed;
    for (let i = 0; i < len; i++) keys[ka + i] = s.charCodeAt(a + i);
    this.keyUsed += len;
    const ta = this.tokUsed;
    this.toks.set(src.subarray(from, from + n), ta);
    this.tokUsed += n;
    const m = e * META;
    this.meta[m] = ka;
    this.meta[m + 1] = len;
    this.meta[m + 2] = ta;
    this.meta[m + 3] = n;
    this.place(e, h);
    return e;
  }

  /** Empties the table, keeping its buffers for the next generation. */
  clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.keyUsed = 0;
    this.tokUsed = 0;
  }

  private place(e: number, h: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let i = h & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = e + 1;
  }

  /** Doubles the entries' room; the slots are rebuilt from the old ones (hashes are kept there). */
  private growEntries(): void {
    this.meta = grow(this.meta, this.meta.length * 2);
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i + 1]! - 1, old[i]!);
  }
}
