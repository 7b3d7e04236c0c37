/** [start, end) ranges as pairs in a growable Int32Array: pieces found without an array per piece. */
export class Ranges {
  data = new Int32Array(512);
  /** Ranges held (pairs, not ints). */
  n = 0;

  push(start: number, end: number): void {
    const k = this.n * 2;
    if (k === this.data.length) {
      const d = new Int32Array(k * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[k] = start;
    this.data[k + 1] = end;
    this.n++;
  }
}
