// The fast path for byte-level pipelines without a normalizer (Polyglot-Ko, GPT-2, most of the
// family): works on plain string ranges of the input instead of NormalizedStrings, and caches each
// word's tokens by its original text, so a repeated word costs one Map lookup. It must produce
// exactly what the general path produces; tests compare both with the reference.
//
// Design notes (performance): no alignment arrays; a word is converted to its byte-level form only
// on a cache miss, with a small per-byte table mapping byte-level units back to input code units.
// Applies only when: no normalizer, and the pre-tokenizer is ByteLevel(add_prefix_space=false),
// optionally after Split pre-tokenizers (which never change text).

import type { AddedVocabulary } from '../added-tokens/added-vocabulary.js';
import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import type { BpeModel } from '../models/bpe/model.js';
import { mergeAll, Symbols } from '../models/bpe/merge.js';
import { ByteLevelPreTokenizer } from '../pre-tokenizers/byte-level.js';
import { gpt2Pieces } from '../pre-tokenizers/gpt2-scanner.js';
import { SequencePreTokenizer } from '../pre-tokenizers/simple.js';
import { SplitPreTokenizer } from '../pre-tokenizers/split.js';
import type { PreTokenizer } from '../pre-tokenizers/types.js';

/** Cached tokens of one word: [id, start, end, …] in code units relative to the word. */
type WordTokens = Int32Array;
const WORD_CACHE_CAPACITY = 100_000;
const WORD_CACHE_MAX_LEN = 128;

/** Thrown through the pre-tokenizer's callbacks to stop a count early (never escapes countIds). */
const STOP = Symbol('stop');

export interface RawTokens {
  ids: number[];
  tokens: string[];
  offsets: Array<[number, number]>;
  /** When asked for (truncation needs it): per pre-token split, in order, the token count so far
   *  after it; bitwise-negated (~n) for an added-token split. See splitLimit in tokenizer/encoding.ts. */
  splits?: number[];
}

export class ByteLevelFastPath {
  private cache = new Map<string, WordTokens>();
  private old = new Map<string, WordTokens>();
  private startOf = new Int32Array(256);
  private endOf = new Int32Array(256);
  /** Model id of each byte's single-char token, when all 256 exist and no flag changes symbols. */
  private readonly byteIds: Int32Array | null;
  private readonly symbols = new Symbols();

  private constructor(
    private readonly model: BpeModel,
    private readonly added: AddedVocabulary,
    private readonly splits: readonly SplitPreTokenizer[],
    private readonly useRegex: boolean,
  ) {
    const o = model.opts;
    const ids = Int32Array.from(BYTE_TO_CHAR, (c) => model.tokenId(c) ?? -1);
    const direct = o.continuingSubwordPrefix === null && o.endOfWordSuffix === null && !o.ignoreMerges && ids.every((x) => x >= 0);
    this.byteIds = direct ? ids : null;
  }

  /** The fast path for this pipeline, or null when it does not apply. */
  static tryCreate(model: BpeModel, added: AddedVocabulary, normalizer: unknown, pt: PreTokenizer | null): ByteLevelFastPath | null {
    if (normalizer !== null || pt === null) return null;
    const chain = pt instanceof SequencePreTokenizer ? [...pt.children] : [pt];
    const last = chain.pop();
    if (!(last instanceof ByteLevelPreTokenizer) || last.addPrefixSpace) return null;
    if (!chain.every((c) => c instanceof SplitPreTokenizer)) return null;
    return new ByteLevelFastPath(model, added, chain as SplitPreTokenizer[], last.useRegex);
  }

  tokenize(wf: string, withSplits = false, splitSpecial = false): RawTokens {
    const out: RawTokens = { ids: [], tokens: [], offsets: [] };
    if (withSplits) out.splits = [];
    if (this.added.isEmpty) this.splitAndTokenize(wf, 0, wf.length, 0, out);
    else {
      for (const [a, b, t] of this.added.findRanges(wf, splitSpecial)) {
        if (t) {
          out.ids.push(t.id);
          out.tokens.push(wf.slice(a, b));
          out.offsets.push([a, b]);
          out.splits?.push(~out.ids.length);
        } else this.splitAndTokenize(wf, a, b, 0, out);
      }
    }
    return out;
  }

