// Public option types of the Tokenizer API and their reading from tokenizer.json
// ("truncation" / "padding" objects, HF field names).

import { InvalidOptionError, TokenizerConfigError } from '../config/errors.js';
import { asObject, optString, optUint, reqUint } from '../config/read.js';
import type { Direction, TruncationStrategy } from './encoding.js';
import type { MorphemeWalker } from './morpheme-aware.js';

export type { TruncationStrategy } from './encoding.js';

export type OffsetUnit = 'utf16' | 'codepoint' | 'byte';

export interface EncodeOptions {
  /** Let the post-processor add its special tokens (template). Default true. */
  addSpecialTokens?: boolean;
  /** Unit of `offsets`: UTF-16 code units (default; `text.slice(s, e)` works), code points (what
   *  the reference's Node binding reports) or UTF-8 bytes. */
  offsets?: OffsetUnit;
  /** Second sequence of a pair (the same as `encode(text, pair)`). Default: none. */
  pair?: string | null;
  /** Truncation for this call; null or false = none. Default: the tokenizer's (setTruncation). */
  truncation?: TruncationOptions | null | false;
  /** Padding for this call; null or false = none. Default: the tokenizer's (setPadding). */
  padding?: PaddingOptions | null | false;
  /**
   * Morpheme-aware encoding (the Polyglot-Ko training view): an `Analyzer` (or anything with its
   * `walk`); U+0CF1 is inserted where it splits two morphemes without a space, for tokenizers whose
   * pipeline removes that marker (others throw MorphemeModeError). Offsets still point into `text`;
   * added-token spans are never split. Not with a pair. Default: none (plain encoding).
   */
  morphemes?: MorphemeWalker | null;
}

/** One input of encodeBatch: a text, or a pair `[text, pair]`. */
export type EncodeInput = string | readonly [string, string];

export interface DecodeOptions {
  /** Drop tokens that are special added tokens. Default false. */
  skipSpecialTokens?: boolean;
  /** Throw UnknownIdError on ids with no token instead of skipping them. Default false. */
  strict?: boolean;
}

export interface TruncationOptions {
  /** Maximum number of tokens, special tokens included. */
  maxLength: number;
  /** Tokens shared by consecutive windows; the cut-off windows are returned in `overflowing`. Default 0. */
  stride?: number;
  /** Which end to cut: 'right' (default) keeps the beginning. */
  direction?: Direction;
  /** For pairs: 'longest_first' (default) cuts the longer sequence first (both to about half when
   *  both are long); 'only_first' / 'only_second' cut that one alone (an error when it is too short). */
  strategy?: TruncationStrategy;
}

export interface PaddingOptions {
  /** Fixed length; when absent, pad to the longest encoding of the batch. */
  length?: number;
  /** Round the padded length up to a multiple of this. Default: none. */
  padToMultipleOf?: number;
  /** Default 0. */
  padId?: number;
  /** Default 0. */
  padTypeId?: number;
  /** Default "[PAD]" (as in the reference). */
  padToken?: string;
  /** Default 'right'. */
  direction?: Direction;
}

function direction(v: unknown, path: string): Direction {
  if (v === undefined || v === null || v === 'Right') return 'right';
  if (v === 'Left') return 'left';
  throw new TokenizerConfigError(path, `expected "Left" or "Right", found ${JSON.stringify(v)}`);
}

const STRATEGIES: Record<string, TruncationStrategy> = { LongestFirst: 'longest_first', OnlyFirst: 'only_first', OnlySecond: 'only_second' };

export function readTruncation(json: unknown, path = '$.truncation'): TruncationOptions | null {
  if (json === null || json === undefined) return null;
  const o = asObject(json, path);
  const st = o.strategy ?? 'LongestFirst';
  const strategy = typeof st === 'string' ? STRATEGIES[st] : undefined;
  if (strategy === undefined) throw new TokenizerConfigError(`${path}.strategy`, `expected one of ${Object.keys(STRATEGIES).map((k) => JSON.stringify(k)).join(', ')}, found ${JSON.stringify(st)}`);
  const t: TruncationOptions = { maxLength: reqUint(o, 'max_length', path), stride: optUint(o, 'stride', path, 0), direction: direction(o.direction, `${path}.direction`) };
  // Only a non-default strategy is spelled out, so settings read from files compare as before.
  if (strategy !== 'longest_first') t.strategy = strategy;
  return t;
}

export function readPadding(json: unknown, path = '$.padding'): PaddingOptions | null {
  if (json === null || json === undefined) return null;
  const o = asObject(json, path);
  const p: PaddingOptions = {
    padId: optUint(o, 'pad_id', path, 0),
    padTypeId: optUint(o, 'pad_type_id', path, 0),
    padToken: optString(o, 'pad_token', path) ?? '[PAD]',
    direction: direction(o.direction, `${path}.direction`),
  };
  const m = optUint(o, 'pad_to_multiple_of', path, 0);
  if (m > 0) p.padToMultipleOf = m;
  const st = o.strategy;
  if (st && typeof st === 'object' && !Array.isArray(st) && 'Fixed' in st) p.length = reqUint(st, 'Fixed', `${path}.strategy`);
  else if (st !== undefined && st !== 'BatchLongest') throw new TokenizerConfigError(`${path}.strategy`, 'expected "BatchLongest" or {"Fixed": n}');
  return p;
}

/**
 * Validates truncation settings. `added` is the number of special tokens the post-processor adds:
 * the reference truncates to maxLength - added, and needs stride below that (it errors when the stride
 * is larger and panics while encoding when it is equal; both are an error here, at set time).
 */
export function checkTruncation(t: TruncationOptions, added = 0): void {
  if (!Number.isInteger(t.maxLength) || t.maxLength < 0) throw new InvalidOptionError('maxLength', 'must be a non-negative integer');
  const stride = t.stride ?? 0;
  if (!Number.isInteger(stride) || stride < 0) throw new InvalidOptionError('stride', 'must be a non-negative integer');
  if (t.strategy !== undefined && !['longest_first', 'only_first', 'only_second'].includes(t.strategy)) {
    throw new InvalidOptionError('strategy', `expected 'longest_first', 'only_first' or 'only_second', found ${JSON.stringify(t.strategy)}`);
  }
  const effective = t.maxLength - added;
  if (stride > 0 && stride >= effective) {
    throw new InvalidOptionError(
      'stride',
      `stride ${stride} must be smaller than the effective max length ${effective} (= maxLength ${t.maxLength} - ${added} special tokens)`,
      'lower the stride or raise maxLength',
    );
  }
}
