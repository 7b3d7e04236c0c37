// The BPE model of a tokenizer.json: vocabulary, merge table, and `tokenize(piece)` producing ids
// with code-unit ranges in the piece, including unk / fuse_unk / byte_fallback / ignore_merges /
// continuing_subword_prefix / end_of_word_suffix. Dropout is rejected at load (it is random).
// It does not split text (pre-tokenizers do) and does not map offsets to the input (tokenizer does).

import { TokenizerConfigError } from '../../config/errors.js';
import { mergeAll, PairTable, Symbols, type MergeTable } from './merge.js';
import { VocabIndex } from './vocab-index.js';

export interface BpeOptions {
  unkToken: string | null;
  fuseUnk: boolean;
  byteFallback: boolean;
  ignoreMerges: boolean;
  continuingSubwordPrefix: string | null;
  endOfWordSuffix: string | null;
}

/** Tokens of one piece, flattened: [id, start, end, id, start, end, …] (code units of the piece). */
export type TokenTriples = Int32Array;

/** Words longer than this (code units) are not cached, like the reference's MAX_LENGTH (256 bytes). */
const CACHE_MAX_WORD = 256;
/** One encoder for byte_fallback (not one per unknown character). */
const UTF8 = new TextEncoder();
/** byte_fallback's token for each byte value: `<0x00>` … `<0xFF>`. */
const BYTE_TOKENS = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
/** Entries kept before the cache is cleared and refilled (bounded memory, no degradation). */
export const CACHE_CAPACITY = 20_000;

/**
 * Token → id as given: a Map, the parsed `$.model.vocab` object itself, or the VocabIndex the fast
 * loader fills (config/scan-bpe.ts). Building a 30k-entry Map at load costs more than the rest of
 * the model build, so neither loader does.
 */
export type VocabSource = Map<string, number> | Readonly<Record<string, number>> | VocabIndex;

type MergeSource =
  | ReadonlyArray<readonly [string, string]>
  | { readonly left: readonly string[]; readonly right: readonly string[] }
  | MergeTable;

interface TokenLookup {
  get(token: string): number | undefined;
}

/** Own properties only in effect: nothing inherited from Object.prototype is a number, and a
 *  "__proto__" key that JSON.parse created is an own data property, found before the accessor. */
function objectLookup(o: Readonly<Record<string, number>>): TokenLookup {
  return {
    get(token: string): number | undefined {
      const v = o[token];
      return typeof v === 'number' ? v : undefined;
    },
  };
}

export class BpeModel {
  private lookup: TokenLookup;
  private vocabMap: Map<string, number> | null;
  /** Number of tokens in the model vocab. */
  readonly size: number;
  private vocabRTable: string[] | null;
  private readonly makeVocabR: (() => string[]) | null;
  readonly merges: MergeTable;
  readonly opts: BpeOptions;
  private readonly unkId: number;
  /** Id of each single-code-unit token (BMP chars), -1 when absent: the common fast path. */
  private charId: Int32Array | null = null;
  private readonly plainChars: boolean;
  private cache = new Map<string, TokenTriples>();
  private readonly w = new Symbols();

