// A cache-friendly copy of the connection-cost matrix: identical rows (and identical columns)
// merged into one, and the survivors numbered by how often the lattice touched them, so the hot
// corner of the table stays in L2 (mecab-ko-dic: 2693 × 3822 → 1908 × 1902). It only moves and
// de-duplicates numbers (every cost is the same integer), so it cannot change any analysis.

import type { Matrix } from './matrix.js';

export class CostLayout {
  /** Row of a left-context id (a right node's lc). Equal rows share one. */
  readonly row: Uint16Array;
  /** Column of a right-context id (a left node's rc). Equal columns share one. */
  readonly col: Uint16Array;
  /** Row length: costs[col[rc] + width * row[lc]] = the matrix cost of (left rc, right lc). */
  readonly width: number;
  readonly costs: Int16Array;

  private constructor(row: Uint16Array, col: Uint16Array, width: number, costs: Int16Array) {
    this.row = row;
    this.col = col;
    this.width = width;
    this.costs = costs;
  }

  /** The matrix as stored (no copy). */
  static identity(matrix: Matrix): CostLayout {
    const row = new Uint16Array(matrix.rsize).map((_, i) => i);
    const col = new Uint16Array(matrix.lsize).map((_, i) => i);
    return new CostLayout(row, col, matrix.lsize, matrix.costs);
  }

  /**
   * A merged, re-ordered copy. `lcUse` (rsize entries) and `rcUse` (lsize entries) count use by
   * ORIGINAL id; most used first, ties in id order, so the result is a pure function of the counts.
   */
  static byUse(matrix: Matrix, lcUse: Float64Array, rcUse: Float64Array): CostLayout {
    const { lsize, rsize, costs: src } = matrix;
    const { rowRep, colRep } = equalLines(matrix);
    const row = rank(rowRep, lcUse);
    const col = rank(colRep, rcUse);
    let width = 0;
    for (let rc = 0; rc < lsize; rc++) width = Math.max(width, col[rc]! + 1);
    let height = 0;
    for (let lc = 0; lc < rsize; lc++) height = Math.max(height, row[lc]! + 1);
    const reps = Int32Array.from(colRep.keys()).filter((rc) => colRep[rc] === rc);
    const repCol = reps.map((rc) => col[rc]!);
    const costs = new Int16Array(width * height);
    for (let lc = 0; lc < rsize; lc++) {
      if (rowRep[lc] !== lc) continue;
      const from = lc * lsize;
      const to = row[lc]! * width;
      for (let i = 0; i < reps.length; i++) costs[to + repCol[i]!] = src[from + reps[i]!]!;
    }
    return new CostLayout(row, col, width, costs);
  }
}

/**
 * rowRep[lc] / colRep[rc]: the smallest id whose row / column equals this one. Candidates come
 * from a hash of the whole line (hashing only a sample of rows split ~1% of mecab-ko-dic's equal
 * columns); each is then checked element by element, and a line that fails the check stays alone.
 */
function equalLines(matrix: Matrix): { rowRep: Int32Array; colRep: Int32Array } {
  const { lsize, rsize, costs: src } = matrix;
  const rowHash = new Int32Array(rsize);
  const colHash = new Int32Array(lsize).fill(0x811c9dc5 | 0);
  for (let lc = 0; lc < rsize; lc++) {
    const base = lc * lsize;
    let x = 0x811c9dc5 | 0;
    for (let rc = 0; rc < lsize; rc++) {
      const v = src[base + rc]!;
      x = Math.imul(x ^ v, 0x01000193);
      colHash[rc] = Math.imul(colHash[rc]! ^ v, 0x01000193);
    }
    rowHash[lc] = x;
  }
  const rowRep = firstWithHash(rowHash);
  const colRep = firstWithHash(colHash);
  // Rows first; a column then only needs checking on the rows that are their own representative.
  for (let lc = 0; lc < rsize; lc++) {
    const r = rowRep[lc]!;
    if (r === lc) continue;
    for (let i = lc * lsize, j = r * lsize, e = i + lsize; i < e; i++, j++) {
      if (src[i] !== src[j]) {
        rowRep[lc] = lc;
        break;
      }
    }
  }
  const dupCols = Int32Array.from(colRep.keys()).filter((rc) => colRep[rc] !== rc);
  for (let lc = 0; lc < rsize; lc++) {
    if (rowRep[lc] !== lc) continue;
    const base = lc * lsize;
    for (let k = 0; k < dupCols.length; k++) {
      const rc = dupCols[k]!;
      if (src[base + rc] !== src[base + colRep[rc]!]) colRep[rc] = rc; // collision: stays alone
    }
  }
  return { rowRep, colRep };
}

/** rep[i] = the first index with the same hash. */
function firstWithHash(hash: Int32Array): Int32Array {
  const first = new Map<number, number>();
  const rep = new Int32Array(hash.length);
  for (let i = 0; i < hash.length; i++) {
    const f = first.get(hash[i]!);
    if (f === undefined) first.set(hash[i]!, i);
    rep[i] = f ?? i;
  }
  return rep;
}

/** Numbers the classes by total use (descending, ties by representative id); members share it. */
function rank(rep: Int32Array, use: Float64Array): Uint16Array {
  const total = new Float64Array(rep.length);
  for (let i = 0; i < rep.length; i++) total[rep[i]!]! += use[i]!;
  const reps = Array.from(rep.keys()).filter((i) => rep[i] === i);
  reps.sort((a, b) => total[b]! - total[a]! || a - b);
  const out = new Uint16Array(rep.length);
  reps.forEach((r, k) => {
    out[r] = k;
  });
  for (let i = 0; i < rep.length; i++) out[i] = out[rep[i]!]!;
  return out;
}
