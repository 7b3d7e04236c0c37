// Reads one MeCab binary dictionary (`sys.dic` or `unk.dic`): the 72-byte header, the Darts
// double-array trie over UTF-8 surface bytes, the 16-byte token records and the NUL-terminated
// feature strings. It validates the container; it does not interpret feature fields.

import { DictionaryFormatError } from './errors.js';
import { cString, u32le, view } from './bytes.js';

const DIC_MAGIC = 0xef718f77;
const DIC_VERSION = 102;
const HEADER = 72;

export const DIC_TYPE_SYSTEM = 0;
export const DIC_TYPE_USER = 1;
export const DIC_TYPE_UNKNOWN = 2;

export class Lexicon {
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
  /** Lazily filled cache: feature length + 1 per token (0 = not computed yet). */
  private featureLen: Int32Array = new Int32Array(0);

  constructor(bytes: Uint8Array, file: string, expectedType: number) {
    this.file = file;
    if (bytes.length < HEADER) {
      throw new DictionaryFormatError(file, `file is ${bytes.length} bytes, shorter than the ${HEADER}-byte header`);
    }
    const magic = u32le(bytes, 0);
    if (((magic ^ DIC_MAGIC) >>> 0) !== bytes.length) {
      throw new DictionaryFormatError(
        file,
        `magic 0x${magic.toString(16)} says the file is ${((magic ^ DIC_MAGIC) >>> 0)} bytes but it is ${bytes.length} (truncated, padded or not a MeCab dictionary)`,
      );
    }
    const version = u32le(bytes, 4);
    if (version !== DIC_VERSION) throw new DictionaryFormatError(file, `version ${version}, expected ${DIC_VERSION}`, 4);
    this.type = u32le(bytes, 8);
    if (this.type !== expectedType) {
      throw new DictionaryFormatError(file, `dictionary type ${this.type}, expected ${expectedType}`, 8);
    }
    this.lexsize = u32le(bytes, 12);
    this.lsize = u32le(bytes, 16);
    this.rsize = u32le(bytes, 20);
    const dsize = u32le(bytes, 24);
    const tsize = u32le(bytes, 28);
    const fsize = u32le(bytes, 32);
    this.charset = cString(bytes, 40, 32);
    if (!/^utf-?8$/i.test(this.charset)) {
      throw new DictionaryFormatError(file, `charset ${JSON.stringify(this.charset)} is not supported (only UTF-8 dictionaries)`, 40);
    }
    if (HEADER + dsize + tsize + fsize !== bytes.length) {
      throw new DictionaryFormatError(
        file,
        `sections (72 + ${dsize} + ${tsize} + ${fsize}) do not add up to the file size ${bytes.length}`,
        24,
      );
    }
    if (dsize % 8 !== 0 || tsize % 16 !== 0 || tsize / 16 < this.lexsize) {
      throw new DictionaryFormatError(file, `section sizes dsize=${dsize} tsize=${tsize} do not fit ${this.lexsize} tokens`, 24);
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
        );
      }
    }
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
