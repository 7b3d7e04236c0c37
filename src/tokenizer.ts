// The Tokenizer: loads a Hugging Face tokenizer.json and runs its pipeline — added tokens →
// normalizer → pre-tokenizer → BPE model → post-processor — and decodes back. Orchestration only;
// every stage lives in its own folder. Platform-neutral (no `node:` imports): see node.ts for files.

import { AddedVocabulary, type AddedToken } from './added-tokens/added-vocabulary.js';
import { InvalidOptionError } from './config/errors.js';
import { IdsDecoder } from './decoders/decode-ids.js';
import { ByteLevelProcessor } from './processors/processors.js';
import type { BpeModel } from './models/bpe/model.js';
import type { Normalizer } from './normalizers/types.js';
import { DecodeStream } from './tokenizer/decode-stream.js';
import { encodeWithMorphemes } from './tokenizer/morpheme-aware.js';
import { bytesToPiece, TokenBytes } from './eval/pieces.js';
import { checkDecodeOptions, checkEncodeOptions, checkPaddingSettings, checkText, checkTruncationSettings } from './tokenizer/check-options.js';
import { callTokenizer, type CallOptions, type CallResult } from './tokenizer/call.js';
import { encodeUnpadded, guardSpecial, padBatch, type EncodeStages, type ResolvedEncode } from './tokenizer/encode.js';
import { ByteLevelFastPath } from './tokenizer/fast-path.js';
import type { Encoding } from './tokenizer/encoding.js';
import { NormalizedString } from './tokenizer/normalized.js';
import { toWellFormed } from './tokenizer/offsets.js';
import {
  checkTruncation,
  type DecodeOptions,
  type EncodeInput,
  type EncodeOptions,
  type PaddingOptions,
  type TruncationOptions,
} from './tokenizer/options.js';

export type { Encoding } from './tokenizer/encoding.js';
import { parseTokenizerJson, snapshotOf, type TokenizerJsonSource, type TokenizerParts } from './tokenizer/parse.js';
export { parseTokenizerJson, type TokenizerJsonSource, type TokenizerParts } from './tokenizer/parse.js';
import { BatchRunnerSlot, type BatchRunnerFactory } from './tokenizer/batch-runner.js';
export type { BatchRunner, BatchRunnerFactory } from './tokenizer/batch-runner.js';

export interface TokenizerOptions {
  /**
   * Starts the worker pool behind encodeBatchParallel / encodeIdsBatchParallel, on first use (default:
   * none, and those methods encode in the calling thread). In Node: `EncodePool.create` from
   * `mbbpe/node`, which the Node loaders pass for you.
   */
  batchRunner?: BatchRunnerFactory | null;
}

export type { AddedToken } from './added-tokens/added-vocabulary.js';

function normalizeText(n: Normalizer, s: string): string {
  const ns = NormalizedString.fromText(s);
  n.normalize(ns);
  return ns.s;
}

/** decode's options when none are given (frozen: never filled in by anyone). */
const NO_DECODE_OPTIONS: DecodeOptions = Object.freeze({});
/** encodeIds' options when none are given (frozen, like NO_DECODE_OPTIONS). */
const NO_ENCODE_OPTIONS: EncodeOptions = Object.freeze({});

export class Tokenizer {
  protected readonly parts: TokenizerParts;
  protected readonly model: BpeModel;
  protected readonly added: AddedVocabulary;
  /** Set when the pipeline allows working on plain string ranges (see tokenizer/fast-path.ts). */
  protected readonly fast: ByteLevelFastPath | null;
  private readonly stages: EncodeStages;
  private readonly ids: IdsDecoder;
  /** Truncation applied by encode (from tokenizer.json, or set with setTruncation); null = none. */
  truncation: TruncationOptions | null;
  /** Padding applied by encode/encodeBatch; null = none. */
  padding: PaddingOptions | null;

  /** The worker pool of encodeBatchParallel, when a batchRunner was given. */
  private readonly runner: BatchRunnerSlot | null;

