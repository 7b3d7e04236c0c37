// UTF-8 well-formedness by the Unicode table (3-7), without a TextDecoder call: used where many small
// byte strings are checked at once. Does not decode; a caller that needs the text decodes after.

/** Bytes a sequence led by `c` takes, or 0 when `c` cannot start one. */
const seqLength = (c: number): number => (c < 0x80 ? 1 : c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0);

/**
 * UTF-16 length of `b[from, to)` when those bytes are well-formed UTF-8 (what a fatal TextDecoder
 * accepts), else -1. Four-byte sequences count two units (a surrogate pair).
 */
export function utf16LengthOfUtf8(b: Uint8Array, from = 0, to = b.length): number {
  let units = 0;
  for (let i = from; i < to; ) {
    const c = b[i]!;
    const n = seqLength(c);
    if (n === 0 || i + n > to) return -1;
    if (n > 1) {
      const c1 = b[i + 1]!;
      // The second byte's range depends on the lead: no overlongs (E0, F0), no surrogates (ED), nothing past U+10FFFF (F4).
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (c1 < lo || c1 > hi) return -1;
      for (let j = 2; j < n; j++) {
        const cj = b[i + j]!;
        if (cj < 0x80 || cj > 0xbf) return -1;
      }
    }
    units += n === 4 ? 2 : 1;
    i += n;
  }
  return units;
}
