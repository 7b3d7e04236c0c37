// Ids back to text, the reference's `Tokenizer::decode`: each id to its token (added tokens first),
// special tokens dropped on request, then the decoder chain (or a space join without one). The plain
// ByteLevel decoder takes a per-id text path with the same result. Validation of the ids is here too.

import type { AddedVocabulary } from '../added-tokens/added-vocabulary.js';
import { InvalidOptionError, UnknownIdError } from '../config/errors.js';
import { byteLevelToBytes, charCodeToByte } from '../models/bpe/byte-level.js';
import { ByteLevelDecoder } from './decoders.js';
import type { Decoder } from './types.js';
import { utf16Text } from './utf16-text.js';
import { utf8LossyInto } from './utf8-lossy.js';

export interface IdsDecodeOptions {
  skipSpecialTokens?: boolean;
  strict?: boolean;
}

/** A token id: a non-negative integer (ids without a token are another matter: skipped or strict). */
const isId = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id >= 0;

function badId(id: unknown, i: number): never {
  const what = typeof id === 'number' ? String(id) : `${typeof id} ${JSON.stringify(id) ?? ''}`;
  throw new InvalidOptionError(`ids[${i}]`, `${what} is not a token id (ids are non-negative integers)`, 'pass the integer ids encode returned');
}

/** Per id under ByteLevel: the code units of its text (whole UTF-8) or one of these. */
const CUT = -1; // its bytes cut a UTF-8 character: they wait in a byte buffer (TextTable.cut)
const NONE = -2; // no token
/** Ids per block of decodeByteLevel's loop. */
const BLOCK = 8192;

/** Every id's ByteLevel text, as UTF-16 code units in one pool (see decodeByteLevel's notes). */
interface TextTable {
  /** Per id: code units of its text, or CUT / NONE. Indexing past the end or by a non-integer gives undefined. */
  len: Int32Array;
  /** Per id: where its units start in `pool`. */
  start: Int32Array;
  /** At 2 id and 2 id + 1: its first four code units, two to a word (low 16 bits first), for tokens of up to four units. */
  word: Int32Array;
  pool: Uint16Array;
  /** Per CUT id: its bytes. */
  cut: Map<number, Uint8Array>;
}

/** Byte-level bytes of the token being read (reused: the table reads 30k tokens in a row). */
let tokBytes = new Uint8Array(64);

/** What byteLevelUnitsInto gives for a token whose byte-level bytes are not well-formed UTF-8 (a cut character). */
const CUT_TOKEN = -1;
/** … and for a token with a character outside the byte alphabet (its own UTF-8 is its text; see byteLevelToBytes). */
const NOT_BYTE_LEVEL = -2;

/**
 * Writes the text of byte-level token `tok` into `out` from `u` when its bytes are well-formed UTF-8
 * on their own (what a fatal TextDecoder accepts), returning the new end; else CUT_TOKEN or
 * NOT_BYTE_LEVEL. `out` needs room for tok.length units past `u`.
 */
function byteLevelUnitsInto(tok: string, out: Uint16Array, u: number): number {
  if (tokBytes.length < tok.length) tokBytes = new Uint8Array(tok.length);
  for (let i = 0; i < tok.length; i++) {
    const b = charCodeToByte(tok.charCodeAt(i));
    if (b < 0) return NOT_BYTE_LEVEL;
    tokBytes[i] = b;
  }
  const e = utf8LossyInto(tokBytes, tok.length, out, u, true);
  return e < 0 ? CUT_TOKEN : e;
}

/** byteLevelUnitsInto as a string: the text, null for a cut character, undefined outside the byte alphabet. */
export function byteLevelText(tok: string): string | null | undefined {
  const out = new Uint16Array(tok.length);
  const e = byteLevelUnitsInto(tok, out, 0);
  if (e === NOT_BYTE_LEVEL) return undefined;
  return e === CUT_TOKEN ? null : String.fromCharCode(...out.subarray(0, e));
}

