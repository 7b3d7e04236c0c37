// What the evaluation needs to know about one input line, computed once and shared by every
// tokenizer under test: code-point length, which code points are whitespace, the eojeols (runs of
// non-whitespace), and where morphemes begin. Positions are code-point indices of the line.

/** A morpheme analysis with UTF-16 offsets (the `Analyzer` has it). */
export interface MorphemeStarts {
  walk(text: string, each: (token: number, begin: number, start: number, end: number) => void): void;
}

// JS `\s`: the same whitespace for eojeols and for the spaces a token may begin with.
const SPACE = /\s/;

export class LineInfo {
  /** Code points of the line. */
  readonly chars: number;
  /** 1 where the code point is whitespace. */
  readonly space: Uint8Array;
  /** Eojeol i spans code points [eojStart[i], eojEnd[i]). */
  readonly eojStart: Int32Array;
  readonly eojEnd: Int32Array;
  /** 1 at code-point positions (> 0, not whitespace) where a morpheme begins; null without an analyser. */
  readonly morph: Uint8Array | null;
  /** Number of 1s in `morph`. */
  readonly morphCount: number;
  /**
   * MeCab's path over the line as recorded (token, begin, start, end in UTF-16), and a walker that
   * replays it: the morpheme-aware encoders and the playground reuse this one analysis of the line.
   */
  readonly path: { tokens: Int32Array; begins: Int32Array; starts: Int32Array; ends: Int32Array } | null;
  readonly replay: MorphemeStarts | null;

  constructor(readonly text: string, analyzer: MorphemeStarts | null) {
    const cpAt = new Int32Array(text.length + 1); // UTF-16 index → code-point index
    const flags: number[] = [];
    let cp = 0;
    for (let i = 0; i < text.length; ) {
      const c = text.codePointAt(i)!;
      const w = c > 0xffff ? 2 : 1;
      cpAt[i] = cp;
      if (w === 2) cpAt[i + 1] = cp;
      flags.push(SPACE.test(String.fromCodePoint(c)) ? 1 : 0);
      i += w;
      cp++;
    }
    cpAt[text.length] = cp;
    this.chars = cp;
    this.space = Uint8Array.from(flags);
    const starts: number[] = [];
    const ends: number[] = [];
    for (let p = 0; p < cp; p++) {
      if (this.space[p]) continue;
      starts.push(p);
      while (p < cp && !this.space[p]) p++;
      ends.push(p);
    }
    this.eojStart = Int32Array.from(starts);
    this.eojEnd = Int32Array.from(ends);
    if (!analyzer) {
      this.morph = null;
      this.morphCount = 0;
      this.path = null;
      this.replay = null;
      return;
    }
    const t: number[] = [];
    const b: number[] = [];
    const st: number[] = [];
    const e: number[] = [];
    analyzer.walk(text, (tok, begin, start, end) => {
      t.push(tok);
      b.push(begin);
      st.push(start);
      e.push(end);
    });
    const path = (this.path = { tokens: Int32Array.from(t), begins: Int32Array.from(b), starts: Int32Array.from(st), ends: Int32Array.from(e) });
    this.replay = {
      walk(_text, each) {
        for (let i = 0; i < path.tokens.length; i++) each(path.tokens[i]!, path.begins[i]!, path.starts[i]!, path.ends[i]!);
      },
    };
    const morph = new Uint8Array(cp + 1);
    let n = 0;
    for (const start of path.starts) {
      const p = cpAt[start]!;
      // MeCab analyses NBSP and U+3000 as symbols; a token cannot begin at a space, so neither does a morpheme.
      if (p > 0 && !morph[p] && !this.space[p]) {
        morph[p] = 1;
        n++;
      }
    }
    this.morph = morph;
    this.morphCount = n;
  }
}
