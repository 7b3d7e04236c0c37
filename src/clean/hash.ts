// A 128-bit non-cryptographic hash of a string's UTF-16 code units (the MurmurHash3 x86-128
// mixing scheme over code units packed two per 32-bit word), for exact deduplication: two different
// documents share a key with probability ~2^-128 per pair, i.e. never in practice for any corpus.
// Not for: anything adversarial (it is not collision-resistant against crafted input).

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function word(s: string, j: number): number {
  // Two code units per word; charCodeAt past the end is NaN, which `| 0` turns into 0.
  return (s.charCodeAt(2 * j) | (s.charCodeAt(2 * j + 1) << 16)) | 0;
}

/** Writes the hash of `s` into `out[0..3]` (never all zero, so zero can mark an empty slot). */
export function hash128(s: string, out: Uint32Array): void {
  const words = (s.length + 1) >>> 1;
  const blocks = words >>> 2;
  let h1 = 0x9747b28c;
  let h2 = 0x9747b28c;
  let h3 = 0x9747b28c;
  let h4 = 0x9747b28c;
  for (let b = 0; b < blocks; b++) {
    let k1 = word(s, 4 * b);
    let k2 = word(s, 4 * b + 1);
    let k3 = word(s, 4 * b + 2);
    let k4 = word(s, 4 * b + 3);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const rest = words - blocks * 4;
  const base = blocks * 4;
  if (rest >= 3) h3 ^= Math.imul(rotl(Math.imul(word(s, base + 2), C3), 17), C4);
  if (rest >= 2) h2 ^= Math.imul(rotl(Math.imul(word(s, base + 1), C2), 16), C3);
  if (rest >= 1) h1 ^= Math.imul(rotl(Math.imul(word(s, base), C1), 15), C2);
  // The length in code units separates "a" from "a\0" (both pad to the same words).
  h1 ^= s.length;
  h2 ^= s.length;
  h3 ^= s.length;
  h4 ^= s.length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
  if ((h1 | h2 | h3 | h4) === 0) out[0] = 1;
}