  constructor(parts: TokenizerParts, options: TokenizerOptions = {}) {
    this.runner = options.batchRunner ? new BatchRunnerSlot(options.batchRunner) : null;
    this.parts = parts;
    this.model = parts.model;
    this.added = new AddedVocabulary(parts.addedTokens, parts.normalizer, normalizeText);
    this.truncation = parts.truncation;
    this.padding = parts.padding;
    this.fast = ByteLevelFastPath.tryCreate(parts.model, this.added, parts.normalizer, parts.preTokenizer);
    this.stages = { model: this.model, added: this.added, normalizer: parts.normalizer, preTokenizer: parts.preTokenizer, postProcessor: parts.postProcessor, fast: this.fast };
    this.ids = new IdsDecoder(parts.decoder, this.model.vocabR, this.added, () => this.vocabSize);
  }

  /**
   * Loads a tokenizer.json given as text, as UTF-8 bytes (Uint8Array / ArrayBuffer, e.g. a file's
   * contents or `await response.arrayBuffer()`: the fastest to load), or as a parsed object.
   */
  static fromJSON<T extends typeof Tokenizer>(this: T, json: TokenizerJsonSource, options?: TokenizerOptions): InstanceType<T> {
    return new this(parseTokenizerJson(json), options) as InstanceType<T>;
  }

  /** Sets truncation; a stride that is not below the length left after the template's special
   *  tokens is rejected (the reference errors or panics on it). */
  setTruncation(t: TruncationOptions | null): void {
    checkTruncationSettings(t);
    if (t) checkTruncation(t, this.parts.postProcessor?.addedTokens(false) ?? 0);
    this.truncation = t;
  }

  setPadding(p: PaddingOptions | null): void {
    checkPaddingSettings(p);
    this.padding = p;
  }

  /**
   * Encodes one text, or a pair of texts (`encode(a, b)` or `{ pair: b }`, as the reference's
   * `encode(sentence, pair)`). Offsets default to UTF-16 code units of the text they point into.
   */
  encode(text: string, opts?: EncodeOptions): Encoding;
  encode(text: string, pair: string | null | undefined, opts?: EncodeOptions): Encoding;
  encode(text: string, pairOrOpts?: string | null | EncodeOptions, maybeOpts?: EncodeOptions): Encoding {
    checkText(text);
    const [pair, opts] = splitArgs(pairOrOpts, maybeOpts);
    if (pair !== undefined && pair !== null) checkText(pair, 'pair');
    if (opts.morphemes) {
      if ((pair ?? opts.pair ?? null) !== null) throw new InvalidOptionError('morphemes', 'is not supported with a pair yet', 'encode the two texts apart, or drop morphemes');
      const { morphemes, ...rest } = opts;
      return encodeWithMorphemes(this, text, morphemes, rest);
    }
    const r = this.resolve(opts);
    const e = encodeUnpadded(this.stages, text, pair ?? opts.pair ?? null, r);
    const p = opts.padding === undefined ? this.padding : opts.padding || null;
    // A batch of one: "longest" is this encoding's own length, which still pads its overflowing windows.
    padBatch([e], p);
    return e;
  }

  /** Options of one call with this tokenizer's settings for what the call leaves out. */
  private resolve(opts: EncodeOptions): ResolvedEncode {
    checkEncodeOptions(opts);
    let t = this.truncation;
    if (opts.truncation !== undefined) {
      t = opts.truncation || null;
      if (t) checkTruncation(t, this.parts.postProcessor?.addedTokens(false) ?? 0);
    }
    const d = opts.disallowedSpecial;
    return {
      addSpecialTokens: opts.addSpecialTokens ?? true,
      offsets: opts.offsets ?? 'utf16',
      truncation: t,
      splitSpecialTokens: opts.splitSpecialTokens ?? false,
      disallowedSpecial: d === undefined || d === 'none' ? null : d,
    };
  }

