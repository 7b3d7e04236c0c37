// `PretrainedTokenizer`: a runtime Tokenizer (held, not extended — as transformers' fast tokenizer
// holds `_tokenizer`) plus what transformers layers on top of tokenizer.json from
// tokenizer_config.json / special_tokens_map.json — named special tokens, decode clean-up,
// model_max_length as the default truncation length, the pad token and padding side — and
// `loadPretrained`, which builds one from a hub repo through any store. Platform-neutral; the Node
// entry adds the file-cache default. Special tokens the config names but tokenizer.json lacks are
// added as transformers adds them. Chat templates are rendered in src/chat/.

import { Tokenizer } from '../tokenizer.js';
import { applyChatTemplate, type ApplyChatTemplateOptions } from '../chat/apply.js';
import type { ChatMessage } from '../chat/template.js';
import { isSnapshot } from '../config/snapshot.js';
import type { AddedToken } from '../added-tokens/added-vocabulary.js';
import type { DecodeStream } from '../tokenizer/decode-stream.js';
import type { DecodeOptions, EncodeInput, EncodeOptions, PaddingOptions, TruncationOptions } from '../tokenizer/options.js';
import type { Encoding } from '../tokenizer/encoding.js';
import { callTokenizer, type CallOptions, type CallResult } from '../tokenizer/call.js';
import { InvalidOptionError } from '../config/errors.js';
import { PretrainedConfigError } from './errors.js';
import { cleanUpTokenization } from './cleanup.js';
import { loadHubFiles, type HubLoadOptions } from './resolve.js';
import type { HubStore } from './store.js';
import { parsePretrainedConfig, type PretrainedConfig } from './tokenizer-config.js';
import type { AddedTokenJson } from '../config/added-tokens.js';

/** Which transformers major version's decode rules to follow. */
export type TransformersCompat = 'v5' | 'v4';

export interface PretrainedEncodeOptions extends Omit<EncodeOptions, 'truncation'> {
  /**
   * true: cut to `maxLength`, else to model_max_length (no cut when the config sets no limit), from the
   * config's truncation_side — transformers' `truncation=True`. false or null: no truncation at all.
   * An object: those settings, as for Tokenizer.encode. Default: `maxLength` alone turns truncation on
   * (as in transformers); otherwise the tokenizer's own `truncation` setting (tokenizer.json's, or
   * `setTruncation`) applies.
   */
  truncation?: boolean | TruncationOptions | null;
  /** Length for `truncation: true` (transformers' max_length). Default: model_max_length. */
  maxLength?: number;
}

export interface PretrainedDecodeOptions extends DecodeOptions {
  /** Overrides the config's clean_up_tokenization_spaces for this call. */
  cleanUpTokenizationSpaces?: boolean;
}

export interface PretrainedSource {
  repoId: string;
  revision: string;
  commit: string | null;
}

const FILES = [
  { name: 'tokenizer.json', required: true },
  { name: 'tokenizer_config.json', required: false },
  { name: 'special_tokens_map.json', required: false },
  // PARITY: transformers asks for it too (newer repos ship the chat template only here).
  { name: 'chat_template.jinja', required: false },
] as const;

export class PretrainedTokenizer {
  /** The runtime tokenizer built from tokenizer.json (with the config's extra special tokens added). */
  readonly tokenizer: Tokenizer;
  /** What tokenizer_config.json / special_tokens_map.json say; transformers' defaults without them. */
  readonly pretrained: PretrainedConfig;
  readonly source: PretrainedSource | null;
  /**
   * 'v5' (default): transformers 5 skips clean-up for BPE models unless the config opts in with
   * clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output (checked against 5.17).
   * 'v4': transformers 4.x applies clean-up whenever clean_up_tokenization_spaces is set (read in
   * 4.57.6's source; not run here — its huggingface_hub < 1.0 is not installable offline).
   */
  compat: TransformersCompat;

