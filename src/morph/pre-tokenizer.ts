// The adapter through which tokenizer pipelines use morpheme boundaries: splits text into pieces
// that tile it exactly (each piece = the whitespace before a morpheme + the morpheme). It does not
// normalise, byte-encode or know any BPE vocabulary; the analyser never imports the pipeline.

import type { Analyzer } from './analyzer.js';

export interface MorphemePiece {
  /** `text.slice(start, end)`: leading whitespace (if any) followed by one morpheme. */
  piece: string;
  /** UTF-16 offsets into the analysed text. */
  start: number;
  end: number;
}

/**
 * Pieces of `text` (after the analyser's `normalize` option) in order; concatenated they give the
 * text back exactly. Whitespace after the last morpheme (or a whitespace-only text) becomes a final
 * piece of its own; an empty text gives [].
 */
export function splitMorphemes(analyzer: Analyzer, text: string): MorphemePiece[] {
  const s = analyzer.prepare(text);
  const out: MorphemePiece[] = [];
  let prevEnd = 0;
  analyzer.walk(s, (_tok, begin, _start, end) => {
    out.push({ piece: s.slice(begin, end), start: begin, end });
    prevEnd = end;
  });
  if (prevEnd < s.length) out.push({ piece: s.slice(prevEnd), start: prevEnd, end: s.length });
  return out;
}

/** Pre-tokenizer object form: `preTokenize(text)` → pieces, for pipelines that want a component. */
export class MorphemePreTokenizer {
  constructor(private readonly analyzer: Analyzer) {}

  preTokenize(text: string): MorphemePiece[] {
    return splitMorphemes(this.analyzer, text);
  }
}
