// The platform-neutral morpheme analyser: a pure-TypeScript mecab-ko over a compiled mecab-ko-dic
// held in memory. One call = one MeCab "sentence" (BOS/EOS costs apply at its ends). Loading files
// is in src/morph/load-node.ts (`Analyzer.load` from `mbbpe/node`); worker threads in pool.ts.

import type { DictionaryBuffers } from './dictionary.js';
import { MorphDictionary } from './dictionary.js';
import type { CompileOptions } from './dict/compile.js';
import { compileWords, type UserWord } from './dict/user.js';
import { Morpheme } from './morpheme.js';
import { Utf8Encoder } from './utf8.js';
import { Viterbi, type PathView } from './viterbi.js';

export interface AnalyzerOptions {
  /**
   * Apply mecab-ko's left-space penalty from dicrc's `left-space-penalty-factor` (default `true`,
   * = mecab-ko / KoNLPy / Polyglot-Ko). `false` = vanilla MeCab 0.996 (e.g. Debian's `mecab`).
   */
  spacePenalty?: boolean;
  /**
   * Unicode normalisation applied to the text before analysis (default `'none'`, like mecab-ko).
   * With `'NFC'`, surfaces and offsets refer to `text.normalize('NFC')`. NFD Hangul is not in the
   * dictionary and otherwise comes out as UNKNOWN tokens.
   */
  normalize?: 'none' | 'NFC';
}

export class Analyzer {
  readonly dictionary: MorphDictionary;
  readonly options: Readonly<Required<AnalyzerOptions>>;
  private readonly viterbi: Viterbi;
  private readonly enc = new Utf8Encoder();

  constructor(dictionary: MorphDictionary, options: AnalyzerOptions = {}) {
    this.dictionary = dictionary;
    this.options = Object.freeze({ spacePenalty: options.spacePenalty ?? true, normalize: options.normalize ?? 'none' });
    this.viterbi = new Viterbi(dictionary, this.options.spacePenalty);
  }

  /** Builds an analyser from the dictionary files' bytes (sync). Throws `DictionaryFormatError`. */
  static fromBuffers<T extends Analyzer>(
    this: new (dictionary: MorphDictionary, options?: AnalyzerOptions) => T,
    buffers: DictionaryBuffers,
    options: AnalyzerOptions = {},
  ): T {
    return new this(new MorphDictionary(buffers), options);
  }

  /**
   * Adds words at run time, as one more user dictionary searched after those already loaded
   * (compiled exactly like a CSV file given to `mbbpe dict compile`). Entries with empty ids need
   * the system dictionary's .def files (loaded by `Analyzer.load`). Worker pools created before
   * this call do not see the words. Throws DictionaryFormatError naming the entry's line.
   */
  addWords(words: UserWord[], options: CompileOptions = {}): void {
    const name = `addWords #${this.dictionary.lexicons.length}`;
    this.dictionary.addUserDictionary(compileWords(this.dictionary, words, name, options), name);
  }

  /** The text actually analysed (after the `normalize` option). */
  prepare(text: string): string {
    return this.options.normalize === 'NFC' ? text.normalize('NFC') : text;
  }

  /**
   * Low level: the best path over UTF-8 bytes `[0, n)` as byte offsets. The view is reused by the
   * next call on this analyser. No normalisation is applied.
   */
  analyzeBytes(bytes: Uint8Array, n = bytes.length): PathView {
    return this.viterbi.run(bytes, n);
  }

  /**
   * Low level: analyses `text` as-is (no normalisation) and calls `each(token, begin, start, end)`
   * per morpheme with UTF-16 offsets; `token` is a token handle (see token-handle.ts:
   * `handleLexicon(token)` is 0 for sys.dic, 1.. for user dictionaries, UNKNOWN_LEXICON for unk.dic).
   */
  walk(text: string, each: (token: number, begin: number, start: number, end: number) => void): void {
    const enc = this.enc;
    enc.encode(text);
    const path = this.viterbi.run(enc.bytes, enc.length);
    const at = enc.utf16At;
    for (let i = 0; i < path.length; i++) {
      each(path.token[i]!, at[path.begin[i]!]!, at[path.start[i]!]!, at[path.end[i]!]!);
    }
  }

  /** Morphemes of `text` in order; whitespace is not a morpheme. An empty/blank text gives []. */
  analyze(text: string): Morpheme[] {
    const s = this.prepare(text);
    const out: Morpheme[] = [];
    this.walk(s, (tok, begin, start, end) => {
      out.push(new Morpheme(this.dictionary, tok, s.slice(start, end), begin, start, end));
    });
    return out;
  }

  /** `[surface, tag][]` like KoNLPy / mecab-ya `pos`. */
  pos(text: string): [string, string][] {
    return this.analyze(text).map((m) => [m.surface, m.pos]);
  }

  /** Surfaces only (no feature decoding). */
  morphs(text: string): string[] {
    const s = this.prepare(text);
    const out: string[] = [];
    this.walk(s, (_t, _b, start, end) => out.push(s.slice(start, end)));
    return out;
  }

  /** Surfaces whose tag starts with `N` (NNG, NNP, NNB, NR, NP, …), like KoNLPy's `Mecab.nouns`. */
  nouns(text: string): string[] {
    return this.analyze(text)
      .filter((m) => m.pos.startsWith('N'))
      .map((m) => m.surface);
  }
}
