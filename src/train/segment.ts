// Morpheme pre-segmentation for training: each line's content is replaced by its morphemes joined
// with U+0CF1 (the Polyglot-Ko scheme), its line ending kept. The analysis itself is the analyser's
// `joinMorphemes` (src/morph/marker.ts), the same code `mbbpe segment` runs; this module only adapts
// lines to it. Worker threads are in segment-node.ts.

import type { Analyzer } from '../morph/analyzer.js';
import { joinMorphemes, MORPHEME_MARKER } from '../morph/marker.js';

/** Marker-joins line contents (no line endings), in order. */
export interface Segmenter {
  join(contents: string[]): Promise<string[]>;
  close(): Promise<void>;
}

/** A segmenter running `joinMorphemes` in this thread. */
export function inThreadSegmenter(analyzer: Analyzer, marker: string = MORPHEME_MARKER): Segmenter {
  return {
    join: (contents) => Promise.resolve(contents.map((c) => joinMorphemes(analyzer, c, marker))),
    close: () => Promise.resolve(),
  };
}

/** Segments lines that keep their '\n': the content is segmented, the '\n' put back after it. */
export async function segmentLines(seg: Segmenter, lines: readonly string[]): Promise<string[]> {
  const contents = lines.map((l) => (l.endsWith('\n') ? l.slice(0, -1) : l));
  const joined = await seg.join(contents);
  return joined.map((j, i) => (lines[i]!.endsWith('\n') ? j + '\n' : j));
}
