// Phases 2-3 of the trainer: the alphabet, and every word as a slice of one Int32Array of symbol
// ids, from either word strings or byte keys (a count table of byte-level words, whose bytes map
// straight to ids: no string per word). Optionally drops rare words first (not HF: `minWordCount`).
// It does not count pairs or merge (train-pairs.ts).

import { TrainConfigError } from './errors.js';
import { BYTE_TO_CODE } from './byte-level.js';

/**
 * Words given as byte keys, each byte standing for its byte-level character (`BYTE_TO_CHAR[b]`):
 * what a byte-level `ByteCountTable` is. `trainBpe` takes such a source without decoding it.
 */
export interface ByteLevelWordSource {
  readonly keys: 'byte-level';
  readonly size: number;
  /** Bytes of all keys together. */
  readonly keyBytes: number;
  forEachKey(fn: (bytes: Uint8Array, from: number, len: number, count: number) => void): void;
}

export function isByteLevelWordSource(x: unknown): x is ByteLevelWordSource {
  const o = x as Partial<ByteLevelWordSource> | null;
  return typeof o === 'object' && o !== null && o.keys === 'byte-level' && typeof o.forEachKey === 'function' && typeof o.keyBytes === 'number';
}

/**
 * The words as symbols. Until `assignIds`, symbols are code points. 16-bit when every symbol fits
 * (byte-level words always do, and so do the ids of any vocabulary up to 65536): the symbols are
 * the largest per-word state of the merge phase, so this halves it (see `fitSymbols`).
 */
export interface WordArena {
  sym: Int32Array | Uint16Array;
  start: Uint32Array;
  len: Uint32Array;
  counts: Float64Array;
  /** Distinct code points present, ascending. */
  alphabet: number[];
  /** Words left out by `minWordCount`, and their occurrences. */
  droppedWords: number;
  droppedOccurrences: number;
}

function badCount(word: () => string, c: number): TrainConfigError {
  return new TrainConfigError('wordCounts', `count ${c} of word ${JSON.stringify(word())} is not a positive integer`, 'drop words that never occur');
}

function grown<T extends Int32Array | Uint32Array | Float64Array>(a: T, make: (n: number) => T, need: number): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** Words from strings: a lone surrogate is a character of its own (as `for…of` sees it). */
export function arenaFromStrings(words: Iterable<readonly [string, number]>, minWordCount: number): WordArena {
  let sym = new Int32Array(1 << 16);
  let start = new Uint32Array(1 << 12);
  let len = new Uint32Array(1 << 12);
  let counts = new Float64Array(1 << 12);
  const seen = new Uint8Array(0x110000);
  let n = 0;
  let at = 0;
  let droppedWords = 0;
  let droppedOccurrences = 0;
  for (const [w, c] of words) {
    if (!Number.isSafeInteger(c) || c < 1) throw badCount(() => w, c);
    if (c < minWordCount) {
      droppedWords++;
      droppedOccurrences += c;
      continue;
    }
    sym = grown(sym, (k) => new Int32Array(k), at + w.length);
    if (n === start.length) {
      start = grown(start, (k) => new Uint32Array(k), n + 1);
      len = grown(len, (k) => new Uint32Array(k), n + 1);
      counts = grown(counts, (k) => new Float64Array(k), n + 1);
    }
    start[n] = at;
    for (let k = 0; k < w.length; k++) {
      let cp = w.charCodeAt(k);
      if (cp >= 0xd800 && cp <= 0xdbff && k + 1 < w.length) {
        const lo = w.charCodeAt(k + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          k++;
        }
      }
      seen[cp] = 1;
      sym[at++] = cp;
    }
    len[n] = at - start[n]!;
    counts[n++] = c;
  }
  const alphabet: number[] = [];
  for (let cp = 0; cp < seen.length; cp++) if (seen[cp]) alphabet.push(cp);
  return { sym: sym.subarray(0, at), start: start.subarray(0, n), len: len.subarray(0, n), counts: counts.subarray(0, n), alphabet, droppedWords, droppedOccurrences };
}

/** Words from byte keys: exact-size arrays, one pass, symbols are the stand-ins' code points. */
export function arenaFromBytes(src: ByteLevelWordSource, minWordCount: number): WordArena {
  let nWords = src.size;
  let total = src.keyBytes;
  if (minWordCount > 1) {
    nWords = 0;
    total = 0;
    src.forEachKey((_b, _f, l, c) => {
      if (c >= minWordCount) {
        nWords++;
        total += l;
      }
    });
  }
  const sym = new Uint16Array(total); // byte-level stand-ins are below 0x144
  const start = new Uint32Array(nWords);
  const len = new Uint32Array(nWords);
  const counts = new Float64Array(nWords);
  const seen = new Uint8Array(256);
  let n = 0;
  let at = 0;
  let droppedWords = 0;
  let droppedOccurrences = 0;
  src.forEachKey((b, from, l, c) => {
    if (!Number.isSafeInteger(c) || c < 1) throw badCount(() => String.fromCharCode(...Array.from(b.subarray(from, from + l), (x) => BYTE_TO_CODE[x]!)), c);
    if (c < minWordCount) {
      droppedWords++;
      droppedOccurrences += c;
      return;
    }
    start[n] = at;
    len[n] = l;
    counts[n++] = c;
    for (let i = from, end = from + l; i < end; i++) {
      const x = b[i]!;
      seen[x] = 1;
      sym[at++] = BYTE_TO_CODE[x]!;
    }
  });
  const alphabet: number[] = [];
  for (let x = 0; x < 256; x++) if (seen[x]) alphabet.push(BYTE_TO_CODE[x]!);
  alphabet.sort((a, b) => a - b);
  return { sym, start, len, counts, alphabet, droppedWords, droppedOccurrences };
}

/**
 * Replaces every code point in `arena.sym` by its id (`idOf`: BMP table, astral map), then gives the
 * symbols the narrowest array that holds every id below `idLimit` (present and future ones).
 */
export function assignIds(arena: WordArena, bmpId: Int32Array, astralId: ReadonlyMap<number, number>, idLimit: number): void {
  const sym = arena.sym;
  for (let i = 0; i < sym.length; i++) {
    const cp = sym[i]!;
    sym[i] = cp < 0x10000 ? bmpId[cp]! : astralId.get(cp)!;
  }
  const narrow = idLimit <= 0x10000;
  if (narrow && sym instanceof Int32Array) arena.sym = Uint16Array.from(sym);
  else if (!narrow && sym instanceof Uint16Array) arena.sym = Int32Array.from(sym);
}
