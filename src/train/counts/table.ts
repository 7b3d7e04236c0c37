// The count table seam: word → occurrence count, the state that grows with the corpus. Counting,
// count files, shard merging and the trainer's input all go through this interface, so the storage
// (ByteCountTable in byte-table.ts: typed arrays over a byte arena, for corpus scale; MapCountTable
// here, simple and limited to 2^24 words) can change without touching them. A table is an iterable
// of [word, count], so `trainBpe(table)` takes it as it is. It does not split text into words
// (words.ts) or read and write files (counts-file.ts).

export interface CountTable {
  /** Number of distinct words. */
  readonly size: number;
  /** Adds `count` occurrences of `word` (default 1). */
  add(word: string, count?: number): void;
  /** The count of `word`, 0 when absent. */
  get(word: string): number;
  /** Adds every entry of `other` into this table. */
  merge(other: CountTable): void;
  /** Every entry once, in no particular order (the cheapest walk). */
  entries(): IterableIterator<[string, number]>;
  /** Every entry once, ordered by word in code-point order (= UTF-8 byte order): the order count files use. */
  sortedEntries(): IterableIterator<[string, number]>;
  /** The same walk as `entries()`. */
  [Symbol.iterator](): IterableIterator<[string, number]>;
}

/** Code-point order of two strings (UTF-16 `<` differs from it only past U+FFFF vs U+E000-U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (astral code point) sorts after every BMP unit above it in UTF-16 order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? (y >= 0xe000 ? 1 : x - y) : x >= 0xe000 ? -1 : x - y;
    return x - y;
  }
  return a.length - b.length;
}

/** The Map-backed table: simple, and limited to 2^24 distinct words by V8's Map. */
export class MapCountTable implements CountTable {
  private readonly map = new Map<string, number>();

  get size(): number {
    return this.map.size;
  }

  add(word: string, count = 1): void {
    this.map.set(word, (this.map.get(word) ?? 0) + count);
  }

  get(word: string): number {
    return this.map.get(word) ?? 0;
  }

  merge(other: CountTable): void {
    for (const [w, c] of other.entries()) this.add(w, c);
  }

  entries(): IterableIterator<[string, number]> {
    return this.map.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, number]> {
    return this.map.entries();
  }

  sortedEntries(): IterableIterator<[string, number]> {
    return [...this.map.entries()].sort((a, b) => compareCodePoints(a[0], b[0]))[Symbol.iterator]();
  }
}
