// One analysed morpheme as the public API returns it. The feature string is decoded only when a
// caller reads `feature`, `features` or `pos`, so segmentation-only use never pays for it.
// It does not split compound/inflected analyses (feature field 7); that is post-processing.

import type { MorphDictionary } from './dictionary.js';
import { isUnknownHandle } from './token-handle.js';

/** Splits a MeCab CSV feature string: fields may be double-quoted with `""` escapes. */
export function splitFeature(s: string): string[] {
  if (!s.includes('"')) return s.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= s.length) {
    let field = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      const comma = s.indexOf(',', i);
      i = comma < 0 ? s.length + 1 : comma + 1;
    } else {
      const comma = s.indexOf(',', i);
      field = s.slice(i, comma < 0 ? s.length : comma);
      i = comma < 0 ? s.length + 1 : comma + 1;
    }
    out.push(field);
  }
  return out;
}

export class Morpheme {
  /** The morpheme's text, a slice of the analysed string (`text.slice(start, end)`). */
  readonly surface: string;
  /** UTF-16 offset of the first character in the analysed string. */
  readonly start: number;
  /** UTF-16 offset just past the last character. */
  readonly end: number;
  /** UTF-16 offset where the whitespace MeCab skipped before this morpheme begins (= start if none). */
  readonly begin: number;
  // Private fields: kept out of console.log / util.inspect output (the dictionary is ~100 MB).
  readonly #dict: MorphDictionary;
  readonly #token: number;

  constructor(dict: MorphDictionary, token: number, surface: string, begin: number, start: number, end: number) {
    this.#dict = dict;
    this.#token = token;
    this.surface = surface;
    this.begin = begin;
    this.start = start;
    this.end = end;
  }

  /** True for an unknown word (built from an unk.dic template: `UNKNOWN`, `SL`, `SY`, …). */
  get isUnknown(): boolean {
    return isUnknownHandle(this.#token);
  }

  /** The raw feature string exactly as in the dictionary (8 comma-separated fields). */
  get feature(): string {
    return this.#dict.feature(this.#token);
  }

  /** The feature fields: POS, semantic class, jongseong, reading, type, first POS, last POS, expression. */
  get features(): string[] {
    return splitFeature(this.feature);
  }

  /** The POS tag: the first feature field (`NNG`, `JKS`, `VV+EP`, `UNKNOWN`, …). */
  get pos(): string {
    const f = this.feature;
    const comma = f.indexOf(',');
    return f[0] === '"' ? splitFeature(f)[0]! : comma < 0 ? f : f.slice(0, comma);
  }

  toJSON(): { surface: string; pos: string; features: string[]; start: number; end: number } {
    return { surface: this.surface, pos: this.pos, features: this.features, start: this.start, end: this.end };
  }
}
