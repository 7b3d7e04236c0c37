// Reads `added_tokens` of a tokenizer.json and assigns ids exactly as the reference does: the ids
// written in the file are not used — a token whose content is in the vocab (or added earlier) gets
// that id, any other gets the next free id from the vocab size up, in file order. (The reference
// only logs a warning when the file's id differs; so do we not fail, and record the difference.)

import type { AddedToken } from '../added-tokens/added-vocabulary.js';
import type { BpeModel } from '../models/bpe/model.js';
import { asArray, asObject, optBool, reqString, reqUint } from './read.js';

/** An added token whose id in the file differs from the id the reference gives it. */
/** One entry of tokenizer.json's `added_tokens`, as Hugging Face writes it (field names verbatim). */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface AddedTokenIdMismatch {
  content: string;
  fileId: number;
  id: number;
}

export function readAddedTokens(json: unknown, model: BpeModel, path = '$.added_tokens', mismatches: AddedTokenIdMismatch[] = []): AddedToken[] {
  if (json === undefined || json === null) return [];
  const byContent = new Map<string, AddedToken>();
  const out: AddedToken[] = [];
  let nextId = model.size;
  asArray(json, path).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const o = asObject(t, p);
    const fileId = reqUint(o, 'id', p);
    const content = reqString(o, 'content', p);
    const special = optBool(o, 'special', p, false);
    const flags = {
      special,
      singleWord: optBool(o, 'single_word', p, false),
      lstrip: optBool(o, 'lstrip', p, false),
      rstrip: optBool(o, 'rstrip', p, false),
      normalized: optBool(o, 'normalized', p, !special),
    };
    if (content === '') return; // ignored by the reference
    const prev = byContent.get(content);
    const id = prev?.id ?? model.tokenId(content) ?? nextId++;
    if (id !== fileId) mismatches.push({ content, fileId, id });
    const tok: AddedToken = { id, content, ...flags };
    if (prev) out[out.indexOf(prev)] = tok;
    else out.push(tok);
    byContent.set(content, tok);
  });
  return out;
}
