// Reads `$.model.vocab` and `$.model.merges` of a tokenizer.json straight from its UTF-8 bytes into
// integer tables (a VocabIndex, merge ids), and returns the rest of the document as text with those
// two values replaced by `{}` and `[]` for JSON.parse. It accepts only the plain common shape; on
// anything else (escaped keys, duplicate keys or ids, non-integer ids, invalid UTF-8, merges before
// the vocab, unknown merge tokens, …) it returns null and the caller parses the whole document the
// ordinary way, so every error and edge case has one implementation (config/model.ts).
//
// Design notes (performance): JSON.parse of a 30k-token vocab builds a dictionary-mode object and
// 30k merge strings, and the model then hashes them all again — about 35 of a 50 ms cold start.
// Here each key is decoded once into a code-unit pool and indexed; each merge is decoded into a
// scratch buffer and resolved to (left id, right id, merged id) without making a string. This code
// runs once, cold: the vocab and merges loops are each one long function with the decoding inlined
// (a long loop is optimized on the stack early; many calls to small helpers would mostly run in the
// interpreter), and the arrays are sized up front from the document length (no growth branches).

import { PairTable, type MergeTable } from '../models/bpe/merge.js';
import { HASH_P, hashPow, slotOf, VocabIndex } from '../models/bpe/vocab-index.js';

export interface ScannedBpe {
  /** The document with the vocab value replaced by `{}` and the merges value (if any) by `[]`. */
  rest: string;
  vocab: VocabIndex;
  /** Largest id in the vocab, -1 when empty. */
  maxId: number;
  /** The merge table; merged ids are left + right (valid only without a continuing-subword prefix). */
  merges: MergeTable;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const SPACE = 0x20;
/** Ids above this go the ordinary way (the duplicate-id check here uses a dense table). */
const MAX_FAST_ID = 1 << 24;

/** Thrown inside the scanner to give up; never leaves this module. */
class Bail {}
const BAIL = new Bail();

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const KEY_MODEL = ascii('model');
const KEY_VOCAB = ascii('vocab');
const KEY_MERGES = ascii('merges');

class Scanner {
  i = 0;
  units = new Uint16Array(256);
  constructor(readonly b: Uint8Array) {}

