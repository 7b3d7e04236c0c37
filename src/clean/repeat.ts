// The `repeat` step: a character repeated more than `maxRepeat` times in a row is cut to
// `maxRepeat` (ㅋㅋㅋㅋㅋㅋㅋ → ㅋㅋㅋ, !!!!!!! → !!!). Digits are never cut (1000000 is a number)
// and neither is whitespace (the whitespace step owns it). Mask tokens are left whole.
// Not handled: repeated multi-character units (하하하하 stays; 하 and 하 alternate with nothing).

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class RepeatReducer {
  private readonly run: RegExp;
  private readonly tokens: RegExp | null;

  constructor(
    private readonly maxRepeat: number,
    protectedTokens: readonly string[],
  ) {
    this.run = new RegExp(`([^\\p{N}\\s])\\1{${maxRepeat},}`, 'gu');
    // A run next to a token must not eat the token's own `<` or `>`: cut around tokens.
    this.tokens = protectedTokens.length
      ? new RegExp(`(${protectedTokens.map(escapeRegExp).join('|')})`, 'u')
      : null;
  }

  reduce(text: string): string {
    if (!this.tokens || !this.tokens.test(text)) return this.reduceSpan(text);
    const parts = text.split(this.tokens);
    // split with one capture group alternates text, token, text, …
    for (let i = 0; i < parts.length; i += 2) parts[i] = this.reduceSpan(parts[i] as string);
    return parts.join('');
  }

  /** A quick scan for a run longer than maxRepeat (of BMP units, or of surrogate pairs). */
  private mayHaveRun(s: string): boolean {
    const m = this.maxRepeat;
    let run1 = 1;
    let run2 = 1;
    for (let i = 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      run1 = c === s.charCodeAt(i - 1) ? run1 + 1 : 1;
      if (run1 > m) return true;
      if (c >= 0xdc00 && c <= 0xdfff) {
        // The pair ending here against the pair before it (emoji and other astral characters).
        run2 = i >= 3 && c === s.charCodeAt(i - 2) && s.charCodeAt(i - 1) === s.charCodeAt(i - 3) ? run2 + 1 : 1;
        if (run2 > m) return true;
      }
    }
    return false;
  }

  private reduceSpan(s: string): string {
    if (!this.mayHaveRun(s)) return s; // the regex with a back-reference is slow; most text has no run
    this.run.lastIndex = 0;
    return s.replace(this.run, (_m, ch: string) => ch.repeat(this.maxRepeat));
  }
}
