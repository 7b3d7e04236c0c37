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
import { Ranges } from '../text/ranges.js';
import { hashRange, WordTable } from './word-table.js';

/** Words per cache generation (two generations; tables grow to this as they fill). */
const WORD_CACHE_CAPACITY = 1 << 16;
/** Longer words (code units) are not cached. */
const WORD_CACHE_MAX_LEN = 128;
/** One generation of the word cache: room for ~8 code units and ~5 tokens a word on average. */
const newGeneration = (): WordTable => new WordTable(WORD_CACHE_CAPACITY, WORD_CACHE_CAPACITY * 8, WORD_CACHE_CAPACITY * 16);
/** What outIds holds between calls (never written). */
const NO_IDS: number[] = [];

export interface RawTokens {
  ids: number[];
  tokens: string[];
  offsets: Array<[number, number]>;
  /** When asked for (truncation needs it): per pre-token split, in order, the token count so far
   *  after it; bitwise-negated (~n) for an added-token split. See splitLimit in tokenizer/encoding.ts. */
  splits?: number[];
}

/** Where a looked-up word's tokens are: ints [from, from + len) of `toks`, as [id, start, end] triples. */
interface Found {
  toks: Int32Array;
  from: number;
  len: number;
}

/** What the pieces of a range are fed to (one of the three outputs). */
const enum Sink {
  Ids,
  Count,
  Tokens,
}

/** Pieces scanned per batch: bounds the piece buffer, and lets a count stop soon after its limit. */
const PIECES_PER_BATCH = 256;

