// Darts 0.31's double-array builder (darts.h DoubleArrayImpl::build) reproduced exactly, so a
// compiled dictionary has the same units as mecab-dict-index writes: same sibling placement
// (first-fit from next_check_pos with its 0.95 density heuristic), same depth-first order, same
// size (last used unit + 257). Keys are byte strings, sorted and unique (the caller's job).
//
// Design notes: the C code recurses once per key byte; this uses an explicit stack (surfaces can be
// 8 KB long). The C code's array growth policy is not reproduced: it only affects allocation, and
// the unused tail is zero either way.

interface DaNode {
  code: number;
  depth: number;
  left: number;
  right: number;
}

export class DartsBuilder {
  private base = new Int32Array(8192);
  private check = new Int32Array(8192);
  private used = new Uint8Array(8192);
  private size = 0;
  private nextCheckPos = 0;
  private readonly keys: string[];
  private readonly values: Int32Array;

  private constructor(keys: string[], values: Int32Array) {
    this.keys = keys;
    this.values = values;
  }

  /** Units (base, check interleaved) for sorted unique `keys` with `values` (each >= 0). */
  static build(keys: string[], values: Int32Array): Int32Array {
    const b = new DartsBuilder(keys, values);
    return b.run();
  }

  private grow(min: number): void {
    let cap = this.base.length;
    if (cap > min) return;
    while (cap <= min) cap *= 2;
    const g = <T extends Int32Array | Uint8Array>(a: T, C: new (n: number) => T): T => {
      const n = new C(cap);
      n.set(a as never);
      return n;
    };
    this.base = g(this.base, Int32Array);
    this.check = g(this.check, Int32Array);
    this.used = g(this.used, Uint8Array);
  }

  private run(): Int32Array {
    if (this.keys.length === 0) return new Int32Array(0);
    this.base[0] = 1;
    const root: DaNode = { code: 0, depth: 0, left: 0, right: this.keys.length };
    const first = this.fetch(root);
    // Frames of the C recursion: siblings placed at `begin`, next sibling to descend into `i`.
    const stack: { sibs: DaNode[]; begin: number; i: number }[] = [{ sibs: first, begin: this.place(first), i: 0 }];
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (f.i === f.sibs.length) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent !== undefined) {
          this.base[parent.begin + parent.sibs[parent.i]!.code] = f.begin;
          parent.i++;
        }
        continue;
      }
      const s = f.sibs[f.i]!;
      const children = this.fetch(s);
      if (children.length === 0) {
        this.base[f.begin + s.code] = -this.values[s.left]! - 1;
        f.i++;
      } else {
        stack.push({ sibs: children, begin: this.place(children), i: 0 });
      }
    }
    const units = this.size + 257;
    this.grow(units);
    const out = new Int32Array(2 * units);
    for (let i = 0; i < units; i++) {
      out[2 * i] = this.base[i]!;
      out[2 * i + 1] = this.check[i]!;
    }
    return out;
  }

  /** The children of `parent`: one node per distinct next byte (+1), 0 = the key ends here. */
  private fetch(parent: DaNode): DaNode[] {
    const sibs: DaNode[] = [];
    let prev = 0;
    for (let i = parent.left; i < parent.right; i++) {
      const key = this.keys[i]!;
      if (key.length < parent.depth) continue;
      const cur = key.length !== parent.depth ? key.charCodeAt(parent.depth) + 1 : 0;
      if (prev > cur) throw new Error('darts: keys are not sorted'); // the caller sorts; a bug if reached
      if (cur !== prev || sibs.length === 0) {
        if (sibs.length > 0) sibs[sibs.length - 1]!.right = i;
        sibs.push({ code: cur, depth: parent.depth + 1, left: i, right: 0 });
      }
      prev = cur;
    }
    if (sibs.length > 0) sibs[sibs.length - 1]!.right = parent.right;
    return sibs;
  }

  /** The placement half of Darts' insert(): finds `begin` and claims the siblings' units. */
  private place(sibs: DaNode[]): number {
    const firstCode = sibs[0]!.code;
    const lastCode = sibs[sibs.length - 1]!.code;
    let pos = Math.max(firstCode + 1, this.nextCheckPos) - 1;
    let nonzero = 0;
    let first = false;
    let begin = 0;
    this.grow(pos + 1);
    for (;;) {
      ++pos;
      this.grow(pos + 1);
      if (this.check[pos] !== 0) {
        ++nonzero;
        continue;
      } else if (!first) {
        this.nextCheckPos = pos;
        first = true;
      }
      begin = pos - firstCode;
      this.grow(begin + lastCode + 1);
      if (this.used[begin]) continue;
      let clash = false;
      for (let i = 1; i < sibs.length; i++) {
        if (this.check[begin + sibs[i]!.code] !== 0) {
          clash = true;
          break;
        }
      }
      if (!clash) break;
    }
    // Darts' heuristic: a dense stretch moves next_check_pos up to here.
    if ((1.0 * nonzero) / (pos - this.nextCheckPos + 1) >= 0.95) this.nextCheckPos = pos;
    this.used[begin] = 1;
    this.size = Math.max(this.size, begin + lastCode + 1);
    for (const s of sibs) this.check[begin + s.code] = begin;
    return begin;
  }
}
