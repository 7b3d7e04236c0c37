// Reads the `model` object of a tokenizer.json into a BpeModel: vocab, both merge serializations,
// and the BPE flags. Other model types fail with a typed error listing what is supported.

import { BpeModel } from '../models/bpe/model.js';
import { TokenizerConfigError } from './errors.js';
import { asArray, asObject, componentType, optBool, optString } from './read.js';

export const SUPPORTED_MODELS = ['BPE'] as const;

export function buildModel(json: unknown, path = '$.model'): BpeModel {
  const o = asObject(json, path);
  // The reference accepts a BPE model without "type"; anything else must say BPE.
  if (o.type !== undefined) componentType(o, path, 'model', SUPPORTED_MODELS);
  if (o.dropout !== undefined && o.dropout !== null) {
    throw new TokenizerConfigError(`${path}.dropout`, `dropout ${JSON.stringify(o.dropout)} makes encoding random`, 'set "dropout": null to use this tokenizer for inference');
  }
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
  return new BpeModel(
    vo as Record<string, number>,
    { left, right },
    {
      unkToken: optString(o, 'unk_token', path),
      fuseUnk: optBool(o, 'fuse_unk', path, false),
      byteFallback: optBool(o, 'byte_fallback', path, false),
      ignoreMerges: optBool(o, 'ignore_merges', path, false),
      // "" (as GPT-2's file has) behaves exactly like null; normalizing it keeps the fast paths.
      continuingSubwordPrefix: optString(o, 'continuing_subword_prefix', path) || null,
      endOfWordSuffix: optString(o, 'end_of_word_suffix', path) || null,
    },
    path,
    vocabR,
    keys.length,
  );
}
