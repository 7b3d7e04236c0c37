// The loader uses the parsed `model.vocab` object itself as token → id (no Map at load) and guesses
// each merge's result id as the previous one + 1. These differential tests pin the two risks: tokens
// named like Object.prototype members, and vocabularies whose ids do not follow the merge order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenizerConfigError } from '../../src/config/errors.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { smallBpe } from './configs.js';
import { compareBatch, describeMismatches, hostileString, refFromJSON, runSeed } from './support.js';

type J = Record<string, unknown>;
const PROTO_WORDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'length', 'prototype'];

/** smallBpe plus tokens named like Object.prototype members; ids optionally reversed (merge results then never follow each other). */
function config(opts: { ignoreMerges: boolean; reverseIds: boolean }): string {
  const cfg = smallBpe({ unk: '<unk>' }) as J;
  const model = cfg.model as J;
  const vocab = model.vocab as Record<string, number>;
  let n = Object.keys(vocab).length;
  // Only some of them: the others must stay unknown (not picked up from Object.prototype).
  for (const w of ['constructor', 'toString']) vocab[w] = n++;
  // `vocab.__proto__ = id` would set the prototype; this key is written into the JSON text below.
  let protoId = n++;
  if (opts.reverseIds) {
    for (const k of Object.keys(vocab)) vocab[k] = n - 1 - vocab[k]!;
    protoId = n - 1 - protoId;
  }
  model.ignore_merges = opts.ignoreMerges;
  const added = cfg.added_tokens as Array<J>;
  for (const a of added) a.id = vocab[a.content as string];
  // JSON text with "__proto__" as an own key (JSON.stringify of an object literal would drop it).
  return JSON.stringify(cfg).replace('"constructor":', `"__proto__":${protoId},"constructor":`);
}

describe('vocab object and merge-id guessing match the reference', () => {
  const seed = runSeed('vocab object');
  const generated = fc.sample(hostileString(), { seed, numRuns: 500 });
  const texts = [
    ...PROTO_WORDS,
    PROTO_WORDS.join(' '),
    'the other thing then, hello world. 한국 th he in',
    ...generated,
  ];
  for (const ignoreMerges of [false, true]) {
    for (const reverseIds of [false, true]) {
      it(`ignore_merges ${ignoreMerges}, ids ${reverseIds ? 'reversed' : 'in merge order'}`, async () => {
        const json = config({ ignoreMerges, reverseIds });
        expect(json).toContain('"__proto__":');
        const r = refFromJSON(json) as unknown as { tokenToId(t: string): number | null; getVocabSize(a: boolean): number };
        const ours = Tokenizer.fromJSON(json);
        for (const w of PROTO_WORDS) expect(ours.tokenToId(w) ?? null, w).toBe(r.tokenToId(w));
        expect(ours.vocabSize).toBe(r.getVocabSize(true));
        const ms = await compareBatch(r as never, ours, texts);
        expect(ms.length, `${ms.length} mismatches (seed ${seed})\n${describeMismatches(ms)}`).toBe(0);
      });
    }
  }
});

describe('fromJSON(object) copies the caller object', () => {
  it('later changes to the object do not reach the tokenizer', () => {
    const json = {
      version: '1.0',
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: null,
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: { type: 'BPE', dropout: null, unk_token: null, vocab: { a: 0, b: 1, ab: 2 } as Record<string, number>, merges: ['a b'] },
    };
    const tok = Tokenizer.fromJSON(json);
    json.model.vocab.ab = 7;
    json.model.vocab.a = 9;
    expect(Array.from(tok.encode('aba').ids)).toEqual([2, 0]);
    expect(tok.tokenToId('ab')).toBe(2);
  });
  it('a value that is not JSON-like is a TokenizerConfigError', () => {
    expect(() => Tokenizer.fromJSON({ model: { type: 'BPE', f: () => 1 } })).toThrow(TokenizerConfigError);
  });
});
