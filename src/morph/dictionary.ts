// A loaded mecab-ko-dic: system lexicon, unknown-word templates, connection matrix, character table
// and the dicrc settings the analyser needs, cross-checked against each other, plus any user
// dictionaries (searched after sys.dic, in order, as MeCab does). Platform-neutral: it is built
// from bytes; reading files is src/morph/load-node.ts's job, compiling CSV src/morph/dict/'s.

import { asBytes, type BinaryInput } from './bytes.js';
import { CharTable } from './char-table.js';
import { parseDicrc, parseSpacePenalty } from './dicrc.js';
import { DictionaryFormatError } from './errors.js';
import { DIC_TYPE_SYSTEM, DIC_TYPE_UNKNOWN, DIC_TYPE_USER, DicLexicon, type Lexicon } from './lexicon.js';
import { Matrix } from './matrix.js';
import { handleLexicon, handleToken, MAX_LEXICONS, UNKNOWN_LEXICON } from './token-handle.js';

/** The compiled dictionary files, as bytes. `dicrc` may be text or bytes; absent = empty config. */
export interface DictionaryBuffers {
  sysDic: BinaryInput;
  unkDic: BinaryInput;
  matrix: BinaryInput;
  charBin: BinaryInput;
  dicrc?: BinaryInput | string;
  /** Compiled user dictionaries (`.dic`, type 1), searched after sys.dic in this order. */
  userDics?: BinaryInput[];
  /** Names for `userDics` in error messages (default `user dictionary #i`). */
  userDicNames?: string[];
  /**
   * The system dictionary's compile-time files, needed only to compile user entries at run time
   * (`Analyzer.addWords`) with empty ids or to give them POS ids. Absent files: see DicDefs.
   */
  defs?: { leftIdDef?: Uint8Array; rightIdDef?: Uint8Array; rewriteDef?: Uint8Array; posIdDef?: Uint8Array };
}

const USER_DIC_HINT = 'compile the user dictionary with `mbbpe dict compile` (or mecab-dict-index -t utf-8) against this system dictionary';

const DEFAULT_MAX_GROUPING_SIZE = 24;

export class MorphDictionary {
  /** The searched lexicons: sys.dic first, then user dictionaries in order. Token handles index it. */
  readonly lexicons: Lexicon[];
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
    this.sys = new DicLexicon(asBytes(buffers.sysDic), 'sys.dic', DIC_TYPE_SYSTEM);
    this.unk = new DicLexicon(asBytes(buffers.unkDic), 'unk.dic', DIC_TYPE_UNKNOWN);
    this.lexicons = [this.sys];
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
    const users = buffers.userDics ?? [];
    users.forEach((u, i) => this.checkUser(u, buffers.userDicNames?.[i] ?? `user dictionary #${i + 1}`));
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

  /** Adds a compiled user dictionary after the ones already loaded (`Analyzer.addWords`). */
  addUserDictionary(bytes: BinaryInput, name: string): Lexicon {
    const lex = this.checkUser(bytes, name);
    const b = this.buffers as { userDics?: BinaryInput[]; userDicNames?: string[] };
    b.userDics = [...(b.userDics ?? []), bytes];
    b.userDicNames = [...(b.userDicNames ?? (b.userDics.slice(0, -1).map((_, i) => `user dictionary #${i + 1}`))), name];
    return lex;
  }

  private checkUser(bytes: BinaryInput, name: string): Lexicon {
    if (this.lexicons.length >= MAX_LEXICONS) {
      throw new DictionaryFormatError(name, `more than ${MAX_LEXICONS - 1} user dictionaries`, 0, { hint: 'merge the CSV files into fewer dictionaries' });
    }
    const lex = new DicLexicon(asBytes(bytes), name, DIC_TYPE_USER, USER_DIC_HINT);
    if (lex.lsize !== this.matrix.lsize || lex.rsize !== this.matrix.rsize) {
      throw new DictionaryFormatError(
        name,
        `built for a ${lex.lsize} × ${lex.rsize} matrix, the system dictionary has ${this.matrix.lsize} × ${this.matrix.rsize} (incompatible dictionary)`,
        16,
        { hint: USER_DIC_HINT },
      );
    }
    this.lexicons.push(lex);
    return lex;
  }

  /** The lexicon a token handle names (unk.dic for unknown-word templates). */
  lexicon(handle: number): Lexicon {
    const l = handleLexicon(handle);
    return l === UNKNOWN_LEXICON ? this.unk : this.lexicons[l]!;
  }

  /**
   * The feature string of a token, decoded once and cached by (lexicon, feature offset): analysis
   * never decodes features, only callers that ask for them.
   */
  feature(handle: number): string {
    const lex = this.lexicon(handle);
    const off = lex.featureOffset(handleToken(handle));
    const key = handleLexicon(handle) * 2 ** 32 + off;
    let s = this.featureCache.get(key);
    if (s === undefined) {
      s = this.decode(lex.featureBytes(handleToken(handle)));
      if (this.featureCache.size > 200_000) this.featureCache.clear(); // bound memory on huge vocabularies
      this.featureCache.set(key, s);
    }
    return s;
  }

  /** The raw feature bytes of a token (no NUL), for byte-exact output. */
  featureBytes(handle: number): Uint8Array {
    return this.lexicon(handle).featureBytes(handleToken(handle));
  }

  /** Appends the raw feature bytes of a token to `out` at `at`; returns the new end (no allocation). */
  copyFeature(handle: number, out: Uint8Array, at: number): number {
    const lex = this.lexicon(handle);
    const k = handleToken(handle);
    const off = lex.tok32[4 * k + 2]!;
    const len = lex.featureLength(k);
    const src = lex.features;
    for (let i = 0; i < len; i++) out[at + i] = src[off + i]!;
    return at + len;
  }

  /** Byte length of a token's feature string. */
  featureLength(handle: number): number {
    return this.lexicon(handle).featureLength(handleToken(handle));
  }

  private decode(bytes: Uint8Array): string {
    // TextDecoder refuses views over SharedArrayBuffer (workers share the dictionary that way).
    const plain = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    return this.decoder.decode(plain);
  }
}
