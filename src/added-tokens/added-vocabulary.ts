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

/** Above this many distinct first code units a scan tests each unit in a table instead of indexOf per unit. */
const MAX_INDEXOF_UNITS = 8;
/** Texts up to this many code units are scanned unit by unit. */
const SCAN_MIN_LENGTH = 256;

/** A leftmost-longest matcher over a small set of strings, bucketed by first code unit. */
class Matcher {
  private readonly byFirst = new Map<number, Array<{ pat: string; tok: AddedToken }>>();
  /** 1 for every code unit some pattern starts with. */
  private readonly first = new Uint8Array(0x10000);
  /** The distinct first code units, as strings for indexOf (null when there are too many). */
  readonly firstUnits: string[] | null;
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
    this.firstUnits = this.byFirst.size <= MAX_INDEXOF_UNITS ? [...this.byFirst.keys()].map((k) => String.fromCharCode(k)) : null;
  }
  get empty(): boolean {
    return this.byFirst.size === 0;
  }
  /** The longest pattern starting exactly at i, or null. */
  at(s: string, i: number): { start: number; end: number; tok: AddedToken } | null {
    const l = this.byFirst.get(s.charCodeAt(i));
    if (l) for (const e of l) if (s.startsWith(e.pat, i)) return { start: i, end: i + e.pat.length, tok: e.tok };
    return null;
  }
  /** The longest pattern starting at the first position >= from that has one (a table test per code unit). */
  next(s: string, from: number): { start: number; end: number; tok: AddedToken } | null {
    const first = this.first;
    for (let i = from; i < s.length; i++) {
      if (first[s.charCodeAt(i)] === 0) continue; // fast skip: no pattern starts with this unit
      const hit = this.at(s, i);
      if (hit) return hit;
    }
    return null;
  }
}

/**
 * Matcher.next over one text with the platform's indexOf per first code unit (memchr speed), each
 * unit's next occurrence remembered so no stretch of the text is searched twice for it.
 */
class Scan {
  private readonly pos: number[];
  constructor(
    private readonly m: Matcher,
    private readonly s: string,
    private readonly units: string[],
  ) {
    this.pos = units.map(() => -2); // -2: not searched yet; -1: no further occurrence
  }
  next(from: number): { start: number; end: number; tok: AddedToken } | null {
    const { pos, units, s } = this;
    for (;;) {
      let best = -1;
      for (let k = 0; k < units.length; k++) {
        let p = pos[k]!;
        if (p !== -1 && p < from) pos[k] = p = s.indexOf(units[k]!, from);
        if (p >= 0 && (best < 0 || p < best)) best = p;
      }
      if (best < 0) return null;
      const hit = this.m.at(s, best);
      if (hit) return hit;
      from = best + 1;
    }
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
    this.eachFoundRange(s, splitSpecial, (a, b, t) => {
      out.push([a, b, t]);
    });
    return out;
  }

  /**
   * findRanges one range at a time, in order, stopping when `visit` returns true: the text after the
   * stop is never scanned (a token count that passes its limit early).
   */
  eachFoundRange(s: string, splitSpecial: boolean, visit: RangeVisitor): void {
    const norm = this.norm;
    if (norm.empty) {
      eachRange(s, this.raw, splitSpecial, visit);
      return;
    }
    eachRange(s, this.raw, splitSpecial, (a, b, t) => {
      if (t) return visit(a, b, t);
      // The slice is a view in V8 (a sliced string), not a copy of a long remainder.
      return eachRange(s.slice(a, b), norm, splitSpecial, (c, d, u) => visit(a + c, a + d, u));
    });
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
    const out: Piece[] = [];
    eachRange(ns.s, m, splitSpecial, (a, b, t) => {
      const slice = ns.slice(a, b);
      out.push(t ? { ns: slice, preset: { id: t.id, value: slice.s } } : { ns: slice });
    });
    return out;
  }
}

/** Receives one range [a, b) of a text, with the added token it holds or null; true stops the walk. */
export type RangeVisitor = (a: number, b: number, tok: AddedToken | null) => boolean | void;

/**
 * Visits the non-empty ranges of `s` split around the added tokens `m` finds (the reference's
 * find_matches), in order; returns true when `visit` stopped the walk.
 */
function eachRange(s: string, m: Matcher, splitSpecial: boolean, visit: RangeVisitor): boolean {
  if (s.length === 0) return false;
  if (m.empty) return visit(0, s.length, null) === true;
  let startOffset = 0;
  let from = 0;
  // indexOf pays off on long texts; a short line is quicker to test unit by unit than to set up a Scan for.
  const scan = m.firstUnits && s.length > SCAN_MIN_LENGTH ? new Scan(m, s, m.firstUnits) : null;
  for (let hit = scan ? scan.next(0) : m.next(s, 0); hit; hit = scan ? scan.next(from) : m.next(s, from)) {
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
    if (startOffset < start && visit(startOffset, start, null) === true) return true;
    if (visit(start, end, t) === true) return true;
    startOffset = end;
  }
  return startOffset !== s.length && visit(startOffset, s.length, null) === true;
}