  /** Ids only (what `encode(text).ids` gives when no post-processor adds tokens): no tokens, offsets. */
  tokenizeIds(wf: string, splitSpecial = false): number[] {
    const ids: number[] = [];
    const sink = (w: string): void => {
      const t = this.lookup(w);
      for (let k = 0; k < t.length; k += 3) ids.push(t[k]!);
    };
    if (this.added.isEmpty) this.split(wf, 0, wf.length, 0, sink);
    else {
      // Visited in place: no array of ranges per call (short lines feel per-call allocations).
      this.added.eachFoundRange(wf, splitSpecial, (a, b, t) => {
        if (t) ids.push(t.id);
        else this.split(wf, a, b, 0, sink);
      });
    }
    return ids;
  }

  /**
   * How many ids tokenizeIds gives, without collecting them; once the count passes `max` it stops
   * (the rest of the text is never scanned for added tokens, pre-tokenized or merged) and returns max + 1.
   */
  countIds(wf: string, splitSpecial: boolean, max: number): number {
    let n = 0;
    const sink = (w: string): void => {
      n += this.lookup(w).length / 3;
      if (n > max) throw STOP;
    };
    try {
      if (this.added.isEmpty) this.split(wf, 0, wf.length, 0, sink);
      else {
        // Range by range: the added-token scan stops with the count too.
        this.added.eachFoundRange(wf, splitSpecial, (a, b, t) => {
          if (t === null) this.split(wf, a, b, 0, sink);
          else if (++n > max) throw STOP;
        });
      }
    } catch (e) {
      if (e === STOP) return max + 1;
      throw e;
    }
    return n;
  }

  /** Applies Split pre-tokenizer `level` to wf[a, b), then the next level, then gives each word to `sink`. */
  private split(wf: string, a: number, b: number, level: number, sink: (w: string, base: number) => void): void {
    if (level < this.splits.length) {
      const sub = wf.slice(a, b);
      for (const [s, e] of this.splits[level]!.splitRanges(sub)) this.split(wf, a + s, a + e, level + 1, sink);
      return;
    }
    if (!this.useRegex) {
      sink(wf.slice(a, b), a);
      return;
    }
    gpt2Pieces(wf, a, b, (s, e) => sink(wf.slice(s, e), s));
  }

  private splitAndTokenize(wf: string, a: number, b: number, level: number, out: RawTokens): void {
    this.split(wf, a, b, level, (w, base) => this.word(w, base, out));
  }

  /**
   * A word's tokens from the bounded cache: two generations of half the capacity each. When the new
   * one is full it becomes the old one (the older is dropped), and a word found only in the old one
   * moves to the new: words in steady use survive a turnover, instead of all missing at once after a
   * clear (short, varied comments fill the cache quickly). No slow degradation as it fills.
   */
  private lookup(w: string): WordTokens {
    let t = this.cache.get(w);
    if (t === undefined) {
      t = this.old.get(w) ?? this.tokenizeWord(w);
      if (w.length <= WORD_CACHE_MAX_LEN) {
        if (this.cache.size >= WORD_CACHE_CAPACITY / 2) {
          this.old = this.cache;
          this.cache = new Map();
        }
        this.cache.set(w, t);
      }
    }
    return t;
  }

  private word(w: string, base: number, out: RawTokens): void {
    const t = this.lookup(w);
    const vocabR = this.model.vocabR;
    const unk = this.model.opts.unkToken ?? '';
    for (let k = 0; k < t.length; k += 3) {
      const id = t[k]!;
      out.ids.push(id);
      out.tokens.push(vocabR[id] ?? unk);
      out.offsets.push([base + t[k + 1]!, base + t[k + 2]!]);
    }
    out.splits?.push(out.ids.length);
  }

