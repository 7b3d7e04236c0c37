// The trainer's working state: every word as a slice of one symbol-id buffer, the count of every
// adjacent pair, and the heap of merge candidates with the words each was seen in. `mergeTop` is the
// hot loop; it mirrors HF's `Word::merge` and the pair bookkeeping around it in trainer.rs. It knows
// nothing of strings: trainer.ts maps ids to tokens.
//
// Design notes (performance and memory; nothing here is a JS Map, Set or object per pair/word):
// - Words live in one Int32Array (`sym`); word w is [start[w], start[w] + len[w]) and shrinks in
//   place when a pair is merged — no allocation per merge.
// - Pairs are ids in a typed-array hash table (train-pair-table.ts) holding their counts.
// - A candidate (HF's `Merge`: a pair and the words it was seen in) is a slice of an Int32Array of
//   word indices. The initial candidates' slices are laid out exactly in `pos0` (count, then fill):
//   the first and largest set of positions costs 4 bytes per (word, distinct pair) and is never
//   reallocated. Later candidates go to `pos1`, which grows by 1.5x; a merged candidate's slice is
//   dead, and `pos1` is compacted in place (slices keep their order) when the dead part outweighs
//   half the live one, before growing.
// - Within a step, new positions are logged as (pair, word) and grouped per pair at the end of the
//   step (a counting sort), in the order the pairs were first touched — the order the former
//   Map-based code pushed them in, so candidate ids (the last tie-break) are unchanged. What a step
//   needs per touched pair (positions logged, the last word logged) lives in step arrays indexed by
//   first-touch order, not in the pair table: a step touches few of the tens of millions of pairs.
// - Words are 16-bit symbols when every id fits (WordArena); the code is the same for both widths.

import { MergeHeap } from './train-heap.js';
import { PairTable } from './train-pair-table.js';

/** Ids must stay below this so `left * stride + right` is an exact double. */
export const MAX_IDS = 0x4000000; // 2^26

/** The pair-key stride for ids below `idLimit`. */
export function strideFor(idLimit: number): number {
  let s = 2;
  while (s < idLimit) s *= 2;
  return s;
}

/** A growable Int32Array used as a stack. */
class IntLog {
  a: Int32Array = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

export class PairIndex {
  private readonly pairs = new PairTable();
  private readonly heap = new MergeHeap((cand) => {
    const p = this.candPair[cand]!;
    return this.pairs.left[p]! * this.stride + this.pairs.right[p]!;
  });
  private readonly stride: number;
  // Candidates: pair id and position slice; ids in creation order.
  private candPair: Int32Array = new Int32Array(1024);
  private candStart: Uint32Array = new Uint32Array(1024);
  private candLen: Uint32Array = new Uint32Array(1024);
  private nCand = 0;
  // The position arenas: the initial candidates' (exact, fixed) and the later ones'.
  private pos0: Int32Array = new Int32Array(0);
  private nInit = 0;
  private dead0 = 0; // dead entries in pos0
  private pos1: Int32Array;
  private top = 0; // fill of pos1
  private dead = 0; // dead entries in pos1
  // This step's new positions: pairs in first-touch order with the positions each logged (later its
  // write cursor) and the last word each logged, and (touched index, word) entries.
  private readonly touched = new IntLog();
  private readonly touchedCount = new IntLog();
  private readonly touchedLast = new IntLog();
  private readonly log = new IntLog();
  /** Peak bytes of the typed arrays (reported by the benchmarks). */
  peakBytes = 0;
  /** Times `pos1` was compacted (tests check the path is taken). */
  compactions = 0;
  /** Times the dead half of `pos0` was dropped. */
  shrinks = 0;

  /** The candidate found by `next()`: its pair and count. */
  topLeft = 0;
  topRight = 0;
  topCount = 0;

  /**
   * @param sym symbol ids of all words, back to back
   * @param start first symbol of each word
   * @param len current length of each word (updated by merges)
   * @param counts occurrences of each word
   * @param idLimit every id, present and future, is below this (at most MAX_IDS)
   * @param laterPositions initial room for the later candidates' positions (tests make it tiny)
   */
  constructor(
    private readonly sym: Int32Array | Uint16Array,
    private readonly start: Uint32Array,
    private readonly len: Uint32Array,
    private readonly counts: Float64Array,
    idLimit: number,
    laterPositions = 1 << 16,
  ) {
    this.stride = strideFor(idLimit);
    this.pos1 = new Int32Array(laterPositions);
    this.countPairs();
  }

