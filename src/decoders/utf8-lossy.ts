// UTF-8 bytes to UTF-16 units with U+FFFD for each maximal ill-formed subpart: the WHATWG decoder
// (TextDecoder without `fatal`, and Rust's from_utf8_lossy, which the reference uses); or, `fatal`,
// only well-formed UTF-8 (Unicode table 3-7). In JS, for the few bytes of a token or of a run of
// cut tokens, where a TextDecoder call costs more than the decoding. No BOM handling (the caller
// decodes from the middle of a text).

/**
 * Decodes `bytes[0..k)` into `out` from `u`; returns the new end, or -1 when `fatal` and the bytes
 * are not well-formed. `out` needs room for `k` units past `u` (a unit per byte at most).
 */
export function utf8LossyInto(bytes: Uint8Array, k: number, out: Uint16Array, u: number, fatal = false): number {
  let needed = 0; // continuation bytes the open sequence still needs
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < k; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b < 0x80) out[u++] = b;
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        // No overlongs (E0), no surrogates (ED).
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        // No overlongs (F0), nothing past U+10FFFF (F4).
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else if (fatal) return -1;
      else out[u++] = 0xfffd;
      continue;
    }
    if (b < lower || b > upper) {
      if (fatal) return -1;
      // The open sequence ends here as one U+FFFD; this byte starts afresh.
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      out[u++] = 0xfffd;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (--needed === 0) {
      if (cp < 0x10000) out[u++] = cp;
      else {
        out[u++] = 0xd800 + ((cp - 0x10000) >> 10);
        out[u++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      }
    }
  }
  if (needed !== 0) {
    if (fatal) return -1;
    out[u++] = 0xfffd;
  }
  return u;
}
