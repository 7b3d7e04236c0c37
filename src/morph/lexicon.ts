// The lexicon seam: what the lattice needs of a dictionary of words (common-prefix search over
// UTF-8 bytes, token records, feature bytes), and its one implementation, a MeCab binary dictionary
// (`sys.dic`, `unk.dic` or a user `.dic`): the 72-byte header, the Darts double-array trie over
// surface bytes, the 16-byte token records and the NUL-terminated feature strings. It validates the
// container; it does not interpret feature fields. User dictionaries compiled from CSV in memory
// are the same format (src/morph/dict/), so one implementation serves every lexicon.

import { DictionaryFormatError } from './errors.js';
import { cString, u32le, view } from './bytes.js';

const DIC_MAGIC = 0xef718f77;
const DIC_VERSION = 102;
const HEADER = 72;

export const DIC_TYPE_SYSTEM = 0;
export const DIC_TYPE_USER = 1;
export const DIC_TYPE_UNKNOWN = 2;

/** MeCab's packed trie value limits token indices to 23 bits (`index << 8 | count` in an int). */
export const MAX_LEXICON_TOKENS = 1 << 23;

/**
 * A searchable set of words. The lattice walks `da` inline (the hot loop); `commonPrefixSearch` is
 * the same walk for everyone else. Token `k`'s record: left/right context ids, POS id, word cost,
 * feature bytes.
 */
export interface Lexicon {
  /** File name (or a label such as `addWords #1`) used in error messages. */
  readonly file: string;
  /** 0 system, 1 user, 2 unknown-word templates. */
  readonly type: number;
  /** Number of tokens. */
  readonly lexsize: number;
  readonly lsize: number;
  readonly rsize: number;
  readonly charset: string;
  /** Darts units, interleaved: base = da[2i], check = da[2i + 1]. */
  readonly da: Int32Array;
  readonly units: number;
  /** lc = tok16[8k], rc = tok16[8k+1], posid = tok16[8k+2]; wcost = tokI16[8k+3]; feature offset = tok32[4k+2]. */
  readonly tok16: Uint16Array;
  readonly tokI16: Int16Array;
  readonly tok32: Uint32Array;
  /** The feature section: NUL-terminated UTF-8 strings at the tokens' offsets. */
  readonly features: Uint8Array;
  /**
   * Darts commonPrefixSearch over `bytes[start, end)`: writes (packed value, match length) pairs
   * into `out` in increasing length, at most `max` of them; returns how many.
   */
  commonPrefixSearch(bytes: Uint8Array, start: number, end: number, out: Int32Array, max: number): number;
  /** The packed value (`first token << 8 | count`) of exactly `key`, or -1. */
  exactMatch(key: Uint8Array): number;
  /** Token k's feature string as bytes (no NUL). */
  featureBytes(k: number): Uint8Array;
  /** Byte length of token k's feature string. */
  featureLength(k: number): number;
  /** Offset of token k's feature string in the feature section (a cache key). */
  featureOffset(k: number): number;
}

/** A MeCab binary dictionary file (the format of sys.dic, unk.dic and user dictionaries). */
export class DicLexicon implements Lexicon {
  readonly file: string;
  readonly type: number;
  readonly lexsize: number;
  /** Matrix dimensions recorded in the header: lsize = right-context ids, rsize = left-context ids. */
  readonly lsize: number;
  readonly rsize: number;
  readonly charset: string;
  /** Darts units, interleaved: base = da[2i], check = da[2i + 1]. */
  readonly da: Int32Array;
  readonly units: number;
  /** Token records: lc = tok16[8k], rc = tok16[8k+1], posid = tok16[8k+2], feature = tok32[4k+2]. */
  readonly tok16: Uint16Array;
  /** Same bytes as tok16, signed: wcost = tokI16[8k+3]. */
  readonly tokI16: Int16Array;
  readonly tok32: Uint32Array;
  /** The feature section (NUL-terminated UTF-8 strings). */
  readonly features: Uint8Array;
  private readonly hint: string | undefined;
  /** Lazily filled cache: feature length + 1 per token (0 = not computed yet). */
  private featureLen: Int32Array = new Int32Array(0);