  /**
   * HF's count_pairs: every adjacent pair, weighted by the word's count, and the words it occurs in.
   * Two passes: counts and slice sizes, then the slices (pair ids follow first sight, like the
   * candidates the former code pushed in Map insertion order).
   */
  private countPairs(): void {
    const { sym, start, len, counts, pairs } = this;
    const nWords = start.length;
    // The last word each pair was seen in (dedups positions); only while counting.
    let seenIn = new Int32Array(1024).fill(-1);
    for (let w = 0; w < nWords; w++) {
      const s = start[w]!;
      const e = s + len[w]!;
      const n = counts[w]!;
      for (let i = s; i + 1 < e; i++) {
        const id = pairs.getOrAdd(sym[i]!, sym[i + 1]!);
        pairs.count[id]! += n;
        if (id >= seenIn.length) {
          const g = new Int32Array(Math.max(id + 1, seenIn.length * 2)).fill(-1);
          g.set(seenIn);
          seenIn = g;
        }
        if (seenIn[id] !== w) {
          seenIn[id] = w;
          pairs.aux[id]!++;
        }
      }
    }
    const np = pairs.size;
    let total = 0;
    for (let id = 0; id < np; id++) total += pairs.aux[id]!;
    const pos0 = (this.pos0 = new Int32Array(total));
    this.reserveCandidates(np);
    let at = 0;
    for (let id = 0; id < np; id++) {
      const n = pairs.aux[id]!;
      this.newCandidate(id, at, n);
      pairs.aux[id] = at; // now the write cursor
      at += n;
    }
    seenIn.fill(-1, 0, np);
    this.nInit = np;
    for (let w = 0; w < nWords; w++) {
      const s = start[w]!;
      const e = s + len[w]!;
      for (let i = s; i + 1 < e; i++) {
        const id = pairs.find(sym[i]!, sym[i + 1]!);
        if (seenIn[id] !== w) {
          seenIn[id] = w;
          pos0[pairs.aux[id]!++] = w;
        }
      }
    }
    pairs.aux.fill(0, 0, np); // steps read 0 as "not touched yet"
    // Word counts are positive, so every initial pair is a candidate (HF pushes those with count > 0).
    // Candidate id = pair id for the initial ones.
    this.heap.pushAll(np, (id, out) => {
      out.c = pairs.count[id]!;
      out.id = id;
    });
    this.notePeak();
  }

  private reserveCandidates(extra: number): void {
    const need = this.nCand + extra;
    if (need <= this.candPair.length) return;
    const cap = Math.max(need, Math.ceil(this.candPair.length * 1.5));
    const a = new Int32Array(cap);
    a.set(this.candPair.subarray(0, this.nCand));
    const b = new Uint32Array(cap);
    b.set(this.candStart.subarray(0, this.nCand));
    const c = new Uint32Array(cap);
    c.set(this.candLen.subarray(0, this.nCand));
    this.candPair = a;
    this.candStart = b;
    this.candLen = c;
  }

  private newCandidate(pair: number, start: number, n: number): number {
    const id = this.nCand++;
    this.candPair[id] = pair;
    this.candStart[id] = start;
    this.candLen[id] = n;
    return id;
  }

  /**
   * Finds the best candidate whose count is current (then `topLeft`, `topRight`, `topCount`); false
   * when none is left. Stale candidates are re-queued with their current count (HF's lazy heap).
   */
  next(): boolean {
    const { heap, pairs } = this;
    for (;;) {
      if (heap.size === 0) return false;
      const id = heap.topId;
      const pair = this.candPair[id]!;
      const current = pairs.count[pair]!;
      if (heap.topCount === current) {
        this.topLeft = pairs.left[pair]!;
        this.topRight = pairs.right[pair]!;
        this.topCount = current;
        return true;
      }
      heap.replaceTop(current, id);
    }
  }

  /** Pair `l, r` lost `n` occurrences (it exists: it was just seen in a word). */
  private dec(l: number, r: number, n: number): void {
    this.pairs.count[this.pairs.find(l, r)]! -= n;
  }

  /** Pair `l, r` gained `n` occurrences in word `w`. */
  private inc(l: number, r: number, n: number, w: number): void {
    const pairs = this.pairs;
    const id = pairs.getOrAdd(l, r);
    pairs.count[id]! += n;
    let t = pairs.aux[id]! - 1;
    if (t < 0) {
      t = this.touched.n;
      this.touched.push(id);
      this.touchedCount.push(0);
      this.touchedLast.push(-1);
      pairs.aux[id] = t + 1;
    }
    // Words are visited in increasing index order within a step, so a repeat is always the last one.
    const last = this.touchedLast.a;
    if (last[t] === w) return;
    last[t] = w;
    this.touchedCount.a[t]!++;
    this.log.push(t);
    this.log.push(w);
  }

