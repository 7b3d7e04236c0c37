// The `fragment` and `short` measures: how much of a document is markup/code symbols, and how
// many characters it has. Mask tokens count as one ordinary character each, so masking never
// makes a document look like code or longer than it is.
// Not handled: detecting code by keywords (`function`, `return`); only the symbol share is used.

// ASCII symbols typical of markup and code but rare in prose. Left out on purpose: prose
// punctuation (. , ! ? ' " ( ) : - …), brackets ([1] in legal text), and what Korean chat uses
// in emoticons (^^ ;; ㅠ_ㅠ *^^* ~), so "잼있어요^^;;" is not taken for code.
const CODE_SYMBOLS = '{}<>=\\|&#$%`+@/';
const IS_SYMBOL = new Uint8Array(128);
for (const ch of CODE_SYMBOLS) IS_SYMBOL[ch.charCodeAt(0)] = 1;

/** JS `\s`, tested on one UTF-16 unit (all whitespace is in the BMP). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export interface Measure {
  /** Non-whitespace code points, a mask token counting as one. */
  chars: number;
  /** How many of them are code/markup symbols. */
  symbols: number;
}

export class FragmentMeter {
  private readonly tokens: RegExp | null;
  private readonly firsts: string[];

  constructor(tokens: readonly string[]) {
    const esc = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.tokens = esc.length ? new RegExp(esc.join('|'), 'gu') : null;
    this.firsts = [...new Set(tokens.map((t) => t[0] as string))];
  }

  measure(text: string): Measure {
    let t = text;
    // Tokens are rare: look for their first characters before running the regex.
    if (this.tokens && this.firsts.some((f) => text.includes(f))) t = text.replace(this.tokens, 'T');
    let chars = 0;
    let symbols = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const p = t.charCodeAt(i - 1);
        if (p >= 0xd800 && p <= 0xdbff) continue; // second half of a code point already counted
      }
      if (isSpace(c)) continue;
      chars++;
      if (c < 128 && IS_SYMBOL[c] === 1) symbols++;
    }
    return { chars, symbols };
  }
}
