// The result of encoding one text, in parallel arrays, plus truncation (with overflowing windows
// and stride), merging and padding with the reference's semantics (`tokenizers` Encoding::truncate,
// merge_with, pad, and utils/truncation.rs for pairs). Offsets here are in code points until the
// tokenizer converts them to the unit the caller asked for.

import { TruncationError } from '../config/errors.js';

export interface Encoding {
  ids: number[];
  tokens: string[];
  /** [start, end) per token, in the unit requested (UTF-16 code units by default). */
  offsets: Array<[number, number]>;
  typeIds: number[];
  attentionMask: number[];
  /** 1 for tokens added by the post-processor (template special tokens) and padding. */
  specialTokensMask: number[];
  /** The windows cut off by truncation (the reference's getOverflowing()), each post-processed and
   *  padded like the main encoding; empty when nothing was cut. */
  overflowing: Encoding[];
}

export function emptyEncoding(): Encoding {
  return { ids: [], tokens: [], offsets: [], typeIds: [], attentionMask: [], specialTokensMask: [], overflowing: [] };
}

export type Direction = 'left' | 'right';

function sliceEncoding(e: Encoding, a: number, b: number): Encoding {
  return {
    ids: e.ids.slice(a, b),
    tokens: e.tokens.slice(a, b),
    // Fresh tuples: overlapping windows must not share offsets that a post-processor edits in place.
    offsets: e.offsets.slice(a, b).map(([s, t]) => [s, t]),
    typeIds: e.typeIds.slice(a, b),
    attentionMask: e.attentionMask.slice(a, b),
    specialTokensMask: e.specialTokensMask.slice(a, b),
    overflowing: [],
  };
}

/**
 * The token range [a, b) the reference keeps when truncation is on, before truncating
 * (`PreTokenizedString::tokenize_with_limit`): walking the pre-token splits from the kept end, it
 * runs the model split by split and stops after the first model split that brings the count to
 * `maxTokens` or more; added-token splits count but never stop it. Later splits are dropped.
 * `splits` holds each split's cumulative token end, bitwise-negated for added-token splits.
 */
export function splitLimit(splits: readonly number[], n: number, maxTokens: number, direction: Direction): [number, number] {
  if (direction === 'right') {
    for (const s of splits) {
      if (s < 0) continue;
      if (s >= maxTokens) return [0, s];
    }
    return [0, n];
  }
  for (let i = splits.length - 1; i >= 0; i--) {
    if (splits[i]! < 0) continue;
    const prev = i > 0 ? splits[i - 1]! : 0;
    const start = prev < 0 ? ~prev : prev;
    if (n - start >= maxTokens) return [start, n];
  }
  return [0, n];
}

/** Deep copy (the reference clones encodings while merging). */
export function cloneEncoding(e: Encoding): Encoding {
  const c = sliceEncoding(e, 0, e.ids.length);
  c.overflowing = e.overflowing.map(cloneEncoding);
  return c;
}

/**
 * Windows [start, stop) of the reference's `Encoding::truncate`: the first is kept, the others
 * overflow. Right: starts 0, step, 2·step… until a window reaches the end. Left: stops n, n-step…
 * until a window reaches 0. step = maxLength - stride.
 */
function windows(n: number, maxLength: number, stride: number, direction: Direction): Array<[number, number]> {
  const step = maxLength - stride;
  const out: Array<[number, number]> = [];
  if (direction === 'right') {
    for (let start = 0; start < n; start += step) {
      const stop = Math.min(start + maxLength, n);
      out.push([start, stop]);
      if (stop === n) break;
    }
  } else {
    for (let last = n - 1; last >= 0; last -= step) {
      const stop = last + 1;
      const start = Math.max(0, stop - maxLength);
      out.push([start, stop]);
      if (start === 0) break;
    }
  }
  return out;
}

/**
 * Keeps the first (direction right) or last (left) `maxLength` tokens and returns the rest as
 * overflowing windows overlapping by `stride` tokens, like the reference's `Encoding::truncate`.
 * maxLength 0 leaves an empty encoding whose single overflowing window is the whole input.
 */
export function truncateEncoding(e: Encoding, maxLength: number, stride: number, direction: Direction): Encoding {
  const n = e.ids.length;
  if (maxLength >= n) return e;
  if (maxLength === 0) {
    const out = emptyEncoding();
    out.overflowing.push(e);
    return out;
  }
  // The reference asserts this (a panic). setTruncation rejects such settings for one sequence; a pair
  // under longest_first can still cut a sequence to fewer tokens than the stride.
  if (stride >= maxLength) {
    throw new TruncationError(`stride ${stride} is not below ${maxLength}, the length a sequence is cut to`, 'lower the stride, or raise maxLength (a pair shares it between its two sequences)');
  }
  const ws = windows(n, maxLength, stride, direction);
  const [first, ...rest] = ws.map(([a, b]) => sliceEncoding(e, a, b));
  first!.overflowing = rest;
  return first!;
}

