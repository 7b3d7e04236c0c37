// The corpus-scale count table: word → count for any number of distinct words (V8's Map stops at
// 2^24). Keys are bytes in a paged arena, found through an open-addressing hash table; per word it
// keeps ~20 bytes of typed-array state plus its key bytes. It does not split text (words.ts) or read
// and write files (counts-file.ts); the key codec (byte-keys.ts) decides what a word's bytes are.
//
// Design notes:
// - Entry e is (ref[e], len[e], count[e], hash[e]) in parallel typed arrays grown by 1.5x; `ref` is
//   page << 20 | offset into 1 MiB pages, so the arena never moves or copies as it grows. A key longer
//   than a quarter page gets a page of its own (several page numbers), so no key straddles pages.
//   32-bit refs bound the arena at 4 GiB of distinct key bytes (CountTableFullError past that).
// - Slots hold entry + 1 (0 = empty, so a fresh Int32Array needs no fill), linear probing, load
//   ≤ 0.7; the stored hash makes rehashing and most mismatches free of byte comparisons.
// - `add` encodes into a scratch buffer and copies into the arena only on a miss: no string, Map or
//   object per word. `addUtf8` lets the counter add a raw piece whose UTF-8 bytes ARE the byte-level
//   word, so the byte-level mapping is never built as a string while counting.

import { MbbpeError } from '../../errors.js';
import { byteRanks, decodeByteLevel, decodeUtf8, encodeByteLevel, encodeUtf8, Scratch, type KeyMode } from './byte-keys.js';
import { sortKeyIds } from './sort-keys.js';
import type { CountTable } from './table.js';

/** The table cannot take this key: not a byte-level word in a byte-level table, or the arena is full. */
export class CountTableError extends MbbpeError {
  readonly reason: string;

  constructor(reason: string, hint: string) {
    super(`count table: ${reason}`, hint);
    this.reason = reason;
  }
}

const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE - 1;
const MAX_PAGES = 4096; // 32-bit refs
const BIG_KEY = PAGE >> 2;
const MAX_LOAD = 0.7;

/** The arrays of a table, for moving it between threads (`transferList` lists their buffers). */
export interface ByteCountTableState {
  keys: KeyMode;
  size: number;
  pageCount: number;
  pageFill: number;
  totalBytes: number;
  pages: Uint8Array[];
  ref: Uint32Array;
  len: Uint32Array;
  count: Float64Array;
  hash: Uint32Array;
  slots: Int32Array;
}