export class IdsDecoder {
  /** Built on the first ByteLevel decode (the vocabulary never changes after loading). */
  private table: TextTable | null = null;
  /** Per id: 0 not yet known, 1 not special, 2 special (skipped by skipSpecialTokens). */
  private idSpecial: Uint8Array | null = null;
  /** Bytes of a run of cut tokens. */
  private decodeBuf = new Uint8Array(256);
  /** The result's code units. */
  private units: Uint16Array = new Uint16Array(1024);
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
   * cost on whichever decode meets a rare id first). ~4 bytes a token of memory beyond the texts.
   */
  private tables(): TextTable {
    let n = this.vocabR.length;
    for (const id of this.added.idToContent.keys()) if (id >= n) n = id + 1;
    const len = new Int32Array(n).fill(NONE);
    const start = new Int32Array(n);
    const word = new Int32Array(2 * n);
    const cut = new Map<number, Uint8Array>();
    let pool = new Uint16Array(4 * n);
    let p = 0;
    const room = (units: number): void => {
      if (p + units <= pool.length) return;
      const g = new Uint16Array(Math.max(pool.length * 2, p + units));
      g.set(pool.subarray(0, p));
      pool = g;
    };
    for (let id = 0; id < n; id++) {
      const tok = this.tokenOf(id);
      if (tok === undefined) continue;
      // A token's text has at most one unit per byte-level character.
      room(tok.length);
      let e = byteLevelUnitsInto(tok, pool, p);
      if (e === CUT_TOKEN) {
        cut.set(id, byteLevelToBytes(tok));
        len[id] = CUT;
        continue;
      }
      // Outside the byte alphabet: the token is its own UTF-8 text (a lone surrogate becomes U+FFFD, as the reference's bytes decode).
      if (e === NOT_BYTE_LEVEL) {
        const own = byteLevelToBytes(tok);
        room(own.length);
        e = utf8LossyInto(own, own.length, pool, p);
      }
      start[id] = p;
      len[id] = e - p;
      const at = (j: number): number => (p + j < e ? pool[p + j]! : 0);
      word[2 * id] = at(0) | (at(1) << 16);
      word[2 * id + 1] = at(2) | (at(3) << 16);
      p = e;
    }
    this.idSpecial = new Uint8Array(n);
    return (this.table = { len, start, word, pool: pool.subarray(0, p), cut });
  }

  /** The units buffer, at least `need` long, its first `used` units kept. */
  private reserve(used: number, need: number): Uint16Array {
    if (need <= this.units.length) return this.units;
    const g = new Uint16Array(Math.max(this.units.length * 2, need));
    g.set(this.units.subarray(0, used));
    return (this.units = g);
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
   * Design notes: most tokens' bytes are whole UTF-8 on their own, so each id keeps its decoded text
   * as UTF-16 code units in one pool, and the result is those units copied into one reused buffer
   * and made a string once (utf16-text.ts: one memcpy on Node). A token of up to four units (99% of
   * Korean tokens) is two packed loads and four stores, no branch on its length. Measured against concatenating each token's
   * string (V8 ropes, as gpt-tokenizer does): a rope allocates a cell per token and is flattened
   * again on the result's first read; the flat string costs less to return and much less to read
   * (bench/decode.mjs). A token that is not whole UTF-8 (a cut character) keeps its bytes; runs of
   * those collect in one reused byte buffer and are decoded lossily (in JS, utf8-lossy.ts: a
   * TextDecoder call costs more for a few bytes) just before the next whole-UTF-8 token. That split
   * never changes the text: a whole-UTF-8 token starts with a byte that is not a continuation byte, so the WHATWG / Rust lossy decoder ends any open sequence there the same way
   * as at the end of input (one U+FFFD for the cut prefix), then decodes the token alone.
   */
  private decodeByteLevel(ids: ArrayLike<number>, skip: boolean, strict: boolean): string {
    const { len, start, word, pool, cut } = this.table ?? this.tables();
    let out = this.units;
    let u = 0; // units written
    let buf = this.decodeBuf;
    let k = 0; // bytes of cut tokens waiting in buf
    // In blocks of ids, so that a long input's buffer does not start at four times its size.
    // Invariant at the top of step i: room for 4 units per id left in the block (a short token's store
    // is always four units wide, so the loop checks no length for it).
    for (let b = 0; b < ids.length; b += BLOCK) {
      const n = Math.min(ids.length, b + BLOCK);
      out = this.reserve(u, u + 4 * (n - b));
      for (let i = b; i < n; i++) {
        if (k === 0 && !skip) {
          // The common case in a loop of its own (nothing reassigned in it): whole-UTF-8 tokens of up
          // to four units, nothing pending, no skipping. Four units are written whatever the length
          // (no branch on it); past u + l they are overwritten next.
          for (; i < n; i++) {
            const id = ids[i]!;
            // typeof first: a string '5' would index the table like 5.
            const l = typeof id === 'number' ? len[id] : undefined;
            if (l === undefined || l < 0 || l > 4) break;
            const w = word[2 * id]!;
            const x = word[2 * id + 1]!;
            out[u] = w;
            out[u + 1] = w >>> 16;
            out[u + 2] = x;
            out[u + 3] = x >>> 16;
            u += l;
          }
          if (i === n) break;
        }
        const id = ids[i]!;
        let l = typeof id === 'number' ? len[id] : undefined;
        if (l === undefined) {
          // Not in the table: not an id at all, or an id past the vocabulary (no token).
          if (!isId(id)) badId(id, i);
          l = NONE;
        }
        if (l === NONE) {
          if (strict) throw new UnknownIdError(id, i, this.vocabSize());
          continue;
        }
        if (skip && this.isSpecial(id)) continue;
        if (l >= 0) {
          if (k > 0) {
            out = this.reserve(u, u + k + 4 * (n - i));
            u = utf8LossyInto(buf, k, out, u);
            k = 0;
          }
          out = this.reserve(u, u + l + 4 * (n - i));
          for (let j = start[id]!, e = j + l; j < e; j++) out[u++] = pool[j]!;
          continue;
        }
        const t = cut.get(id)!;
        const m = t.length;
        if (k + m > buf.length) {
          const g = new Uint8Array(Math.max(buf.length * 2, k + m));
          g.set(buf.subarray(0, k));
          buf = this.decodeBuf = g;
        }
        for (let j = 0; j < m; j++) buf[k + j] = t[j]!;
        k += m;
      }
    }
    if (k > 0) u = utf8LossyInto(buf, k, this.reserve(u, u + k), u);
    const text = u === 0 ? '' : utf16Text(this.units, u);
    // Do not keep huge buffers alive after decoding a long text.
    if (buf.length > 1 << 16) this.decodeBuf = new Uint8Array(256);
    if (this.units.length > 1 << 16) this.units = new Uint16Array(1024);
    return text;
  }
}