  ws(): void {
    const b = this.b;
    let i = this.i;
    for (;;) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  expect(c: number): void {
    this.ws();
    if (this.b[this.i] !== c) throw BAIL;
    this.i++;
  }

  /** After ws: true and consumes `close` if it is next, else expects a comma. */
  endOrComma(close: number): boolean {
    this.ws();
    const c = this.b[this.i];
    this.i++;
    if (c === close) return true;
    if (c !== COMMA) throw BAIL;
    return false;
  }

  /** An object key made of plain bytes (no escapes); returns its [start, end) in the bytes. */
  rawKey(): number {
    this.expect(QUOTE);
    const b = this.b;
    const start = this.i;
    let i = start;
    for (;;) {
      const c = b[i];
      if (c === undefined || c === BACKSLASH) throw BAIL;
      if (c === QUOTE) break;
      i++;
    }
    this.i = i + 1;
    this.expect(COLON);
    return start;
  }

  keyIs(start: number, key: Uint8Array): boolean {
    if (this.b[start + key.length] !== QUOTE) return false;
    for (let k = 0; k < key.length; k++) if (this.b[start + k] !== key[k]) return false;
    return true;
  }

  /** Skips any JSON value (its syntax is checked later by JSON.parse of the rest). */
  skipValue(): void {
    this.ws();
    const b = this.b;
    let i = this.i;
    let depth = 0;
    for (;;) {
      const c = b[i];
      if (c === undefined) throw BAIL;
      if (c === QUOTE) {
        i++;
        for (;;) {
          const d = b[i++];
          if (d === undefined) throw BAIL;
          if (d === BACKSLASH) i++;
          else if (d === QUOTE) break;
        }
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
        i++;
      } else if (c === RBRACE || c === RBRACKET) {
        if (depth === 0) break;
        depth--;
        i++;
      } else if (depth === 0 && (c === COMMA || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) break;
      else i++;
      if (depth === 0 && (c === QUOTE || c === RBRACE || c === RBRACKET)) break;
    }
    this.i = i;
  }

}

function hex(c: number | undefined): number {
  if (c !== undefined) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
  }
  throw BAIL;
}

const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

// decodeKey's other results (module state rather than an object per call).
/** Byte index after the closing quote. */
let dPos = 0;
/** Hash H of the units written. */
let dHash = 0;

/**
 * Decodes the JSON string whose opening quote is before b[i] into out[at..] (UTF-8 and escapes to
 * UTF-16 units) and returns the end unit index; gives up on raw control characters, malformed
 * UTF-8, or more than `limit` units.
 */
function decodeKey(b: Uint8Array, i: number, out: Uint16Array, at: number, limit: number): number {
  let k = at;
  let h = 0;
  for (;;) {
    const c = b[i++];
    if (c === QUOTE) break;
    if (c === undefined || k >= limit) throw BAIL;
    let unit: number;
    if (c < 0x80) {
      if (c >= 0x20 && c !== BACKSLASH) unit = c;
      else if (c === BACKSLASH) {
        unit = unescape(b, i);
        i += b[i] === 0x75 ? 5 : 1;
      } else throw BAIL;
    } else if (c >= 0xc2 && c < 0xe0) {
      const c1 = b[i++]!;
      if ((c1 & 0xc0) !== 0x80) throw BAIL;
      unit = ((c & 0x1f) << 6) | (c1 & 0x3f);
    } else if (c >= 0xe0 && c < 0xf0) {
      const c1 = b[i++]!;
      const c2 = b[i++]!;
      // Overlong forms and encoded surrogates are malformed.
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) throw BAIL;
      unit = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
    } else if (c >= 0xf0 && c < 0xf5) {
      const cp = utf8Four(b, i, c);
      i += 3;
      // The high surrogate here, the low one as `unit` below.
      const hi = 0xd800 + ((cp - 0x10000) >> 10);
      out[k++] = hi;
      h = (Math.imul(h, HASH_P) + hi) | 0;
      unit = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    } else throw BAIL;
    out[k++] = unit;
    h = (Math.imul(h, HASH_P) + unit) | 0;
  }
  dPos = i;
  dHash = h;
  return k;
}

/** The unit of the escape whose letter is b[i] (after a backslash); \u reads b[i+1..i+4]. */
function unescape(b: Uint8Array, i: number): number {
  const e = b[i];
  if (e === 0x22 || e === 0x5c || e === 0x2f) return e;
  if (e === 0x6e) return 0x0a;
  if (e === 0x74) return 0x09;
  if (e === 0x72) return 0x0d;
  if (e === 0x62) return 0x08;
  if (e === 0x66) return 0x0c;
  if (e === 0x75) return (hex(b[i + 1]) << 12) | (hex(b[i + 2]) << 8) | (hex(b[i + 3]) << 4) | hex(b[i + 4]);
  throw BAIL;
}

/** The code point of a 4-byte UTF-8 sequence whose lead byte `c` is before b[i]. */
function utf8Four(b: Uint8Array, i: number, c: number): number {
  const c1 = b[i]!;
  const c2 = b[i + 1]!;
  const c3 = b[i + 2]!;
  if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) throw BAIL;
  if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) throw BAIL;
  return ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
}

interface VocabScan {
  vocab: VocabIndex;
  maxId: number;
  /** Entry index of each id (-1: no token): the merges' first guess for a merged token. */
  entryOfId: Int32Array;
}

