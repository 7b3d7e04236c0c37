// The Tokenizer: loads a Hugging Face tokenizer.json and runs its pipeline — added tokens →
// normalizer → pre-tokenizer → BPE model → post-processor — and decodes back. Orchestration only;
// every stage lives in its own folder. Platform-neutral (no `node:` imports): see node.ts for files.

import { AddedVocabulary, type AddedToken } from './added-tokens/added-vocabulary.js';
import { UnknownIdError } from './config/errors.js';
import { ByteLevelDecoder } from './decoders/decoders.js';
import { ByteLevelProcessor } from './processors/processors.js';
import { charCodeToByte } from './models/bpe/byte-level.js';
import type { BpeModel } from './models/bpe/model.js';
import type { Normalizer } from './normalizers/types.js';
import { DecodeStream } from './tokenizer/decode-stream.js';
import { ByteLevelFastPath, type RawTokens } from './tokenizer/fast-path.js';
import { mapOffsets, padEncoding, splitLimit, truncateEncoding, type Encoding } from './tokenizer/encoding.js';
import { NormalizedString } from './tokenizer/normalized.js';
import { toWellFormed } from './tokenizer/offsets.js';
import { convertOffsets } from './tokenizer/offset-units.js';
import {
  checkTruncation,
  type DecodeOptions,
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

export class Tokenizer {
  protected readonly parts: TokenizerParts;
  protected readonly model: BpeModel;
  protected readonly added: AddedVocabulary;
  /** Set when the pipeline allows working on plain string ranges (see tokenizer/fast-path.ts). */
  protected readonly fast: ByteLevelFastPath | null;
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
    if (t) checkTruncation(t, this.parts.postProcessor?.addedTokens() ?? 0);
    this.truncation = t;
  }

  setPadding(p: PaddingOptions | null): void {
    this.padding = p;
  }

  /** Encodes one text. Offsets default to UTF-16 code units of `text`. */
  encode(text: string, opts: EncodeOptions = {}): Encoding {
    const e = this.encodeUnpadded(text, opts);
    const p = this.padding;
    // A batch of one: "longest" is this encoding's own length, which still pads its overflowing windows.
    if (p) padEncoding(e, roundUp(p.length ?? e.ids.length, p.padToMultipleOf), padParams(p));
    return e;
  }

  /**
   * `encode(text, opts).ids` without building tokens, offsets and masks: the fast path when the
   * pipeline allows it (byte-level fast path, no truncation or padding, a post-processor that adds
   * no tokens), else encode. Same ids either way.
   */
  encodeIds(text: string, opts: Pick<EncodeOptions, 'addSpecialTokens'> = {}): number[] {
    const pp = this.parts.postProcessor;
    if (this.fast && !this.truncation && !this.padding && (pp === null || pp instanceof ByteLevelProcessor || !(opts.addSpecialTokens ?? true))) {
      return this.fast.tokenizeIds(toWellFormed(text));
    }
    return this.encode(text, opts).ids;
  }

  /**
   * encodeBatch on the worker pool of the `batchRunner` option (`threads` workers, default 2, kept
   * and reused until close()); without one, the same as encodeBatch.
   */
  async encodeBatchParallel(texts: readonly string[], opts: EncodeOptions & { threads?: number } = {}): Promise<Encoding[]> {
    if (!this.runner) return this.encodeBatch(texts, opts);
    return (await this.runner.get(this, opts.threads)).encodeBatch(texts, opts);
  }

  /**
   * `encodeIds` of each text on the worker pool (as encodeBatchParallel), as Int32Arrays: only ids
   * cross between threads, so this is the fast way to tokenize a large corpus. Without a
   * `batchRunner`, and for small batches, in this thread. Same ids as encodeIds.
   */
  async encodeIdsBatchParallel(texts: readonly string[], opts: Pick<EncodeOptions, 'addSpecialTokens'> & { threads?: number } = {}): Promise<Int32Array[]> {
    if (!this.runner) return texts.map((t) => Int32Array.from(this.encodeIds(t, opts)));
    return (await this.runner.get(this, opts.threads)).encodeIdsBatch(texts, opts);
  }

  /** Stops this tokenizer's worker pool, if encodeBatchParallel or encodeIdsBatchParallel started one. */
  close(): Promise<void> {
    return this.runner?.close() ?? Promise.resolve();
  }

  /** Encodes several texts; padding "longest" pads to the longest of the batch. */
  encodeBatch(texts: readonly string[], opts: EncodeOptions = {}): Encoding[] {
    const out = texts.map((t) => this.encodeUnpadded(t, opts));
    this.padBatch(out);
    return out;
  }

  /** Applies this tokenizer's padding to a batch in place, as encodeBatch does (used by worker pools). */
  padBatch(out: Encoding[]): void {
    const p = this.padding;
    if (!p || out.length === 0) return;
    const target = p.length ?? out.reduce((m, e) => Math.max(m, e.ids.length), 0);
    const len = roundUp(target, p.padToMultipleOf);
    for (const e of out) padEncoding(e, len, padParams(p));
  }

  /** Runs the pipeline up to the model; offsets in UTF-16 code units of the well-formed text. */
  protected tokenizeRaw(wf: string, withSplits = false): RawTokens {
    if (this.fast) return this.fast.tokenize(wf, withSplits);
    return this.tokenizeGeneral(wf, withSplits);
  }

  /** The general pipeline over NormalizedStrings (any supported component). */
  protected tokenizeGeneral(wf: string, withSplits = false): RawTokens {
    const pieces0 = this.added.extract(NormalizedString.fromText(wf), this.parts.normalizer);
    const pieces = this.parts.preTokenizer ? this.parts.preTokenizer.preTokenize(pieces0) : pieces0;
    const ids: number[] = [];
    const tokens: string[] = [];
    const offsets: Array<[number, number]> = [];
    const splits: number[] | undefined = withSplits ? [] : undefined;
    const vocabR = this.model.vocabR;
    const unk = this.model.opts.unkToken;
    for (const p of pieces) {
      const ns = p.ns;
      if (p.preset) {
        ids.push(p.preset.id);
        tokens.push(p.preset.value);
        offsets.push(ns.originalRange(0, ns.length));
        splits?.push(~ids.length);
        continue;
      }
      if (ns.length === 0) continue;
      const t = this.model.tokenize(ns.s);
      for (let k = 0; k < t.length; k += 3) {
        const id = t[k]!;
        ids.push(id);
        tokens.push(vocabR[id] ?? unk ?? '');
        offsets.push(ns.originalRange(t[k + 1]!, t[k + 2]!));
      }
      splits?.push(ids.length);
    }
    return splits ? { ids, tokens, offsets, splits } : { ids, tokens, offsets };
  }

  protected encodeUnpadded(text: string, opts: EncodeOptions): Encoding {
    const wf = toWellFormed(text);
    const t = this.truncation;
    let raw = this.tokenizeRaw(wf, t !== null);
    if (t && raw.splits) {
      // PARITY: with truncation on, the reference (0.23) stops running the model once the pre-token
      // splits seen so far hold max_length tokens (tokenize_with_limit); the rest is never encoded,
      // so it cannot appear in the overflowing windows either.
      const [a, b] = splitLimit(raw.splits, raw.ids.length, t.maxLength, t.direction ?? 'right');
      if (a > 0 || b < raw.ids.length) raw = { ids: raw.ids.slice(a, b), tokens: raw.tokens.slice(a, b), offsets: raw.offsets.slice(a, b) };
    }
    const conv = convertOffsets(wf);
    const n = raw.ids.length;
    let e: Encoding = {
      ids: raw.ids,
      tokens: raw.tokens,
      offsets: conv.identity ? raw.offsets : raw.offsets.map(([s, t]) => [conv.toCodePoint(s), conv.toCodePoint(t)]),
      typeIds: new Array<number>(n).fill(0),
      attentionMask: new Array<number>(n).fill(1),
      specialTokensMask: new Array<number>(n).fill(0),
      overflowing: [],
    };
    const add = opts.addSpecialTokens ?? true;
    const pp = this.parts.postProcessor;
    const extra = t && add && pp ? pp.addedTokens() : 0;
    // PARITY: the reference computes max_length - added in usize; below zero it wraps to a huge length
    // in its release build, so nothing is truncated.
    if (t && t.maxLength >= extra) e = truncateEncoding(e, t.maxLength - extra, t.stride ?? 0, t.direction ?? 'right');
    if (pp) e = pp.process(e, add);
    const unit = opts.offsets ?? 'utf16';
    if (unit === 'byte' || (unit === 'utf16' && !conv.identity)) {
      mapOffsets(e, unit === 'utf16' ? conv.codePointToUtf16 : conv.codePointToByte);
    }
    return e;
  }

  /** Text of `ids`. Ids with no token are skipped (or throw with `strict`). */
  decode(ids: ArrayLike<number>, opts: DecodeOptions = {}): string {
    if (this.parts.decoder instanceof ByteLevelDecoder) return this.decodeByteLevel(ids, opts);
    const skip = opts.skipSpecialTokens ?? false;
    const tokens: string[] = [];
    const vocabR = this.model.vocabR;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const tok = this.added.idToContent.get(id) ?? vocabR[id];
      if (tok === undefined) {
        if (opts.strict) throw new UnknownIdError(id, i, this.vocabSize);
        continue;
      }
      if (skip && this.added.specialContents.has(tok)) continue;
      tokens.push(tok);
    }
    const d = this.parts.decoder;
    return d ? d.decodeChain(tokens).join('') : tokens.join(' ');
  }

  private idBytes: Array<Uint8Array | null> = [];

  /**
   * Decode for the plain ByteLevel decoder: the bytes of every id are computed once and copied, with
   * the same rule as the decoder (a token with a char outside the byte alphabet contributes its own
   * UTF-8), then one lossy UTF-8 decode — the reference's result without per-char work.
   */
  private decodeByteLevel(ids: ArrayLike<number>, opts: DecodeOptions): string {
    const skip = opts.skipSpecialTokens ?? false;
    // Bytes go straight into one reused buffer (grown by doubling): no list of parts, one copy.
    let buf = this.decodeBuf;
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      let b = this.idBytes[id];
      if (b === undefined) {
        const tok = this.added.idToContent.get(id) ?? this.model.vocabR[id];
        b = this.idBytes[id] = tok === undefined ? null : tokenBytes(tok);
      }
      if (b === null) {
        if (opts.strict) throw new UnknownIdError(id, i, this.vocabSize);
        continue;
      }
      // PARITY: the reference tests the token's text, so a model token spelled like a special one is skipped too.
      if (skip && this.added.specialContents.has((this.added.idToContent.get(id) ?? this.model.vocabR[id])!)) continue;
      const n = b.length;
      if (k + n > buf.length) {
        const g = new Uint8Array(Math.max(buf.length * 2, k + n));
        g.set(buf.subarray(0, k));
        buf = this.decodeBuf = g;
      }
      for (let j = 0; j < n; j++) buf[k + j] = b[j]!;
      k += n;
    }
    const text = LOSSY_UTF8.decode(buf.subarray(0, k));
    // Do not keep a huge buffer alive after decoding one huge input.
    if (buf.length > 1 << 20) this.decodeBuf = new Uint8Array(1024);
    return text;
  }

  private decodeBuf = new Uint8Array(1024);

  /** A streaming decoder: push ids as a model emits them, get text that never splits a character. */
  decodeStream(opts: DecodeOptions = {}): DecodeStream {
    return new DecodeStream((ids) => this.decode(ids, opts));
  }

  tokenToId(token: string): number | undefined {
    return this.added.byContent.get(token)?.id ?? this.model.tokenId(token);
  }

  idToToken(id: number): string | undefined {
    return this.added.idToContent.get(id) ?? this.model.vocabR[id];
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

const LOSSY_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF8 = new TextEncoder();

/** Bytes of one token under the ByteLevel decoder's rule. */
function tokenBytes(tok: string): Uint8Array {
  const out = new Uint8Array(tok.length);
  for (let i = 0; i < tok.length; i++) {
    const b = charCodeToByte(tok.charCodeAt(i));
    if (b < 0) return UTF8.encode(tok);
    out[i] = b;
  }
  return out;
}

function roundUp(n: number, m: number | undefined): number {
  return m && m > 0 && n % m !== 0 ? n + m - (n % m) : n;
}

function padParams(p: PaddingOptions) {
  return { padId: p.padId ?? 0, padTypeId: p.padTypeId ?? 0, padToken: p.padToken ?? '[PAD]', direction: p.direction ?? 'right' } as const;
}