  /**
   * `merges` as [left, right] pairs, as two parallel arrays (what the JSON loader produces, without
   * a small array per merge), or as a merge table already resolved to ids for these options (the
   * fast loader, a snapshot). `vocabR` may be passed when the caller built it while
   * reading the vocab (it must then be the exact inverse of `vocab`; duplicate ids are the caller's
   * check), or as a function building it on first use; it is required with a VocabIndex.
   */
  constructor(vocab: VocabSource, merges: MergeSource, opts: BpeOptions, path = '$.model', vocabR?: string[] | (() => string[]), size?: number) {
    this.vocabMap = vocab instanceof Map ? vocab : null;
    this.lookup = vocab instanceof Map || vocab instanceof VocabIndex ? vocab : objectLookup(vocab);
    this.opts = opts;
    this.makeVocabR = typeof vocabR === 'function' ? vocabR : null;
    if (typeof vocabR === 'function') vocabR = undefined;
    else if (vocabR === undefined) {
      if (vocab instanceof VocabIndex) throw new TypeError('BpeModel: a VocabIndex needs its id → token table');
      vocabR = [];
      const entries = vocab instanceof Map ? vocab.entries() : Object.entries(vocab);
      for (const [tok, id] of entries) {
        if (vocabR[id] !== undefined) {
          throw new TokenizerConfigError(`${path}.vocab`, `id ${id} is used by both ${JSON.stringify(vocabR[id])} and ${JSON.stringify(tok)}`, 'give every token its own id');
        }
        vocabR[id] = tok;
      }
    }
    this.vocabRTable = vocabR ?? null;
    this.size = vocab instanceof Map ? vocab.size : vocab instanceof VocabIndex ? vocab.count : (size ?? Object.keys(vocab).length);
    // A merge table is taken as resolved for these options (the fast loader checks the prefix).
    if ('pairs' in merges) this.merges = merges;
    else this.merges = this.resolveMerges(merges, this.vocabR, path);
    if (opts.unkToken !== null) {
      const u = this.tokenId(opts.unkToken);
      this.unkId = u === undefined ? -2 : u; // -2: checked lazily, like the reference (error on use)
    } else this.unkId = -1;
    this.plainChars = opts.continuingSubwordPrefix === null && opts.endOfWordSuffix === null;
  }

  private resolveMerges(
    merges: ReadonlyArray<readonly [string, string]> | { readonly left: readonly string[]; readonly right: readonly string[] },
    vocabR: string[],
    path: string,
  ): MergeTable {
    const opts = this.opts;
    const asPairs = Array.isArray(merges);
    const pairList = merges as ReadonlyArray<readonly [string, string]>;
    const lists = merges as { readonly left: readonly string[]; readonly right: readonly string[] };
    const count = asPairs ? pairList.length : lists.left.length;
    const pairs = new PairTable(count);
    const mergedId = new Int32Array(count);
    const prefixLen = opts.continuingSubwordPrefix?.length ?? 0;
    // Trained files give merge i the id right after merge i-1's: try that id and compare its text
    // with a + b in place (no concatenated string to build and hash); look up only when it differs.
    let guess = -1;
    for (let i = 0; i < count; i++) {
      const a = asPairs ? pairList[i]![0] : lists.left[i]!;
      const b = asPairs ? pairList[i]![1] : lists.right[i]!;
      const ia = this.tokenId(a);
      const ib = this.tokenId(b);
      const bl = b.length - prefixLen;
      const g = vocabR[guess + 1];
      let im: number | undefined;
      if (g !== undefined && bl >= 0 && g.length === a.length + bl && g.startsWith(a) && g.endsWith(prefixLen === 0 ? b : b.slice(prefixLen))) im = guess + 1;
      else im = this.tokenId(a + (prefixLen === 0 ? b : b.slice(prefixLen)));
      if (im !== undefined) guess = im;
      if (ia === undefined || ib === undefined || im === undefined) {
        const missing = ia === undefined ? a : ib === undefined ? b : a + (prefixLen === 0 ? b : b.slice(prefixLen));
        throw new TokenizerConfigError(`${path}.merges[${i}]`, `merge ${JSON.stringify([a, b])} names ${JSON.stringify(missing)}, which is not in the vocab`, 'add the token to model.vocab or remove the merge');
      }
      // A repeated pair keeps its last rank, as the reference's HashMap collect does.
      pairs.set(ia, ib, i);
      mergedId[i] = im;
    }
    return { pairs, mergedId };
  }

  /** id → token string (holes for ids not in the model vocab); the fast loader's is built on first use. */
  get vocabR(): string[] {
    return (this.vocabRTable ??= this.makeVocabR!());
  }