/** `{"token": id, …}` at the scanner's position, decoded into a VocabIndex. */
function scanVocab(s: Scanner): VocabScan {
  const b = s.b;
  let i = s.i;
  // Upper bounds from the document length: a unit needs at least a byte, an entry `"":0,`.
  const pool = new Uint16Array(b.length);
  const maxEntries = ((b.length / 5) | 0) + 1;
  const start = new Int32Array(maxEntries + 1);
  const ids = new Int32Array(maxEntries);
  const hashes = new Int32Array(maxEntries);
  let u = 0;
  let count = 0;
  let maxId = -1;
  let c = b[i];
  while (isWs(c)) c = b[++i];
  if (c !== LBRACE) throw BAIL;
  c = b[++i];
  while (isWs(c)) c = b[++i];
  if (c === RBRACE) i++;
  else {
    for (;;) {
      if (c !== QUOTE) throw BAIL;
      start[count] = u;
      u = decodeKey(b, i + 1, pool, u, pool.length);
      i = dPos;
      hashes[count] = dHash;
      c = b[i];
      while (isWs(c)) c = b[++i];
      if (c !== COLON) throw BAIL;
      c = b[++i];
      while (isWs(c)) c = b[++i];
      // The id: plain digits only (JSON.parse's 1.0 or 1e3 go the ordinary way).
      const d0 = i;
      let v = 0;
      while (c !== undefined && c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        if (v > MAX_FAST_ID) throw BAIL;
        c = b[++i];
      }
      if (i === d0 || (b[d0] === 0x30 && i > d0 + 1) || c === 0x2e || c === 0x65 || c === 0x45) throw BAIL;
      ids[count++] = v;
      if (v > maxId) maxId = v;
      while (isWs(c)) c = b[++i];
      if (c === RBRACE) {
        i++;
        break;
      }
      if (c !== COMMA) throw BAIL;
      c = b[++i];
      while (isWs(c)) c = b[++i];
    }
  }
  start[count] = u;
  s.i = i;
  // Duplicate ids are an error of the ordinary path's; duplicate keys are JSON.parse's last-wins.
  const entryOfId = new Int32Array(maxId + 1).fill(-1);
  for (let e = 0; e < count; e++) {
    if (entryOfId[ids[e]!] !== -1) throw BAIL;
    entryOfId[ids[e]!] = e;
  }
  const vocab = VocabIndex.build(pool.slice(0, u), start.slice(0, count + 1), ids.slice(0, count), hashes, count);
  if (vocab === null) throw BAIL;
  return { vocab, maxId, entryOfId };
}

/** Id of buf[from..to) (hash h) in the vocab, or -1. */
function probe(v: VocabIndex, buf: Uint16Array, from: number, to: number, h: number): number {
  const { pool, start, slots, mask } = v;
  const len = to - from;
  let i = slotOf(h, mask);
  for (;;) {
    const e = slots[i]!;
    if (e < 0) return -1;
    const s = start[e]!;
    if (start[e + 1]! - s === len) {
      let k = 0;
      while (k < len && pool[s + k] === buf[from + k]) k++;
      if (k === len) return v.ids[e]!;
    }
    i = (i + 1) & mask;
  }
}

/** Whether vocab entry e's token is exactly buf[0..len). */
function entryIs(v: VocabIndex, e: number, buf: Uint16Array, len: number): boolean {
  const s = v.start[e]!;
  if (v.start[e + 1]! - s !== len) return false;
  const pool = v.pool;
  for (let k = 0; k < len; k++) if (pool[s + k] !== buf[k]) return false;
  return true;
}

/** Longest merge string handled here (units); a longer one sends the document the ordinary way. */
const MAX_MERGE_UNITS = 4096;