  /**
   * Replaces the pair `next()` found by `newId`, left to right, in every word of that candidate, and
   * updates pair counts exactly as HF's `Word::merge` reports changes: the pairs around each merge
   * lose one occurrence and the pairs with `newId` gain one. (The merged pair's own count is left as
   * it was, as in HF, which matters only if that pair can reappear.)
   */
  mergeTop(newId: number): void {
    const { sym, start, len, counts } = this;
    const c = this.heap.topId;
    this.heap.pop();
    const l = this.topLeft;
    const r = this.topRight;
    const pos = c < this.nInit ? this.pos0 : this.pos1;
    const from = this.candStart[c]!;
    const to = from + this.candLen[c]!;
    for (let k = from; k < to; k++) {
      const w = pos[k]!;
      const s = start[w]!;
      const e = s + len[w]!;
      const n = counts[w]!;
      // Skip the part before the first occurrence: it stays as it is (and a stale position may
      // have no occurrence left at all).
      let rd = s;
      while (rd + 1 < e && (sym[rd] !== l || sym[rd + 1] !== r)) rd++;
      if (rd + 1 >= e) continue;
      let wr = rd;
      while (rd < e) {
        const x = sym[rd]!;
        if (x === l && rd + 1 < e && sym[rd + 1] === r) {
          if (wr > s) {
            const p = sym[wr - 1]!; // may itself be `newId` from a merge just before
            this.dec(p, l, n);
            this.inc(p, newId, n, w);
          }
          if (rd + 2 < e) {
            const nx = sym[rd + 2]!;
            this.dec(r, nx, n);
            this.inc(newId, nx, n, w);
          }
          sym[wr++] = newId;
          rd += 2;
        } else {
          sym[wr++] = x;
          rd++;
        }
      }
      len[w] = wr - s;
    }
    if (c >= this.nInit) this.dead += this.candLen[c]!;
    else this.dead0 += this.candLen[c]!;
    this.candLen[c] = 0;
    if (this.dead0 > this.pos0.length / 2) this.shrinkInitial();
    this.flush();
  }

  /** Makes a candidate of every pair that gained occurrences this step (and has a positive count). */
  private flush(): void {
    const { pairs, touched, log } = this;
    const cursor = this.touchedCount.a; // positions logged, then the write cursor
    let need = 0;
    for (let t = 0; t < touched.n; t++) {
      const id = touched.a[t]!;
      if (pairs.count[id]! > 0) need += cursor[t]!;
    }
    this.reserve(need);
    this.reserveCandidates(touched.n);
    for (let t = 0; t < touched.n; t++) {
      const id = touched.a[t]!;
      pairs.aux[id] = 0;
      const count = pairs.count[id]!;
      if (count <= 0) continue;
      const n = cursor[t]!;
      const cand = this.newCandidate(id, this.top, n);
      cursor[t] = this.top;
      this.top += n;
      this.heap.push(count, cand);
    }
    const entries = log.a;
    for (let k = 0; k < log.n; k += 2) {
      const t = entries[k]!;
      if (pairs.count[touched.a[t]!]! > 0) this.pos1[cursor[t]!++] = entries[k + 1]!;
    }
    touched.n = 0;
    this.touchedCount.n = 0;
    this.touchedLast.n = 0;
    log.n = 0;
  }

  /** Room for `need` more positions: compaction when most of the arena is dead, growth otherwise. */
  private reserve(need: number): void {
    if (this.top + need <= this.pos1.length) return;
    if (this.dead > (this.top - this.dead) / 2) this.compact();
    if (this.top + need <= this.pos1.length) return;
    const grown = new Int32Array(Math.max(this.top + need, Math.ceil(this.pos1.length * 1.5)));
    grown.set(this.pos1.subarray(0, this.top));
    this.pos1 = grown;
    this.notePeak();
  }

  /** Slides every live slice of `pos1` down over the dead ones (slices lie in candidate order). */
  private compact(): void {
    const { pos1: pos, candStart, candLen } = this;
    let to = 0;
    for (let c = this.nInit; c < this.nCand; c++) {
      const n = candLen[c]!;
      if (n === 0) continue;
      const from = candStart[c]!;
      if (from !== to) pos.copyWithin(to, from, from + n);
      candStart[c] = to;
      to += n;
    }
    this.top = to;
    this.dead = 0;
    this.compactions++;
  }

  /** Drops the dead half of `pos0`: its live slices move down, then into an array of their size. */
  private shrinkInitial(): void {
    const { pos0: pos, candStart, candLen } = this;
    let to = 0;
    for (let c = 0; c < this.nInit; c++) {
      const n = candLen[c]!;
      if (n === 0) continue;
      const from = candStart[c]!;
      if (from !== to) pos.copyWithin(to, from, from + n);
      candStart[c] = to;
      to += n;
    }
    this.pos0 = pos.slice(0, to);
    this.dead0 = 0;
    this.shrinks++;
  }

  private notePeak(): void {
    const bytes = this.pos0.byteLength + this.pos1.byteLength + this.candPair.byteLength * 3 + this.pairs.memoryBytes + this.heap.memoryBytes;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
  }
}
