// Reads the `model` object of a tokenizer.json into a BpeModel: vocab, both merge serializations,
// and the BPE flags. Other model types fail with a typed error listing what is supported.

import { BpeModel, type BpeOptions } from '../models/bpe/model.js';
import type { MergeTable } from '../models/bpe/merge.js';
import type { VocabIndex } from '../models/bpe/vocab-index.js';
import { TokenizerConfigError } from './errors.js';
import { asArray, asObject, componentType, optBool, optString, type JsonObject } from './read.js';

export const SUPPORTED_MODELS = ['BPE'] as const;

/** Checks the model's type and dropout and reads its flags (everything but vocab and merges). */
function readOptions(o: JsonObject, path: string): BpeOptions {
  // The reference accepts a BPE model without "type"; anything else must say BPE.
  if (o.type !== undefined) componentType(o, path, 'model', SUPPORTED_MODELS);
  if (o.dropout !== undefined && o.dropout !== null) {
    throw new TokenizerConfigError(`${path}.dropout`, `dropout ${JSON.stringify(o.dropout)} makes encoding random`, 'set "dropout": null to use this tokenizer for inference');
  }
  return {
    unkToken: optString(o, 'unk_token', path),
    fuseUnk: optBool(o, 'fuse_unk', path, false),
    byteFallback: optBool(o, 'byte_fallback', path, false),
    ignoreMerges: optBool(o, 'ignore_merges', path, false),
    // "" (as GPT-2's file has) behaves exactly like null; normalizing it keeps the fast paths.
    continuingSubwordPrefix: optString(o, 'continuing_subword_prefix', path) || null,
    endOfWordSuffix: optString(o, 'end_of_word_suffix', path) || null,
  };
}

/**
 * The model from tables already built (the scanner's, a snapshot's), given the rest of `$.model`
 * (vocab `{}`, merges `[]` or absent); null when the placeholders are not there, or when the merge
 * table was resolved as plain left + right (`plainMerges`, the scanner's) and the model has a
 * continuing-subword prefix, which changes the merged tokens.
 */
export function buildModelFromTables(
  json: unknown,
  t: { vocab: VocabIndex; maxId: number; merges: MergeTable },
  plainMerges: boolean,
  path = '$.model',
): BpeModel | null {
  const o = asObject(json, path);
  const opts = readOptions(o, path);
  if (plainMerges && opts.continuingSubwordPrefix !== null) return null;
  const v = o.vocab;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 0) return null;
  if (o.merges !== undefined && !(Array.isArray(o.merges) && o.merges.length === 0)) return null;
  // id → token strings are made on first use (decode, tokens): encoding ids does not need them.
  const { vocab, maxId } = t;
  return new BpeModel(vocab, t.merges, opts, path, () => vocab.tokensById(maxId + 1));
}

export function buildModel(json: unknown, path = '$.model'): BpeModel {
  const o = asObject(json, path);
  const opts = readOptions(o, path);
  const vo = asObject(o.vocab, `${path}.vocab`);
  // The parsed object itself serves as token → id (see BpeModel.tokenId): no 30k-entry Map at load.
  // One pass checks the ids and builds the inverse; Object.keys, not entries: no array per token.
  // (Object.values would save the lookup per key but is twice as slow on a 30k-key object.)
  const vocabR: string[] = [];
  const keys = Object.keys(vo);
  for (let k = 0; k < keys.length; k++) {
    const tok = keys[k]!;
    const id = vo[tok];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new TokenizerConfigError(`${path}.vocab[${JSON.stringify(tok)}]`, `expected a non-negative integer id, found ${JSON.stringify(id)}`);
    }
    const prev = vocabR[id];
    if (prev !== undefined) {
      throw new TokenizerConfigError(`${path}.vocab`, `id ${id} is used by both ${JSON.stringify(prev)} and ${JSON.stringify(tok)}`, 'give every token its own id');
    }
    vocabR[id] = tok;
  }
  const mergesJson = o.merges === undefined ? [] : asArray(o.merges, `${path}.merges`);
  // Two parallel string arrays rather than a [a, b] array per merge (30k+ of them at load).
  const left: string[] = new Array<string>(mergesJson.length);
  const right: string[] = new Array<string>(mergesJson.length);
  for (let i = 0; i < mergesJson.length; i++) {
    const m = mergesJson[i];
    if (typeof m === 'string') {
      const k = m.indexOf(' ');
      if (k < 0 || m.indexOf(' ', k + 1) >= 0) throw new TokenizerConfigError(`${path}.merges[${i}]`, `merge ${JSON.stringify(m)} is not two tokens separated by one space`);
      left[i] = m.slice(0, k);
      right[i] = m.slice(k + 1);
    } else if (Array.isArray(m) && m.length === 2 && typeof m[0] === 'string' && typeof m[1] === 'string') {
      left[i] = m[0];
      right[i] = m[1];
    } else throw new TokenizerConfigError(`${path}.merges[${i}]`, 'expected "a b" or ["a", "b"]');
  }
  return new BpeModel(vo as Record<string, number>, { left, right }, opts, path, vocabR, keys.length);
}