function hashBytes(b: Uint8Array, from: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = from, end = from + n; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  // Final avalanche (murmur3 fmix32): FNV's low bits alone index the slots poorly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class ByteCountTable implements CountTable {
  /** How word strings map to key bytes (fixed at construction). */
  readonly keys: KeyMode;
  private n = 0;
  private pages: Uint8Array[] = [];
  private pageCount = 0; // page numbers used (a big key uses several)
  private pageFill = PAGE; // bytes used in the last page
  private totalBytes = 0;
  private ref: Uint32Array = new Uint32Array(1024);
  private len: Uint32Array = new Uint32Array(1024);
  private cnt: Float64Array = new Float64Array(1024);
  private hsh: Uint32Array = new Uint32Array(1024);
  private slots: Int32Array = new Int32Array(2048);
  private readonly scratch = new Scratch();

  /** `keys`: `utf8` (default) stores any string; `byte-level` only byte-level words, in half the bytes. */
  constructor(keys: KeyMode = 'utf8') {
    this.keys = keys;
  }

  get size(): number {
    return this.n;
  }

  /** Bytes of all keys together (what the trainer's symbol arena needs in byte-level mode). */
  get keyBytes(): number {
    return this.totalBytes;
  }

  /** Memory held, in bytes (typed arrays and pages; not the few objects around them). */
  get memoryBytes(): number {
    return this.pages.reduce((a, p) => a + p.byteLength, 0) + this.ref.byteLength * 5 + this.slots.byteLength;
  }

  private encode(word: string): number {
    const out = this.scratch.ensure(word.length * 3);
    return this.keys === 'utf8' ? encodeUtf8(word, out, true) : encodeByteLevel(word, out);
  }

  add(word: string, count = 1): void {
    const n = this.encode(word);
    if (n < 0)
      throw new CountTableError(
        `${JSON.stringify(word.slice(0, 40))} is not a byte-level word (a table of byte-level keys holds only the 256 byte stand-in characters)`,
        'use a utf8 table for other words',
      );
    const b = this.scratch.bytes;
    this.addBytes(b, 0, n, hashBytes(b, 0, n), count);
  }

  /**
   * Adds the key made of the UTF-8 bytes of `piece` (a lone surrogate as U+FFFD). In a byte-level
   * table this is the byte-level word of `piece` — what the counter adds without building it.
   */
  addUtf8(piece: string, count = 1): void {
    const b = this.scratch.ensure(piece.length * 3);
    const n = encodeUtf8(piece, b, false);
    this.addBytes(b, 0, n, hashBytes(b, 0, n), count);
  }

  get(word: string): number {
    const n = this.encode(word);
    if (n < 0) return 0;
    const b = this.scratch.bytes;
    const e = this.find(b, 0, n, hashBytes(b, 0, n));
    return e < 0 ? 0 : this.cnt[e]!;
  }

  merge(other: CountTable): void {
    if (other instanceof ByteCountTable && other.keys === this.keys) {
      // Same key bytes: no decoding, no rehashing.
      for (let e = 0; e < other.n; e++) {
        const r = other.ref[e]!;
        this.addBytes(other.pages[r >>> PAGE_BITS]!, r & OFFSET_MASK, other.len[e]!, other.hsh[e]!, other.cnt[e]!);
      }
      return;
    }
    for (const [w, c] of other.entries()) this.add(w, c);
  }

  *entries(): IterableIterator<[string, number]> {
    for (let e = 0; e < this.n; e++) yield [this.word(e), this.cnt[e]!];
  }

  [Symbol.iterator](): IterableIterator<[string, number]> {
    return this.entries();
  }

  *sortedEntries(): IterableIterator<[string, number]> {
    const ids = sortKeyIds(this.n, byteRanks(this.keys), this.pages, this.ref, this.len, PAGE_BITS);
    for (let i = 0; i < ids.length; i++) yield [this.word(ids[i]!), this.cnt[ids[i]!]!];
  }

  /** Calls `fn` with every entry's key bytes (`bytes[from, from + len)`, valid during the call) and count. */
  forEachKey(fn: (bytes: Uint8Array, from: number, len: number, count: number) => void): void {
    for (let e = 0; e < this.n; e++) {
      const r = this.ref[e]!;
      fn(this.pages[r >>> PAGE_BITS]!, r & OFFSET_MASK, this.len[e]!, this.cnt[e]!);
    }
  }

  /** The word of entry `e`. */
  private word(e: number): string {
    const r = this.ref[e]!;
    const p = this.pages[r >>> PAGE_BITS]!;
    return this.keys === 'utf8' ? decodeUtf8(p, r & OFFSET_MASK, this.len[e]!) : decodeByteLevel(p, r & OFFSET_MASK, this.len[e]!);
  }

  /** The entry whose key is `b[from, from + n)`, or -1. */
  private find(b: Uint8Array, from: number, n: number, h: number): number {
    const { slots, hsh, len, ref, pages } = this;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      const e = s - 1;
      if (hsh[e] !== h || len[e] !== n) continue;
      const r = ref[e]!;
      const p = pages[r >>> PAGE_BITS]!;
      let at = r & OFFSET_MASK;
      let k = from;
      const end = from + n;
      while (k < end && p[at] === b[k]) {
        at++;
        k++;
      }
      if (k === end) return e;
    }
  }

  private addBytes(b: Uint8Array, from: number, n: number, h: number, count: number): void {
    const { slots, hsh, len, ref, pages } = this;
    const mask = slots.length - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) break;
      const e = s - 1;
      if (hsh[e] !== h || len[e] !== n) continue;
      const r = ref[e]!;
      const p = pages[r >>> PAGE_BITS]!;
      let at = r & OFFSET_MASK;
      let k = from;
      const end = from + n;
      while (k < end && p[at] === b[k]) {
        at++;
        k++;
      }
      if (k === end) {
        this.cnt[e]! += count;
        return;
      }
    }
    // A new key.
    const e = this.n;
    if (e === this.ref.length) this.growEntries();
    const r = this.alloc(n);
    if (n > 0) this.pages[r >>> PAGE_BITS]!.set(b.subarray(from, from + n), r & OFFSET_MASK);
    this.ref[e] = r;
    this.len[e] = n;
    this.cnt[e] = count;
    this.hsh[e] = h;
    this.n = e + 1;
    this.totalBytes += n;
    slots[i] = e + 1;
    if (this.n > slots.length * MAX_LOAD) this.growSlots();
  }

  /** Room for `n` key bytes; returns its ref. */
  private alloc(n: number): number {
    if (n === 0) return 0; // the empty key needs no bytes (and page 0 may not exist yet)
    if (n > BIG_KEY) {
      const span = Math.ceil(n / PAGE);
      const page = this.pageCount;
      if (page + span > MAX_PAGES) this.full();
      this.pages[page] = new Uint8Array(n);
      for (let k = 1; k < span; k++) this.pages[page + k] = new Uint8Array(0);
      this.pageCount += span;
      this.pageFill = PAGE; // the next small key opens a fresh page
      return (page << PAGE_BITS) >>> 0;
    }
    if (this.pageFill + n > PAGE) {
      if (this.pageCount >= MAX_PAGES) this.full();
      this.pages[this.pageCount++] = new Uint8Array(PAGE);
      this.pageFill = 0;
    }
    const r = (((this.pageCount - 1) << PAGE_BITS) | this.pageFill) >>> 0;
    this.pageFill += n;
    return r;
  }

  private full(): never {
    throw new CountTableError(`the key arena is full (${MAX_PAGES} MiB of distinct word bytes)`, 'count the corpus in shards (mbbpe count --shard K/N) and drop rare words with --min-word-count');
  }

  private growEntries(): void {
    const cap = Math.ceil(this.ref.length * 1.5);
    const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.ref = grow(this.ref, (k) => new Uint32Array(k));
    this.len = grow(this.len, (k) => new Uint32Array(k));
    this.cnt = grow(this.cnt, (k) => new Float64Array(k));
    this.hsh = grow(this.hsh, (k) => new Uint32Array(k));
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const hsh = this.hsh;
    for (let e = 0; e < this.n; e++) {
      let i = hsh[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
  }

  /**
   * Empties the table and hands over the buffers it held, for `releaseBuffers` (train.ts frees the
   * counts before the merge phase instead of waiting for a GC).
   */
  takeBuffers(): ArrayBuffer[] {
    const bufs = transferList(this.toState());
    this.n = 0;
    this.pages = [];
    this.pageCount = 0;
    this.pageFill = PAGE;
    this.totalBytes = 0;
    this.ref = new Uint32Array(1024);
    this.len = new Uint32Array(1024);
    this.cnt = new Float64Array(1024);
    this.hsh = new Uint32Array(1024);
    this.slots = new Int32Array(2048);
    return bufs;
  }

  /** The table's arrays, for `postMessage` (pass `transferList(state)` to move them instead of copying). */
  toState(): ByteCountTableState {
    return {
      keys: this.keys,
      size: this.n,
      pageCount: this.pageCount,
      pageFill: this.pageFill,
      totalBytes: this.totalBytes,
      pages: this.pages,
      ref: this.ref,
      len: this.len,
      count: this.cnt,
      hash: this.hsh,
      slots: this.slots,
    };
  }

  /** A table over the arrays of `toState()` (taken over, not copied). */
  static fromState(s: ByteCountTableState): ByteCountTable {
    const t = new ByteCountTable(s.keys);
    t.n = s.size;
    t.pageCount = s.pageCount;
    t.pageFill = s.pageFill;
    t.totalBytes = s.totalBytes;
    t.pages = s.pages;
    t.ref = s.ref;
    t.len = s.len;
    t.cnt = s.count;
    t.hsh = s.hash;
    t.slots = s.slots;
    return t;
  }
}

/** The buffers to transfer with a `ByteCountTableState`. */
export function transferList(s: ByteCountTableState): ArrayBuffer[] {
  const bufs = new Set<ArrayBuffer>([s.ref.buffer, s.len.buffer, s.count.buffer, s.hash.buffer, s.slots.buffer] as ArrayBuffer[]);
  for (const p of s.pages) bufs.add(p.buffer as ArrayBuffer);
  return [...bufs];
}
