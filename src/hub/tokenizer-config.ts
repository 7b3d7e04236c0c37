// Reads tokenizer_config.json and special_tokens_map.json into the settings transformers applies on
// top of tokenizer.json: named special tokens (with their AddedToken flags), clean-up of decoded
// spaces, model_max_length, add_bos/add_eos and the truncation side. Field names are transformers'
// (snake_case) on input, camelCase on output. Chat templates and slow-tokenizer files are not read
// here; of padding, only the side (the pad token is one of the named special tokens).

import { PretrainedConfigError } from './errors.js';

export type Side = 'left' | 'right';

/** A special token as transformers' AddedToken: content plus the flags that change how it matches. */
export interface SpecialTokenSpec {
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}

/** An entry of tokenizer_config.json's `added_tokens_decoder` (saved by transformers >= 4.34). */
export interface DecoderTokenSpec extends SpecialTokenSpec {
  special: boolean;
}

export interface PretrainedConfig {
  bosToken: string | null;
  eosToken: string | null;
  unkToken: string | null;
  sepToken: string | null;
  padToken: string | null;
  clsToken: string | null;
  maskToken: string | null;
  additionalSpecialTokens: string[];
  /** Every special token above, named ones first (bos, eos, unk, sep, pad, cls, mask), then additional. */
  specialTokenSpecs: SpecialTokenSpec[];
  /** `added_tokens_decoder` entries in index order; empty when the file has none. */
  addedTokensDecoder: DecoderTokenSpec[];
  /** clean_up_tokenization_spaces; default false (as in transformers 4.57 and 5.x). */
  cleanUpTokenizationSpaces: boolean;
  /** transformers 5's opt-in to clean up BPE output anyway; default false. */
  cleanUpForBpe: boolean;
  /** model_max_length; null when absent or the "no limit" sentinel (anything above 1e20, e.g. 1e30). */
  modelMaxLength: number | null;
  /** add_bos_token / add_eos_token; null when the file does not set them. */
  addBosToken: boolean | null;
  addEosToken: boolean | null;
  /** truncation_side; default 'right' (keep the beginning). */
  truncationSide: Side;
  /** padding_side; default 'right'. */
  paddingSide: Side;
  tokenizerClass: string | null;
}

/** PARITY: transformers LARGE_INTEGER; a model_max_length above it means "no limit". */
export const LARGE_INTEGER = 1e20;

export const SPECIAL_TOKEN_KEYS = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'] as const;
type SpecialKey = (typeof SPECIAL_TOKEN_KEYS)[number];

const TOKENIZER_CONFIG = 'tokenizer_config.json';
const SPECIAL_TOKENS_MAP = 'special_tokens_map.json';

function parseObject(file: string, text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new PretrainedConfigError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PretrainedConfigError(file, '', 'expected a JSON object');
  return v as Record<string, unknown>;
}

function flag(file: string, path: string, o: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new PretrainedConfigError(file, `${path}.${key}`, `expected true or false, found ${JSON.stringify(v)}`);
  return v;
}

/**
 * A token is a string or an AddedToken object `{content: "…", lstrip, rstrip, single_word, normalized}`.
 * PARITY: in tokenizer_config.json transformers only converts objects marked `"__type": "AddedToken"`
 * (others make its constructor raise); special_tokens_map.json objects need no marker. Special tokens
 * default to normalized=false, as AddedToken(special=True) does.
 */
function tokenSpec(file: string, path: string, v: unknown): SpecialTokenSpec | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return { content: v, singleWord: false, lstrip: false, rstrip: false, normalized: false };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (file === TOKENIZER_CONFIG && o['__type'] !== 'AddedToken') {
      throw new PretrainedConfigError(file, path, 'a token object here needs "__type": "AddedToken" (transformers rejects it otherwise)');
    }
    if (typeof o['content'] !== 'string') throw new PretrainedConfigError(file, `${path}.content`, 'an AddedToken object needs a string "content"');
    return {
      content: o['content'],
      singleWord: flag(file, path, o, 'single_word', false),
      lstrip: flag(file, path, o, 'lstrip', false),
      rstrip: flag(file, path, o, 'rstrip', false),
      normalized: flag(file, path, o, 'normalized', false),
    };
  }
  throw new PretrainedConfigError(file, path, `expected a string or an AddedToken object, found ${JSON.stringify(v)}`);
}

function decoderTokens(file: string, v: unknown): DecoderTokenSpec[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) throw new PretrainedConfigError(file, 'added_tokens_decoder', 'expected an object of index → token');
  return Object.entries(v as Record<string, unknown>)
    .map(([index, t]) => {
      const path = `added_tokens_decoder.${index}`;
      if (!/^\d+$/.test(index)) throw new PretrainedConfigError(file, path, 'keys must be token ids');
      if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new PretrainedConfigError(file, path, 'expected an AddedToken object');
      const o = t as Record<string, unknown>;
      if (typeof o['content'] !== 'string') throw new PretrainedConfigError(file, `${path}.content`, 'an AddedToken object needs a string "content"');
      const special = flag(file, path, o, 'special', false);
      const spec: DecoderTokenSpec = {
        content: o['content'],
        singleWord: flag(file, path, o, 'single_word', false),
        lstrip: flag(file, path, o, 'lstrip', false),
        rstrip: flag(file, path, o, 'rstrip', false),
        // PARITY: AddedToken's normalized defaults to `not special`.
        normalized: flag(file, path, o, 'normalized', !special),
        special,
      };
      return [Number(index), spec] as const;
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, spec]) => spec);
}

