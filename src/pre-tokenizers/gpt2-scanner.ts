// A hand-written scanner equivalent to the GPT-2 split regex of the reference's ByteLevel
// pre-tokenizer — 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ — with
// the reference's Unicode tables. It only finds piece boundaries; it knows nothing of bytes.
//
// Design notes (performance): a regex with huge Unicode classes is slow per call and, on a 10 MB
// run of letters, overflows V8's backtracking stack. This scanner is one linear pass over the
// text with a 64 KiB class table for the BMP (binary search only for astral chars), no allocation.

import type { Ranges } from '../text/ranges.js';
import { inRanges, onigClassRanges } from '../text/unicode-classes.js';

const OTHER = 0;
const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;

let bmp: Uint8Array | null = null;
let astral: Array<[Int32Array, number]> = [];

function tables(): Uint8Array {
  if (bmp) return bmp;
  const t = new Uint8Array(0x10000);
  const lists: Array<[Int32Array, number]> = [
    [onigClassRanges('L')!, LETTER],
    [onigClassRanges('N')!, NUMBER],
    [onigClassRanges('s')!, SPACE],
  ];
  for (const [r, cls] of lists) {
    // fill, not a loop per code point: this runs once per process, cold, on the first encode.
    for (let k = 0; k < r.length && r[k]! < 0x10000; k += 2) t.fill(cls, r[k]!, Math.min(r[k + 1]!, 0x10000));
  }
  astral = lists;
  return (bmp = t);
}

function classOfAstral(cp: number): number {
  for (const [r, cls] of astral) if (inRanges(r, cp)) return cls;
  return OTHER;
}

/**
 * Class of the code point at s[i] and its width in units, as class | width << 8 (lone surrogates
 * count as OTHER, like U+FFFD). Plain functions rather than closures: they inline into the scan.
 */
function classAt(s: string, i: number, to: number, t: Uint8Array): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOfAstral(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)) | (2 << 8);
  }
  return t[c]! | (1 << 8);
}

/** End of the run of class `k` starting at i. */
function runEnd(s: string, i: number, to: number, k: number, t: Uint8Array): number {
  while (i < to) {
    const cw = classAt(s, i, to, t);
    if ((cw & 0xff) !== k) break;
    i += cw >> 8;
  }
  return i;
}

/**
 * Appends every piece of s[from, to) to `out` in order; the pieces tile the range (Isolated
 * behaviour). The range end acts as the end of the text for the lookahead. Stops after `max` pieces
 * and returns where it stopped (`to` when done): a piece boundary, where the scan can resume.
 */
export function gpt2Pieces(s: string, from: number, to: number, out: Ranges, max = 0x7fffffff): number {
  const stop = out.n + max;
  const t = tables();
  let i = from;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (c === 0x27 && i + 1 < to) {
      // 's 't 're 've 'm 'll 'd (case-sensitive, in this order).
      const a = s.charCodeAt(i + 1);
      const b = i + 2 < to ? s.charCodeAt(i + 2) : -1;
      let len = 0;
      if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64) len = 2;
      else if ((a === 0x72 || a === 0x76) && b === 0x65) len = 3;
      else if (a === 0x6c && b === 0x6c) len = 3;
      if (len) {
        out.push(i, i + len);
        i += len;
        if (out.n >= stop) return i;
        continue;
      }
    }
    const cw0 = classAt(s, i, to, t);
    const k0 = cw0 & 0xff;
    const w0 = cw0 >> 8;
    if (k0 !== SPACE) {
      // \p{L}+, \p{N}+ or [^\s\p{L}\p{N}]+ (no leading space here).
      const e = runEnd(s, i + w0, to, k0, t);
      out.push(i, e);
      i = e;
      if (out.n >= stop) return i;
      continue;
    }
    if (c === 0x20 && i + 1 < to) {
      const cw1 = classAt(s, i + 1, to, t);
      const k1 = cw1 & 0xff;
      if (k1 !== SPACE) {
        // " ?" then a run of letters, numbers or other.
        const e = runEnd(s, i + 1 + (cw1 >> 8), to, k1, t);
        out.push(i, e);
        i = e;
        if (out.n >= stop) return i;
        continue;
      }
    }
    // Whitespace: \s+(?!\S) leaves the last space for the next piece when a non-space follows.
    const e = runEnd(s, i + w0, to, SPACE, t);
    if (e < to && e - i > 1) {
      // The last whitespace char before the non-space (whitespace is always in the BMP).
      out.push(i, e - 1);
      i = e - 1;
    } else {
      out.push(i, e);
      i = e;
    }
    if (out.n >= stop) return i;
  }
  return i;
}