  /**
   * `encode(text, opts).ids` without building tokens, offsets and masks: the fast path when the
   * pipeline allows it (byte-level fast path, no truncation or padding, a post-processor that adds
   * no tokens), else encode. Same ids either way.
   */
  encodeIds(text: string, opts: EncodeOptions = NO_ENCODE_OPTIONS): number[] {
    const pp = this.parts.postProcessor;
    const t = opts.truncation === undefined ? this.truncation : opts.truncation;
    const p = opts.padding === undefined ? this.padding : opts.padding;
    if (this.fast && !t && !p && !opts.pair && (pp === null || pp instanceof ByteLevelProcessor || !(opts.addSpecialTokens ?? true))) {
      checkText(text);
      // No options given: nothing to check or resolve (short lines feel it); the defaults split no special tokens.
      if (opts === NO_ENCODE_OPTIONS) return this.fast.tokenizeIds(toWellFormed(text), false);
      const r = this.resolve(opts);
      guardSpecial(this.stages, text, r);
      return this.fast.tokenizeIds(toWellFormed(text), r.splitSpecialTokens);
    }
    return this.encode(text, opts).ids;
  }

  /**
   * encodeBatch on the worker pool of the `batchRunner` option (`threads` workers, default 2, kept
   * and reused until close()); without one, the same as encodeBatch.
   */
  async encodeBatchParallel(texts: readonly string[], opts: EncodeOptions & { threads?: number } = {}): Promise<Encoding[]> {
    const { threads, ...rest } = opts;
    // The pool's jobs carry addSpecialTokens and offsets only; other per-call options run here.
    if (!this.runner || !poolable(rest)) return this.encodeBatch(texts, rest);
    this.resolve(rest);
    return (await this.runner.get(this, threads)).encodeBatch(texts, rest);
  }

  /**
   * `encodeIds` of each text on the worker pool (as encodeBatchParallel), as Int32Arrays: only ids
   * cross between threads, so this is the fast way to tokenize a large corpus. Without a
   * `batchRunner`, and for small batches, in this thread. Same ids as encodeIds.
   */
  async encodeIdsBatchParallel(texts: readonly string[], opts: Pick<EncodeOptions, 'addSpecialTokens'> & { threads?: number } = {}): Promise<Int32Array[]> {
    const { threads, ...rest } = opts;
    if (!this.runner || !poolable(rest)) return texts.map((t) => Int32Array.from(this.encodeIds(t, rest)));
    this.resolve(rest);
    return (await this.runner.get(this, threads)).encodeIdsBatch(texts, rest);
  }

  /** Stops this tokenizer's worker pool, if encodeBatchParallel or encodeIdsBatchParallel started one. */
  close(): Promise<void> {
    return this.runner?.close() ?? Promise.resolve();
  }

  /**
   * Encodes several texts or pairs (`[text, pair]`); padding "longest" pads to the longest of the
   * batch. `opts.pair` does not apply here: give pairs as tuples.
   */
  encodeBatch(inputs: readonly EncodeInput[], opts: EncodeOptions = {}): Encoding[] {
    if (!Array.isArray(inputs)) throw new InvalidOptionError('inputs', 'expected an array of texts or [text, pair] tuples', 'wrap a single text in an array, or call encode');
    if (opts.pair !== undefined && opts.pair !== null) throw new InvalidOptionError('pair', 'does not apply to encodeBatch', 'give each pair as a [text, pair] tuple');
    const r = this.resolve(opts);
    inputs.forEach((x, i) => {
      if (typeof x === 'string') return;
      if (!Array.isArray(x) || x.length !== 2) throw new InvalidOptionError(`inputs[${i}]`, 'expected a text or a [text, pair] tuple');
      checkText(x[0], `inputs[${i}][0]`);
      checkText(x[1], `inputs[${i}][1]`);
    });
    const out = inputs.map((x) => (typeof x === 'string' ? encodeUnpadded(this.stages, x, null, r) : encodeUnpadded(this.stages, x[0], x[1], r)));
    padBatch(out, opts.padding === undefined ? this.padding : opts.padding || null);
    return out;
  }

  /** Applies this tokenizer's padding to a batch in place, as encodeBatch does (used by worker pools). */
  padBatch(out: Encoding[]): void {
    padBatch(out, this.padding);
  }