export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second';

/**
 * Truncates one sequence or a pair to `maxLength` tokens in all, as the reference's
 * `truncate_encodings`: longest_first cuts the longer one first (both to about half when both are
 * long), only_first / only_second cut that one alone and fail when it is too short.
 */
export function truncatePair(
  e: Encoding,
  pair: Encoding | null,
  maxLength: number,
  stride: number,
  direction: Direction,
  strategy: TruncationStrategy,
): [Encoding, Encoding | null] {
  if (maxLength === 0) return [truncateEncoding(e, 0, stride, direction), pair && truncateEncoding(pair, 0, stride, direction)];
  const total = e.ids.length + (pair?.ids.length ?? 0);
  if (total <= maxLength) return [e, pair];
  const toRemove = total - maxLength;
  if (strategy === 'longest_first') {
    if (!pair) return [truncateEncoding(e, total - toRemove, stride, direction), null];
    let n1 = e.ids.length;
    let n2 = pair.ids.length;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
    if (n1 + n2 > maxLength) {
      n1 = Math.floor(maxLength / 2);
      n2 = n1 + (maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    return [truncateEncoding(e, n1, stride, direction), truncateEncoding(pair, n2, stride, direction)];
  }
  const first = strategy === 'only_first';
  const target = first ? e : pair;
  if (!target) throw new TruncationError('only_second needs a pair, and this input has one sequence', "use strategy 'longest_first' or 'only_first' for single sequences");
  const n = target.ids.length;
  if (n <= toRemove) {
    throw new TruncationError(
      `the ${first ? 'first' : 'second'} sequence has ${n} tokens, too few to remove the ${toRemove} needed for maxLength ${maxLength}`,
      "raise maxLength or use strategy 'longest_first'",
    );
  }
  const cut = truncateEncoding(target, n - toRemove, stride, direction);
  return first ? [cut, pair] : [e, cut];
}

/**
 * Appends `pair` to `self` in place, combining overflowing windows exactly as the reference's
 * `Encoding::merge_with` (offsets not shifted: the post-processors merge with growing_offsets false).
 */
function mergeWith(self: Encoding, pair: Encoding): void {
  const overflowing: Encoding[] = [];
  for (const so of self.overflowing) {
    const a = cloneEncoding(so);
    mergeWith(a, cloneEncoding(pair));
    overflowing.push(a);
    for (const po of pair.overflowing) {
      const b = cloneEncoding(so);
      mergeWith(b, cloneEncoding(po));
      overflowing.push(b);
    }
  }
  for (const po of pair.overflowing) {
    const c = cloneEncoding(self);
    mergeWith(c, cloneEncoding(po));
    overflowing.push(c);
  }
  for (const x of pair.ids) self.ids.push(x);
  for (const x of pair.typeIds) self.typeIds.push(x);
  for (const x of pair.tokens) self.tokens.push(x);
  for (const x of pair.offsets) self.offsets.push([x[0], x[1]]);
  for (const x of pair.specialTokensMask) self.specialTokensMask.push(x);
  for (const x of pair.attentionMask) self.attentionMask.push(x);
  self.overflowing = overflowing;
}

/** The reference's `Encoding::merge(encodings, false)`: merges left to right into an empty one. */
export function mergeEncodings(parts: readonly Encoding[]): Encoding {
  const out = emptyEncoding();
  for (const p of parts) mergeWith(out, p);
  return out;
}

/** Maps every offset of `e` and of its overflowing windows (recursively). */
export function mapOffsets(e: Encoding, f: (x: number) => number): void {
  e.offsets = e.offsets.map(([s, t]) => [f(s), f(t)]);
  for (const o of e.overflowing) mapOffsets(o, f);
}

export interface PadParams {
  padId: number;
  padTypeId: number;
  padToken: string;
  direction: Direction;
}

/** Pads `e` (its overflowing windows first) in place to `length` tokens, like `Encoding::pad`. */
export function padEncoding(e: Encoding, length: number, p: PadParams): void {
  for (const o of e.overflowing) padEncoding(o, length, p);
  const k = length - e.ids.length;
  if (k <= 0) return;
  const fill = <T>(arr: T[], v: T): void => {
    const pad = new Array<T>(k).fill(v);
    if (p.direction === 'right') arr.push(...pad);
    else arr.unshift(...pad);
  };
  fill(e.ids, p.padId);
  fill(e.typeIds, p.padTypeId);
  fill(e.tokens, p.padToken);
  const offs: Array<[number, number]> = Array.from({ length: k }, () => [0, 0]);
  if (p.direction === 'right') e.offsets.push(...offs);
  else e.offsets.unshift(...offs);
  fill(e.specialTokensMask, 1);
  fill(e.attentionMask, 0);
}
