// The character-class pre-tokenizers of the reference: Digits, Whitespace, WhitespaceSplit,
// Punctuation, and Sequence (runs its children in order). Unicode classes follow V8's tables.

import { findCharMatches, splitNormalized, splitPieces } from './split-behavior.js';
import { findMatches } from '../text/regex.js';
import { rustClassBodies, rustIsNumeric, rustIsPunctuation, rustIsWhitespace } from '../text/unicode-classes.js';
import type { Piece, PreTokenizer, SplitBehavior } from './types.js';

// Predicates with the reference's Unicode tables (see unicode-classes.ts).
const isNumeric = rustIsNumeric;
const isWhite = rustIsWhitespace;
const isPunct = rustIsPunctuation;

export class DigitsPreTokenizer implements PreTokenizer {
  /** individualDigits: each digit its own piece (Isolated) instead of runs (Contiguous). Default false. */
  constructor(readonly individualDigits: boolean) {}
  preTokenize(pieces: Piece[]): Piece[] {
    const b: SplitBehavior = this.individualDigits ? 'Isolated' : 'Contiguous';
    return splitPieces(pieces, (ns) => splitNormalized(ns, findCharMatches(ns.s, isNumeric), b));
  }
}

// Rust regex `\w+|[^\w\s]+`: \w is Alphabetic|M|Nd|Pc|Join_Control, \s is White_Space.
let words: RegExp | null = null;
/** Built on first use (a large class; see unicode-classes.ts on cold start). */
function wordsRegex(): RegExp {
  if (words === null) {
    const { word, space } = rustClassBodies();
    words = new RegExp(`[${word}]+|[^${word}${space}]+`, 'gu');
  }
  return words;
}

export class WhitespacePreTokenizer implements PreTokenizer {
  preTokenize(pieces: Piece[]): Piece[] {
    return splitPieces(pieces, (ns) => {
      const m = findMatches(wordsRegex(), ns.s).map(([s, e, f]): [number, number, boolean] => [s, e, !f]);
      return splitNormalized(ns, m, 'Removed');
    });
  }
}

export class WhitespaceSplitPreTokenizer implements PreTokenizer {
  preTokenize(pieces: Piece[]): Piece[] {
    return splitPieces(pieces, (ns) => splitNormalized(ns, findCharMatches(ns.s, isWhite), 'Removed'));
  }
}

export class PunctuationPreTokenizer implements PreTokenizer {
  /** behavior: how punctuation chars are kept; default Isolated. */
  constructor(readonly behavior: SplitBehavior) {}
  preTokenize(pieces: Piece[]): Piece[] {
    return splitPieces(pieces, (ns) => splitNormalized(ns, findCharMatches(ns.s, isPunct), this.behavior));
  }
}

export class SequencePreTokenizer implements PreTokenizer {
  constructor(readonly children: readonly PreTokenizer[]) {}
  preTokenize(pieces: Piece[]): Piece[] {
    let p = pieces;
    for (const c of this.children) p = c.preTokenize(p);
    return p;
  }
}