  /** Text of `ids`. Ids with no token are skipped (or throw with `strict`). */
  decode(ids: ArrayLike<number>, opts: DecodeOptions = NO_DECODE_OPTIONS): string {
    // The default object needs no check: decode of a short line feels every call's set-up.
    if (opts !== NO_DECODE_OPTIONS) checkDecodeOptions(opts);
    return this.ids.decode(ids, opts);
  }

  /** A streaming decoder: push ids as a model emits them, get text that never splits a character. */
  decodeStream(opts: DecodeOptions = {}): DecodeStream {
    return new DecodeStream((ids) => this.decode(ids, opts));
  }

  /**
   * transformers' `tokenizer(textOrTexts, options)`: `{ inputIds, attentionMask, tokenTypeIds }`, one
   * row for a text, a list of rows for a list (see tokenizer/call.ts). A plain Tokenizer has no
   * model_max_length and pads with its own padding settings or the reference's defaults.
   */
  call(texts: string | readonly string[], opts: CallOptions = {}): CallResult {
    return callTokenizer(
      {
        encodeBatch: (i, o) => this.encodeBatch(i, o),
        modelMaxLength: null,
        truncationSide: this.truncation?.direction ?? 'right',
        paddingFor: (p) => ({ ...(this.padding ?? {}), length: undefined, ...p }),
        modelInputNames: null,
      },
      texts,
      opts,
    );
  }

  /** decode of each row. */
  batchDecode(rows: ReadonlyArray<ArrayLike<number>>, opts: DecodeOptions = {}): string[] {
    if (!Array.isArray(rows)) throw new InvalidOptionError('rows', 'expected an array of id arrays');
    return rows.map((r) => this.decode(r, opts));
  }

  /** Token → id for the whole vocabulary, added tokens included (the reference's getVocab(true)). */
  getVocab(): Record<string, number> {
    // No prototype: a token may be spelled "__proto__".
    const out = Object.create(null) as Record<string, number>;
    const r = this.model.vocabR;
    for (let id = 0; id < r.length; id++) {
      const t = r[id];
      if (t !== undefined) out[t] = id;
    }
    for (const t of this.added.tokens) out[this.added.idToContent.get(t.id) ?? t.content] = t.id;
    return out;
  }

  /** idToToken of each id (null where an id has no token). */
  convertIdsToTokens(ids: ArrayLike<number>): Array<string | null> {
    return Array.from(ids, (id) => this.idToToken(id) ?? null);
  }

  /** tokenToId of each token: the unk token's id where a token is unknown and the model has one, else null. */
  convertTokensToIds(tokens: readonly string[]): Array<number | null> {
    const unk = this.model.opts.unkToken;
    const unkId = unk === null ? undefined : this.tokenToId(unk);
    return tokens.map((t) => this.tokenToId(t) ?? unkId ?? null);
  }

  /** `encode(text, opts).ids.length`, special tokens included, without building the encoding where the pipeline allows. */
  countTokens(text: string, opts: EncodeOptions = {}): number {
    return this.count(text, opts, Infinity);
  }

  /**
   * The count of `countTokens(text, opts)` when it is at most `limit`, else false (gpt-tokenizer's
   * shape). On the byte-level fast path it stops as soon as the count passes the limit.
   */
  isWithinTokenLimit(text: string, limit: number, opts: EncodeOptions = {}): number | false {
    if (typeof limit !== 'number' || !(limit >= 0) || (!Number.isInteger(limit) && limit !== Infinity)) throw new InvalidOptionError('limit', `expected a non-negative integer, found ${String(limit)}`);
    const n = this.count(text, opts, limit);
    return n > limit ? false : n;
  }