  /** The model's tables for a snapshot (config/snapshot.ts): a vocab index (built if the model has
   *  none), the largest id, and the merge table. */
  tables(): { vocab: VocabIndex; maxId: number; merges: MergeTable } {
    const vocab = this.lookup instanceof VocabIndex ? this.lookup : VocabIndex.fromTokens(this.vocabR);
    // fromTokens finds no duplicates in an id → token table built from a vocab with unique keys.
    if (vocab === null) throw new Error('BpeModel: a token appears under two ids');
    return { vocab, maxId: this.vocabR.length - 1, merges: this.merges };
  }

  /** Id of each single-code-unit token; built on first use (the byte-level fast path never needs it). */
  private charIds(): Int32Array {
    let t = this.charId;
    if (t === null) {
      t = this.charId = new Int32Array(0x10000).fill(-1);
      if (this.plainChars) {
        const vocabR = this.vocabR;
        for (let id = 0; id < vocabR.length; id++) {
          const tok = vocabR[id];
          if (tok !== undefined && tok.length === 1) t[tok.charCodeAt(0)] = id;
        }
      }
    }
    return t;
  }

  /** Id of a model-vocab token, or undefined. The hot lookups go through this, not through `vocab`. */
  tokenId(s: string): number | undefined {
    return this.lookup.get(s);
  }

  /** Token → id as a Map (built on first use from vocabR unless the model was given a Map). */
  get vocab(): Map<string, number> {
    let m = this.vocabMap;
    if (m === null) {
      m = new Map();
      const r = this.vocabR;
      for (let id = 0; id < r.length; id++) {
        const t = r[id];
        if (t !== undefined) m.set(t, id);
      }
      this.vocabMap = m;
      this.lookup = m;
    }
    return m;
  }

  /** Tokens of one piece (never empty input). The result may be shared with the cache: do not mutate. */
  tokenize(piece: string): TokenTriples {
    if (this.opts.ignoreMerges) {
      const id = this.tokenId(piece);
      if (id !== undefined) return Int32Array.of(id, 0, piece.length);
    }
    const hit = this.cache.get(piece);
    if (hit !== undefined) return hit;
    const res = this.mergeWord(piece);
    if (piece.length < CACHE_MAX_WORD) {
      if (this.cache.size >= CACHE_CAPACITY) this.cache = new Map();
      this.cache.set(piece, res);
    }
    return res;
  }

  /** Drops cached words (memory pressure, benchmarks of cold behaviour). */
  clearCache(): void {
    this.cache = new Map();
  }

  /** Like `tokenize` without the cache (for callers that cache by their own key). */
  tokenizeUncached(piece: string): TokenTriples {
    if (this.opts.ignoreMerges) {
      const id = this.tokenId(piece);
      if (id !== undefined) return Int32Array.of(id, 0, piece.length);
    }
    return this.mergeWord(piece);
  }