/** `["a b", …]` or `[["a", "b"], …]` at the scanner's position, resolved to ids. */
function scanMerges(s: Scanner, vs: VocabScan): MergeTable {
  const { vocab, entryOfId, maxId } = vs;
  const b = s.b;
  let i = s.i;
  // Sized for the vocab (a trained file has fewer merges than tokens); more merges give up below.
  const pairs = new PairTable(vocab.count);
  const merged = new Int32Array(vocab.count);
  // Left token in u[0..aEnd), right token in u[aEnd..k): the merged token is u[0..k).
  const u = new Uint16Array(MAX_MERGE_UNITS + 2);
  let n = 0;
  let prev = -1;
  let c = b[i];
  while (isWs(c)) c = b[++i];
  if (c !== LBRACKET) throw BAIL;
  c = b[++i];
  while (isWs(c)) c = b[++i];
  if (c === RBRACKET) i++;
  else {
    for (;;) {
      let k: number;
      let aEnd: number;
      let ha: number;
      let hb: number;
      if (c === QUOTE) {
        // "a b": exactly one space (decoded, so an escaped space counts, as after JSON.parse). One
        // pass finds it, hashes both sides and moves b left over it (u[0..k) becomes a + b).
        const end = decodeKey(b, i + 1, u, 0, MAX_MERGE_UNITS);
        i = dPos;
        let sp = -1;
        ha = 0;
        hb = 0;
        for (let j = 0; j < end; j++) {
          const x = u[j]!;
          if (x === SPACE) {
            if (sp >= 0) throw BAIL;
            sp = j;
          } else if (sp < 0) ha = (Math.imul(ha, HASH_P) + x) | 0;
          else {
            hb = (Math.imul(hb, HASH_P) + x) | 0;
            u[j - 1] = x;
          }
        }
        if (sp < 0) throw BAIL;
        aEnd = sp;
        k = end - 1;
      } else if (c === LBRACKET) {
        c = b[++i];
        while (isWs(c)) c = b[++i];
        if (c !== QUOTE) throw BAIL;
        aEnd = decodeKey(b, i + 1, u, 0, MAX_MERGE_UNITS);
        ha = dHash;
        i = dPos;
        c = b[i];
        while (isWs(c)) c = b[++i];
        if (c !== COMMA) throw BAIL;
        c = b[++i];
        while (isWs(c)) c = b[++i];
        if (c !== QUOTE) throw BAIL;
        k = decodeKey(b, i + 1, u, aEnd, MAX_MERGE_UNITS);
        hb = dHash;
        i = dPos;
        c = b[i];
        while (isWs(c)) c = b[++i];
        if (c !== RBRACKET) throw BAIL;
        i++;
      } else throw BAIL;
      const ia = probe(vocab, u, 0, aEnd, ha);
      const ib = probe(vocab, u, aEnd, k, hb);
      // Trained files give merge n the id after merge n-1's: compare that token first.
      const g = prev + 1;
      let im: number;
      if (g <= maxId && entryOfId[g]! >= 0 && entryIs(vocab, entryOfId[g]!, u, k)) im = g;
      else im = probe(vocab, u, 0, k, (Math.imul(ha, hashPow(k - aEnd)) + hb) | 0);
      // More merges than tokens (repeated pairs) would overfill the table sized for the vocab.
      if (ia < 0 || ib < 0 || im < 0 || n >= vocab.count) throw BAIL;
      // A repeated pair keeps its last rank, as the reference's HashMap collect does.
      pairs.set(ia, ib, n);
      merged[n++] = im;
      prev = im;
      c = b[i];
      while (isWs(c)) c = b[++i];
      if (c === RBRACKET) {
        i++;
        break;
      }
      if (c !== COMMA) throw BAIL;
      c = b[++i];
      while (isWs(c)) c = b[++i];
    }
  }
  s.i = i;
  return { pairs, mergedId: merged.slice(0, n) };
}

/** The vocab and merges of `bytes` (a whole tokenizer.json), or null when it is not the plain shape. */
export function scanBpeJson(bytes: Uint8Array): ScannedBpe | null {
  try {
    return scan(bytes);
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}

function scan(bytes: Uint8Array): ScannedBpe {
  const s = new Scanner(bytes);
  let vocab: VocabScan | null = null;
  let merges: MergeTable | null = null;
  // Byte ranges of the two values cut out of the document.
  let vs = -1;
  let ve = -1;
  let ms = -1;
  let me = -1;
  let sawModel = false;
  s.expect(LBRACE);
  s.ws();
  if (s.b[s.i] === RBRACE) throw BAIL;
  for (;;) {
    const k = s.rawKey();
    if (s.keyIs(k, KEY_MODEL)) {
      // A repeated key is JSON.parse's last-wins: the ordinary path handles it.
      if (sawModel) throw BAIL;
      sawModel = true;
      s.expect(LBRACE);
      s.ws();
      if (s.b[s.i] !== RBRACE) {
        for (;;) {
          const mk = s.rawKey();
          s.ws();
          if (s.keyIs(mk, KEY_VOCAB)) {
            if (vs >= 0) throw BAIL;
            vs = s.i;
            vocab = scanVocab(s);
            ve = s.i;
          } else if (s.keyIs(mk, KEY_MERGES)) {
            if (vocab === null || ms >= 0) throw BAIL;
            ms = s.i;
            merges = scanMerges(s, vocab);
            me = s.i;
          } else s.skipValue();
          if (s.endOrComma(RBRACE)) break;
        }
      } else s.i++;
    } else s.skipValue();
    if (s.endOrComma(RBRACE)) break;
  }
  s.ws();
  if (s.i !== bytes.length || vocab === null) throw BAIL;
  const dec = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let rest = dec.decode(bytes.subarray(0, vs)) + '{}';
  if (ms >= 0) rest += dec.decode(bytes.subarray(ve, ms)) + '[]' + dec.decode(bytes.subarray(me));
  else rest += dec.decode(bytes.subarray(ve));
  return { rest, vocab: vocab.vocab, maxId: vocab.maxId, merges: merges ?? { pairs: new PairTable(0), mergedId: new Int32Array(0) } };
}
