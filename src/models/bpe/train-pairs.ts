// The trainer's working state: every word as a slice of one symbol-id buffer, the count of every
// adjacent pair, and the heap of merge candidates with the words each was seen in. `mergeWords`
// is the hot loop; it mirrors HF's `Word::merge` and the pair bookkeeping around it in trainer.rs.
// It knows nothing of strings: trainer.ts maps ids to tokens.
//
// Design notes (performance):
// - Words live in one Uint32Array (`sym`); word w is [start[w], start[w] + len[w]) and shrinks in
//   place when a pair is merged — no allocation per merge.
// - A pair is the number `left * stride + right`, never a string, so pair counts are one
//   Map<number, number>. The stride is the smallest power of two above every id: with vocabularies
//   up to 32768 the keys stay below 2^30, V8 small integers, which keeps Map operations cheap and
//   allocation-free (measured: ~25% of merge time on 20 MB of NSMC went to heap-number keys).
// - A candidate carries the word indices its pair occurred in, so a merge visits only those words.

import { MergeHeap, type MergeCandidate } from './train-heap.js';

/** Ids must stay below this so `left * stride + right` is an exact double. */
export const MAX_IDS = 0x4000000; // 2^26

/** The pair-key stride for ids below `idLimit`. */
export function strideFor(idLimit: number): number {
  let s = 2;
  while (s < idLimit) s *= 2;
  return s;
}

interface PosBuf {
  pos: Int32Array;
  n: number;
}

function appendPos(buf: PosBuf, w: number): void {
  // Words are visited in increasing index order within a step, so a repeat is always the last entry.
  if (buf.n > 0 && buf.pos[buf.n - 1] === w) return;
  if (buf.n === buf.pos.length) {
    const grown = new Int32Array(buf.pos.length * 2);
    grown.set(buf.pos);
    buf.pos = grown;
  }
  buf.pos[buf.n++] = w;
}

export class PairIndex {
  private readonly pairCounts = new Map<number, number>();
  /** Pairs that gained occurrences in the current step, with the words they gained them in. */
  private where = new Map<number, PosBuf>();
  private readonly heap = new MergeHeap();
  private seq = 0;
  private readonly stride: number;

  /**
   * @param sym symbol ids of all words, back to back
   * @param start first symbol of each word
   * @param len current length of each word (updated by merges)
   * @param counts occurrences of each word
   * @param idLimit every id, present and future, is below this (at most MAX_IDS)
   */
  constructor(
    private readonly sym: Uint32Array,
    private readonly start: Uint32Array,
    private readonly len: Uint32Array,
    private readonly counts: Float64Array,
    idLimit: number,
  ) {
    const stride = (this.stride = strideFor(idLimit));
    // HF's count_pairs: every adjacent pair, weighted by the word's count, and where it occurs.
    for (let w = 0; w < start.length; w++) {
      const s = start[w]!;
      const e = s + len[w]!;
      for (let i = s; i + 1 < e; i++) this.addNew(sym[i]! * stride + sym[i + 1]!, counts[w]!, w);
    }
    this.flush();
  }

  private add(key: number, delta: number): void {
    this.pairCounts.set(key, (this.pairCounts.get(key) ?? 0) + delta);
  }

  private addNew(key: number, delta: number, w: number): void {
    this.pairCounts.set(key, (this.pairCounts.get(key) ?? 0) + delta);
    let buf = this.where.get(key);
    if (buf === undefined) this.where.set(key, (buf = { pos: new Int32Array(2), n: 0 }));
    appendPos(buf, w);
  }

  /** Pushes a candidate for every pair that gained occurrences (and still has a positive count). */
  private flush(): void {
    for (const [key, buf] of this.where) {
      const count = this.pairCounts.get(key)!;
      if (count > 0) {
        const left = Math.floor(key / this.stride);
        this.heap.push({ left, right: key - left * this.stride, count, seq: this.seq++, pos: buf.pos, posLen: buf.n });
      }
    }
    this.where = new Map();
  }

  /**
   * The best candidate whose count is current, or undefined when none is left. Stale candidates are
   * re-pushed with their current count (HF's lazy heap).
   */
  next(): MergeCandidate | undefined {
    for (;;) {
      const top = this.heap.pop();
      if (top === undefined) return undefined;
      const current = this.pairCounts.get(top.left * this.stride + top.right)!;
      if (top.count === current) return top;
      top.count = current;
      this.heap.push(top);
    }
  }

  /**
   * Replaces (left, right) by `newId`, left to right, in every word `c` names, and updates pair
   * counts exactly as HF's `Word::merge` reports changes: the pairs around each merge lose one
   * occurrence and the pairs with `newId` gain one. (The merged pair's own count is left as it was,
   * as in HF, which matters only if that pair can reappear.)
   */
  mergeWords(c: MergeCandidate, newId: number): void {
    const { sym, start, len, counts, stride } = this;
    const l = c.left;
    const r = c.right;
    for (let k = 0; k < c.posLen; k++) {
      const w = c.pos[k]!;
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
            this.add(p * stride + l, -n);
            this.addNew(p * stride + newId, n, w);
          }
          if (rd + 2 < e) {
            const nx = sym[rd + 2]!;
            this.add(r * stride + nx, -n);
            this.addNew(newId * stride + nx, n, w);
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
    this.flush();
  }
}
