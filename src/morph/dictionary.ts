// A loaded mecab-ko-dic: system lexicon, unknown-word templates, connection matrix, character table
// and the dicrc settings the analyser needs, cross-checked against each other. Platform-neutral:
// it is built from bytes; reading files is src/morph/load-node.ts's job.

import { asBytes, type BinaryInput } from './bytes.js';
import { CharTable } from './char-table.js';
import { parseDicrc, parseSpacePenalty } from './dicrc.js';
import { DictionaryFormatError } from './errors.js';
import { DIC_TYPE_SYSTEM, DIC_TYPE_UNKNOWN, Lexicon } from './lexicon.js';
import { Matrix } from './matrix.js';

/** The compiled dictionary files, as bytes. `dicrc` may be text or bytes; absent = empty config. */
export interface DictionaryBuffers {
  sysDic: BinaryInput;
  unkDic: BinaryInput;
  matrix: BinaryInput;
  charBin: BinaryInput;
  dicrc?: BinaryInput | string;
}

const DEFAULT_MAX_GROUPING_SIZE = 24;

export class MorphDictionary {
  readonly sys: Lexicon;
  readonly unk: Lexicon;
  readonly matrix: Matrix;
  readonly chars: CharTable;
  readonly config: Map<string, string>;
  /** Posid → left-space penalty (first pair wins); absent posids have none. */
  readonly spacePenalty: Map<number, number>;
  readonly maxGroupingSize: number;
  readonly bosFeature: string;
  /** unk.dic template tokens per character category: first token index and count. */
  readonly unkFirst: Int32Array;
  readonly unkCount: Int32Array;
  /** The buffers this dictionary views (kept so a worker pool can share them). */
  readonly buffers: DictionaryBuffers;
  private readonly featureCache = new Map<number, string>();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(buffers: DictionaryBuffers) {
    this.buffers = buffers;
    const rc = buffers.dicrc;
    this.config = parseDicrc(rc === undefined ? '' : typeof rc === 'string' ? rc : this.decode(asBytes(rc)));
    this.sys = new Lexicon(asBytes(buffers.sysDic), 'sys.dic', DIC_TYPE_SYSTEM);
    this.unk = new Lexicon(asBytes(buffers.unkDic), 'unk.dic', DIC_TYPE_UNKNOWN);
    this.matrix = new Matrix(asBytes(buffers.matrix), 'matrix.bin');
    this.chars = new CharTable(asBytes(buffers.charBin), 'char.bin');
    for (const lex of [this.sys, this.unk]) {
      if (lex.lsize !== this.matrix.lsize || lex.rsize !== this.matrix.rsize) {
        throw new DictionaryFormatError(
          'matrix.bin',
          `matrix is ${this.matrix.lsize} × ${this.matrix.rsize} but ${lex.file} header says ${lex.lsize} × ${lex.rsize}`,
        );
      }
    }
    this.spacePenalty = parseSpacePenalty(this.config.get('left-space-penalty-factor'));
    // PARITY: `max-grouping-size` in dicrc is never used: the mecab program (and createModel)
    // set the option's default 24 first, and the first value of a key wins.
    this.maxGroupingSize = DEFAULT_MAX_GROUPING_SIZE;
    this.bosFeature = this.config.get('bos-feature') ?? 'BOS/EOS,*,*,*,*,*,*,*';
    const n = this.chars.names.length;
    this.unkFirst = new Int32Array(n);
    this.unkCount = new Int32Array(n);
    const enc = new TextEncoder();
    this.chars.names.forEach((name, i) => {
      const v = this.unk.exactMatch(enc.encode(name));
      if (v < 0 || (v >>> 8) + (v & 0xff) > this.unk.lexsize) {
        throw new DictionaryFormatError('unk.dic', `no unknown-word template for character category ${name} of char.bin`);
      }
      this.unkFirst[i] = v >>> 8;
      this.unkCount[i] = v & 0xff;
    });
  }

  /**
   * The feature string of a token (`unknown` = an unk.dic template), decoded once and cached by
   * feature offset: analysis never decodes features, only callers that ask for them.
   */
  feature(token: number, unknown: boolean): string {
    const lex = unknown ? this.unk : this.sys;
    const off = lex.tok32[4 * token + 2]!;
    const key = unknown ? -1 - off : off;
    let s = this.featureCache.get(key);
    if (s === undefined) {
      s = this.decode(lex.features.subarray(off, lex.featureEnd(off)));
      if (this.featureCache.size > 200_000) this.featureCache.clear(); // bound memory on huge vocabularies
      this.featureCache.set(key, s);
    }
    return s;
  }

  /** The raw feature bytes of a token (no NUL), for byte-exact output. */
  featureBytes(token: number, unknown: boolean): Uint8Array {
    const lex = unknown ? this.unk : this.sys;
    const off = lex.tok32[4 * token + 2]!;
    return lex.features.subarray(off, off + lex.featureLength(token));
  }

  /** Appends the raw feature bytes of a token to `out` at `at`; returns the new end (no allocation). */
  copyFeature(token: number, unknown: boolean, out: Uint8Array, at: number): number {
    const lex = unknown ? this.unk : this.sys;
    const off = lex.tok32[4 * token + 2]!;
    const len = lex.featureLength(token);
    const src = lex.features;
    for (let i = 0; i < len; i++) out[at + i] = src[off + i]!;
    return at + len;
  }

  /** Byte length of a token's feature string. */
  featureLength(token: number, unknown: boolean): number {
    return (unknown ? this.unk : this.sys).featureLength(token);
  }

  private decode(bytes: Uint8Array): string {
    // TextDecoder refuses views over SharedArrayBuffer (workers share the dictionary that way).
    const plain = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    return this.decoder.decode(plain);
  }
}
