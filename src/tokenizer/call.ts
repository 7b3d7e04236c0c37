// The transformers-style call, `tok.call(textOrTexts, options)` → `{ inputIds, attentionMask,
// tokenTypeIds }` (transformers.js's `tokenizer(text, options)`, Python's `tokenizer(...)`): the
// option meanings of transformers' `_get_padding_truncation_strategies` mapped onto encodeBatch.
// One text gives one row (plain arrays, as Python without return_tensors); a list gives a list of rows.
// Not handled: return_tensors other than Int32Array rows, return_offsets_mapping (use encode).

import { InvalidOptionError } from '../config/errors.js';
import { checkObject, checkText } from './check-options.js';
import type { Encoding } from './encoding.js';
import type { EncodeInput, EncodeOptions, PaddingOptions, TruncationOptions, TruncationStrategy } from './options.js';

export interface CallOptions {
  /** Second sequences: one per text (a string for a single text). Default: none. */
  textPair?: string | readonly string[] | null;
  /** true / 'longest': pad to the longest row; 'max_length': to maxLength (else model_max_length);
   *  false / 'do_not_pad' (default): no padding. */
  padding?: boolean | 'longest' | 'max_length' | 'do_not_pad';
  /** true / a strategy: cut to maxLength (else model_max_length); false / 'do_not_truncate': none.
   *  Default: on ('longest_first') when maxLength is given without padding, as transformers does. */
  truncation?: boolean | TruncationStrategy | 'do_not_truncate';
  /** Length for truncation and padding 'max_length'. Default: model_max_length (none for a plain Tokenizer). */
  maxLength?: number;
  /** Round padded lengths up to a multiple of this. Default: none. */
  padToMultipleOf?: number;
  /** Let the post-processor add its special tokens. Default true. */
  addSpecialTokens?: boolean;
  /** Include attentionMask. Default: true (unless the config's model_input_names leaves it out). */
  returnAttentionMask?: boolean;
  /** Include tokenTypeIds. Default: true (unless the config's model_input_names leaves it out). */
  returnTokenTypeIds?: boolean;
  /** Rows as Int32Array instead of number[]. Default false. */
  returnInt32Array?: boolean;
}

export type Row = number[] | Int32Array;
export interface CallResult<R = Row | Row[]> {
  inputIds: R;
  attentionMask?: R;
  tokenTypeIds?: R;
}

/** What the caller's tokenizer brings: its batch encoder and transformers-side defaults. */
export interface CallTarget {
  encodeBatch(inputs: readonly EncodeInput[], opts: EncodeOptions): Encoding[];
  modelMaxLength: number | null;
  truncationSide: 'left' | 'right';
  /** Padding settings with the tokenizer's pad token filled in. */
  paddingFor(p: PaddingOptions): PaddingOptions;
  modelInputNames: readonly string[] | null;
}

const bool = (v: unknown, n: string): void => {
  if (v !== undefined && typeof v !== 'boolean') throw new InvalidOptionError(n, `expected true or false, found ${JSON.stringify(v)}`);
};
const oneOf = (allowed: readonly unknown[]) => (v: unknown, n: string): void => {
  if (v !== undefined && !allowed.includes(v)) throw new InvalidOptionError(n, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, found ${JSON.stringify(v)}`);
};
const uint = (min: number) => (v: unknown, n: string): void => {
  if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new InvalidOptionError(n, `expected an integer >= ${min}, found ${JSON.stringify(v)}`);
};

const SPEC = {
  textPair: () => undefined,
  padding: oneOf([true, false, 'longest', 'max_length', 'do_not_pad']),
  truncation: oneOf([true, false, 'longest_first', 'only_first', 'only_second', 'do_not_truncate']),
  maxLength: uint(0),
  padToMultipleOf: uint(1),
  addSpecialTokens: bool,
  returnAttentionMask: bool,
  returnTokenTypeIds: bool,
  returnInt32Array: bool,
};

export function callTokenizer(t: CallTarget, texts: string | readonly string[], o: CallOptions = {}): CallResult {
  checkObject(o, 'options', SPEC);
  const single = typeof texts === 'string';
  const list: readonly string[] = single ? [texts as string] : (texts as readonly string[]);
  if (!Array.isArray(list)) throw new InvalidOptionError('text', 'expected a string or an array of strings');
  list.forEach((x, i) => checkText(x, single ? 'text' : `text[${i}]`));
  const pairs = o.textPair === undefined || o.textPair === null ? null : typeof o.textPair === 'string' ? [o.textPair] : o.textPair;
  if (pairs !== null) {
    if (!Array.isArray(pairs) || pairs.length !== list.length) throw new InvalidOptionError('textPair', `expected ${single ? 'a string' : `${list.length} strings, one per text`}`);
    pairs.forEach((x, i) => checkText(x, `textPair[${i}]`));
  }
  const inputs: EncodeInput[] = list.map((x, i) => (pairs ? [x, pairs[i]!] : x));
  const maxLength = o.maxLength ?? t.modelMaxLength;
  const pad = o.padding === true ? 'longest' : o.padding === false || o.padding === undefined ? 'do_not_pad' : o.padding;
  // PARITY: transformers turns truncation on when max_length is given alone (without padding).
  const tr = o.truncation ?? (o.maxLength !== undefined && pad === 'do_not_pad' ? 'longest_first' : 'do_not_truncate');
  let truncation: TruncationOptions | null = null;
  if (tr !== false && tr !== 'do_not_truncate' && maxLength !== null) {
    truncation = { maxLength, direction: t.truncationSide, strategy: tr === true ? 'longest_first' : tr };
  }
  let padding: PaddingOptions | null = null;
  if (pad === 'longest') padding = t.paddingFor({ ...(o.padToMultipleOf ? { padToMultipleOf: o.padToMultipleOf } : {}) });
  else if (pad === 'max_length') {
    if (maxLength === null) throw new InvalidOptionError('padding', "'max_length' needs maxLength (the tokenizer sets no model_max_length)", 'pass maxLength');
    padding = t.paddingFor({ length: maxLength, ...(o.padToMultipleOf ? { padToMultipleOf: o.padToMultipleOf } : {}) });
  }
  const encs = t.encodeBatch(inputs, { addSpecialTokens: o.addSpecialTokens ?? true, truncation, padding });
  const names = t.modelInputNames;
  const wantMask = o.returnAttentionMask ?? (names === null || names.includes('attention_mask'));
  const wantTypes = o.returnTokenTypeIds ?? (names === null || names.includes('token_type_ids'));
  const row = o.returnInt32Array ? (a: number[]): Row => Int32Array.from(a) : (a: number[]): Row => a;
  const pick = (f: (e: Encoding) => number[]): Row | Row[] => (single ? row(f(encs[0]!)) : encs.map((e) => row(f(e))));
  const out: CallResult = { inputIds: pick((e) => e.ids) };
  if (wantMask) out.attentionMask = pick((e) => e.attentionMask);
  if (wantTypes) out.tokenTypeIds = pick((e) => e.typeIds);
  return out;
}