export class ByteLevelFastPath {
  /** Two generations of the word cache: see lookup. */
  private cur = newGeneration();
  private old = newGeneration();
  /** Tokens of the word being tokenized (a miss, or a word too long to cache). */
  private scratch = new Int32Array(256);
  private readonly found: Found = { toks: this.scratch, from: 0, len: 0 };
  private readonly pieces = new Ranges();
  /** Literal removed by each Split level when it is a plain `Removed` string (Polyglot-Ko's), else null. */
  private readonly literals: ReadonlyArray<string | null>;
  private startOf = new Int32Array(256);
  private endOf = new Int32Array(256);
  /** Model id of each byte's single-char token, when all 256 exist and no flag changes symbols. */
  private readonly byteIds: Int32Array | null;
  private readonly symbols = new Symbols();
  // Output of the call in progress (one call at a time: nothing here calls out to user code).
  private outIds: number[] = [];
  private outRaw: RawTokens | null = null;
  private count = 0;
  private countMax = 0;

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
    this.literals = splits.map((sp) => (sp.behavior === 'Removed' && !sp.invert && 'String' in sp.pattern && sp.pattern.String !== '' ? sp.pattern.String : null));
  }

  /** Words in the cache (both generations); for tests, which bound it. */
  get cachedWords(): number {
    return this.cur.size + this.old.size;
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
    this.outRaw = out;
    try {
      if (this.added.isEmpty) this.range(wf, 0, wf.length, 0, Sink.Tokens);
      else {
        for (const [a, b, t] of this.added.findRanges(wf, splitSpecial)) {
          if (t) {
            out.ids.push(t.id);
            out.tokens.push(wf.slice(a, b));
            out.offsets.push([a, b]);
            out.splits?.push(~out.ids.length);
          } else this.range(wf, a, b, 0, Sink.Tokens);
        }
      }
    } finally {
      this.outRaw = null;
    }
    return out;
  }

  /** Ids only (what `encode(text).ids` gives when no post-processor adds tokens): no tokens, offsets. */
  tokenizeIds(wf: string, splitSpecial = false): number[] {
    const ids: number[] = [];
    this.outIds = ids;
    if (this.added.isEmpty) this.range(wf, 0, wf.length, 0, Sink.Ids);
    else {
      // Visited in place: no array of ranges per call (short lines feel per-call allocations).
      this.added.eachFoundRange(wf, splitSpecial, (a, b, t) => {
        if (t) ids.push(t.id);
        else this.range(wf, a, b, 0, Sink.Ids);
      });
    }
    this.outIds = NO_IDS;
    return ids;
  }

  /**
   * How many ids tokenizeIds gives, without collecting them; once the count passes `max` it stops
   * (the rest of the text is never scanned for added tokens, pre-tokenized or merged) and returns max + 1.
   */
  countIds(wf: string, splitSpecial: boolean, max: number): number {
    this.count = 0;
    this.countMax = max;
    if (this.added.isEmpty) this.range(wf, 0, wf.length, 0, Sink.Count);
    else {
      // Range by range: the added-token scan stops with the count too.
      this.added.eachFoundRange(wf, splitSpecial, (a, b, t) => (t === null ? this.range(wf, a, b, 0, Sink.Count) : ++this.count > max));
    }
    return this.count > max ? max + 1 : this.count;
  }

  /**
   * Applies Split pre-tokenizer `level` to wf[a, b), then the next level, then the ByteLevel split,
   * feeding the pieces to `sink`. True when a count passed its limit (stop).
   */
  private range(wf: string, a: number, b: number, level: number, sink: Sink): boolean {
    if (level < this.splits.length) {
      const lit = this.literals[level]!;
      if (lit !== null) {
        // A removed literal: the kept ranges are the non-empty gaps between its occurrences.
        for (let p = a; p < b; ) {
          let q = wf.indexOf(lit, p);
          if (q < 0 || q + lit.length > b) q = b;
          if (q > p && this.range(wf, p, q, level + 1, sink)) return true;
          p = q + lit.length;
        }
        return false;
      }
      for (const [s, e] of this.splits[level]!.splitRanges(wf.slice(a, b))) if (this.range(wf, a + s, a + e, level + 1, sink)) return true;
      return false;
    }
    const pieces = this.pieces;
    if (!this.useRegex) {
      pieces.n = 0;
      pieces.push(a, b);
      return this.feed(wf, sink);
    }
    for (let p = a; p < b; ) {
      pieces.n = 0;
      p = gpt2Pieces(wf, p, b, pieces, PIECES_PER_BATCH);
      if (this.feed(wf, sink)) return true;
    }
    return false;
  }

  /** Gives each piece in `pieces` to the sink; true when a count passed its limit. */
  private feed(wf: string, sink: Sink): boolean {
    const r = this.pieces.data;
    const n = this.pieces.n;
    const f = this.found;
    for (let k = 0; k < n; k++) {
      const a = r[2 * k]!;
      const b = r[2 * k + 1]!;
      this.lookup(wf, a, b);
      const toks = f.toks;
      const end = f.from + f.len;
      if (sink === Sink.Ids) {
        const ids = this.outIds;
        for (let i = f.from; i < end; i += 3) ids.push(toks[i]!);
      } else if (sink === Sink.Count) {
        this.count += f.len / 3;
        if (this.count > this.countMax) return true;
      } else this.word(a, toks, f.from, end);
    }
    return false;
  }

  /**
   * Finds s[a, b)'s tokens (into `found`) in the bounded cache: two generations. When the new one
   * is full it becomes the old one (the older is dropped), and a word found only in the old one moves
   * to the new: words in steady use survive a turnover, instead of all missing at once after a clear
   * (short, varied comments fill the cache quickly). No slow degradation as it fills.
   */
  private lookup(s: string, a: number, b: number): void {
    const f = this.found;
    const h = hashRange(s, a, b);
    let cur = this.cur;
    const e = cur.find(s, a, b, h);
    if (e >= 0) {
      f.toks = cur.toks;
      f.from = cur.tokAt(e);
      f.len = cur.tokLen(e);
      return;
    }
    const len = b - a;
    if (len > WORD_CACHE_MAX_LEN) {
      f.len = this.tokenizeWord(s, a, b);
      f.toks = this.scratch;
      f.from = 0;
      return;
    }
    // Tokens take at most 3 ints per UTF-8 byte, at most 3 bytes per code unit.
    if (!cur.fits(len, len * 9)) {
      this.cur = this.old;
      this.old = cur;
      cur = this.cur;
      cur.clear();
    }
    const old = this.old;
    const o = old.find(s, a, b, h);
    let g: number;
    if (o >= 0) g = cur.add(s, a, b, h, old.toks, old.tokAt(o), old.tokLen(o));
    else {
      const n = this.tokenizeWord(s, a, b); // may replace scratch: read it after
      g = cur.add(s, a, b, h, this.scratch, 0, n);
    }
    f.toks = cur.toks;
    f.from = cur.tokAt(g);
    f.len = cur.tokLen(g);
  }

  /** Appends one word's tokens (ints [from, end) of `t`, offsets relative to `base`) to the Tokens output. */
  private word(base: number, t: Int32Array, from: number, end: number): void {
    const out = this.outRaw!;
    const vocabR = this.model.vocabR;
    const unk = this.model.opts.unkToken ?? '';
    for (let k = from; k < end; k += 3) {
      const id = t[k]!;
      out.ids.push(id);
      out.tokens.push(vocabR[id] ?? unk);
      out.offsets.push([base + t[k + 1]!, base + t[k + 2]!]);
    }
    out.splits?.push(out.ids.length);
  }

  /**
   * Direct path: every UTF-8 byte of s[a, b) becomes its symbol id, positioned on its char's code
   * units (relative to a), then the merge core runs — no byte-level string is built. Tokens go to
   * `scratch`; returns how many ints.
   */
  private tokenizeWordDirect(s: string, a: number, b: number, byteIds: Int32Array): number {
    const sym = this.symbols;
    sym.reset();
    for (let i = a; i < b; i++) {
      let cp = s.charCodeAt(i);
      const st = i - a;
      if (cp < 0x80) {
        sym.push(byteIds[cp]!, st, st + 1);
        continue;
      }
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < b) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      const en = i + 1 - a;
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
    const r = this.scratchFor(count * 3);
    let k = 0;
    for (let i = 0; i < sym.n; i++) {
      if (sym.id[i]! < 0) continue;
      r[k++] = sym.id[i]!;
      r[k++] = sym.start[i]!;
      r[k++] = sym.end[i]!;
    }
    return k;
  }

  /** Tokens of s[a, b) into `scratch` (offsets relative to a); returns how many ints. */
  private tokenizeWord(s: string, a: number, b: number): number {
    if (this.byteIds) return this.tokenizeWordDirect(s, a, b, this.byteIds);
    return this.tokenizeWordBytes(s.slice(a, b));
  }

  /** Byte-level form of `w` → model → offsets mapped back to code units of `w`. */
  private tokenizeWordBytes(w: string): number {
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
    const r = this.scratchFor(t.length);
    for (let j = 0; j < t.length; j += 3) {
      r[j] = t[j]!;
      r[j + 1] = startOf[t[j + 1]!]!;
      r[j + 2] = endOf[t[j + 2]! - 1]!;
    }
    return t.length;
  }

  private scratchFor(ints: number): Int32Array {
    if (this.scratch.length < ints) this.scratch = new Int32Array(Math.max(ints, this.scratch.length * 2));
    return this.scratch;
  }
}
