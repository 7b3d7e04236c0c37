// Conversions of offsets given in UTF-16 code units of the input to code points or UTF-8 bytes.
// Tables are built only when the input needs them (astral chars / non-ASCII).

/** Code point index of every UTF-16 offset 0..len, or null when the two coincide (no astral chars). */
export function utf16ToCodePointTable(s: string): Int32Array | null {
  let astral = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      astral = true;
      break;
    }
  }
  if (!astral) return null;
  const t = new Int32Array(s.length + 1);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    t[i] = n;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) t[++i] = n; // the low half never starts a char
    }
    n++;
  }
  t[s.length] = n;
  return t;
}

/** UTF-8 byte offset of every UTF-16 offset 0..len, or null when they coincide (ASCII only). */
export function utf16ToByteTable(s: string): Int32Array | null {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return null;
  const t = new Int32Array(s.length + 1);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    t[i] = n;
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      t[++i] = n;
      n += 4;
    } else n += 3;
  }
  t[s.length] = n;
  return t;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// ES2024's String.prototype.isWellFormed / toWellFormed where the platform has them (Node 20,
// current browsers): native, and no regex to compile on a process's first encode (~3 ms cold).
type WellFormedFns = { isWellFormed?: (this: string) => boolean; toWellFormed?: (this: string) => string };
const nativeIsWellFormed = (String.prototype as WellFormedFns).isWellFormed;
const nativeToWellFormed = (String.prototype as WellFormedFns).toWellFormed;

/** Whether `s` has no lone surrogate. */
export function isWellFormed(s: string): boolean {
  if (nativeIsWellFormed) return nativeIsWellFormed.call(s);
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(s);
}

/** `s` with each lone surrogate replaced by U+FFFD (how the reference sees them). */
export function toWellFormed(s: string): string {
  if (isWellFormed(s)) return s;
  if (nativeToWellFormed) return nativeToWellFormed.call(s);
  LONE_SURROGATE.lastIndex = 0;
  return s.replace(LONE_SURROGATE, '\uFFFD');
}
