// Assembles the trained tokenizer.json: the preset's pipeline, the model's vocabulary and merges, and
// the added tokens (the trainer's special tokens, then the preset's trailing tokens at the next free
// ids) — the layout Hugging Face writes after `Tokenizer.train`. It writes no file (write-atomic.ts).

import type { AddedTokenJson } from '../config/added-tokens.js';
import type { BpeTrainResult } from '../models/bpe/trainer.js';
import type { Preset } from './presets.js';

function special(id: number, content: string): AddedTokenJson {
  // HF's trainer hands back `AddedToken::from(content, true)`: special, hence not normalized.
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** The added-tokens list: leading specials (already in the vocabulary), then trailing ones. */
export function addedTokens(vocab: readonly string[], leading: readonly string[], trailing: readonly string[]): AddedTokenJson[] {
  const idOf = new Map<string, number>();
  vocab.forEach((t, i) => idOf.set(t, i));
  const out: AddedTokenJson[] = [];
  let next = vocab.length;
  for (const t of [...leading, ...trailing]) {
    // A token the model already knows keeps that id; a new one takes the next id after the model's.
    const id = idOf.get(t) ?? next++;
    idOf.set(t, id);
    out.push(special(id, t));
  }
  return out;
}

/** The whole tokenizer.json object for `result` trained with `preset` (and its special tokens). */
export function tokenizerJson(result: BpeTrainResult, p: Preset): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  result.vocab.forEach((t, i) => (vocab[t] = i));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(result.vocab, p.specialTokens, p.trailingTokens),
    normalizer: null,
    pre_tokenizer: p.preTokenizer,
    post_processor: p.postProcessor,
    decoder: p.decoder,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: result.merges,
    },
  };
}
