// The GPT-2 byte <-> unicode tables: every byte 0..255 gets a printable character so byte-level
// tokens can be stored as strings. Same mapping as `bytes_char()` in Hugging Face `tokenizers`.
// This module only holds the tables and tiny helpers; it does no splitting or decoding policy.

function buildByteToChar(): string[] {
  const table: string[] = new Array<string>(256);
  // Printable Latin-1 ranges map to themselves; everything else is shifted to U+0100 and up,
  // in byte order, so the mapping is a bijection onto printable code points.
  const keep = (b: number): boolean => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (keep(b)) table[b] = String.fromCharCode(b);
    else table[b] = String.fromCharCode(256 + n++);
  }
  return table;
}

/** `BYTE_TO_CHAR[b]` is the one-character string standing for byte `b`. */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

/** Code unit of the character standing for each byte (all are in the BMP, below U+0144). */
export const BYTE_TO_CODE: Uint16Array = Uint16Array.from(BYTE_TO_CHAR, (c) => c.charCodeAt(0));

/** `CHAR_TO_BYTE[charCode]` is the byte a mapped character stands for, or -1. Indexed by code unit < 324. */
export const CHAR_TO_BYTE: Int16Array = (() => {
  const t = new Int16Array(0x144).fill(-1);
  for (let b = 0; b < 256; b++) t[BYTE_TO_CODE[b]!] = b;
  return t;
})();

/** The byte a character code stands for, or -1 when the character is not in the byte-level alphabet. */
export function charCodeToByte(code: number): number {
  return code < 0x144 ? CHAR_TO_BYTE[code]! : -1;
}

const UTF8 = new TextEncoder();

/**
 * The bytes a token stands for under the ByteLevel decoder's rule: each character of the byte-level
 * alphabet is its byte; a token with any other character is taken as its own UTF-8 text.
 */
export function byteLevelToBytes(tok: string): Uint8Array {
  const out = new Uint8Array(tok.length);
  for (let i = 0; i < tok.length; i++) {
    const b = charCodeToByte(tok.charCodeAt(i));
    if (b < 0) return UTF8.encode(tok);
    out[i] = b;
  }
  return out;
}

/** Maps UTF-8 bytes to their byte-level string (e.g. "안" → "ìķĪ"). */
export function bytesToByteLevel(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_CHAR[bytes[i]!]!;
  return s;
}
