// Added tokens (special or not) found in the input before normalization, as the reference's
// AddedVocabulary does: non-normalized tokens are matched on the raw text (leftmost-longest,
// non-overlapping), the rest is normalized, then normalized tokens are matched on the result.
// Flags lstrip / rstrip / single_word widen or veto a match. It does not tokenize the rest.

import type { Normalizer } from '../normalizers/types.js';
import { rustIsWhitespace, rustIsWord } from '../text/unicode-classes.js';
import type { Piece } from '../pre-tokenizers/types.js';
import type { NormalizedString } from '../tokenizer/normalized.js';

export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

// Rust regex \w and \s with the reference's Unicode tables.
const isWordAt = (s: string, i: number): boolean => i >= 0 && i < s.length && rustIsWord(s.codePointAt(i)!);
const isWordBefore = (s: string, i: number): boolean => {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  const k = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return rustIsWord(s.codePointAt(k)!);
};
const isSpace = (ch: string): boolean => rustIsWhitespace(ch.charCodeAt(0));

/** A leftmost-longest matcher over a small set of strings, bucketed by first code unit. */
class Matcher {
  private readonly byFirst = new Map<number, Array<{ pat: string; tok: AddedToken }>>();
  /** 1 for every code unit some pattern starts with. */
  private readonly first = new Uint8Array(0x10000);
  constructor(entries: Array<{ pat: string; tok: AddedToken }>) {
    for (const e of entries) {
      if (!e.pat) continue;
      const k = e.pat.charCodeAt(0);
      let l = this.byFirst.get(k);
      if (!l) this.byFirst.set(k, (l = []));
      l.push(e);
    }
    for (const l of this.byFirst.values()) l.sort((a, b) => b.pat.length - a.pat.length);
    for (const k of this.byFirst.keys()) this.first[k] = 1;
  }
  get empty(): boolean {
    return this.byFirst.size === 0;
  }
  /** The longest pattern starting at the first position >= from that has one. */
  next(s: string, from: number): { start: number; end: number; tok: AddedToken } | null {
    const first = this.first;
    for (let i = from; i < s.length; i++) {
      if (first[s.charCodeAt(i)] === 0) continue; // fast skip: no pattern starts with this unit
      const l = this.byFirst.get(s.charCodeAt(i));
      if (!l) continue;
      for (const e of l) if (s.startsWith(e.pat, i)) return { start: i, end: i + e.pat.length, tok: e.tok };
    }
    return null;
  }
}

export class AddedVocabulary {
  readonly tokens: readonly AddedToken[];
  readonly byId = new Map<number, AddedToken>();
  readonly byContent = new Map<string, AddedToken>();
  readonly specialContents = new Set<string>();
  /** id → the string the reference reports for it (normalized content for normalized tokens). */
  readonly idToContent = new Map<number, string>();
  private readonly raw: Matcher;
  private readonly norm: Matcher;

  constructor(tokens: readonly AddedToken[], normalizer: Normalizer | null, normalizeText: (n: Normalizer, s: string) => string) {
    this.tokens = tokens;
    const raw: Array<{ pat: string; tok: AddedToken }> = [];
    const norm: Array<{ pat: string; tok: AddedToken }> = [];
    for (const t of tokens) {
      this.byId.set(t.id, t);
      this.byContent.set(t.content, t);
      if (t.special) this.specialContents.add(t.content);
      if (t.normalized) {
        const pat = normalizer ? normalizeText(normalizer, t.content) : t.content;
        norm.push({ pat, tok: t });
        // PARITY: the reference stores a normalized token's content normalized, so id_to_token and
        // decode give that form, while token_to_id still answers to the original.
        this.idToContent.set(t.id, pat);
      } else {
        raw.push({ pat: t.content, tok: t });
        this.idToContent.set(t.id, t.content);
      }
    }
    this.raw = new Matcher(raw);
    this.norm = new Matcher(norm);
  }