  /** The token count, or any number above `max` once it is certain to exceed it. */
  private count(text: string, opts: EncodeOptions, max: number): number {
    checkText(text);
    const r = this.resolve(opts);
    const pp = this.parts.postProcessor;
    const p = opts.padding === undefined ? this.padding : opts.padding;
    if (this.fast && !r.truncation && !p && (opts.pair === undefined || opts.pair === null)) {
      guardSpecial(this.stages, text, r);
      // Exact: without truncation and padding, the post-processor adds addedTokens(false) tokens or none.
      const extra = r.addSpecialTokens && pp ? pp.addedTokens(false) : 0;
      return this.fast.countIds(toWellFormed(text), r.splitSpecialTokens, max - extra) + extra;
    }
    return this.encode(text, opts).ids.length;
  }

  tokenToId(token: string): number | undefined {
    return this.added.byContent.get(token)?.id ?? this.model.tokenId(token);
  }

  idToToken(id: number): string | undefined {
    return this.added.idToContent.get(id) ?? this.model.vocabR[id];
  }

  /** UTF-16 ranges of `text` that encode matches as added tokens (as the fast path finds them). */
  addedTokenRanges(text: string, splitSpecialTokens = false): Array<[number, number]> {
    if (this.added.isEmpty) return [];
    return this.added.findRanges(toWellFormed(text), splitSpecialTokens).flatMap(([a, b, t]) => (t ? [[a, b] as [number, number]] : []));
  }

  private pieceBytes: TokenBytes | null = null;

  /**
   * The text token `id` stands for, readable: a byte-level token ("ìķĪ") as its text ("안"), bytes that
   * are only part of a character (a syllable cut across tokens) as `<0xEC>`-style escapes; an added
   * token as its content; '' for an id with no token. The same rendering as `mbbpe encode -f pieces`.
   */
  tokenText(id: number): string {
    this.pieceBytes ??= new TokenBytes(this);
    return bytesToPiece(this.pieceBytes.of(id));
  }

  /** Number of distinct tokens, added tokens included (the reference's getVocabSize(true)). */
  get vocabSize(): number {
    let n = this.model.size;
    for (const t of this.added.tokens) if (this.model.tokenId(t.content) === undefined) n++;
    return n;
  }

  /** The special added tokens, in tokenizer.json order. */
  get specialTokens(): Array<{ id: number; content: string }> {
    return this.added.tokens.filter((t) => t.special).map((t) => ({ id: t.id, content: t.content }));
  }

  /** All added tokens with their flags. */
  get addedTokens(): readonly AddedToken[] {
    return this.added.tokens;
  }

  /** The parsed tokenizer.json this tokenizer was built from (parsed on first read when loaded from text or bytes). */
  get config(): Record<string, unknown> {
    return this.parts.config;
  }

  /**
   * A binary snapshot of this tokenizer as loaded from its tokenizer.json (truncation and padding set
   * later are not in it): `Tokenizer.fromJSON(snapshot)` and `fromFile` load it several times faster
   * than the JSON. A cache for this mbbpe's snapshot format (see config/snapshot.ts), not an exchange format.
   */
  toSnapshot(): Uint8Array {
    return snapshotOf(this.parts);
  }

  /** The tokenizer.json (or snapshot) as text or bytes, for loading the same tokenizer elsewhere (worker threads). */
  jsonSource(): string | Uint8Array {
    return this.parts.source ?? JSON.stringify(this.parts.config);
  }
}

/** Whether the worker pool can run a batch with these options (its jobs carry these two only). */
function poolable(opts: EncodeOptions): boolean {
  for (const k in opts) if (k !== 'addSpecialTokens' && k !== 'offsets' && (opts as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

/** encode's (text, pair, opts) and (text, opts) shapes. */
function splitArgs(a: string | null | undefined | EncodeOptions, b: EncodeOptions | undefined): [string | null | undefined, EncodeOptions] {
  if (a !== null && typeof a === 'object') {
    if (b !== undefined) throw new InvalidOptionError('options', 'given twice', 'call encode(text, pair, options) or encode(text, options)');
    return [undefined, a];
  }
  const opts = b ?? {};
  if (a !== undefined && a !== null && opts.pair !== undefined && opts.pair !== null) {
    throw new InvalidOptionError('pair', 'given both as an argument and in the options', 'pass it once');
  }
  return [a, opts];
}
