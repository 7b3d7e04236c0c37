// The key codecs of the byte count table: how a word string becomes the bytes it is stored and
// hashed as, and back. `utf8` stores any string as WTF-8 (UTF-8 that also encodes lone surrogates,
// so every JS string round-trips); `byte-level` stores a byte-level word (every character one of the
// 256 GPT-2 stand-ins) as the bytes it stands for: half the bytes of Korean words, and the bytes the
// trainer maps straight to symbol ids. Neither hashes nor allocates per call beyond the result string.

import { BYTE_TO_CODE, CHAR_TO_BYTE } from '../../models/bpe/byte-level.js';

export type KeyMode = 'utf8' | 'byte-level';

/** A growable byte buffer the encoders write into (one per table: not shared, not reentrant). */
export class Scratch {
  bytes = new Uint8Array(256);

  ensure(n: number): Uint8Array {
    if (n > this.bytes.length) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    return this.bytes;
  }
}

/**
 * Writes the UTF-8 bytes of `s` into `out`; returns their number. A lone surrogate is written as its
 * own 3-byte sequence (`wtf8` true: WTF-8, round-trips) or as U+FFFD (false: what a UTF-8 encoder and
 * the reference's byte-level mapping give). `out` must hold 3 bytes per UTF-16 unit.
 */
export function encodeUtf8(s: string, out: Uint8Array, wtf8: boolean): number {
  let at = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const lo = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
        out[at++] = 0xf0 | (cp >> 18);
        out[at++] = 0x80 | ((cp >> 12) & 63);
        out[at++] = 0x80 | ((cp >> 6) & 63);
        out[at++] = 0x80 | (cp & 63);
        continue;
      }
      if (!wtf8) c = 0xfffd;
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 63);
    out[at++] = 0x80 | (c & 63);
  }
  return at;
}

/** Writes the bytes a byte-level word stands for into `out`; returns their number, or -1 if `s` is not one. */
export function encodeByteLevel(s: string, out: Uint8Array): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const b = c < 0x144 ? CHAR_TO_BYTE[c]! : -1;
    if (b < 0) return -1;
    out[i] = b;
  }
  return n;
}

const units = { buf: new Uint16Array(256) };

function unitBuffer(n: number): Uint16Array {
  if (n > units.buf.length) units.buf = new Uint16Array(Math.max(n, units.buf.length * 2));
  return units.buf;
}

/** A string from UTF-16 units (in chunks: `apply` has an argument limit). */
function fromUnits(u: Uint16Array, n: number): string {
  if (n <= 8192) return String.fromCharCode.apply(null, u.subarray(0, n) as unknown as number[]);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, u.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return s;
}

/** The string of WTF-8 bytes `b[from, from + len)` (as written by `encodeUtf8(…, true)`). */
export function decodeUtf8(b: Uint8Array, from: number, len: number): string {
  const u = unitBuffer(len);
  let n = 0;
  const end = from + len;
  for (let i = from; i < end; ) {
    const x = b[i]!;
    if (x < 0x80) {
      u[n++] = x;
      i++;
    } else if (x < 0xe0) {
      u[n++] = ((x & 31) << 6) | (b[i + 1]! & 63);
      i += 2;
    } else if (x < 0xf0) {
      u[n++] = ((x & 15) << 12) | ((b[i + 1]! & 63) << 6) | (b[i + 2]! & 63);
      i += 3;
    } else {
      const cp = ((x & 7) << 18) | ((b[i + 1]! & 63) << 12) | ((b[i + 2]! & 63) << 6) | (b[i + 3]! & 63);
      u[n++] = 0xd800 + ((cp - 0x10000) >> 10);
      u[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      i += 4;
    }
  }
  return fromUnits(u, n);
}

/** The byte-level word of bytes `b[from, from + len)`. */
export function decodeByteLevel(b: Uint8Array, from: number, len: number): string {
  const u = unitBuffer(len);
  for (let i = 0; i < len; i++) u[i] = BYTE_TO_CODE[b[from + i]!]!;
  return fromUnits(u, len);
}

/**
 * Sort rank of each byte such that comparing keys byte by byte through it is code-point order of
 * the word strings: the identity for WTF-8, the order of the stand-in characters for byte-level.
 */
export function byteRanks(mode: KeyMode): Uint8Array {
  const r = new Uint8Array(256);
  if (mode === 'utf8') {
    for (let b = 0; b < 256; b++) r[b] = b;
    return r;
  }
  const bytes = Array.from({ length: 256 }, (_, b) => b).sort((a, b) => BYTE_TO_CODE[a]! - BYTE_TO_CODE[b]!);
  bytes.forEach((b, i) => (r[b] = i));
  return r;
}
