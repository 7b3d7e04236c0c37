// The word cache's storage: an open-addressing hash table from a word (a range of the input's UTF-16
// code units) to its tokens, over flat typed arrays.
//
// Design notes (performance): a `Map<string, Int32Array>` costs a fresh sliced string per word looked
// up (allocated, hashed by V8, garbage a moment later) and two heap objects per entry. Here the key
// is hashed and compared straight from the input text and an entry is five integers plus its units
// and tokens in two arenas, so a cache hit allocates nothing and an entry costs ~30 bytes, not ~150.
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

export class WordTable {
  /** Entry index + 1 per slot; 0 is an empty slot. Twice the entries' capacity: probes stay short. */
  private slots = new Int32Array(1024);
  private hash = new Int32Array(512);
  private keyAt = new Int32Array(512);
  private keyLen = new Int32Array(512);
  /** Where an entry's tokens start in `toks`, and how many ints they take (3 per token). */
  tokAt = new Int32Array(512);
  tokLen = new Int32Array(512);
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

  /** The entry of s[a, b) with hash `h`, or -1. */
  find(s: string, a: number, b: number, h: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = b - a;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === 0) return -1;
      const e = v - 1;
      if (this.hash[e] !== h || this.keyLen[e] !== len) continue;
      const keys = this.keys;
      let k = this.keyAt[e]!;
      let j = a;
      while (j < b && keys[k] === s.charCodeAt(j)) {
        j++;
        k++;
      }
      if (j === b) return e;
    }
  }

  /** Whether an entry with `units` key units and up to `ints` token ints can be added without clearing. */
  fits(units: number, ints: number): boolean {
    return this.size < this.capacity && this.keyUsed + units <= this.maxKeyUnits && this.tokUsed + ints <= this.maxTokInts;
  }

  /** Adds s[a, b) (not in the table, and fits) with tokens src[from, from + n); returns its entry. */
  add(s: string, a: number, b: number, h: number, src: Int32Array, from: number, n: number): number {
    const len = b - a;
    if (this.size === this.hash.length) this.growEntries();
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
    this.hash[e] = h;
    this.keyAt[e] = ka;
    this.keyLen[e] = len;
    this.tokAt[e] = ta;
    this.tokLen[e] = n;
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
    const mask = slots.length - 1;
    let i = h & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = e + 1;
  }

  private growEntries(): void {
    const n = this.hash.length * 2;
    this.hash = grow(this.hash, n);
    this.keyAt = grow(this.keyAt, n);
    this.keyLen = grow(this.keyLen, n);
    this.tokAt = grow(this.tokAt, n);
    this.tokLen = grow(this.tokLen, n);
    this.slots = new Int32Array(n * 2);
    for (let e = 0; e < this.size; e++) this.place(e, this.hash[e]!);
  }
}
