// exportTiktoken: a byte-level BPE tokenizer.json as tiktoken data — the rank file (base64 token bytes,
// space, rank; one per line), the split pattern and the special tokens — with ranks equal to our ids.
// It refuses (TiktokenExportError) whenever tiktoken would not give exactly the reference's ids; it does
// not handle normalizers, post-processors that add tokens, or added tokens with strip/word flags.

import { base64Encode } from './base64.js';
import { TiktokenExportError } from './errors.js';
import { buildRankTable } from './ranks.js';
import { splitPatternFor } from './split-pattern.js';

export interface TiktokenExport {
  /** Contents of a `.tiktoken` file: `base64(token bytes) rank` per line, ascending rank, `\n`-terminated. */
  rankFile: string;
  /** tiktoken's `pat_str`. */
  pattern: string;
  /** Every added token of the tokenizer, by content. Encode with `allowed_special="all"` to match the reference. */
  specialTokens: Record<string, number>;
  /** Highest id + 1. */
  nVocab: number;
  /** True when ids 0..nVocab-1 are all used, so tiktoken's `explicit_n_vocab` check can be given nVocab. */
  denseIds: boolean;
  /** Facts about the conversion, for reports. */
  stats: { mergeableTokens: number; merges: number; alternativeSplits: number };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function reject(reason: ConstructorParameters<typeof TiktokenExportError>[0], path: string, detail: string, hint: string): never {
  throw new TiktokenExportError(reason, path, detail, hint);
}

function checkPipeline(json: Obj): void {
  if (json.normalizer !== null && json.normalizer !== undefined) {
    reject('normalizer', '$.normalizer', 'tiktoken has no normalizer', 'only tokenizers without a normalizer can be exported');
  }
  if ((json.truncation ?? null) !== null || (json.padding ?? null) !== null) {
    reject('truncation-padding', json.truncation ? '$.truncation' : '$.padding', 'tiktoken neither truncates nor pads', 'set "truncation" and "padding" to null');
  }
  const post = json.post_processor;
  if (post !== null && post !== undefined && !(isObj(post) && post.type === 'ByteLevel')) {
    reject('post-processor', '$.post_processor.type', `post-processor ${JSON.stringify(isObj(post) ? post.type : post)} may add tokens`, 'only null or ByteLevel post-processors can be exported');
  }
  const dec = json.decoder;
  if (!(isObj(dec) && dec.type === 'ByteLevel')) {
    reject('decoder', '$.decoder', 'tiktoken decodes by joining token bytes, which is what a ByteLevel decoder does; this one differs', 'use a ByteLevel decoder');
  }
}

function checkModel(model: unknown): { vocab: Record<string, number>; merges: unknown[] } {
  if (!isObj(model) || model.type !== 'BPE' || !isObj(model.vocab) || !Array.isArray(model.merges)) {
    reject('not-bpe', '$.model', 'the model is not a BPE with a vocab object and a merge list', 'only BPE tokenizers can be exported');
  }
  if (model.dropout !== null && model.dropout !== undefined && model.dropout !== 0) {
    reject('model-option', '$.model.dropout', 'BPE dropout is random; tiktoken is not', 'set "dropout" to null');
  }
  for (const key of ['continuing_subword_prefix', 'end_of_word_suffix'] as const) {
    const v = model[key];
    if (v !== null && v !== undefined && v !== '') reject('model-option', `$.model.${key}`, `${key} is set`, 'tiktoken has no subword prefixes or suffixes');
  }
  for (const [token, id] of Object.entries(model.vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      reject('not-bpe', `$.model.vocab[${JSON.stringify(token)}]`, `id ${JSON.stringify(id)} is not a non-negative integer`, 'fix the vocabulary');
    }
  }
  return { vocab: model.vocab as Record<string, number>, merges: model.merges };
}

/** Added tokens → tiktoken special tokens, refusing the flags tiktoken cannot express. */
function specialTokensOf(added: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const list = Array.isArray(added) ? added : [];
  list.forEach((t, i) => {
    const path = `$.added_tokens[${i}]`;
    if (!isObj(t) || typeof t.content !== 'string' || typeof t.id !== 'number' || t.content === '') {
      reject('added-token', path, 'not an object with "content" and "id"', 'fix the added token');
    }
    for (const flag of ['lstrip', 'rstrip', 'single_word'] as const) {
      if (t[flag] === true) reject('added-token', `${path}.${flag}`, `${flag} changes which text the token takes`, 'tiktoken special tokens match their exact text only');
    }
    out[t.content as string] = t.id as number;
  });
  // The reference picks the longest added token at a position; tiktoken's alternation picks any.
  const contents = Object.keys(out);
  for (const a of contents) {
    for (const b of contents) {
      if (a !== b && b.startsWith(a)) reject('added-token', '$.added_tokens', `${JSON.stringify(a)} is a prefix of ${JSON.stringify(b)}`, 'tiktoken may match the shorter one first');
    }
  }
  return out;
}

/** A loaded Tokenizer (anything with the parsed tokenizer.json as `config` and its current options). */
export interface TokenizerLike {
  readonly config: Record<string, unknown>;
  readonly truncation?: unknown;
  readonly padding?: unknown;
}

/** The tokenizer.json object to convert; a Tokenizer's truncation/padding set at run time count too. */
function configOf(source: unknown): Obj {
  if (isObj(source) && isObj(source.config) && 'model' in source.config) {
    return { ...source.config, truncation: source.truncation ?? null, padding: source.padding ?? null };
  }
  if (!isObj(source)) reject('not-bpe', '$', 'not a tokenizer.json object', 'pass a Tokenizer or the parsed JSON of a tokenizer.json');
  return source;
}

/**
 * Converts a Tokenizer, or a parsed tokenizer.json (the object, not the text), to tiktoken data.
 * Throws TiktokenExportError naming the first condition that fails.
 *
 * Use: JS `new Tiktoken(ex.rankFile, ex.specialTokens, ex.pattern).encode(text, 'all')` (package
 * `tiktoken`); Python `tiktoken.Encoding(name, pat_str=ex.pattern, mergeable_ranks=<rank file via
 * tiktoken.load.load_tiktoken_bpe>, special_tokens=ex.specialTokens).encode(text, allowed_special='all')`.
 * `allowed_special='all'` matters: the reference always splits added tokens out of the text.
 */
export function exportTiktoken(source: TokenizerLike | Record<string, unknown>): TiktokenExport {
  const tokenizerJson = configOf(source);
  checkPipeline(tokenizerJson);
  const { vocab, merges } = checkModel(tokenizerJson.model);
  const pattern = splitPatternFor(tokenizerJson.pre_tokenizer);
  const specialTokens = specialTokensOf(tokenizerJson.added_tokens);
  const table = buildRankTable(vocab, merges, new Set(Object.values(specialTokens)));

  const lines: string[] = [];
  const used = new Set<number>(Object.values(specialTokens));
  for (const { id, bytes } of table.entries) {
    lines.push(`${base64Encode(bytes)} ${id}`);
    used.add(id);
  }
  const nVocab = Math.max(...used) + 1;
  return {
    rankFile: lines.join('\n') + '\n',
    pattern,
    specialTokens,
    nVocab,
    denseIds: used.size === nVocab,
    stats: { mergeableTokens: table.entries.length, merges: table.merges, alternativeSplits: table.alternativeSplits },
  };
}
