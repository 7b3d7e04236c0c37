// Byte strings: the dictionary compiler works, like mecab-dict-index, on raw bytes (no charset
// conversion for utf-8 → utf-8), so text is held as JS strings with one char per byte (0..255).
// Comparing such strings with `<` is the byte order std::string uses; nothing is ever decoded.

/** Bytes → a string of chars 0..255. */
export function byteString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

/** A string of chars 0..255 → bytes. */
export function stringBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder('utf-8');

/** A JS (UTF-16) string → its UTF-8 bytes as a byte string. */
export function utf8ByteString(s: string): string {
  return byteString(utf8.encode(s));
}

/** A byte string → text for messages (invalid UTF-8 shows as U+FFFD). */
export function showBytes(s: string): string {
  return utf8d.decode(stringBytes(s));
}