  constructor(tokenizer: Tokenizer, pretrained: PretrainedConfig = parsePretrainedConfig(null, null), opts: { compat?: TransformersCompat; source?: PretrainedSource | null } = {}) {
    this.tokenizer = tokenizer;
    this.pretrained = pretrained;
    this.compat = opts.compat ?? 'v5';
    this.source = opts.source ?? null;
  }

  get bosToken(): string | null { return this.pretrained.bosToken; }
  get eosToken(): string | null { return this.pretrained.eosToken; }
  get unkToken(): string | null { return this.pretrained.unkToken; }
  get sepToken(): string | null { return this.pretrained.sepToken; }
  get padToken(): string | null { return this.pretrained.padToken; }
  get clsToken(): string | null { return this.pretrained.clsToken; }
  get maskToken(): string | null { return this.pretrained.maskToken; }
  get bosTokenId(): number | null { return this.idOf(this.pretrained.bosToken); }
  get eosTokenId(): number | null { return this.idOf(this.pretrained.eosToken); }
  get unkTokenId(): number | null { return this.idOf(this.pretrained.unkToken); }
  get padTokenId(): number | null { return this.idOf(this.pretrained.padToken); }
  /** model_max_length, or null when the model sets no limit. */
  get modelMaxLength(): number | null { return this.pretrained.modelMaxLength; }
  get cleanUpTokenizationSpaces(): boolean { return this.pretrained.cleanUpTokenizationSpaces; }
  get addBosToken(): boolean | null { return this.pretrained.addBosToken; }
  get addEosToken(): boolean | null { return this.pretrained.addEosToken; }
  /** padding_side of the config; default 'right'. */
  get paddingSide(): 'left' | 'right' { return this.pretrained.paddingSide; }

  private idOf(token: string | null): number | null {
    return token === null ? null : (this.tokenizer.tokenToId(token) ?? null);
  }

  /** Encodes one text or a pair, with transformers' meaning of `truncation: true` / `maxLength`. */
  encode(text: string, opts?: PretrainedEncodeOptions): Encoding;
  encode(text: string, pair: string | null | undefined, opts?: PretrainedEncodeOptions): Encoding;
  encode(text: string, a?: string | null | PretrainedEncodeOptions, b?: PretrainedEncodeOptions): Encoding {
    if (a !== null && typeof a === 'object') return this.tokenizer.encode(text, this.callOptions(a));
    return this.tokenizer.encode(text, a, b === undefined ? undefined : this.callOptions(b));
  }

  encodeBatch(inputs: readonly EncodeInput[], opts: PretrainedEncodeOptions = {}): Encoding[] {
    return this.tokenizer.encodeBatch(inputs, this.callOptions(opts));
  }

  encodeIds(text: string, opts: PretrainedEncodeOptions = {}): number[] {
    return this.tokenizer.encodeIds(text, this.callOptions(opts));
  }

  /** The runtime's options for one call: truncation resolved, padding filled from the config. */
  private callOptions(opts: PretrainedEncodeOptions): EncodeOptions {
    if (opts === null || typeof opts !== 'object') throw new InvalidOptionError('options', `expected an options object, found ${opts === null ? 'null' : typeof opts}`);
    const { truncation: _t, maxLength: m, ...rest } = opts;
    if (m !== undefined && !(typeof m === 'number' && Number.isInteger(m) && m >= 0)) throw new InvalidOptionError('maxLength', `expected a non-negative integer, found ${JSON.stringify(m)}`);
    if (_t !== undefined && _t !== null && typeof _t !== 'boolean' && typeof _t !== 'object') throw new InvalidOptionError('truncation', `expected true, false, null or truncation settings, found ${JSON.stringify(_t)}`);
    const out: EncodeOptions = rest;
    const t = this.callTruncation(opts);
    if (t !== undefined) out.truncation = t;
    if (rest.padding) out.padding = this.withConfigPadding(rest.padding);
    return out;
  }