  constructor(bytes: Uint8Array, file: string, expectedType: number, hint?: string) {
    this.file = file;
    this.hint = hint;
    const fail = (reason: string, offset = 0) => new DictionaryFormatError(file, reason, offset, hint !== undefined ? { hint } : {});
    if (bytes.length < HEADER) {
      throw fail(`file is ${bytes.length} bytes, shorter than the ${HEADER}-byte header`);
    }
    const magic = u32le(bytes, 0);
    if (((magic ^ DIC_MAGIC) >>> 0) !== bytes.length) {
      throw fail(`magic 0x${magic.toString(16)} says the file is ${((magic ^ DIC_MAGIC) >>> 0)} bytes but it is ${bytes.length} (truncated, padded or not a MeCab dictionary)`,
      );
    }
    const version = u32le(bytes, 4);
    if (version !== DIC_VERSION) throw fail(`version ${version}, expected ${DIC_VERSION}`, 4);
    this.type = u32le(bytes, 8);
    if (this.type !== expectedType) {
      throw fail(`dictionary type ${this.type}, expected ${expectedType}`, 8);
    }
    this.lexsize = u32le(bytes, 12);
    this.lsize = u32le(bytes, 16);
    this.rsize = u32le(bytes, 20);
    const dsize = u32le(bytes, 24);
    const tsize = u32le(bytes, 28);
    const fsize = u32le(bytes, 32);
    this.charset = cString(bytes, 40, 32);
    if (!/^utf[-_]?8$/i.test(this.charset)) {
      throw fail(`charset ${JSON.stringify(this.charset)} is not supported (only UTF-8 dictionaries)`, 40);
    }
    if (HEADER + dsize + tsize + fsize !== bytes.length) {
      throw fail(`sections (72 + ${dsize} + ${tsize} + ${fsize}) do not add up to the file size ${bytes.length}`,
        24,
      );
    }
    if (this.lexsize > MAX_LEXICON_TOKENS) {
      throw fail(`${this.lexsize} tokens, more than MeCab's trie values can address (${MAX_LEXICON_TOKENS})`, 12);
    }
    if (dsize % 8 !== 0 || tsize % 16 !== 0 || tsize / 16 < this.lexsize) {
      throw fail(`section sizes dsize=${dsize} tsize=${tsize} do not fit ${this.lexsize} tokens`, 24);
    }
    this.units = dsize / 8;
    this.da = view(bytes, HEADER, dsize / 4, Int32Array);
    const tstart = HEADER + dsize;
    this.tok16 = view(bytes, tstart, tsize / 2, Uint16Array);
    this.tokI16 = new Int16Array(this.tok16.buffer, this.tok16.byteOffset, this.tok16.length);
    this.tok32 = new Uint32Array(this.tok16.buffer, this.tok16.byteOffset, tsize / 4);
    this.features = bytes.subarray(tstart + tsize, tstart + tsize + fsize);
    this.checkTokens();
    this.featureLen = new Int32Array(this.lexsize);
  }

  /** Every token's context ids must index the matrix and its feature offset must be inside the file. */
  private checkTokens(): void {
    const fsize = this.features.length;
    for (let k = 0; k < this.lexsize; k++) {
      if (this.tok16[8 * k]! >= this.rsize || this.tok16[8 * k + 1]! >= this.lsize || this.tok32[4 * k + 2]! >= fsize) {
        throw new DictionaryFormatError(
          this.file,
          `token ${k} has context ids (${this.tok16[8 * k]}, ${this.tok16[8 * k + 1]}) or feature offset ${this.tok32[4 * k + 2]} outside the ${this.rsize} × ${this.lsize} matrix / ${fsize}-byte feature section`,
          72 + this.units * 8 + 16 * k,
          this.hint !== undefined ? { hint: this.hint } : {},
        );
      }
    }
  }

  commonPrefixSearch(bytes: Uint8Array, start: number, end: number, out: Int32Array, max: number): number {
    const da = this.da;
    const units = this.units;
    let b = da[0]!;
    let n = 0;
    for (let i = start; ; i++) {
      if (b >= 0 && b < units && da[2 * b + 1] === b) {
        const v = da[2 * b]!;
        if (v < 0 && i > start) {
          out[2 * n] = -v - 1;
          out[2 * n + 1] = i - start;
          if (++n >= max) break;
        }
      }
      if (i >= end) break;
      const q = b + bytes[i]! + 1;
      if (q < 0 || q >= units || da[2 * q + 1] !== b) break;
      b = da[2 * q]!;
    }
    return n;
  }

  featureOffset(k: number): number {
    return this.tok32[4 * k + 2]!;
  }

  featureBytes(k: number): Uint8Array {
    const off = this.tok32[4 * k + 2]!;
    return this.features.subarray(off, off + this.featureLength(k));
  }

  /** Darts exactMatchSearch: the packed value of `key`, or -1. */
  exactMatch(key: Uint8Array): number {
    const da = this.da;
    let b = da[0]!;
    for (let i = 0; i < key.length; i++) {
      const p = b + key[i]! + 1;
      if (p < 0 || p >= this.units || da[2 * p + 1] !== b) return -1;
      b = da[2 * p]!;
    }
    if (b < 0 || b >= this.units || da[2 * b + 1] !== b) return -1;
    const n = da[2 * b]!;
    return n < 0 ? -n - 1 : -1;
  }

  /** End (exclusive, before the NUL) of the feature string starting at `offset`. */
  featureEnd(offset: number): number {
    const end = this.features.indexOf(0, offset);
    return end < 0 ? this.features.length : end;
  }

  /** Feature string length of token k, cached per token (output formatting asks per morpheme). */
  featureLength(k: number): number {
    let len = this.featureLen[k]! - 1;
    if (len < 0) {
      const off = this.tok32[4 * k + 2]!;
      len = this.featureEnd(off) - off;
      this.featureLen[k] = len + 1;
    }
    return len;
  }
}
