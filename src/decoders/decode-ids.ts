// Ids back to text, the reference's `Tokenizer::decode`: each id to its token (added tokens first),
// special tokens dropped on request, then the decoder chain (or a space join without one). The plain
// ByteLevel decoder takes a per-id text path with the same result. Validation of the ids is here too.

import type { AddedVocabulary } from '../added-tokens/added-vocabulary.js';
import { InvalidOptionError, UnknownIdError } from '../config/errors.js';
import { byteLevelText, byteLevelToBytes } from '../models/bpe/byte-level.js';
import { ByteLevelDecoder } from './decoders.js';
import type { Decoder } from './types.js';

export interface IdsDecodeOptions {
  skipSpecialTokens?: boolean;
  strict?: boolean;
}

const LOSSY_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** A token id: a non-negative integer (ids without a token are another matter: skipped or strict). */
const isId = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id >= 0;

function badId(id: unknown, i: number): never {
  const what = typeof id === 'number' ? String(id) : `${typeof id} ${JSON.stringify(id) ?? ''}`;
  throw new InvalidOptionError(`ids[${i}]`, `${what} is not a token id (ids are non-negative integers)`, 'pass the integer ids encode returned');
}

/** What one id decodes to under ByteLevel: its text when its bytes are whole UTF-8, else the bytes; null: no token. */
type IdText = string | Uint8Array | null;

export class IdsDecoder {
  /** Per id, built on the first ByteLevel decode (the vocabulary never changes after loading). */
  private idText: IdText[] | null = null;
  /** Per id: 0 not yet known, 1 not special, 2 special (skipped by skipSpecialTokens). */
  private idSpecial: Uint8Array | null = null;
  private decodeBuf = new Uint8Array(256);
  /** The decoder is exactly ByteLevel: the per-id text path applies. */
  private readonly byteLevel: boolean;

  constructor(
    private readonly decoder: Decoder | null,
    private readonly vocabR: ArrayLike<string | undefined>,
    private readonly added: AddedVocabulary,
    private readonly vocabSize: () => number,
  ) {
    this.byteLevel = decoder instanceof ByteLevelDecoder;
  }

  private tokenOf(id: number): string | undefined {
    return this.added.idToContent.get(id) ?? this.vocabR[id];
  }

  decode(ids: ArrayLike<number>, opts: IdsDecodeOptions = {}): string {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new InvalidOptionError('ids', `expected an array of token ids, found ${ids === null ? 'null' : typeof ids}`);
    }
    if (this.byteLevel) return this.decodeByteLevel(ids, opts.skipSpecialTokens ?? false, opts.strict ?? false);
    const skip = opts.skipSpecialTokens ?? false;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!isId(id)) badId(id, i);
      const tok = this.tokenOf(id);
      if (tok === undefined) {
        if (opts.strict) throw new UnknownIdError(id, i, this.vocabSize());
        continue;
      }
      if (skip && this.added.specialContents.has(tok)) continue;
      tokens.push(tok);
    }
    const d = this.decoder;
    return d ? d.decodeChain(tokens).join('') : tokens.join(' ');
  }

  /**
   * Every id's text, on the first ByteLevel decode (~10 ms for 30k tokens, decoded in JS: a
   * TextDecoder call per token costs more, and a table filled lazily would put that
   * cost on whichever decode meets a rare id first).
   */
  private tables(): IdText[] {
    let n = this.vocabR.length;
    for (const id of this.added.idToContent.keys()) if (id >= n) n = id + 1;
    const table = new Array<IdText>(n).fill(null);
    for (let id = 0; id < n; id++) {
      const tok = this.tokenOf(id);
      if (tok === undefined) continue;
      const text = byteLevelText(tok);
      if (typeof text === 'string') table[id] = text;
      else if (text === null) table[id] = byteLevelToBytes(tok); // cut UTF-8
      // Outside the byte alphabet: the token is its own UTF-8 text (a lone surrogate becomes U+FFFD, as the reference's bytes decode).
      else table[id] = LOSSY_UTF8.decode(byteLevelToBytes(tok));
    }
    this.idSpecial = new Uint8Array(n);
    return (this.idText = table);
  }

  private isSpecial(id: number): boolean {
    const f = this.idSpecial!;
    // PARITY: the reference tests the token's text, so a model token spelled like a special one is skipped too.
    if (f[id] === 0) f[id] = this.added.specialContents.has(this.tokenOf(id)!) ? 2 : 1;
    return f[id] === 2;
  }

  /**
   * Decode for the plain ByteLevel decoder, equal to the reference's (bytes of all tokens, then one
   * lossy UTF-8 decode) without per-byte work on the common path.
   *
   * Design notes: most tokens' bytes are whole UTF-8 on their own, so each id keeps its decoded
   * string and the result is built by string concatenation (V8 joins them as a rope; no byte copy,
   * no UTF-8 → UTF-16 conversion per call). A token that is not whole UTF-8 (a cut character) keeps
   * its bytes; runs of those collect in one reused buffer and are decoded lossily just before the
   * next whole-UTF-8 token. That split never changes the text: a whole-UTF-8 token starts with a byte
   * that is not a continuation byte, so the WHATWG / Rust lossy decoder ends any open sequence there
   * the same way as at the end of input (one U+FFFD for the cut prefix), then decodes the token alone.
   */
  private decodeByteLevel(ids: ArrayLike<number>, skip: boolean, strict: boolean): string {
    const table = this.idText ?? this.tables();
    let out = '';
    let buf = this.decodeBuf;
    let k = 0; // bytes of cut tokens waiting in buf
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // typeof first: a string '5' would index the table like 5.
      let t: IdText | undefined = typeof id === 'number' ? table[id] : undefined;
      // The common case first: a whole-UTF-8 token, nothing pending, no skipping.
      if (typeof t === 'string' && k === 0 && !skip) {
        out += t;
        continue;
      }
      if (t === undefined) {
        // Not in the table: not an id at all, or an id past the vocabulary (no token).
        if (!isId(id)) badId(id, i);
        t = null;
      }
      if (t === null) {
        if (strict) throw new UnknownIdError(id, i, this.vocabSize());
        continue;
      }
      if (skip && this.isSpecial(id)) continue;
      if (typeof t === 'string') {
        if (k > 0) {
          out += LOSSY_UTF8.decode(buf.subarray(0, k));
          k = 0;
        }
        out += t;
        continue;
      }
      const n = t.length;
      if (k + n > buf.length) {
        const g = new Uint8Array(Math.max(buf.length * 2, k + n));
        g.set(buf.subarray(0, k));
        buf = this.decodeBuf = g;
      }
      for (let j = 0; j < n; j++) buf[k + j] = t[j]!;
      k += n;
    }
    if (k > 0) out += LOSSY_UTF8.decode(buf.subarray(0, k));
    // Do not keep a huge buffer alive after decoding a long run of cut tokens.
    if (buf.length > 1 << 16) this.decodeBuf = new Uint8Array(256);
    return out;
  }
}