  /** Splits `ns` into pieces, added tokens preset (the reference's `extract_and_normalize`). */
  extract(ns: NormalizedString, normalizer: Normalizer | null, splitSpecial = false): Piece[] {
    const first = this.splitWith(ns, this.raw, splitSpecial);
    const out: Piece[] = [];
    for (const p of first) {
      if (p.preset) {
        out.push(p);
        continue;
      }
      if (normalizer) normalizer.normalize(p.ns);
      for (const q of this.splitWith(p.ns, this.norm, splitSpecial)) if (q.ns.length > 0) out.push(q);
    }
    return out;
  }

  /**
   * Splits a plain string (no normalizer involved) into [start, end, token] ranges: the two passes of
   * `extract` when there is no normalizer. Used by the fast path; `tok` null marks text to tokenize.
   */
  findRanges(s: string, splitSpecial = false): Array<[number, number, AddedToken | null]> {
    const out: Array<[number, number, AddedToken | null]> = [];
    for (const [a, b, t] of this.ranges(s, this.raw, splitSpecial)) {
      if (t || this.norm.empty) {
        out.push([a, b, t]);
        continue;
      }
      for (const [c, d, u] of this.ranges(s.slice(a, b), this.norm, splitSpecial)) out.push([a + c, a + d, u]);
    }
    return out;
  }

  /**
   * The first occurrence in `s` (plain substring search, as tiktoken's guard) of a special token
   * that `disallowed` names ('all': every special token), or null.
   */
  findDisallowed(s: string, disallowed: 'all' | readonly string[]): { token: string; position: number } | null {
    let best: { token: string; position: number } | null = null;
    const list = disallowed === 'all' ? this.specialContents : disallowed;
    for (const tok of list) {
      if (!tok) continue;
      const i = s.indexOf(tok);
      if (i >= 0 && (best === null || i < best.position || (i === best.position && tok.length > best.token.length))) best = { token: tok, position: i };
    }
    return best;
  }

  /** Whether any added token exists (otherwise extraction is the identity). */
  get isEmpty(): boolean {
    return this.raw.empty && this.norm.empty;
  }

  private splitWith(ns: NormalizedString, m: Matcher, splitSpecial: boolean): Piece[] {
    return this.ranges(ns.s, m, splitSpecial).map(([a, b, t]) => {
      const slice = ns.slice(a, b);
      return t ? { ns: slice, preset: { id: t.id, value: slice.s } } : { ns: slice };
    });
  }

  /** Non-empty ranges of `s` split around the added tokens `m` finds (the reference's find_matches). */
  private ranges(s: string, m: Matcher, splitSpecial: boolean): Array<[number, number, AddedToken | null]> {
    if (s.length === 0) return [];
    if (m.empty) return [[0, s.length, null]];
    const out: Array<[number, number, AddedToken | null]> = [];
    let startOffset = 0;
    let from = 0;
    for (let hit = m.next(s, 0); hit; hit = m.next(s, from)) {
      let { start, end } = hit;
      const t = hit.tok;
      from = end; // a vetoed match still consumes its span, like the trie iterator
      // PARITY: encode_special_tokens skips a special token's match the same way (nothing inside it matches).
      if (splitSpecial && t.special) continue;
      if (t.singleWord) {
        const startSpace = start === 0 || !isWordBefore(s, start);
        const stopSpace = end === s.length || !isWordAt(s, end);
        if (!startSpace || !stopSpace) continue;
      }
      if (t.lstrip) {
        let k = start;
        while (k > 0 && isSpace(s[k - 1]!)) k--;
        start = Math.max(k, startOffset);
      }
      if (t.rstrip) while (end < s.length && isSpace(s[end]!)) end++;
      if (startOffset < start) out.push([startOffset, start, null]);
      out.push([start, end, t]);
      startOffset = end;
    }
    if (startOffset !== s.length) out.push([startOffset, s.length, null]);
    return out;
  }
}
