// The Viterbi min loop for one lattice position: for each needed matrix row, the left node that
// minimises `leftCost + matrix[leftColumn + row]`, first index winning ties (MeCab's strict '<').
// Pure arithmetic on typed arrays; it knows nothing of nodes, the trie or the dictionary files.
//
// Design note: the left list is the same for every row at a position, so rows are taken four (then
// two, then one) at a time and each left entry is loaded once per group: +4-5% per step over one
// row at a time (lattice-only A/B, NSMC and precedents). Each row keeps its own running best, so
// grouping cannot change any result.

/**
 * For rows[0..nrows): best[row] = min over j < k of cost[j] + matrix[col[j] + width * row], and
 * bestAt[row] = the first j reaching it.
 */
export function rowArgmin(
  rows: Int32Array, nrows: number, k: number, cost: Float64Array, col: Int32Array,
  matrix: Int16Array, width: number, best: Float64Array, bestAt: Int32Array,
): void {
  let t = 0;
  for (; t + 3 < nrows; t += 4) {
    const r0 = rows[t]!, r1 = rows[t + 1]!, r2 = rows[t + 2]!, r3 = rows[t + 3]!;
    const o0 = width * r0, o1 = width * r1, o2 = width * r2, o3 = width * r3;
    let b0 = Infinity, b1 = Infinity, b2 = Infinity, b3 = Infinity;
    let i0 = 0, i1 = 0, i2 = 0, i3 = 0;
    for (let j = 0; j < k; j++) {
      const cj = cost[j]!, mj = col[j]!;
      const c0 = cj + matrix[mj + o0]!;
      const c1 = cj + matrix[mj + o1]!;
      const c2 = cj + matrix[mj + o2]!;
      const c3 = cj + matrix[mj + o3]!;
      // PARITY: strict '<', the first (newest) left node wins ties.
      if (c0 < b0) { b0 = c0; i0 = j; }
      if (c1 < b1) { b1 = c1; i1 = j; }
      if (c2 < b2) { b2 = c2; i2 = j; }
      if (c3 < b3) { b3 = c3; i3 = j; }
    }
    best[r0] = b0; bestAt[r0] = i0;
    best[r1] = b1; bestAt[r1] = i1;
    best[r2] = b2; bestAt[r2] = i2;
    best[r3] = b3; bestAt[r3] = i3;
  }
  for (; t + 1 < nrows; t += 2) {
    const r0 = rows[t]!, r1 = rows[t + 1]!;
    const o0 = width * r0, o1 = width * r1;
    let b0 = Infinity, b1 = Infinity, i0 = 0, i1 = 0;
    for (let j = 0; j < k; j++) {
      const cj = cost[j]!, mj = col[j]!;
      const c0 = cj + matrix[mj + o0]!;
      const c1 = cj + matrix[mj + o1]!;
      if (c0 < b0) { b0 = c0; i0 = j; }
      if (c1 < b1) { b1 = c1; i1 = j; }
    }
    best[r0] = b0; bestAt[r0] = i0;
    best[r1] = b1; bestAt[r1] = i1;
  }
  if (t < nrows) {
    const r = rows[t]!;
    const o = width * r;
    let b = Infinity, i = 0;
    for (let j = 0; j < k; j++) {
      const c = cost[j]! + matrix[col[j]! + o]!;
      if (c < b) { b = c; i = j; }
    }
    best[r] = b;
    bestAt[r] = i;
  }
}