  /** undefined: keep the tokenizer's own setting. PARITY: transformers _get_padding_truncation_strategies. */
  private callTruncation(opts: PretrainedEncodeOptions): TruncationOptions | null | undefined {
    const tr = opts.truncation;
    if (tr !== undefined && tr !== null && typeof tr === 'object') return tr;
    if (tr === null) return null;
    const on = tr ?? (opts.maxLength !== undefined ? true : undefined);
    if (on === undefined) return undefined;
    if (!on) return null;
    const maxLength = opts.maxLength ?? this.pretrained.modelMaxLength;
    if (maxLength === null) return null;
    return { maxLength, stride: 0, direction: this.pretrained.truncationSide };
  }

  /**
   * Padding settings with the config's pad token (and its id) and padding side where the caller
   * leaves them out, as transformers pads. The runtime Tokenizer keeps the reference's defaults.
   */
  withConfigPadding(p: PaddingOptions): PaddingOptions {
    const out: PaddingOptions = { ...p };
    const padId = this.padTokenId;
    if (out.padId === undefined && out.padToken === undefined && padId !== null) {
      out.padId = padId;
      out.padToken = this.pretrained.padToken!;
    } else if (out.padToken !== undefined && out.padId === undefined) {
      const id = this.tokenizer.tokenToId(out.padToken);
      if (id !== undefined) out.padId = id;
    }
    out.direction ??= this.pretrained.paddingSide;
    return out;
  }

  decode(ids: ArrayLike<number>, opts: PretrainedDecodeOptions = {}): string {
    const { cleanUpTokenizationSpaces: cleanUp, ...rest } = opts ?? {};
    if (cleanUp !== undefined && typeof cleanUp !== 'boolean') throw new InvalidOptionError('cleanUpTokenizationSpaces', `expected true or false, found ${typeof cleanUp}`);
    const text = this.tokenizer.decode(ids, rest);
    const want = cleanUp ?? this.pretrained.cleanUpTokenizationSpaces;
    // PARITY: transformers 5 TokenizersBackend._decode skips clean-up for BPE models (all of ours are BPE).
    const apply = want && (this.compat === 'v4' || this.pretrained.cleanUpForBpe);
    return apply ? cleanUpTokenization(text) : text;
  }

  /**
   * transformers' `tokenizer(textOrTexts, { text_pair, padding, truncation, max_length, … })` with
   * this config's model_max_length, truncation_side, pad token, padding_side and model_input_names.
   */
  call(texts: string | readonly string[], opts: CallOptions = {}): CallResult {
    return callTokenizer(
      {
        encodeBatch: (i, o) => this.tokenizer.encodeBatch(i, o),
        modelMaxLength: this.pretrained.modelMaxLength,
        truncationSide: this.pretrained.truncationSide,
        paddingFor: (p) => this.withConfigPadding(p),
        modelInputNames: this.pretrained.modelInputNames,
      },
      texts,
      opts,
    );
  }

  /** decode of each row (with this config's clean-up rule). */
  batchDecode(rows: ReadonlyArray<ArrayLike<number>>, opts: PretrainedDecodeOptions = {}): string[] {
    if (!Array.isArray(rows)) throw new InvalidOptionError('rows', 'expected an array of id arrays');
    return rows.map((r) => this.decode(r, opts));
  }

  getVocab(): Record<string, number> { return this.tokenizer.getVocab(); }
  convertIdsToTokens(ids: ArrayLike<number>): Array<string | null> { return this.tokenizer.convertIdsToTokens(ids); }
  convertTokensToIds(tokens: readonly string[]): Array<number | null> { return this.tokenizer.convertTokensToIds(tokens); }
  /** Tokenizer.countTokens with this wrapper's option meanings. */
  countTokens(text: string, opts: PretrainedEncodeOptions = {}): number { return this.tokenizer.countTokens(text, this.callOptions(opts)); }
  isWithinTokenLimit(text: string, limit: number, opts: PretrainedEncodeOptions = {}): number | false {
    return this.tokenizer.isWithinTokenLimit(text, limit, this.callOptions(opts));
  }

  decodeStream(opts: DecodeOptions = {}): DecodeStream {
    return this.tokenizer.decodeStream(opts);
  }

