// Turns a match list into pieces according to a split behavior (the reference's
// `NormalizedString::split`), and a helper to run a splitter over every untokenized piece.
// It does not find matches: see regex.ts for that.

import type { Matches } from '../text/regex.js';
import type { Piece, SplitBehavior } from './types.js';
import type { NormalizedString } from '../tokenizer/normalized.js';

/** Ranges [start, end) to keep, in code units, for `matches` under `behavior`. */
export function applyBehavior(matches: Matches, behavior: SplitBehavior): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  switch (behavior) {
    case 'Isolated':
      for (const [s, e] of matches) out.push([s, e]);
      return out;
    case 'Removed':
      for (const [s, e, m] of matches) if (!m) out.push([s, e]);
      return out;
    case 'Contiguous': {
      let prev = false;
      for (const [s, e, m] of matches) {
        const last = out[out.length - 1];
        if (m === prev && last) last[1] = e;
        else out.push([s, e]);
        prev = m;
      }
      return out;
    }
    case 'MergedWithPrevious': {
      let prev = false;
      for (const [s, e, m] of matches) {
        const last = out[out.length - 1];
        if (m && !prev && last) last[1] = e;
        else out.push([s, e]);
        prev = m;
      }
      return out;
    }
    case 'MergedWithNext': {
      let prev = false;
      for (let i = matches.length - 1; i >= 0; i--) {
        const [s, e, m] = matches[i]!;
        const last = out[out.length - 1];
        if (m && !prev && last) last[0] = s;
        else out.push([s, e]);
        prev = m;
      }
      return out.reverse();
    }
  }
}

/** Runs `split` on every untokenized piece, keeping tokenized ones, dropping empty results. */
export function splitPieces(pieces: Piece[], split: (ns: NormalizedString) => NormalizedString[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.preset) {
      out.push(p);
      continue;
    }
    for (const ns of split(p.ns)) if (ns.length > 0) out.push({ ns });
  }
  return out;
}

/** Splits one string by a match list and a behavior. */
export function splitNormalized(ns: NormalizedString, matches: Matches, behavior: SplitBehavior): NormalizedString[] {
  return applyBehavior(matches, behavior).map(([s, e]) => ns.slice(s, e));
}

/** Match list where every code point satisfying `pred` is its own match (the reference's char patterns). */
export function findCharMatches(s: string, pred: (cp: number) => boolean): Matches {
  const out: Matches = [];
  if (s.length === 0) return [[0, 0, false]];
  let last = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (pred(cp)) {
      if (last < i) out.push([last, i, false]);
      out.push([i, i + w, true]);
      last = i + w;
    }
    i += w;
  }
  if (s.length > last) out.push([last, s.length, false]);
  return out;
}
