// The figures of `mbbpe eval` for one tokenizer, accumulated line by line in memory that does not
// grow with the input (counters and one array of vocabulary size). Definitions (docs/EVAL.md):
// a token's boundary is the code point where it begins, after the spaces it begins with; a token
// whose first byte continues a UTF-8 sequence begins inside a character (a cut syllable) and matches
// no morpheme boundary; position 0 is never a boundary.

import type { LineInfo } from './line.js';
import { bytesToPiece, utf8SequenceLength, type TokenBytes } from './pieces.js';

/** Eojeols with 0, 1, …, HISTOGRAM_MAX - 1 tokens, and HISTOGRAM_MAX or more in the last cell. */
export const HISTOGRAM_MAX = 10;

export interface TopToken {
  id: number;
  /** The token as readable text (see pieces.ts). */
  piece: string;
  count: number;
  /** count / tokens. */
  share: number;
}

/** One tokenizer's figures. Shares are fractions in 0-1; null where the input had nothing to divide by. */
export interface TokenizerReport {
  name: string;
  /** 'plain' or 'morpheme-aware' (encoded with MeCab's morpheme markers). */
  mode: 'plain' | 'morpheme-aware';
  lines: number;
  tokens: number;
  chars: number;
  eojeols: number;
  tokensPerChar: number | null;
  tokensPerEojeol: number | null;
  /** Eojeols that are exactly one token. */
  eojeolWholeShare: number | null;
  /** Tokens whose bytes end inside a UTF-8 sequence. */
  cutTokenShare: number | null;
  /** Token boundaries (position > 0), those inside a character included. */
  tokenBoundaries: number;
  /** Token boundaries inside a character. */
  insideCharBoundaries: number;
  /** Morpheme boundaries (position > 0); absent without an analyser. */
  morphemeBoundaries?: number;
  matchedBoundaries?: number;
  morphemePrecision?: number | null;
  morphemeRecall?: number | null;
  morphemeF1?: number | null;
  vocabSize: number;
  vocabUsed: number;
  vocabUsedShare: number | null;
  /** eojeolTokenHistogram[k] = eojeols with k tokens (the last cell: HISTOGRAM_MAX or more). */
  eojeolTokenHistogram: number[];
  topTokens: TopToken[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export class TokenizerStats {
  private lines = 0;
  private tokens = 0;
  private chars = 0;
  private eojeols = 0;
  private whole = 0;
  private cut = 0;
  private boundaries = 0;
  private inside = 0;
  private morphBoundaries = 0;
  private matched = 0;
  private withMorph = false;
  private readonly idCounts: Uint32Array;
  private readonly hist = new Float64Array(HISTOGRAM_MAX + 1);
  private perEojeol = new Int32Array(64);
  private atStart = new Uint8Array(64);

  constructor(
    readonly name: string,
    readonly mode: 'plain' | 'morpheme-aware',
    private readonly vocabSize: number,
    private readonly bytes: TokenBytes,
  ) {
    this.idCounts = new Uint32Array(Math.max(vocabSize, 1));
  }

  /** Adds one line: `ids` and `offsets` (code points of `line.text`) as encoded without special tokens. */
  add(line: LineInfo, ids: ArrayLike<number>, offsets: ReadonlyArray<readonly [number, number]>): void {
    this.lines++;
    this.tokens += ids.length;
    this.chars += line.chars;
    const ne = line.eojStart.length;
    this.eojeols += ne;
    if (this.perEojeol.length < ne) {
      this.perEojeol = new Int32Array(ne * 2);
      this.atStart = new Uint8Array(ne * 2);
    } else {
      this.perEojeol.fill(0, 0, ne);
      this.atStart.fill(0, 0, ne);
    }
    const morph = line.morph;
    if (morph) {
      this.withMorph = true;
      this.morphBoundaries += line.morphCount;
    }
    let pending = 0; // UTF-8 continuation bytes still owed, across the line's tokens
    let lastBoundary = 0;
    let j = 0; // eojeol cursor: token starts do not go backwards
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= 0 && id < this.idCounts.length) this.idCounts[id]! += 1;
      const b = this.bytes.of(id);
      for (let k = 0; k < b.length; k++) {
        const x = b[k]!;
        if (pending > 0 && x >= 0x80 && x < 0xc0) pending--;
        else pending = Math.max(0, utf8SequenceLength(x) - 1);
      }
      if (pending > 0) this.cut++;
      if (b.length === 0) continue;
      const [s, e] = offsets[i]!;
      let p = s;
      const insideChar = b[0]! >= 0x80 && b[0]! < 0xc0;
      if (!insideChar) {
        while (p < e && line.space[p]) p++;
        if (p >= e) continue; // whitespace only: no boundary
      }
      if (p > 0 && !(p === lastBoundary && !insideChar)) {
        this.boundaries++;
        if (insideChar) this.inside++;
        else if (morph && morph[p]) this.matched++;
      }
      if (!insideChar) lastBoundary = p;
      while (j < ne && line.eojEnd[j]! <= p) j++;
      if (j < ne && line.eojStart[j]! <= p) {
        this.perEojeol[j]! += 1;
        if (p === line.eojStart[j]! && !insideChar) this.atStart[j] = 1;
      }
    }
    for (let k = 0; k < ne; k++) {
      const c = this.perEojeol[k]!;
      this.hist[Math.min(c, HISTOGRAM_MAX)]! += 1;
      if (c === 1 && this.atStart[k]) this.whole++;
    }
  }

  report(top = 20): TokenizerReport {
    let used = 0;
    for (let i = 0; i < this.vocabSize; i++) if (this.idCounts[i]! > 0) used++;
    const r: TokenizerReport = {
      name: this.name,
      mode: this.mode,
      lines: this.lines,
      tokens: this.tokens,
      chars: this.chars,
      eojeols: this.eojeols,
      tokensPerChar: ratio(this.tokens, this.chars),
      tokensPerEojeol: ratio(this.tokens, this.eojeols),
      eojeolWholeShare: ratio(this.whole, this.eojeols),
      cutTokenShare: ratio(this.cut, this.tokens),
      tokenBoundaries: this.boundaries,
      insideCharBoundaries: this.inside,
      vocabSize: this.vocabSize,
      vocabUsed: used,
      vocabUsedShare: ratio(used, this.vocabSize),
      eojeolTokenHistogram: Array.from(this.hist),
      topTokens: this.topTokens(top),
    };
    if (this.withMorph) {
      const p = ratio(this.matched, this.boundaries);
      const rc = ratio(this.matched, this.morphBoundaries);
      r.morphemeBoundaries = this.morphBoundaries;
      r.matchedBoundaries = this.matched;
      r.morphemePrecision = p;
      r.morphemeRecall = rc;
      r.morphemeF1 = p !== null && rc !== null && p + rc > 0 ? (2 * p * rc) / (p + rc) : null;
    }
    return r;
  }

  private topTokens(top: number): TopToken[] {
    if (top <= 0) return [];
    // A bounded selection (top is small): keep the best `top` ids in a sorted list.
    const best: number[] = [];
    const c = this.idCounts;
    for (let id = 0; id < c.length; id++) {
      const n = c[id]!;
      if (n === 0) continue;
      if (best.length === top && n <= c[best[best.length - 1]!]!) continue;
      let k = best.length;
      while (k > 0 && c[best[k - 1]!]! < n) k--;
      best.splice(k, 0, id);
      if (best.length > top) best.pop();
    }
    return best.map((id) => ({ id, piece: bytesToPiece(this.bytes.of(id)), count: c[id]!, share: c[id]! / this.tokens }));
  }
}
