// A string being normalized, with the alignment of every code unit back to the original input —
// the TypeScript counterpart of the reference's `NormalizedString`. Alignments are absolute offsets
// in UTF-16 code units of the (well-formed) input; they always cover whole original characters.
// It does not know about bytes: converting offsets to code points or UTF-8 happens at the end.

/** Builds a new normalized string char by char, recording each char's original alignment. */
class Builder {
  s = '';
  private as: number[] = [];
  private ae: number[] = [];
  push(ch: string, start: number, end: number): void {
    this.s += ch;
    for (let i = 0; i < ch.length; i++) {
      this.as.push(start);
      this.ae.push(end);
    }
  }
  pushRange(src: NormalizedString, a: number, b: number): void {
    this.s += src.s.slice(a, b);
    for (let i = a; i < b; i++) {
      this.as.push(src.as[i]!);
      this.ae.push(src.ae[i]!);
    }
  }
  finish(origStart: number, origEnd: number): NormalizedString {
    return new NormalizedString(this.s, Int32Array.from(this.as), Int32Array.from(this.ae), origStart, origEnd);
  }
}

/** One transformation step: the new character and how it relates to the old ones (see `transform`). */
export type Change = [ch: string, change: number];

export class NormalizedString {
  constructor(
    /** The normalized text. */
    public s: string,
    /** Per code unit of `s`: start of the original character it comes from. */
    public as: Int32Array,
    /** Per code unit of `s`: end of the original character(s) it comes from. */
    public ae: Int32Array,
    /** Range of the original input this string covers (the reference's `original_shift` + length). */
    public origStart: number,
    public origEnd: number,
  ) {}

  /** A fresh string whose every character is aligned to itself, placed at `base` in the input. */
  static fromText(text: string, base = 0): NormalizedString {
    const n = text.length;
    const as = new Int32Array(n);
    const ae = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        as[i] = as[i + 1] = base + i;
        ae[i] = ae[i + 1] = base + i + 2;
        i++;
      } else {
        as[i] = base + i;
        ae[i] = base + i + 1;
      }
    }
    return new NormalizedString(text, as, ae, base, base + n);
  }

  get length(): number {
    return this.s.length;
  }

  /** Original range of normalized code units [a, b) (the reference's `convert_offsets`). */
  originalRange(a: number, b: number): [number, number] {
    if (a >= b) return [this.origStart + a, this.origStart + b];
    return [this.as[a]!, this.ae[b - 1]!];
  }

  /** The sub-string of normalized code units [a, b); `a`, `b` must be code point boundaries. */
  slice(a: number, b: number): NormalizedString {
    if (a >= b) return new NormalizedString('', new Int32Array(0), new Int32Array(0), this.origStart + a, this.origStart + a);
    return new NormalizedString(this.s.slice(a, b), this.as.slice(a, b), this.ae.slice(a, b), this.as[a]!, this.ae[b - 1]!);
  }

  /**
   * Replaces the whole string by `changes`, exactly like the reference's `transform`: change 0
   * replaces the next old char (taking its alignment), change > 0 inserts a char aligned like the
   * previous old char, change -n replaces the next old char and also removes the n after it.
   * `initialOffset` old chars are removed before the first change.
   */
  transform(changes: readonly Change[], initialOffset: number): void {
    // Start (in code units) of every old code point, plus the end.
    const old = this.s;
    const starts: number[] = [];
    for (let i = 0; i < old.length; i++) {
      starts.push(i);
      const c = old.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < old.length) i++;
    }
    let k = initialOffset;
    const b = new Builder();
    for (const [ch, change] of changes) {
      let st: number;
      let en: number;
      if (change > 0) {
        if (k < 1) {
          st = en = this.origStart;
        } else {
          const u = k - 1 < starts.length ? starts[k - 1]! : old.length - 1;
          st = this.as[u]!;
          en = this.ae[u]!;
        }
      } else {
        const u = starts[k]!;
        st = this.as[u]!;
        en = this.ae[u]!;
        k += 1;
        if (change < 0) k += -change;
      }
      b.push(ch, st, en);
    }
    this.replaceWith(b);
  }

  private replaceWith(b: Builder): void {
    const n = b.finish(this.origStart, this.origEnd);
    this.s = n.s;
    this.as = n.as;
    this.ae = n.ae;
  }

  /** Prepends `text`, aligned (with the first char) to the first char; no-op on an empty string. */
  prepend(text: string): void {
    if (this.s.length === 0 || text.length === 0) return;
    const st = this.as[0]!;
    const en = this.ae[0]!;
    const b = new Builder();
    b.push(text, st, en);
    b.pushRange(this, 0, this.s.length);
    this.replaceWith(b);
  }

  /**
   * Replaces each matched range [start, end) (sorted, disjoint, code unit offsets) by `content`,
   * every inserted char aligned like the last char of the match (the reference's `replace`).
   */
  replaceRanges(matches: ReadonlyArray<readonly [number, number]>, content: string): void {
    const b = new Builder();
    let last = 0;
    for (const [start, end] of matches) {
      b.pushRange(this, last, start);
      if (content.length > 0) {
        if (end < 1) b.push(content, this.origStart, this.origStart);
        else b.push(content, this.as[end - 1]!, this.ae[end - 1]!);
      }
      last = end;
    }
    b.pushRange(this, last, this.s.length);
    this.replaceWith(b);
  }

  /** Removes `lead` leading and `trail` trailing code units (whitespace stripping). */
  strip(lead: number, trail: number): void {
    const e = this.s.length - trail;
    if (lead >= e) {
      this.s = '';
      this.as = new Int32Array(0);
      this.ae = new Int32Array(0);
      return;
    }
    this.s = this.s.slice(lead, e);
    this.as = this.as.slice(lead, e);
    this.ae = this.ae.slice(lead, e);
  }
}
