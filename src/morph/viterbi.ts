// The hot core: connects the lattice (lattice.ts) position by position and finds the 1-best path,
// reproducing MeCab 0.996 / mecab-ko node order and tie-breaking, then reads the path back.
// Input is UTF-8 bytes; it knows nothing of strings or offsets in UTF-16.
//
// Design notes (performance):
// - Nodes are struct-of-arrays in growable typed arrays reused across sentences; no per-node objects,
//   no per-position string slicing. The trie is walked on the input bytes directly.
// - Per position the left (ending) nodes are gathered once into flat scratch arrays, so the inner
//   min loop is `cost[j] + matrix[rc[j] + row]` over contiguous memory.
// - The word cost and the space penalty depend only on the right node; they are added after the
//   argmin (same argmin and same ties, since all terms are exact integers in a double).
// - Features are never touched here: the path carries token indices only.
// - The connection matrix (2693 × 3822 int16, 20 MB) is read at random: cache misses in the min
//   loop were the largest single cost (a 16 KB stand-in matrix ran ~28% faster). So each Viterbi
//   counts which rows/columns it touches for its first DEFAULT_RELAYOUT_AFTER positions (~0.4 MB of
//   Korean text) and then switches, between sentences, to a CostLayout copy with equal rows and
//   equal columns merged (1908 × 1902, 7 MB) and the most used first: the top 256 × 256 ids cover
//   ~90% of lookups and fit in L2. Lattice-only A/B in one process: +9% (NSMC) to +16%
//   (precedents) MB per CPU-s. Short inputs never pay the ~100 ms rebuild; counts from 16k
//   positions already order as well as from 256k. Nodes store layout row/column numbers.
// - The min loop itself is row-argmin.ts: each distinct row at a position is needed once (memo by
//   row), rows go four at a time over the left list (+8-10% over one at a time).
// - A first character of 3 UTF-8 bytes (all Hangul) jumps from a per-analyser table in lattice.ts
//   (filled on first use, 256 KB) straight to its trie state instead of walking three bytes (+3-4%).
// - Tried and measured, no gain: merging left nodes with the same column before the min loop
//   (fewer iterations, but the extra pass cost as much); int32 costs relative to the position's
//   minimum instead of doubles (slower in V8).

import { CostLayout } from './cost-layout.js';
import type { MorphDictionary } from './dictionary.js';
import { Lattice } from './lattice.js';
import { rowArgmin } from './row-argmin.js';

/** Lattice positions analysed with the file's matrix layout before switching to one ordered by use. */
export const DEFAULT_RELAYOUT_AFTER = 1 << 17;

/** The best path of the last `run`: morphemes in order (byte offsets into the input). */
export interface PathView {
  length: number;
  /** Byte offset where the whitespace before the morpheme starts (the lattice position). */
  begin: Int32Array;
  /** Byte offset of the morpheme's first byte. */
  start: Int32Array;
  /** Byte offset just past the morpheme. */
  end: Int32Array;
  /** Token handle (token-handle.ts): names the lexicon (sys.dic, a user dictionary, unk.dic) and the token. */
  token: Int32Array;
}

export class Viterbi extends Lattice {
  // Use counts (original ids) gathered until `relayoutAfter` positions, then dropped.
  private lcUse: Float64Array | null;
  private rcUse: Float64Array | null;
  private positions = 0;
  private readonly relayoutAfter: number;
  // Per-position memo of the best left node for each matrix row (a right node's lc in the layout).
  private readonly lcStamp: Int32Array;
  private readonly lcBest: Float64Array;
  private readonly lcBi: Int32Array;
  private stamp = 0;
  private readonly rowList: Int32Array; // distinct rows needed at one position
  private endHead = new Int32Array(0);
  // Left-node scratch for one position.
  private lRc = new Int32Array(64);
  private lCost = new Float64Array(64);
  private lIdx = new Int32Array(64);
  // Result path (grown as needed).
  private path: PathView = { length: 0, begin: new Int32Array(16), start: new Int32Array(16), end: new Int32Array(16), token: new Int32Array(16) };

