// tokenizer.json configurations built for the component tests: each exercises one component or
// flag of the supported family. They are inputs only; expected outputs come from the reference.

import { readFileSync } from 'node:fs';
import { sharedFile } from '../support/shared.js';

type J = Record<string, unknown>;

/** The Polyglot-Ko tokenizer.json, parsed (null when ../shared is absent). */
export function polyglot(): J | null {
  const p = sharedFile('vocab/polyglot-ko/tokenizer.json', 'runtime components');
  return p ? (JSON.parse(readFileSync(p, 'utf8')) as J) : null;
}

export const LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
export const QWEN2_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

const bl = (add_prefix_space: boolean, trim_offsets = true, use_regex = true) => ({ type: 'ByteLevel', add_prefix_space, trim_offsets, use_regex });

export function added(id: number, content: string, flags: Partial<Record<'special' | 'lstrip' | 'rstrip' | 'single_word' | 'normalized', boolean>> = {}): J {
  const special = flags.special ?? true;
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: !special, special, ...flags };
}

/** Polyglot's vocab and merges under other pipelines. */
export function polyglotVariants(base: J): Array<[string, J]> {
  const v = (over: J): J => ({ ...base, ...over });
  const byteLevelPipe = { pre_tokenizer: bl(true), post_processor: bl(true, true), decoder: bl(true) };
  const extra = [
    added(30003, '<mask>', { lstrip: true }),
    added(30004, '[END]', { rstrip: true }),
    added(30005, 'ab', { single_word: true, special: false, normalized: false }),
    added(30006, 'abc', { special: false }),
    added(30007, 'Hello', { special: false, normalized: true }),
    added(30008, '<|end', {}),
    added(30009, ' sp ', { special: false, lstrip: true, rstrip: true }),
  ];
  return [
    ['polyglot-ko (fast path)', base],
    ['polyglot-ko general path (empty normalizer)', v({ normalizer: { type: 'Sequence', normalizers: [] } })],
    ['NFC', v({ normalizer: { type: 'NFC' } })],
    ['NFD', v({ normalizer: { type: 'NFD' } })],
    ['NFKC', v({ normalizer: { type: 'NFKC' } })],
    ['NFKD', v({ normalizer: { type: 'NFKD' } })],
    ['Lowercase', v({ normalizer: { type: 'Lowercase' }, ...byteLevelPipe })],
    ['Strip', v({ normalizer: { type: 'Strip', strip_left: true, strip_right: true } })],
    ['Strip right', v({ normalizer: { type: 'Strip', strip_left: false, strip_right: true }, ...byteLevelPipe })],
    ['Replace string', v({ normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' } })],
    ['Replace regex', v({ normalizer: { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, ...byteLevelPipe })],
    ['Replace delete', v({ normalizer: { type: 'Replace', pattern: { Regex: '[aeiou]' }, content: '' } })],
    ['Prepend', v({ normalizer: { type: 'Prepend', prepend: '▁' } })],
    ['Sequence NFKD+Lowercase+Replace', v({ normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKD' }, { type: 'Lowercase' }, { type: 'Replace', pattern: { String: 'a' }, content: 'AA' }] } })],
    ['ByteLevel prefix + trim offsets', v(byteLevelPipe)],
    ['ByteLevel trim, no prefix', v({ pre_tokenizer: bl(false), post_processor: bl(false, true) })],
    ['Whitespace + ByteLevel(no regex)', v({ pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Whitespace' }, bl(false, true, false)] } })],
    ['Digits + Punctuation + ByteLevel', v({ pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Digits', individual_digits: true }, { type: 'Punctuation', behavior: 'Isolated' }, bl(false)] } })],
    ['added tokens with flags', v({ added_tokens: [...(base.added_tokens as J[]), ...extra] })],
    ['added tokens with flags + Lowercase', v({ added_tokens: [...(base.added_tokens as J[]), ...extra], normalizer: { type: 'Lowercase' } })],
    [
      'TemplateProcessing',
      v({
        post_processor: {
          type: 'TemplateProcessing',
          single: [{ SpecialToken: { id: '<|endoftext|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '<|sep|>', type_id: 1 } }],
          pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
          special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [2], tokens: ['<|endoftext|>'] }, '<|sep|>': { id: '<|sep|>', ids: [3], tokens: ['<|sep|>'] } },
        },
      }),
    ],
    [
      'Sequence post-processor',
      v({
        pre_tokenizer: bl(true),
        post_processor: {
          type: 'Sequence',
          processors: [
            bl(true, true),
            {
              type: 'TemplateProcessing',
              single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '<|endoftext|>', type_id: 0 } }],
              pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
              special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [2], tokens: ['<|endoftext|>'] } },
            },
          ],
        },
      }),
    ],
    ['ignore_merges', v({ model: { ...(base.model as J), ignore_merges: true } })],
    ['GPT-2 style', v({ pre_tokenizer: bl(false), post_processor: bl(false, true), decoder: bl(false), model: { ...(base.model as J), continuing_subword_prefix: '', end_of_word_suffix: '' } })],
    ['GPT-NeoX style', v({ normalizer: { type: 'NFC' }, pre_tokenizer: bl(false), post_processor: bl(false, true), decoder: bl(false) })],
    [
      'Llama-3 style',
      v({
        pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: LLAMA3_PATTERN }, behavior: 'Isolated', invert: false }, bl(false, true, false)] },
        post_processor: {
          type: 'Sequence',
          processors: [
            bl(true, false),
            {
              type: 'TemplateProcessing',
              single: [{ SpecialToken: { id: '<|endoftext|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
              pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
              special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [2], tokens: ['<|endoftext|>'] } },
            },
          ],
        },
        decoder: bl(true),
        model: { ...(base.model as J), ignore_merges: true },
      }),
    ],
    [
      'Qwen2 style',
      v({
        normalizer: { type: 'NFC' },
        pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: QWEN2_PATTERN }, behavior: 'Isolated', invert: false }, bl(false, false, false)] },
        post_processor: bl(false, false),
        decoder: bl(false),
      }),
    ],
    ['Llama-3 style, fast path (no normalizer)', v({ pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: QWEN2_PATTERN }, behavior: 'Isolated', invert: false }, bl(false, false, false)] } })],
    ['legacy merges as pairs', v({ model: { ...(base.model as J), merges: ((base.model as J).merges as string[]).map((m) => m.split(' ')) } })],
  ];
}

