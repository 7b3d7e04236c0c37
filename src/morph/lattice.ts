// Lattice construction for one MeCab sentence: node storage (struct of arrays), the lexicons'
// common-prefix search on the input bytes (sys.dic, then user dictionaries, as dictionary.cpp), unknown-word candidates and the left-space penalty,
// exactly as MeCab 0.996 / mecab-ko's tokenizer.cpp. Connecting nodes and the best path are
// viterbi.ts's job (it extends this class); nothing here knows UTF-16 or features.
//
// Design notes (performance; the whole picture is in viterbi.ts): the trie is walked on the input
// bytes with no slicing; a 3-byte first character jumps to its cached trie state (`first3`); node
// fields go straight into reused typed arrays, context ids already mapped to the cost layout.

import { charDefaultType, charGroup, charInvoke, charLength } from './char-table.js';
import { CostLayout } from './cost-layout.js';
import type { MorphDictionary } from './dictionary.js';
import type { Lexicon } from './lexicon.js';
import { tokenHandle, UNKNOWN_LEXICON } from './token-handle.js';

const TYPE_MASK = 0x3ffff;
/** MeCab keeps at most this many common-prefix results per position (tokenizer.h). */
const MAX_PREFIX_RESULTS = 512;
/** MeCab clamps each lookup to this many bytes after its start (tokenizer.cpp). */
const MAX_LOOKUP_BYTES = 65535;
const NOT_CACHED = -0x80000000;
const NO_SHORTCUT = -0x7fffffff;

export class Lattice {
  protected readonly dict: MorphDictionary;
  protected readonly penalty: Int32Array;
  protected readonly usePenalty: boolean;
  protected readonly spaceInfo: number;
  /** Chars a group scan needs to look at: max(maxGroupingSize, 15 = max CharInfo.length) + 1. */
  protected readonly scanLimit: number;
  /** Trie state after each 3-byte UTF-8 character (payload bits as index), filled on first use. */
  protected readonly first3 = new Int32Array(1 << 16).fill(NOT_CACHED);
  // Connection costs: node context ids are stored as this layout's row/column numbers.
  protected layout: CostLayout;

  // Lattice nodes (struct of arrays). Node 0 is BOS.
  protected cap = 0;
  protected count = 0;
  protected nRc = new Int32Array(0);
  protected nTok = new Int32Array(0);
  protected nStart = new Int32Array(0); // surface start (byte)
  protected nSurfEnd = new Int32Array(0); // surface end = start + (length & 0xffff)
  protected nEnd = new Int32Array(0); // lattice end = lookup position + (rlength & 0xffff)
  protected nPrev = new Int32Array(0);
  protected nNext = new Int32Array(0); // next node ending at the same position (newest first)
  protected nCost = new Float64Array(0);
  // Only needed while a position's new nodes are connected: indexed by node - batch start.
  protected bLc = new Int32Array(256);
  protected bExtra = new Int32Array(256); // wcost + space penalty
  protected batchFirst = 0;
  // Current sentence and the decoder's out-parameter.
  protected bytes: Uint8Array = new Uint8Array(0);
  protected n = 0;
  protected dl = 0;

  constructor(dict: MorphDictionary, spacePenalty: boolean) {
    this.dict = dict;
    this.layout = CostLayout.identity(dict.matrix);
    this.usePenalty = spacePenalty && dict.spacePenalty.size > 0;
    this.penalty = new Int32Array(65536);
    for (const [posid, cost] of dict.spacePenalty) this.penalty[posid] = cost;
    this.spaceInfo = dict.chars.infos[0x20]!;
    this.scanLimit = Math.max(dict.maxGroupingSize, 15) + 1;
    this.grow(1024);
  }

