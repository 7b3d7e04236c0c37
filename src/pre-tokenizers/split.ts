// The Split pre-tokenizer: a literal string or an Oniguruma regex, one of five behaviors, optionally
// inverted (the pattern then matches the pieces rather than the delimiters).

import { patternMatcher, type Matches, type PatternJson } from '../text/regex.js';
import { applyBehavior, splitNormalized, splitPieces } from './split-behavior.js';
import type { Piece, PreTokenizer, SplitBehavior } from './types.js';

export type SplitPattern = PatternJson;

export class SplitPreTokenizer implements PreTokenizer {
  private readonly find: (s: string) => Matches;

  constructor(
    readonly pattern: SplitPattern,
    readonly behavior: SplitBehavior,
    readonly invert: boolean,
    path = '$.pre_tokenizer',
  ) {
    this.find = patternMatcher(pattern, path);
  }

  /** Kept ranges of a plain string (fast path: no alignment bookkeeping). */
  splitRanges(s: string): Array<[number, number]> {
    let m = this.find(s);
    if (this.invert) m = m.map(([a, b, f]) => [a, b, !f]);
    return applyBehavior(m, this.behavior).filter(([a, b]) => b > a);
  }

  preTokenize(pieces: Piece[]): Piece[] {
    return splitPieces(pieces, (ns) => {
      let m = this.find(ns.s);
      if (this.invert) m = m.map(([s, e, f]) => [s, e, !f]);
      return splitNormalized(ns, m, this.behavior);
    });
  }
}
