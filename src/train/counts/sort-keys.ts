// Orders the entries of a byte count table by key, byte by byte through a rank table (which makes
// byte order the code-point order of the word strings; see byteRanks). An MSD radix sort on an
// explicit stack — keys can be long, recursion could overflow — with insertion sort for small runs.
// Keys are distinct, so no two compare equal. Extra memory: two Uint32Arrays of the entry count.

const SMALL = 24;

/** Entry ids 0..n-1 sorted by key (`pages[ref >>> pageBits]` at `ref & mask`, `len` bytes). */
export function sortKeyIds(n: number, ranks: Uint8Array, pages: readonly Uint8Array[], ref: Uint32Array, len: Uint32Array, pageBits: number): Uint32Array {
  const mask = (1 << pageBits) - 1;
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  if (n < 2) return ids;
  const tmp = new Uint32Array(n);
  // Rank + 1 of byte `d` of entry `e`, 0 past its end (a prefix sorts first).
  const keyAt = (e: number, d: number): number => {
    if (d >= len[e]!) return 0;
    const r = ref[e]!;
    return ranks[pages[r >>> pageBits]![(r & mask) + d]!]! + 1;
  };
  const less = (a: number, b: number, d: number): boolean => {
    for (;; d++) {
      const x = keyAt(a, d);
      const y = keyAt(b, d);
      if (x !== y) return x < y;
      if (x === 0) return false; // equal keys (cannot happen: keys are distinct)
    }
  };
  const stack: number[] = [0, n, 0];
  const counts = new Uint32Array(258);
  while (stack.length > 0) {
    const d = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= SMALL) {
      for (let i = lo + 1; i < hi; i++) {
        const x = ids[i]!;
        let j = i - 1;
        while (j >= lo && less(x, ids[j]!, d)) {
          ids[j + 1] = ids[j]!;
          j--;
        }
        ids[j + 1] = x;
      }
      continue;
    }
    counts.fill(0);
    for (let i = lo; i < hi; i++) counts[keyAt(ids[i]!, d) + 1]!++;
    const first = keyAt(ids[lo]!, d);
    if (first > 0 && counts[first + 1] === hi - lo) {
      // One bucket holds the whole run: skip the common prefix at once (long shared prefixes would
      // otherwise cost a pass per byte).
      let lcp = len[ids[lo]!]!;
      for (let i = lo + 1; i < hi && lcp > d + 1; i++) {
        let k = d + 1;
        while (k < lcp && keyAt(ids[i]!, k) === keyAt(ids[lo]!, k)) k++;
        lcp = k;
      }
      stack.push(lo, hi, Math.max(d + 1, lcp));
      continue;
    }
    for (let k = 1; k < 258; k++) counts[k]! += counts[k - 1]!;
    // counts[k] is now where bucket k starts (relative to lo).
    for (let i = lo; i < hi; i++) {
      const e = ids[i]!;
      tmp[lo + counts[keyAt(e, d)]!++] = e;
    }
    ids.set(tmp.subarray(lo, hi), lo);
    // After the scatter counts[k] is where bucket k ends; bucket 0 (keys that ended) needs no sort.
    let start = lo + counts[0]!;
    for (let k = 1; k < 257; k++) {
      const end = lo + counts[k]!;
      if (end - start > 1) stack.push(start, end, d + 1);
      start = end;
    }
  }
  return ids;
}