  /** The tokenizer's truncation (tokenizer.json's, or setTruncation's). */
  get truncation(): TruncationOptions | null { return this.tokenizer.truncation; }
  /** The tokenizer's padding (tokenizer.json's, or setPadding's). */
  get padding(): PaddingOptions | null { return this.tokenizer.padding; }
  setTruncation(t: TruncationOptions | null): void { this.tokenizer.setTruncation(t); }
  /** Sets padding with the config's pad token and side filled in (`setPadding({})` pads as transformers does). */
  setPadding(p: PaddingOptions | null): void { this.tokenizer.setPadding(p && this.withConfigPadding(p)); }
  tokenToId(token: string): number | undefined { return this.tokenizer.tokenToId(token); }
  idToToken(id: number): string | undefined { return this.tokenizer.idToToken(id); }
  get vocabSize(): number { return this.tokenizer.vocabSize; }
  get specialTokens(): Array<{ id: number; content: string }> { return this.tokenizer.specialTokens; }
  get addedTokens(): readonly AddedToken[] { return this.tokenizer.addedTokens; }
  get config(): Record<string, unknown> { return this.tokenizer.config; }
  toSnapshot(): Uint8Array { return this.tokenizer.toSnapshot(); }
  jsonSource(): string | Uint8Array { return this.tokenizer.jsonSource(); }

  /** The config's chat template(s) (tokenizer_config.json `chat_template`), or null. */
  get chatTemplate(): PretrainedConfig['chatTemplate'] {
    return this.pretrained.chatTemplate;
  }

  /**
   * transformers' `apply_chat_template`, synchronous (as in transformers.js): renders `messages` with
   * the config's chat template (or `chatTemplate`: a template string or a template name) and returns
   * the ids of that text encoded without adding special tokens, or the text with `tokenize: false`.
   * The template sees `messages`, `tools`, `documents`, `add_generation_prompt`, the special tokens
   * (`bos_token`, `eos_token`, …) and any other option as a variable. Throws ChatTemplateError.
   */
  applyChatTemplate(messages: readonly ChatMessage[], options: ApplyChatTemplateOptions & { tokenize: false }): string;
  applyChatTemplate(messages: readonly ChatMessage[], options?: ApplyChatTemplateOptions): number[];
  applyChatTemplate(messages: readonly ChatMessage[], options: ApplyChatTemplateOptions = {}): number[] | string {
    const c = this.pretrained;
    const special: Record<string, string | null> = {
      bos_token: c.bosToken, eos_token: c.eosToken, unk_token: c.unkToken, sep_token: c.sepToken,
      pad_token: c.padToken, cls_token: c.clsToken, mask_token: c.maskToken,
    };
    const withAdditional = { ...options };
    if (c.additionalSpecialTokens.length && !('additional_special_tokens' in withAdditional)) withAdditional['additional_special_tokens'] = c.additionalSpecialTokens;
    return applyChatTemplate(this.tokenizer, c.chatTemplate, special, messages, withAdditional);
  }

  /**
   * `applyChatTemplate(messages, options).length` — the template rendered, its text counted as
   * applyChatTemplate encodes it (no special tokens added, no truncation or padding) without building
   * the encoding.
   */
  countChatTokens(messages: readonly ChatMessage[], options: ChatCountOptions = {}): number {
    return this.tokenizer.countTokens(this.renderForCount(messages, options), CHAT_ENCODE);
  }

  /**
   * That count when it is at most `limit`, else false (isWithinTokenLimit over the rendered chat): the
   * template is rendered whole, then counting stops once the limit is passed.
   */
  isChatWithinTokenLimit(messages: readonly ChatMessage[], limit: number, options: ChatCountOptions = {}): number | false {
    return this.tokenizer.isWithinTokenLimit(this.renderForCount(messages, options), limit, CHAT_ENCODE);
  }

  private renderForCount(messages: readonly ChatMessage[], options: ChatCountOptions): string {
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', `expected an options object, found ${options === null ? 'null' : typeof options}`);
    if ('tokenize' in options) throw new InvalidOptionError('tokenize', 'does not apply to a token count', 'leave it out: the count is of the ids applyChatTemplate returns');
    return this.applyChatTemplate(messages, { ...options, tokenize: false });
  }
}