/**
 * A small non-byte-level BPE (WordPiece-like prefixes, suffixes, unk, byte fallback) over
 * Whitespace-split text: letters, digits and a few merges of frequent English bigrams.
 */
export function smallBpe(opts: { prefix?: string; suffix?: string; unk?: string | null; fuseUnk?: boolean; byteFallback?: boolean; decoder?: J | null; normalizer?: J | null }): J {
  const prefix = opts.prefix ?? '';
  const suffix = opts.suffix ?? '';
  const vocab: Record<string, number> = {};
  const add = (t: string): void => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  if (opts.unk) add(opts.unk);
  if (opts.byteFallback) for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?\'가나다한국';
  for (const c of chars) {
    add(c);
    if (prefix) add(prefix + c);
    if (suffix) {
      add(c + suffix);
      if (prefix) add(prefix + c + suffix);
    }
  }
  const merges: Array<[string, string]> = [];
  const bigrams = ['th', 'he', 'in', 'er', 'an', 're', 'on', 'at', 'en', 'nd', 'ti', 'es', 'or', 'te', 'of', 'ed', 'is', 'it', 'al', 'ar', 'st', 'to', 'nt', 'ng', 'ha', '한국'];
  const merge = (a: string, b: string): void => {
    const m = a + b.slice(prefix.length);
    add(m);
    merges.push([a, b]);
  };
  for (const bg of bigrams) {
    const [x, y] = [...bg] as [string, string];
    merge(x, prefix + y);
    if (prefix) merge(prefix + x, prefix + y);
    if (suffix) {
      merge(x, prefix + y + suffix);
      if (prefix) merge(prefix + x, prefix + y + suffix);
    }
  }
  merge('th', prefix + 'e');
  if (suffix) merge('th', prefix + 'e' + suffix);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: opts.unk ? [added(0, opts.unk)] : [],
    normalizer: opts.normalizer ?? null,
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: opts.decoder === undefined ? null : opts.decoder,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: opts.unk ?? null,
      continuing_subword_prefix: prefix || null,
      end_of_word_suffix: suffix || null,
      fuse_unk: opts.fuseUnk ?? false,
      byte_fallback: opts.byteFallback ?? false,
      vocab,
      merges,
    },
  };
}

// The reference panics (aborting the process) when Strip meets an empty token, e.g. after Fuse of
// an empty id list; so Strip is placed where tokens are never empty. mbbpe returns '' there.
export function smallVariants(): Array<[string, J]> {
  return [
    ['small: unk', smallBpe({ unk: '<unk>' })],
    ['small: unk fused', smallBpe({ unk: '<unk>', fuseUnk: true })],
    ['small: no unk (unknown chars dropped)', smallBpe({ unk: null })],
    ['small: byte_fallback + ByteFallback/Fuse decoders', smallBpe({ unk: '<unk>', byteFallback: true, decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' }, { type: 'Fuse' }] } })],
    ['small: continuing_subword_prefix', smallBpe({ unk: '<unk>', prefix: '##', decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '##' }, content: '' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] } })],
    ['small: end_of_word_suffix', smallBpe({ unk: '<unk>', suffix: '</w>', decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { Regex: '</w>$' }, content: ' ' }, { type: 'Strip', content: ' ', start: 0, stop: 1 }, { type: 'Fuse' }] } })],
    ['small: prefix + suffix', smallBpe({ unk: '<unk>', prefix: '##', suffix: '</w>', fuseUnk: true })],
  ];
}
