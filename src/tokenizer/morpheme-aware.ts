// Morpheme-aware encoding at inference (the Polyglot-Ko training view): the text gets the
// U+0CF1 marker wherever the analyser splits two morphemes with no space between them, the
// tokenizer's own pipeline removes the marker again, so BPE never merges across a morpheme
// boundary — as in training. Ids are ordinary vocabulary ids; offsets point into the original text.
// Not handled: tokenizers whose pipeline keeps the marker (refused, see MorphemeModeError), and
// the analyser's `normalize` option (the original text is analysed as-is so offsets stay exact).

import { MbbpeError } from '../errors.js';
import { MORPHEME_MARKER } from '../morph/marker.js';
import type { Encoding } from './encoding.js';
import { convertOffsets } from './offset-units.js';
import { toWellFormed } from './offsets.js';
import type { EncodeOptions } from './options.js';

/** What is needed of an analyser: MeCab's best path with UTF-16 offsets (the `Analyzer` has it). */
export interface MorphemeWalker {
  walk(text: string, each: (token: number, begin: number, start: number, end: number) => void): void;
}

/** What is needed of a tokenizer (the public `Tokenizer` has it). */
export interface MarkerTokenizer {
  encode(text: string, opts?: EncodeOptions): Encoding;
  decode(ids: ArrayLike<number>, opts?: { skipSpecialTokens?: boolean }): string;
  /** UTF-16 ranges of the added tokens encode would match in `text` (never marked inside). */
  addedTokenRanges(text: string, splitSpecialTokens?: boolean): Array<[number, number]>;
}

/** The tokenizer's pipeline does not remove the morpheme marker, so marked text would change its ids. */
export class MorphemeModeError extends MbbpeError {
  constructor(reason: string) {
    super(
      `morpheme-aware encoding needs a tokenizer whose pipeline removes the marker U+0CF1 (${reason})`,
      'use a Polyglot-Ko-style tokenizer.json (a Split on "\\u0CF1" with behavior "Removed", or a Replace of it with ""), or encode without morphemes',
    );
  }
}

const checked = new WeakMap<object, MorphemeModeError | null>();

/**
 * Checks by behaviour, not by reading the config (any pipeline that drops the marker qualifies): the
 * marker alone encodes to nothing, and between two syllables it leaves exactly their text.
 */
export function checkMarkerRemoved(tok: MarkerTokenizer): void {
  let err = checked.get(tok);
  if (err === undefined) {
    err = null;
    const lone = tok.encode(MORPHEME_MARKER, { addSpecialTokens: false }).ids;
    if (lone.length > 0) err = new MorphemeModeError(`"\\u0CF1" alone encodes to ${lone.length} token(s)`);
    else {
      const ids = tok.encode(`가${MORPHEME_MARKER}나 가`, { addSpecialTokens: false }).ids;
      if (tok.decode(ids) !== '가나 가') err = new MorphemeModeError('the marker leaves text behind');
    }
    checked.set(tok, err);
  }
  if (err) throw err;
}

/** `text` with markers, and for each UTF-16 position of it the position in `text` (length + 1 entries). */
export function markMorphemes(
  text: string,
  analyzer: MorphemeWalker,
  spans: ReadonlyArray<[number, number]> = [],
): { marked: string; toOriginal: Int32Array; markers: number } {
  const cuts: number[] = [];
  let first = true;
  let k = 0;
  analyzer.walk(text, (_tok, begin, start) => {
    if (!first && begin === start) {
      while (k < spans.length && spans[k]![1] <= start) k++;
      const inside = k < spans.length && spans[k]![0] < start && start < spans[k]![1];
      // A span's own edges are cut anyway by the added-token split; no marker needed there.
      const edge = k < spans.length && spans[k]![0] === start;
      if (!inside && !edge) cuts.push(start);
    }
    first = false;
  });
  const toOriginal = new Int32Array(text.length + cuts.length + 1);
  let marked = '';
  let prev = 0;
  let j = 0;
  for (const c of cuts) {
    marked += text.slice(prev, c);
    for (let p = prev; p < c; p++) toOriginal[j++] = p;
    marked += MORPHEME_MARKER;
    toOriginal[j++] = c; // the marker maps to the character after it
    prev = c;
  }
  marked += text.slice(prev);
  for (let p = prev; p <= text.length; p++) toOriginal[j++] = p;
  return { marked, toOriginal, markers: cuts.length };
}

/**
 * `tok.encode(text, opts)` over the morpheme-marked text: same option semantics (special tokens,
 * truncation, padding, offset unit); offsets refer to `text`.
 */
export function encodeWithMorphemes(tok: MarkerTokenizer, text: string, analyzer: MorphemeWalker, opts: EncodeOptions = {}): Encoding {
  checkMarkerRemoved(tok);
  const wf = toWellFormed(text);
  const { marked, toOriginal } = markMorphemes(wf, analyzer, tok.addedTokenRanges(wf, opts.splitSpecialTokens));
  const e = tok.encode(marked, { ...opts, offsets: 'utf16' });
  const unit = opts.offsets ?? 'utf16';
  const conv = unit === 'utf16' ? null : convertOffsets(wf);
  const map = (u: number): number => {
    const o = toOriginal[u]!;
    if (!conv) return o;
    const cp = conv.toCodePoint(o);
    return unit === 'codepoint' ? cp : conv.codePointToByte(cp);
  };
  const fix = (x: Encoding): void => {
    for (const off of x.offsets) {
      off[0] = map(off[0]);
      off[1] = map(off[1]);
    }
    for (const o of x.overflowing) fix(o);
  };
  fix(e);
  return e;
}