  /** `relayoutAfter`: see DEFAULT_RELAYOUT_AFTER; Infinity keeps the file's layout (tests). */
  constructor(dict: MorphDictionary, spacePenalty: boolean, relayoutAfter = DEFAULT_RELAYOUT_AFTER) {
    super(dict, spacePenalty);
    this.relayoutAfter = relayoutAfter;
    const counting = relayoutAfter !== Infinity;
    this.lcUse = counting ? new Float64Array(dict.matrix.rsize) : null;
    this.rcUse = counting ? new Float64Array(dict.matrix.lsize) : null;
    const rsize = dict.matrix.rsize;
    this.lcStamp = new Int32Array(rsize);
    this.lcBest = new Float64Array(rsize);
    this.lcBi = new Int32Array(rsize);
    this.rowList = new Int32Array(rsize);
  }

  private nextStamp(): number {
    if (++this.stamp === 0x7fffffff) {
      this.lcStamp.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /** Gathers the nodes ending at `pos` into the left scratch arrays, most recently inserted first. */
  private gather(pos: number): number {
    let k = 0;
    for (let l = this.endHead[pos]!; l >= 0; l = this.nNext[l]!) {
      if (k === this.lRc.length) {
        const m = k * 2;
        const a = new Int32Array(m), c = new Float64Array(m), d = new Int32Array(m);
        a.set(this.lRc); c.set(this.lCost); d.set(this.lIdx);
        this.lRc = a; this.lCost = c; this.lIdx = d;
      }
      this.lRc[k] = this.nRc[l]!;
      if (this.rcUse !== null) this.rcUse[this.nRc[l]!]!++;
      this.lCost[k] = this.nCost[l]!;
      this.lIdx[k] = l;
      k++;
    }
    return k;
  }

  /**
   * Connects the nodes created since `first` to the nodes ending at `pos` (viterbi.cpp `connect`).
   * Each distinct matrix row needs one argmin over the left list (rowArgmin does them in groups).
   * A node ending where it starts (u16 rlength wrap) changes the left list as it goes: that rare
   * case takes the node-by-node path.
   */
  private connect(pos: number, first: number): void {
    const nEnd = this.nEnd;
    for (let r = this.count - 1; r >= first; r--) if (nEnd[r] === pos) return this.connectEach(pos, first);
    const k = this.gather(pos);
    const lRc = this.lRc, lCost = this.lCost, lIdx = this.lIdx;
    const matrix = this.layout.costs;
    const width = this.layout.width;
    const lcUse = this.lcUse;
    const bLc = this.bLc, bExtra = this.bExtra, nCost = this.nCost, nPrev = this.nPrev;
    const nNext = this.nNext, endHead = this.endHead;
    const lcStamp = this.lcStamp, lcBest = this.lcBest, lcBi = this.lcBi;
    const rows = this.rowList;
    const stamp = this.nextStamp();
    let nrows = 0;
    for (let r = this.count - 1; r >= first; r--) {
      const lc = bLc[r - first]!;
      if (lcStamp[lc] === stamp) continue;
      lcStamp[lc] = stamp;
      rows[nrows++] = lc;
      if (lcUse !== null) lcUse[lc]!++;
    }
    rowArgmin(rows, nrows, k, lCost, lRc, matrix, width, lcBest, lcBi);
    // MeCab prepends each new node to its result list, so it visits them newest first.
    for (let r = this.count - 1; r >= first; r--) {
      const lc = bLc[r - first]!;
      nCost[r] = lcBest[lc]! + bExtra[r - first]!;
      nPrev[r] = lIdx[lcBi[lc]!]!;
      const e = nEnd[r]!;
      nNext[r] = endHead[e]!;
      endHead[e] = r;
    }
  }

  /** `connect` one right node at a time, re-reading the left list when a node ends at `pos`. */
  private connectEach(pos: number, first: number): void {
    let k = this.gather(pos);
    let lRc = this.lRc, lCost = this.lCost, lIdx = this.lIdx;
    const matrix = this.layout.costs;
    const width = this.layout.width;
    const lcUse = this.lcUse;
    const bLc = this.bLc, bExtra = this.bExtra, nCost = this.nCost, nPrev = this.nPrev;
    const nNext = this.nNext, nEnd = this.nEnd, endHead = this.endHead;
    const lcStamp = this.lcStamp, lcBest = this.lcBest, lcBi = this.lcBi;
    let stamp = this.nextStamp();
    // MeCab prepends each new node to its result list, so it visits them newest first.
    for (let r = this.count - 1; r >= first; r--) {
      const lc = bLc[r - first]!;
      let best: number;
      let bi: number;
      if (lcStamp[lc] === stamp) {
        // Same matrix row as an earlier right node here (same lc, or an equal row merged by the
        // layout): same left list, same argmin.
        best = lcBest[lc]!;
        bi = lcBi[lc]!;
      } else {
        const row = width * lc; // lc here is the layout's row number
        if (lcUse !== null) lcUse[lc]!++;
        best = Infinity;
        bi = 0;
        for (let j = 0; j < k; j++) {
          const c = lCost[j]! + matrix[lRc[j]! + row]!;
          if (c < best) { // PARITY: strict '<', the first (newest) left node wins ties
            best = c;
            bi = j;
          }
        }
        lcStamp[lc] = stamp;
        lcBest[lc] = best;
        lcBi[lc] = bi;
      }
      nCost[r] = best + bExtra[r - first]!;
      nPrev[r] = lIdx[bi]!;
      const e = nEnd[r]!;
      nNext[r] = endHead[e]!;
      endHead[e] = r;
      if (e === pos) {
        // PARITY: a node whose u16 rlength wrapped to 0 ends where it starts; MeCab re-reads the
        // end list per right node, so later right nodes see it as the newest left node.
        k = this.gather(pos);
        lRc = this.lRc; lCost = this.lCost; lIdx = this.lIdx;
        stamp = this.nextStamp(); // the left list changed: forget the per-lc results
      }
    }
  }

  /** Analyses `bytes[0, n)` as one sentence; the returned view is reused by the next call. */
  run(bytes: Uint8Array, n = bytes.length): PathView {
    if (this.lcUse !== null && this.positions >= this.relayoutAfter) this.relayout();
    this.bytes = bytes;
    this.n = n;
    if (this.endHead.length < n + 1) this.endHead = new Int32Array(Math.max(n + 1, this.endHead.length * 2));
    this.endHead.fill(-1, 0, n + 1);
    // BOS: all ids 0, cost 0.
    this.count = 1;
    this.nRc[0] = this.layout.col[0]!;
    this.nCost[0] = 0;
    this.nEnd[0] = 0;
    this.nNext[0] = -1;
    this.nPrev[0] = -1;
    this.endHead[0] = 0;
    for (let pos = 0; pos < n; pos++) {
      if (this.endHead[pos]! < 0) continue;
      const first = this.count;
      this.batchFirst = first;
      this.lookup(pos);
      this.connect(pos, first);
      this.positions++;
    }
    return this.backtrack(n);
  }

  /** Switches to a matrix copy ordered by the use counted so far (between sentences only). */
  private relayout(): void {
    this.layout = CostLayout.byUse(this.dict.matrix, this.lcUse!, this.rcUse!);
    this.lcUse = this.rcUse = null;
  }

  private backtrack(n: number): PathView {
    // EOS (lc 0, no word cost, no penalty) attaches to the last position any node ends at.
    let p = n;
    while (this.endHead[p]! < 0) p--;
    const matrix = this.layout.costs;
    const eosRow = this.layout.width * this.layout.row[0]!;
    let best = Infinity;
    let last = 0;
    for (let l = this.endHead[p]!; l >= 0; l = this.nNext[l]!) {
      const c = this.nCost[l]! + matrix[this.nRc[l]! + eosRow]!;
      if (c < best) {
        best = c;
        last = l;
      }
    }
    let len = 0;
    for (let i = last; i > 0; i = this.nPrev[i]!) len++;
    let path = this.path;
    if (path.begin.length < len) {
      const m = Math.max(len, path.begin.length * 2);
      path = this.path = { length: 0, begin: new Int32Array(m), start: new Int32Array(m), end: new Int32Array(m), token: new Int32Array(m) };
    }
    path.length = len;
    for (let i = last, j = len - 1; i > 0; i = this.nPrev[i]!, j--) {
      path.begin[j] = this.nEnd[this.nPrev[i]!]!; // a node starts where its predecessor ends
      path.start[j] = this.nStart[i]!;
      path.end[j] = this.nSurfEnd[i]!;
      path.token[j] = this.nTok[i]!;
    }
    this.bytes = new Uint8Array(0); // do not keep the caller's buffer alive
    // After a huge sentence (a 1 MB line needs millions of nodes) give the memory back.
    if (this.cap > 1 << 21) {
      this.count = 0;
      this.cap = 0;
      this.grow(1024);
    }
    if (this.endHead.length > 1 << 22) this.endHead = new Int32Array(0);
    return path;
  }
}
