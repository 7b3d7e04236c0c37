// Reads `$.model.vocab` and `$.model.merges` of a tokenizer.json straight from its UTF-8 bytes into
// integer tables (a VocabIndex, merge ids), and returns the rest of the document as text with those
// two values replaced by `{}` and `[]` for JSON.parse. It accepts only the plain common shape; on
// anything else (escaped keys, duplicate keys or ids, non-integer ids, invalid UTF-8, merges before
// the vocab, unknown merge tokens, …) it returns null and the caller parses the whole document the
// ordinary way, so every error and edge case has one implementation (config/model.ts).
//
// Design notes (performance): JSON.parse of a 30k-token vocab builds a dictionary-mode object and
// 30k merge strings, and the model then hashes them all again — about 45 of an 80 ms cold start.
// Here each key is decoded once into a code-unit pool and indexed; each merge is decoded into a
// scratch buffer and resolved to (left id, right id, merged id) without making a string; the
// merged token's hash comes from its two sides' (see vocab-index.ts). This code runs once, cold: the
// vocab and merges loops are long loops that V8 optimizes on the stack early, the arrays are sized
// up front from the document length (no growth branches), and every operation in the loops runs
// from the first entries on, so the optimized code never meets one without type feedback (which
// would throw it away mid-scan: see the PairTable.set comment) — except whitespace before a closing
// bracket, met once at the very end.

import { PairTable, type MergeTable } from '../models/bpe/merge.js';
import { HASH_P, hashPow, VocabIndex } from '../models/bpe/vocab-index.js';
import { BAIL, COLON, COMMA, isWs, LBRACE, LBRACKET, QUOTE, RBRACE, RBRACKET, Scanner, SPACE } from './json-bytes.js';

export interface ScannedBpe {
  /** The document with the vocab value replaced by `{}` and the merges value (if any) by `[]`. */
  rest: string;
  vocab: VocabIndex;
  /** Largest id in the vocab, -1 when empty. */
  maxId: number;
  /** The merge table; merged ids are left + right (valid only without a continuing-subword prefix). */
  merges: MergeTable;
}

/** Ids above this go the ordinary way (the duplicate-id check here uses a dense table). */
const MAX_FAST_ID = 1 << 24;

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const KEY_MODEL = ascii('model');
const KEY_VOCAB = ascii('vocab');
const KEY_MERGES = ascii('merges');

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
      u = s.decodeString(i + 1, pool, u, pool.length);
      i = s.next;
      hashes[count] = s.hash;
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
        const end = s.decodeString(i + 1, u, 0, MAX_MERGE_UNITS);
        i = s.next;
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
        aEnd = s.decodeString(i + 1, u, 0, MAX_MERGE_UNITS);
        ha = s.hash;
        i = s.next;
        c = b[i];
        while (isWs(c)) c = b[++i];
        if (c !== COMMA) throw BAIL;
        c = b[++i];
        while (isWs(c)) c = b[++i];
        if (c !== QUOTE) throw BAIL;
        k = s.decodeString(i + 1, u, aEnd, MAX_MERGE_UNITS);
        hb = s.hash;
        i = s.next;
        c = b[i];
        while (isWs(c)) c = b[++i];
        if (c !== RBRACKET) throw BAIL;
        i++;
      } else throw BAIL;
      const ia = vocab.find(u, 0, aEnd, ha);
      const ib = vocab.find(u, aEnd, k, hb);
      // Trained files give merge n the id after merge n-1's: compare that token first.
      const g = prev + 1;
      let im: number;
      if (g <= maxId && entryOfId[g]! >= 0 && vocab.entryIs(entryOfId[g]!, u, k)) im = g;
      else im = vocab.find(u, 0, k, (Math.imul(ha, hashPow(k - aEnd)) + hb) | 0);
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
