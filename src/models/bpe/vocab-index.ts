// Token → id over UTF-16 code units kept in one pool: what the fast tokenizer.json loader fills
// while it reads the vocab bytes, so no 30k-key object or Map is built at load. Lookups take a JS
// string or a run of code units in a caller's buffer (merge resolution), never a new string.
// It does not decode JSON (config/scan-bpe.ts does) and holds model-vocab tokens only.
//
// Design notes (performance): a polynomial hash over code units, H(s) = Σ s[i]·P^(n-1-i) mod 2^32,
// so that H(a + b) = H(a)·P^|b| + H(b): the loader hashes a merge's two sides while decoding them
// and gets the merged token's hash without another pass. Slots come from a murmur finalizer of H;
// open addressing with linear probing in an Int32Array of entry indices (capacity a power of two,
// at most half full); keys compared unit by unit in the pool. Entry e's units are pool[start[e] .. start[e + 1]). The table is built in one
// loop (`build`) because the loader runs cold: one long loop gets optimized on the stack, thousands
// of calls to a small function mostly run in the interpreter. The loader inlines the same probe.

/** The hash's multiplier (odd): H = H·P + unit, starting from 0. */
export const HASH_P = 0x9e3779b1;

/** Slot of a hash in a table of mask + 1 slots (murmur3's finalizer spreads H's low bits). */
export function slotOf(h: number, mask: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

let powers: Int32Array | null = null;
/** P^n mod 2^32 (to combine hashes: H(a + b) = imul(H(a), P^|b|) + H(b)); n up to 4096, else computed. */
export function hashPow(n: number): number {
  if (powers === null) {
    powers = new Int32Array(4097);
    powers[0] = 1;
    for (let i = 1; i < powers.length; i++) powers[i] = Math.imul(powers[i - 1]!, HASH_P);
  }
  if (n < powers.length) return powers[n]!;
  let r = 1;
  for (let i = 0; i < n; i++) r = Math.imul(r, HASH_P);
  return r;
}

export class VocabIndex {
  /** From arrays laid out as described above (a snapshot's, checked by its reader). */
  constructor(
    /** Code units of every token, entry after entry. */
    readonly pool: Uint16Array,
    /** start[e] = first unit of entry e in the pool; start[count] = end of the last. */
    readonly start: Int32Array,
    readonly ids: Int32Array,
    /** Entry index per slot, -1 = empty. */
    readonly slots: Int32Array,
    readonly mask: number,
    readonly count: number,
  ) {}

  /** An index of the tokens of an id → token table (to snapshot a model loaded the ordinary way). */
  static fromTokens(vocabR: readonly (string | undefined)[]): VocabIndex | null {
    let units = 0;
    let count = 0;
    for (const t of vocabR) {
      if (t !== undefined) {
        units += t.length;
        count++;
      }
    }
    const pool = new Uint16Array(units);
    const start = new Int32Array(count + 1);
    const ids = new Int32Array(count);
    const hashes = new Int32Array(count);
    let u = 0;
    let e = 0;
    for (let id = 0; id < vocabR.length; id++) {
      const t = vocabR[id];
      if (t === undefined) continue;
      start[e] = u;
      let h = 0;
      for (let k = 0; k < t.length; k++) {
        pool[u++] = t.charCodeAt(k);
        h = (Math.imul(h, HASH_P) + t.charCodeAt(k)) | 0;
      }
      ids[e] = id;
      hashes[e++] = h;
    }
    start[count] = u;
    return VocabIndex.build(pool, start, ids, hashes, count);
  }

  /**
   * The index of `count` entries laid out as described above, with each entry's hash H in
   * `hashes` (the loader computes them while decoding), or null when two entries have the same
   * token (the caller decides what a duplicate means). Takes ownership of the arrays.
   */
  static build(pool: Uint16Array, start: Int32Array, ids: Int32Array, hashes: Int32Array, count: number): VocabIndex | null {
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let e = 0; e < count; e++) {
      const s = start[e]!;
      const t = start[e + 1]!;
      let i = slotOf(hashes[e]!, mask);
      for (;;) {
        const o = slots[i]!;
        if (o < 0) break;
        const os = start[o]!;
        if (start[o + 1]! - os === t - s) {
          let k = 0;
          while (k < t - s && pool[os + k] === pool[s + k]) k++;
          if (k === t - s) return null;
        }
        i = (i + 1) & mask;
      }
      slots[i] = e;
    }
    return new VocabIndex(pool, start, ids, slots, mask, count);
  }

  /** Id of a token given as a string, or undefined. */
  get(token: string): number | undefined {
    const len = token.length;
    let h = 0;
    for (let k = 0; k < len; k++) h = (Math.imul(h, HASH_P) + token.charCodeAt(k)) | 0;
    const { pool, start, slots, mask } = this;
    let i = slotOf(h, mask);
    for (;;) {
      const e = slots[i]!;
      if (e < 0) return undefined;
      const s = start[e]!;
      if (start[e + 1]! - s === len) {
        let k = 0;
        while (k < len && pool[s + k] === token.charCodeAt(k)) k++;
        if (k === len) return this.ids[e]!;
      }
      i = (i + 1) & mask;
    }
  }

  /** Id of the token buf[from..to), whose hash H is h (the fast loader's merge lookups), or -1. */
  find(buf: Uint16Array, from: number, to: number, h: number): number {
    const { pool, start, slots, mask } = this;
    const len = to - from;
    let i = slotOf(h, mask);
    for (;;) {
      const e = slots[i]!;
      if (e < 0) return -1;
      const s = start[e]!;
      if (start[e + 1]! - s === len) {
        let k = 0;
        while (k < len && pool[s + k] === buf[from + k]) k++;
        if (k === len) return this.ids[e]!;
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether entry e's token is exactly buf[0..len). */
  entryIs(e: number, buf: Uint16Array, len: number): boolean {
    const s = this.start[e]!;
    if (this.start[e + 1]! - s !== len) return false;
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (pool[s + k] !== buf[k]) return false;
    return true;
  }

  /**
   * id → token string for every entry (holes where no token has the id). The strings are slices of
   * one string built from the pool: one decode instead of a small one per token.
   */
  tokensById(size: number): string[] {
    const end = this.start[this.count]!;
    let all = '';
    const CHUNK = 8192;
    for (let i = 0; i < end; i += CHUNK) {
      // fromCharCode keeps lone surrogates (a UTF-16 TextDecoder would replace them).
      all += String.fromCharCode.apply(null, this.pool.subarray(i, Math.min(i + CHUNK, end)) as unknown as number[]);
    }
    const out = new Array<string>(size);
    for (let e = 0; e < this.count; e++) out[this.ids[e]!] = all.slice(this.start[e]!, this.start[e + 1]!);
    return out;
  }
}