/** applyChatTemplate's options for a count: all of them but `tokenize` (Omit would drop the named keys of an index-signature type). */
export type ChatCountOptions = ApplyChatTemplateOptions & { tokenize?: never };

/** How applyChatTemplate encodes the rendered text (transformers' rule: the template wrote the special tokens). */
const CHAT_ENCODE = { addSpecialTokens: false, truncation: null, padding: null } as const;

export interface PretrainedOptions extends HubLoadOptions {
  /** Decode rules to follow; default 'v5'. See `PretrainedTokenizer.compat`. */
  compat?: TransformersCompat;
  /**
   * Apply add_bos_token / add_eos_token from tokenizer_config.json by replacing tokenizer.json's
   * post-processor with `[bos] $A [eos]`, as transformers does when they are passed to the
   * constructor. Default false: transformers' from_pretrained ignores them when a tokenizer.json exists.
   */
  applyAddBosEos?: boolean;
}

/**
 * Builds a PretrainedTokenizer from the three files' contents (null = file absent). tokenizer.json
 * may be given as bytes: without the two config files it is loaded as is (the fast loader; a
 * snapshot made by `toSnapshot` too), else decoded and handled like text.
 */
export function buildPretrained(
  tokenizerJson: string | Uint8Array,
  tokenizerConfig: string | null,
  specialTokensMap: string | null,
  opts: Pick<PretrainedOptions, 'compat' | 'applyAddBosEos'> & { chatTemplateFile?: string | null } = {},
  source: PretrainedSource | null = null,
): PretrainedTokenizer {
  let config = parsePretrainedConfig(tokenizerConfig, specialTokensMap);
  // PARITY: transformers' from_pretrained reads chat_template.jinja as the default template and lets it
  // take priority over tokenizer_config.json's chat_template (tokenization_utils_base._from_pretrained).
  if (typeof opts.chatTemplateFile === 'string') config = { ...config, chatTemplate: opts.chatTemplateFile };
  if (typeof tokenizerJson !== 'string') {
    // Without config files there are no tokens to add and no template to apply: load the bytes.
    if (tokenizerConfig === null && specialTokensMap === null) return new PretrainedTokenizer(Tokenizer.fromJSON(tokenizerJson), config, { compat: opts.compat, source });
    if (isSnapshot(tokenizerJson)) {
      throw new PretrainedConfigError('tokenizer.json', '', 'is a tokenizer snapshot, which cannot be combined with tokenizer_config.json; put the tokenizer.json itself beside it');
    }
    tokenizerJson = new TextDecoder().decode(tokenizerJson);
  }
  let json: string | Record<string, unknown> = tokenizerJson;
  try {
    json = JSON.parse(tokenizerJson) as Record<string, unknown>;
  } catch {
    // Leave it as text: the runtime's parser reports the JSON error with its own error class.
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    json = withConfigSpecialTokens(json, config);
    if (opts.applyAddBosEos && (config.addBosToken || config.addEosToken)) json = withBosEosTemplate(json, config);
  }
  return new PretrainedTokenizer(Tokenizer.fromJSON(json), config, { compat: opts.compat, source });
}

/**
 * Tokens the config knows (added_tokens_decoder, then the special tokens) but tokenizer.json's
 * added_tokens lacks are appended, with the model's id when the vocabulary has the string, else the
 * next free id. PARITY: transformers' tokenizer __init__ calls `add_tokens` on them; ids follow
 * tokenizers' AddedVocabulary::add_tokens (max(added id) + 1 when that is past the model vocab).
 * Not handled: an entry whose content tokenizer.json has with different flags (transformers re-adds it).
 */