function tokenList(file: string, path: string, v: unknown): SpecialTokenSpec[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new PretrainedConfigError(file, path, 'expected a list of tokens');
  return v.map((t, i) => tokenSpec(file, `${path}[${i}]`, t)).filter((t): t is SpecialTokenSpec => t !== null);
}

function optBool(file: string, o: Record<string, unknown>, key: string): boolean | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'boolean') throw new PretrainedConfigError(file, key, `expected true or false, found ${JSON.stringify(v)}`);
  return v;
}

function side(file: string, o: Record<string, unknown>, key: string): Side {
  const v = o[key];
  if (v === undefined || v === null) return 'right';
  if (v === 'left' || v === 'right') return v;
  throw new PretrainedConfigError(file, key, `expected "left" or "right", found ${JSON.stringify(v)}`);
}

function maxLength(file: string, o: Record<string, unknown>): number | null {
  // PARITY: transformers falls back to the legacy `max_len` key.
  const key = o['model_max_length'] !== undefined && o['model_max_length'] !== null ? 'model_max_length' : 'max_len';
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v <= LARGE_INTEGER && !Number.isInteger(v))) {
    throw new PretrainedConfigError(file, key, `expected a non-negative integer, found ${JSON.stringify(v)}`);
  }
  return v > LARGE_INTEGER ? null : v;
}

/**
 * Merges the two files the way transformers' `_from_pretrained` does: when tokenizer_config.json has
 * `added_tokens_decoder` (everything saved by transformers >= 4.34) it is authoritative and
 * special_tokens_map.json is ignored; otherwise each key of special_tokens_map.json overrides the
 * config's, and its additional special tokens are appended to the config's list.
 */
export function parsePretrainedConfig(tokenizerConfig: string | null, specialTokensMap: string | null): PretrainedConfig {
  const cfg = parseObject(TOKENIZER_CONFIG, tokenizerConfig) ?? {};
  const map = parseObject(SPECIAL_TOKENS_MAP, specialTokensMap);
  const named = {} as Record<SpecialKey, SpecialTokenSpec | null>;
  for (const key of SPECIAL_TOKEN_KEYS) named[key] = tokenSpec(TOKENIZER_CONFIG, key, cfg[key]);
  const listKey = cfg['additional_special_tokens'] !== undefined ? 'additional_special_tokens' : 'extra_special_tokens';
  const additional = tokenList(TOKENIZER_CONFIG, listKey, Array.isArray(cfg[listKey]) || cfg[listKey] == null ? cfg[listKey] : []);
  if (map !== null && !('added_tokens_decoder' in cfg)) {
    for (const key of SPECIAL_TOKEN_KEYS) if (key in map) named[key] = tokenSpec(SPECIAL_TOKENS_MAP, key, map[key]);
    for (const k of ['additional_special_tokens', 'extra_special_tokens']) {
      if (!Array.isArray(map[k])) continue;
      for (const t of tokenList(SPECIAL_TOKENS_MAP, k, map[k])) if (!additional.some((a) => a.content === t.content)) additional.push(t);
    }
  }
  const content = (k: SpecialKey): string | null => named[k]?.content ?? null;
  const cls = cfg['tokenizer_class'];
  return {
    bosToken: content('bos_token'),
    eosToken: content('eos_token'),
    unkToken: content('unk_token'),
    sepToken: content('sep_token'),
    padToken: content('pad_token'),
    clsToken: content('cls_token'),
    maskToken: content('mask_token'),
    additionalSpecialTokens: additional.map((t) => t.content),
    addedTokensDecoder: decoderTokens(TOKENIZER_CONFIG, cfg['added_tokens_decoder']),
    specialTokenSpecs: [...SPECIAL_TOKEN_KEYS.map((k) => named[k]).filter((t): t is SpecialTokenSpec => t !== null), ...additional],
    cleanUpTokenizationSpaces: optBool(TOKENIZER_CONFIG, cfg, 'clean_up_tokenization_spaces') ?? false,
    cleanUpForBpe: optBool(TOKENIZER_CONFIG, cfg, 'clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output') ?? false,
    modelMaxLength: maxLength(TOKENIZER_CONFIG, cfg),
    addBosToken: optBool(TOKENIZER_CONFIG, cfg, 'add_bos_token'),
    addEosToken: optBool(TOKENIZER_CONFIG, cfg, 'add_eos_token'),
    truncationSide: side(TOKENIZER_CONFIG, cfg, 'truncation_side'),
    paddingSide: side(TOKENIZER_CONFIG, cfg, 'padding_side'),
    tokenizerClass: typeof cls === 'string' ? cls : null,
  };
}
