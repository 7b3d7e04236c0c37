// Byte-level JSON reading for the fast tokenizer.json loader (scan-bpe.ts): a cursor over UTF-8
// bytes that reads plain object keys and skips values, and a string decoder to UTF-16 units that
// hashes them as it goes. It reports no syntax errors: anything outside the plain shape throws BAIL
// and the loader falls back to JSON.parse, which then gives the error (or the result).

import { HASH_P } from '../models/bpe/vocab-index.js';

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const SPACE = 0x20;

/** Thrown to give up on the fast path; scanBpeJson catches it (it never reaches a caller). */
class Bail {}
export const BAIL = new Bail();

export const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class Scanner {
  /** Cursor of the structural methods. */
  i = 0;
  /** decodeString's other results: the byte index after the closing quote, and the units' hash. */
  next = 0;
  hash = 0;
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

  /**
   * Decodes the JSON string whose opening quote is before b[i] into out[at..] (UTF-8 and escapes to
   * UTF-16 units) and returns the end unit index; gives up on raw control characters, malformed
   * UTF-8, or more than `limit` units.
   */
  decodeString(i: number, out: Uint16Array, at: number, limit: number): number {
    const b = this.b;
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
    this.next = i;
    this.hash = h;
    return k;
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

