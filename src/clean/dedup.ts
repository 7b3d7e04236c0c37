// The set behind exact deduplication: it stores a 128-bit hash per distinct document (see hash.ts),
// so memory grows with the number of documents, not their length. This file holds the interface
// and the in-memory set; the file-backed set for larger corpora is Node-only (node/file-dedup.ts).

/** A set of 128-bit keys. Implementations may keep them in memory or on disk. */
export interface DedupSet {
  /** Adds the key `k[0..3]`; returns true when it was not in the set before. */
  add(k: Uint32Array): boolean;
  /** Number of distinct keys added. */
  readonly size: number;
  /** Releases files or memory; the set must not be used afterwards. */
  close?(): void;
}

/**
 * Open addressing with linear probing in one Uint32Array (4 words a slot, all-zero = empty),
 * doubled when half full: 32-64 bytes per distinct document, no per-key object.
 */
export class MemoryDedupSet implements DedupSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  /** @param initialCapacity expected number of distinct documents (default 65,536; grows as needed). */
  constructor(initialCapacity = 1 << 16) {
    let slots = 16;
    while (slots < initialCapacity * 2) slots *= 2;
    this.table = new Uint32Array(slots * 4);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  add(k: Uint32Array): boolean {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    return this.insert(this.table, this.mask, k[0] as number, k[1] as number, k[2] as number, k[3] as number);
  }

  private insert(t: Uint32Array, mask: number, a: number, b: number, c: number, d: number): boolean {
    for (let i = (a ^ d) & mask; ; i = (i + 1) & mask) {
      const o = i * 4;
      const x = t[o] as number;
      const y = t[o + 1] as number;
      const z = t[o + 2] as number;
      const w = t[o + 3] as number;
      if ((x | y | z | w) === 0) {
        t[o] = a;
        t[o + 1] = b;
        t[o + 2] = c;
        t[o + 3] = d;
        this.count++;
        return true;
      }
      if (x === a >>> 0 && y === b >>> 0 && z === c >>> 0 && w === d >>> 0) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Uint32Array(slots * 4);
    this.mask = slots - 1;
    const n = this.count;
    for (let o = 0; o < old.length; o += 4) {
      const a = old[o] as number;
      const b = old[o + 1] as number;
      const c = old[o + 2] as number;
      const d = old[o + 3] as number;
      if ((a | b | c | d) !== 0) this.insert(this.table, this.mask, a, b, c, d);
    }
    this.count = n;
  }

  close(): void {
    this.table = new Uint32Array(64);
    this.mask = 15;
    this.count = 0;
  }
}
