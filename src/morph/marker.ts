// The Polyglot-Ko pre-segmentation: a line with a marker character inserted between two morphemes
// that touch in the original text. It only inserts markers; it never removes, adds or changes
// whitespace and never reorders text. The trainer calls it per line (or in batches via pool.ts).

import type { Analyzer } from './analyzer.js';

/** U+0CF1 (KANNADA SIGN JIHVAMULIYA): the marker the Polyglot-Ko scheme inserts. */
export const MORPHEME_MARKER = '\u0CF1';

/**
 * Returns `line` with `marker` inserted between every two consecutive morphemes that MeCab found
 * with no whitespace between them. Exactly:
 * - whitespace (MeCab's SPACE category: TAB, LF, VT, CR, U+0020) is copied as it was, including
 *   leading and trailing whitespace; where whitespace separates two morphemes no marker is added.
 *   NBSP, U+3000, ZWSP and BOM are not whitespace to MeCab: they are morphemes (SY) and get markers.
 * - MeCab skips nothing else: every other character belongs to some morpheme, so removing every
 *   `marker` from the result gives the (normalised, see `normalize`) line back.
 * - an empty or whitespace-only line comes back unchanged.
 * - with the analyser's `normalize: 'NFC'` the result is built from `line.normalize('NFC')`.
 * A `marker` already present in the line is left alone (it is analysed like any other character).
 */
export function joinMorphemes(analyzer: Analyzer, line: string, marker: string = MORPHEME_MARKER): string {
  const text = analyzer.prepare(line);
  let out = '';
  let prevEnd = 0;
  let first = true;
  analyzer.walk(text, (_tok, begin, start, end) => {
    if (!first && begin === start) out += marker;
    out += text.slice(prevEnd, end);
    prevEnd = end;
    first = false;
  });
  return prevEnd === 0 ? text : out + text.slice(prevEnd);
}