  protected grow(min: number): void {
    let cap = Math.max(this.cap * 2, 1024);
    while (cap < min) cap *= 2;
    const g = <T extends Int32Array | Float64Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(cap);
      b.set(a.subarray(0, this.count) as never);
      return b;
    };
    this.nRc = g(this.nRc, Int32Array);
    this.nTok = g(this.nTok, Int32Array);
    this.nStart = g(this.nStart, Int32Array);
    this.nSurfEnd = g(this.nSurfEnd, Int32Array);
    this.nEnd = g(this.nEnd, Int32Array);
    this.nPrev = g(this.nPrev, Int32Array);
    this.nNext = g(this.nNext, Int32Array);
    this.nCost = g(this.nCost, Float64Array);
    this.cap = cap;
  }

  /**
   * MeCab's utf8_to_ucs2 + char table lookup at byte `p` with the lookup's `end`: returns the
   * CharInfo and sets `this.dl` to the byte length. PARITY: no continuation-byte validation;
   * 4/5/6-byte sequences and invalid or truncated leads map to U+0000; reading at the sentence end
   * sees the NUL terminator.
   */
  protected decode(p: number, end: number): number {
    const bytes = this.bytes;
    const infos = this.dict.chars.infos;
    const b0 = p < this.n ? bytes[p]! : 0;
    const len = end - p;
    if (b0 < 0x80) {
      this.dl = 1;
      return infos[b0]!;
    }
    if (len >= 2 && (b0 & 0xe0) === 0xc0) {
      this.dl = 2;
      return infos[((b0 & 0x1f) << 6) | (bytes[p + 1]! & 0x3f)]!;
    }
    if (len >= 3 && (b0 & 0xf0) === 0xe0) {
      this.dl = 3;
      return infos[((b0 & 0x0f) << 12) | ((bytes[p + 1]! & 0x3f) << 6) | (bytes[p + 2]! & 0x3f)]!;
    }
    if (len >= 4 && (b0 & 0xf8) === 0xf0) this.dl = 4;
    else if (len >= 5 && (b0 & 0xfc) === 0xf8) this.dl = 5;
    else if (len >= 6 && (b0 & 0xfe) === 0xfc) this.dl = 6;
    else this.dl = 1;
    return infos[0]!;
  }

  /**
   * Adds a candidate found at lattice position `begin` with surface [start, start + length).
   * PARITY: MeCab's Node.length and Node.rlength are `unsigned short`; they only exceed 65535 after
   * 64 KiB of whitespace (the lookup clamp), and then wrap exactly like this.
   */
  protected addNode(lc: number, rc: number, wcost: number, posid: number, tok: number, begin: number, start: number, length: number): void {
    const len = length & 0xffff;
    const rlen = (start - begin + length) & 0xffff;
    const end = begin + rlen;
    if (end > this.n) return; // ends past the sentence: can never reach EOS (MeCab's bogus nodes)
    const extra = this.usePenalty && rlen !== len ? wcost + this.penalty[posid]! : wcost;
    if (this.count === this.cap) this.grow(this.count + 1);
    const i = this.count++;
    const b = i - this.batchFirst;
    if (b === this.bLc.length) {
      const lc = new Int32Array(b * 2), ex = new Int32Array(b * 2);
      lc.set(this.bLc);
      ex.set(this.bExtra);
      this.bLc = lc;
      this.bExtra = ex;
    }
    this.bLc[b] = this.layout.row[lc]!;
    this.bExtra[b] = extra;
    this.nRc[i] = this.layout.col[rc]!;
    this.nTok[i] = tok;
    this.nStart[i] = start;
    this.nSurfEnd[i] = start + len;
    this.nEnd[i] = end;
  }

  protected addUnknown(info: number, begin: number, start: number, end: number): number {
    // begin is the lattice position: the penalty applies when whitespace precedes the word.
    const d = this.dict;
    const cat = charDefaultType(info);
    const first = d.unkFirst[cat]!;
    const cnt = d.unkCount[cat]!;
    const t16 = d.unk.tok16;
    const h = tokenHandle(UNKNOWN_LEXICON, 0);
    for (let k = first; k < first + cnt; k++) {
      this.addNode(t16[8 * k]!, t16[8 * k + 1]!, d.unk.tokI16[8 * k + 3]!, t16[8 * k + 2]!, h + k, begin, start, end - start);
    }
    return cnt;
  }

  /**
   * The trie state after the three bytes from the root, or NO_SHORTCUT when a transition fails or
   * a key ends inside them (only a malformed dictionary has such keys): then the byte walk runs.
   */
  protected walk3(b0: number, b1: number, b2: number): number {
    const { da, units } = this.dict.sys;
    const key = [b0, b1, b2];
    let b = da[0]!;
    for (let j = 0; j < 3; j++) {
      // After 1 or 2 bytes a key ending here would be a lookup result: not skippable.
      if (j > 0 && b >= 0 && b < units && da[2 * b + 1] === b && da[2 * b]! < 0) return NO_SHORTCUT;
      const q = b + key[j]! + 1;
      if (q < 0 || q >= units || da[2 * q + 1] !== b) return NO_SHORTCUT;
      b = da[2 * q]!;
    }
    return b;
  }

  /**
   * Darts commonPrefixSearch of one lexicon from trie state `b` at byte `i` (the key starts at
   * `begin2`), adding a node per token of each result; returns the number of tokens found.
   * `h0` is the handle of the lexicon's token 0.
   */
  protected search(lex: Lexicon, h0: number, b: number, i: number, begin: number, begin2: number, searchEnd: number): number {
    const da = lex.da;
    const units = lex.units;
    const t16 = lex.tok16;
    const ti16 = lex.tokI16;
    const bytes = this.bytes;
    let made = 0;
    let results = 0;
    for (; ; i++) {
      if (b >= 0 && b < units && da[2 * b + 1] === b) {
        const v = da[2 * b]!;
        if (v < 0 && i > begin2) {
          const value = -v - 1;
          const first = value >>> 8;
          const last = first + (value & 0xff);
          for (let k = first; k < last; k++) {
            this.addNode(t16[8 * k]!, t16[8 * k + 1]!, ti16[8 * k + 3]!, t16[8 * k + 2]!, h0 + k, begin, begin2, i - begin2);
            made++;
          }
          if (++results >= MAX_PREFIX_RESULTS) break;
        }
      }
      if (i >= searchEnd) break;
      const q = b + bytes[i]! + 1;
      if (q < 0 || q >= units || da[2 * q + 1] !== b) break;
      b = da[2 * q]!;
    }
    return made;
  }

  /** Creates the candidate nodes starting at lattice position `begin` (tokenizer.cpp `lookup`). */
  protected lookup(begin: number): void {
    const n = this.n;
    const end = n - begin >= MAX_LOOKUP_BYTES ? begin + MAX_LOOKUP_BYTES : n;
    // Skip whitespace: transitive isKindOf starting from the SPACE char's info.
    let c = this.spaceInfo;
    let p = begin;
    let cinfo = 0;
    let mblen = 0;
    while (p !== end) {
      const f = this.decode(p, end);
      cinfo = f;
      mblen = this.dl;
      if ((c & f & TYPE_MASK) === 0) break;
      p += mblen;
      c = f;
    }
    const begin2 = p;
    let made = 0; // nodes MeCab would have created (including ones we drop as unreachable)

    // PARITY: Darts treats a key length of 0 as "use strlen", so when whitespace filled the whole
    // (clamped) lookup window MeCab searches on to the end of the C string.
    const bytes = this.bytes;
    let searchEnd = end;
    if (begin2 === end) {
      const nul = bytes.indexOf(0, begin2);
      searchEnd = nul < 0 || nul > this.n ? this.n : nul;
    }
    // Lexicons: common-prefix search on sys.dic, then each user dictionary (results in increasing
    // length within each), all before unknown words: dictionary.cpp / tokenizer.cpp order.
    const sys = this.dict.sys;
    const da = sys.da;
    let b = da[0]!;
    let i = begin2;
    // A 3-byte first character (all of Hangul) jumps straight to its trie state (see first3).
    const b0 = searchEnd - i >= 3 ? bytes[i]! : 0;
    if ((b0 & 0xf0) === 0xe0) {
      const b1 = bytes[i + 1]!, b2 = bytes[i + 2]!;
      if ((b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80) {
        const key = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
        let st = this.first3[key]!;
        if (st === NOT_CACHED) st = this.first3[key] = this.walk3(b0, b1, b2);
        if (st !== NO_SHORTCUT) {
          b = st;
          i += 3;
        }
      }
    }
    made += this.search(sys, 0, b, i, begin, begin2, searchEnd);
    const lexicons = this.dict.lexicons;
    for (let l = 1; l < lexicons.length; l++) {
      const lex = lexicons[l]!;
      made += this.search(lex, tokenHandle(l, 0), lex.da[0]!, begin2, begin, begin2, searchEnd);
    }
    if (made > 0 && !charInvoke(cinfo)) return;

    // Unknown words (macro ADDUNKNWON).
    let begin3 = begin2 + mblen;
    let groupEnd = -1;
    if (begin3 > end) {
      made += this.addUnknown(cinfo, begin, begin2, begin3);
      if (made > 0) return;
    }
    if (charGroup(cinfo)) {
      // MeCab scans the whole same-kind run here, which is quadratic on long runs ("aaaa…",
      // emoji walls). Only two facts are used: whether the run has <= maxGroupingSize more chars
      // (then it is emitted) and whether its end equals one of the <= 15 length-loop positions. A
      // run longer than both bounds can stop being scanned: same output, linear time.
      const limit = this.scanLimit;
      let q = begin3;
      let prev = cinfo;
      let clen = 0;
      while (q < end && clen <= limit) {
        const f = this.decode(q, end);
        if ((prev & f & TYPE_MASK) === 0) break;
        q += this.dl;
        clen++;
        prev = f;
      }
      if (clen <= this.dict.maxGroupingSize) {
        made += this.addUnknown(cinfo, begin, begin2, q);
        groupEnd = q;
      } else {
        groupEnd = clen <= limit ? q : -1; // -1: beyond every length-loop position
      }
    }
    const maxLen = charLength(cinfo);
    for (let i = 1; i <= maxLen; i++) {
      if (begin3 > end) break;
      if (begin3 === groupEnd) continue; // PARITY: `continue` without advancing, as in MeCab
      made += this.addUnknown(cinfo, begin, begin2, begin3);
      const f = this.decode(begin3, end);
      if ((cinfo & f & TYPE_MASK) === 0) break;
      begin3 += this.dl;
    }
    if (made === 0) this.addUnknown(cinfo, begin, begin2, begin3);
  }
}