  private mergeWord(piece: string): TokenTriples {
    const w = this.w;
    w.reset();
    const n = piece.length;
    const charId = this.charIds();
    const prefix = this.opts.continuingSubwordPrefix;
    const suffix = this.opts.endOfWordSuffix;
    let unkId = -1;
    let unkStart = 0;
    let unkEnd = 0;
    // PARITY: the reference places symbols at cumulative byte offsets of the symbols it keeps, so
    // once a char is dropped (no unk token) later offsets shift left. Until then positions are
    // exact; after the first drop we switch to cumulative UTF-8 byte offsets (`cum`) and convert
    // back at the end.
    let bytesMode = false;
    let cum = 0;
    for (let i = 0; i < n; ) {
      const c = piece.charCodeAt(i);
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
      const j = wide ? i + 2 : i + 1;
      const blen = wide ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      const ps = bytesMode ? cum : i;
      const pe = bytesMode ? cum + blen : j;
      let id = this.plainChars && !wide ? charId[c]! : -1;
      let s = '';
      if (id < 0) {
        s = piece.slice(i, j);
        if (prefix !== null && i > 0) s = prefix + s;
        if (suffix !== null && j === n) s = s + suffix;
        const v = this.tokenId(s);
        if (v !== undefined) id = v;
      }
      if (id >= 0) {
        if (unkId >= 0) {
          w.push(unkId, unkStart, unkEnd);
          unkId = -1;
        }
        w.push(id, ps, pe);
        cum += blen;
      } else if (this.fallback(s, ps, pe, bytesMode)) {
        cum += blen;
      } else if (this.unkId !== -1) {
        if (this.unkId === -2) {
          throw new TokenizerConfigError('$.model.unk_token', `unk_token ${JSON.stringify(this.opts.unkToken)} is not in the vocab`, 'add it to model.vocab');
        }
        if (unkId >= 0 && this.opts.fuseUnk) unkEnd = pe;
        else {
          if (unkId >= 0) w.push(unkId, unkStart, unkEnd);
          unkId = this.unkId;
          unkStart = ps;
          unkEnd = pe;
        }
        cum += blen;
      } else if (!bytesMode) {
        // First dropped char: re-express what we have in bytes (exact so far) and go on in bytes.
        bytesMode = true;
        const b = unitToByte(piece);
        for (let k = 0; k < w.n; k++) {
          w.start[k] = b[w.start[k]!]!;
          w.end[k] = b[w.end[k]!]!;
        }
        if (unkId >= 0) {
          unkStart = b[unkStart]!;
          unkEnd = b[unkEnd]!;
        }
      }
      i = j;
    }
    if (unkId >= 0) w.push(unkId, unkStart, unkEnd);
    mergeAll(this.merges, w);
    let count = 0;
    for (let i = 0; i < w.n; i++) if (w.id[i]! >= 0) count++;
    const out = new Int32Array(count * 3);
    const toUnit = bytesMode ? byteToUnit(piece) : null;
    let k = 0;
    for (let i = 0; i < w.n; i++) {
      if (w.id[i]! < 0) continue;
      out[k++] = w.id[i]!;
      if (toUnit) {
        // A byte offset maps to the char holding that byte: start → its start, end → end of the char holding byte end-1.
        out[k++] = toUnit.start[w.start[i]!]!;
        out[k++] = toUnit.end[w.end[i]! - 1]!;
      } else {
        out[k++] = w.start[i]!;
        out[k++] = w.end[i]!;
      }
    }
    return out;
  }

  /** byte_fallback: pushes `<0xXX>` tokens for every UTF-8 byte of `s` if all exist; else false. */
  private fallback(s: string, i: number, j: number, bytesMode: boolean): boolean {
    if (!this.opts.byteFallback) return false;
    const bytes = UTF8.encode(s);
    const ids: number[] = [];
    for (const b of bytes) {
      const id = this.tokenId(BYTE_TOKENS[b]!);
      if (id === undefined) return false;
      ids.push(id);
    }
    // Each byte token covers its char; in bytes mode, one byte each (cumulative, like the reference).
    ids.forEach((id, k) => (bytesMode ? this.w.push(id, i + k, i + k + 1) : this.w.push(id, i, j)));
    return true;
  }
}

/** UTF-8 byte offset of every code unit offset 0..len of `s`. */
function unitToByte(s: string): Int32Array {
  const t = new Int32Array(s.length + 1);
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    t[i] = b;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      t[++i] = b;
      b += 4;
    } else b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  t[s.length] = b;
  return t;
}

/** For every UTF-8 byte of `s`: start and end (code units) of the char holding it. */
function byteToUnit(s: string): { start: Int32Array; end: Int32Array } {
  const total = unitToByte(s)[s.length]!;
  const start = new Int32Array(total + 1);
  const end = new Int32Array(total + 1);
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length;
    const len = wide ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    const e = wide ? i + 2 : i + 1;
    for (let k = 0; k < len; k++) {
      start[b + k] = i;
      end[b + k] = e;
    }
    b += len;
    if (wide) i++;
  }
  start[total] = s.length;
  end[total] = s.length;
  return { start, end };
}
