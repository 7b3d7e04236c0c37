// The small normalizers: Lowercase, Strip, Replace, Prepend, and Sequence.

import { patternMatcher, type PatternJson } from '../text/regex.js';
import { rustIsWhitespace } from '../text/unicode-classes.js';
import type { Change, NormalizedString } from '../tokenizer/normalized.js';
import type { Normalizer } from './types.js';

export class LowercaseNormalizer implements Normalizer {
  normalize(ns: NormalizedString): void {
    const s = ns.s;
    if (s.toLowerCase() === s) return;
    const changes: Change[] = [];
    for (const c of s) {
      // Per char, like Rust's char::to_lowercase (no Final_Sigma context).
      const lo = [...c.toLowerCase()];
      lo.forEach((l, i) => changes.push([l, i > 0 ? 1 : 0]));
    }
    ns.transform(changes, 0);
  }
}

const WS = { test: (c: string): boolean => rustIsWhitespace(c.charCodeAt(0)) };

export class StripNormalizer implements Normalizer {
  /** Strip leading (left) and/or trailing (right) whitespace; both default true in HF. */
  constructor(readonly left: boolean, readonly right: boolean) {}
  normalize(ns: NormalizedString): void {
    const s = ns.s;
    let a = 0;
    if (this.left) while (a < s.length && WS.test(s[a]!)) a++;
    let b = s.length;
    if (this.right) while (b > a && WS.test(s[b - 1]!)) b--;
    if (a > 0 || b < s.length) ns.strip(a, s.length - b);
  }
}

export type Pattern = PatternJson;

export class ReplaceNormalizer implements Normalizer {
  private readonly find: (s: string) => Array<[number, number, boolean]>;
  constructor(readonly pattern: Pattern, readonly content: string, path: string) {
    this.find = patternMatcher(pattern, path);
  }
  normalize(ns: NormalizedString): void {
    const m = this.find(ns.s).filter((x) => x[2]).map(([s, e]) => [s, e] as const);
    if (m.length) ns.replaceRanges(m, this.content);
  }
  /** Used by the Replace decoder: plain string replacement over one token. */
  replaceString(s: string): string {
    let out = '';
    for (const [a, b, isMatch] of this.find(s)) out += isMatch ? this.content : s.slice(a, b);
    return out;
  }
}

export class PrependNormalizer implements Normalizer {
  constructor(readonly prepend: string) {}
  normalize(ns: NormalizedString): void {
    if (ns.length > 0) ns.prepend(this.prepend);
  }
}

export class SequenceNormalizer implements Normalizer {
  constructor(readonly children: readonly Normalizer[]) {}
  normalize(ns: NormalizedString): void {
    for (const c of this.children) c.normalize(ns);
  }
}
