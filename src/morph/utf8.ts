// Encodes a JS string to UTF-8 into a reusable buffer and records, for every byte that starts a
// character, the UTF-16 offset it came from (so byte spans from the lattice map back to the string).
// PARITY: lone surrogates become U+FFFD (EF BF BD) exactly as TextEncoder does.

export class Utf8Encoder {
  bytes = new Uint8Array(256);
  /**
   * utf16At[b] = UTF-16 offset of the character byte b belongs to; utf16At[length] = text.length.
   * (Lattice positions are character starts except after MeCab's 64 KiB-whitespace wrap-around.)
   */
  utf16At = new Int32Array(257);
  length = 0;

  encode(text: string): void {
    const max = text.length * 3;
    if (this.bytes.length < max) {
      this.bytes = new Uint8Array(max);
      this.utf16At = new Int32Array(max + 1);
    }
    const out = this.bytes;
    const at = this.utf16At;
    let j = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      at[j] = i;
      if (c < 0x80) {
        out[j++] = c;
      } else if (c < 0x800) {
        at[j + 1] = i;
        out[j++] = 0xc0 | (c >> 6);
        out[j++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          at[j + 1] = at[j + 2] = at[j + 3] = i;
          out[j++] = 0xf0 | (c >> 18);
          out[j++] = 0x80 | ((c >> 12) & 0x3f);
          out[j++] = 0x80 | ((c >> 6) & 0x3f);
          out[j++] = 0x80 | (c & 0x3f);
          i++;
        } else {
          at[j + 1] = at[j + 2] = i;
          out[j++] = 0xef;
          out[j++] = 0xbf;
          out[j++] = 0xbd;
        }
      } else {
        at[j + 1] = at[j + 2] = i;
        out[j++] = 0xe0 | (c >> 12);
        out[j++] = 0x80 | ((c >> 6) & 0x3f);
        out[j++] = 0x80 | (c & 0x3f);
      }
    }
    at[j] = text.length;
    this.length = j;
  }
}