  /**
   * Direct path: every UTF-8 byte of `w` becomes its symbol id, positioned on its char's code units,
   * then the merge core runs — no byte-level string is built.
   */
  private tokenizeWordDirect(w: string, byteIds: Int32Array): WordTokens {
    const sym = this.symbols;
    sym.reset();
    const n = w.length;
    for (let i = 0; i < n; i++) {
      let cp = w.charCodeAt(i);
      const st = i;
      if (cp < 0x80) {
        sym.push(byteIds[cp]!, st, st + 1);
        continue;
      }
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const lo = w.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      const en = i + 1;
      if (cp < 0x800) {
        sym.push(byteIds[0xc0 | (cp >> 6)]!, st, en);
        sym.push(byteIds[0x80 | (cp & 63)]!, st, en);
      } else if (cp < 0x10000) {
        sym.push(byteIds[0xe0 | (cp >> 12)]!, st, en);
        sym.push(byteIds[0x80 | ((cp >> 6) & 63)]!, st, en);
        sym.push(byteIds[0x80 | (cp & 63)]!, st, en);
      } else {
        sym.push(byteIds[0xf0 | (cp >> 18)]!, st, en);
        sym.push(byteIds[0x80 | ((cp >> 12) & 63)]!, st, en);
        sym.push(byteIds[0x80 | ((cp >> 6) & 63)]!, st, en);
        sym.push(byteIds[0x80 | (cp & 63)]!, st, en);
      }
    }
    mergeAll(this.model.merges, sym);
    let count = 0;
    for (let i = 0; i < sym.n; i++) if (sym.id[i]! >= 0) count++;
    const r = new Int32Array(count * 3);
    let k = 0;
    for (let i = 0; i < sym.n; i++) {
      if (sym.id[i]! < 0) continue;
      r[k++] = sym.id[i]!;
      r[k++] = sym.start[i]!;
      r[k++] = sym.end[i]!;
    }
    return r;
  }

  /** Byte-level form of `w` → model → offsets mapped back to code units of `w`. */
  private tokenizeWord(w: string): WordTokens {
    if (this.byteIds) return this.tokenizeWordDirect(w, this.byteIds);
    const n = w.length;
    if (this.startOf.length < n * 4) {
      this.startOf = new Int32Array(n * 4);
      this.endOf = new Int32Array(n * 4);
    }
    const startOf = this.startOf;
    const endOf = this.endOf;
    let bl = '';
    let k = 0;
    for (let i = 0; i < n; i++) {
      let cp = w.charCodeAt(i);
      const st = i;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const lo = w.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      const en = i + 1;
      if (cp < 0x80) {
        bl += BYTE_TO_CHAR[cp]!;
        startOf[k] = st;
        endOf[k++] = en;
        continue;
      }
      let nb: number;
      if (cp < 0x800) {
        bl += BYTE_TO_CHAR[0xc0 | (cp >> 6)]! + BYTE_TO_CHAR[0x80 | (cp & 63)]!;
        nb = 2;
      } else if (cp < 0x10000) {
        bl += BYTE_TO_CHAR[0xe0 | (cp >> 12)]! + BYTE_TO_CHAR[0x80 | ((cp >> 6) & 63)]! + BYTE_TO_CHAR[0x80 | (cp & 63)]!;
        nb = 3;
      } else {
        bl +=
          BYTE_TO_CHAR[0xf0 | (cp >> 18)]! +
          BYTE_TO_CHAR[0x80 | ((cp >> 12) & 63)]! +
          BYTE_TO_CHAR[0x80 | ((cp >> 6) & 63)]! +
          BYTE_TO_CHAR[0x80 | (cp & 63)]!;
        nb = 4;
      }
      for (let j = 0; j < nb; j++) {
        startOf[k] = st;
        endOf[k++] = en;
      }
    }
    const t = this.model.tokenizeUncached(bl);
    const r = new Int32Array(t.length);
    for (let j = 0; j < t.length; j += 3) {
      r[j] = t[j]!;
      r[j + 1] = startOf[t[j + 1]!]!;
      r[j + 2] = endOf[t[j + 2]! - 1]!;
    }
    return r;
  }
}