function withConfigSpecialTokens(json: Record<string, unknown>, c: PretrainedConfig): Record<string, unknown> {
  const added = Array.isArray(json['added_tokens']) ? (json['added_tokens'] as AddedTokenJson[]) : [];
  const have = new Set(added.map((t) => t.content));
  // added_tokens_decoder entries first (their own `special` flag), then the special tokens.
  const wanted = [...c.addedTokensDecoder, ...c.specialTokenSpecs.map((t) => ({ ...t, special: true }))];
  const missing = wanted.filter((s) => !have.has(s.content));
  if (missing.length === 0) return json;
  const model = json['model'] as Record<string, unknown> | undefined;
  const vocab = (model?.['vocab'] && typeof model['vocab'] === 'object' ? model['vocab'] : {}) as Record<string, number>;
  const vocabSize = Object.keys(vocab).length;
  const out = [...added];
  for (const s of missing) {
    if (have.has(s.content)) continue;
    have.add(s.content);
    let id = Object.prototype.hasOwnProperty.call(vocab, s.content) ? vocab[s.content] : undefined;
    if (typeof id !== 'number') {
      const max = out.reduce((m, t) => Math.max(m, t.id), -1);
      id = max < 0 ? vocabSize : max >= vocabSize || vocabSize === 0 ? max + 1 : vocabSize;
    }
    out.push({ id, content: s.content, single_word: s.singleWord, lstrip: s.lstrip, rstrip: s.rstrip, normalized: s.normalized, special: s.special });
  }
  return { ...json, added_tokens: out };
}

/** PARITY: transformers TokenizersBackend.update_post_processor (single-sequence template). */
function withBosEosTemplate(json: Record<string, unknown>, c: PretrainedConfig): Record<string, unknown> {
  const added = Array.isArray(json['added_tokens']) ? (json['added_tokens'] as Array<{ id?: unknown; content?: unknown }>) : [];
  const vocab = ((json['model'] as Record<string, unknown> | undefined)?.['vocab'] ?? {}) as Record<string, number>;
  const idOf = (key: string, token: string): number => {
    const id = added.find((t) => t.content === token)?.id ?? vocab[token];
    if (typeof id !== 'number') throw new PretrainedConfigError('tokenizer_config.json', key, `${JSON.stringify(token)} is not in tokenizer.json's vocabulary`);
    return id;
  };
  const single: unknown[] = [];
  const specials: Record<string, { id: string; ids: number[]; tokens: string[] }> = {};
  // A flag without its token is dropped, as transformers does.
  if (c.addBosToken && c.bosToken !== null) {
    single.push({ SpecialToken: { id: c.bosToken, type_id: 0 } });
    specials[c.bosToken] = { id: c.bosToken, ids: [idOf('bos_token', c.bosToken)], tokens: [c.bosToken] };
  }
  single.push({ Sequence: { id: 'A', type_id: 0 } });
  if (c.addEosToken && c.eosToken !== null) {
    single.push({ SpecialToken: { id: c.eosToken, type_id: 0 } });
    specials[c.eosToken] = { id: c.eosToken, ids: [idOf('eos_token', c.eosToken)], tokens: [c.eosToken] };
  }
  const pair = [...single, ...single.map((p) => ((p as { Sequence?: unknown }).Sequence ? { Sequence: { id: 'B', type_id: 1 } } : { SpecialToken: { ...(p as { SpecialToken: object }).SpecialToken, type_id: 1 } }))];
  return { ...json, post_processor: { type: 'TemplateProcessing', single, pair, special_tokens: specials } };
}

/** Loads tokenizer.json (+ the optional config files and chat_template.jinja) of `repoId` through `store`. */
export async function loadPretrained(repoId: string, store: HubStore, opts: PretrainedOptions = {}): Promise<PretrainedTokenizer> {
  const got = await loadHubFiles(repoId, FILES, store, opts);
  const text = (name: string): string | null => {
    const b = got.files.get(name);
    return b === undefined || b === null ? null : new TextDecoder().decode(b);
  };
  const tokenizerJson = text('tokenizer.json');
  // loadHubFiles throws before returning without a required file; this guards the type only.
  if (tokenizerJson === null) throw new PretrainedConfigError('tokenizer.json', '', `missing from '${repoId}'`);
  return buildPretrained(tokenizerJson, text('tokenizer_config.json'), text('special_tokens_map.json'), { ...opts, chatTemplateFile: text('chat_template.jinja') }, {
    repoId,
    revision: got.revision,
    commit: got.commit,
  });
}
