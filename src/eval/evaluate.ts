// `evaluate`: runs every tokenizer under test over the same lines and returns the report that
// `mbbpe eval` prints. Streaming: one line at a time, memory flat in the input's size. The analyser
// is optional; without it the morpheme figures are left out (see `EvalReport.input.note`).

import type { Encoding } from '../tokenizer/encoding.js';
import type { EncodeOptions } from '../tokenizer/options.js';
import { encodeWithMorphemes, type MarkerTokenizer, type MorphemeWalker } from '../tokenizer/morpheme-aware.js';
import { LineInfo } from './line.js';
import { TokenizerStats, type TokenizerReport } from './metrics.js';
import { TokenBytes, type TokenSource } from './pieces.js';

/** A tokenizer as `evaluate` needs it (the public `Tokenizer` is one). */
export interface EvalTokenizer extends TokenSource, MarkerTokenizer {
  readonly vocabSize: number;
  encode(text: string, opts?: EncodeOptions): Encoding;
}

export interface EvalSubject {
  /** Shown in the report (the CLI uses the --tokenizer argument). */
  name: string;
  tokenizer: EvalTokenizer;
  /** Encode with morpheme markers (needs `analyzer`). Default false. */
  morphemeAware?: boolean;
}

export interface EvalOptions {
  /** MeCab analyser for the morpheme figures and the morpheme-aware mode; null = leave them out. */
  analyzer?: MorphemeWalker | null;
  /** Why there is no analyser (printed in the report), e.g. how to install the dictionary. */
  note?: string;
  /** Most frequent tokens listed per tokenizer. Default 20. */
  top?: number;
  /** Called after each line with the number of lines done (for progress). */
  onLine?: (lines: number) => void;
  /** Describes the input in the report (file names). */
  files?: readonly string[];
}

export interface EvalReport {
  input: {
    files: string[];
    lines: number;
    chars: number;
    eojeols: number;
    /** True when morpheme figures are included. */
    morphemes: boolean;
    note?: string;
  };
  tokenizers: TokenizerReport[];
}

/**
 * Evaluates `subjects` on `lines` (each a line without its newline). Tokenizers are encoded as they
 * are configured, except that no special tokens are added: turn truncation and padding off first
 * (the CLI does) to measure whole lines.
 */
export async function evaluate(
  lines: Iterable<string> | AsyncIterable<string>,
  subjects: readonly EvalSubject[],
  opts: EvalOptions = {},
): Promise<EvalReport> {
  const analyzer = opts.analyzer ?? null;
  for (const s of subjects) {
    if (s.morphemeAware && !analyzer) throw new TypeError(`evaluate: "${s.name}" is morpheme-aware but no analyzer was given`);
  }
  const stats = subjects.map(
    (s) => new TokenizerStats(s.name, s.morphemeAware ? 'morpheme-aware' : 'plain', s.tokenizer.vocabSize, new TokenBytes(s.tokenizer)),
  );
  const enc: EncodeOptions = { addSpecialTokens: false, offsets: 'codepoint' };
  let n = 0;
  let chars = 0;
  let eojeols = 0;
  for await (const text of lines) {
    const line = new LineInfo(text, analyzer);
    n++;
    chars += line.chars;
    eojeols += line.eojStart.length;
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[i]!;
      const e = s.morphemeAware ? encodeWithMorphemes(s.tokenizer, text, line.replay!, enc) : s.tokenizer.encode(text, enc);
      stats[i]!.add(line, e.ids, e.offsets);
    }
    opts.onLine?.(n);
  }
  const input: EvalReport['input'] = { files: [...(opts.files ?? [])], lines: n, chars, eojeols, morphemes: analyzer !== null };
  if (opts.note) input.note = opts.note;
  return { input, tokenizers: stats.map((s) => s.report(opts.top ?? 20)) };
}
