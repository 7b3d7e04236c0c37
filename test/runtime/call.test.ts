// The transformers-style surface against the reference `tokenizers` (npm): `call` (input ids,
// attention masks and type ids of texts and pairs, with padding and truncation), batchDecode,
// getVocab, convertIdsToTokens / convertTokensToIds; and the token budgets: countTokens equals
// encode(...).ids.length and isWithinTokenLimit gives the count or false, on corpus lines and
// fast-check strings, and stops early (work counted: the words it tokenized).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPretrained } from '../../src/hub/pretrained.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

interface RefEnc {
  getIds(): number[];
  getTypeIds(): number[];
  getAttentionMask(): number[];
}
interface RefTok {
  setTruncation(n: number, o?: object): void;
  setPadding(o?: object): void;
  disableTruncation(): void;
  disablePadding(): void;
  encode(t: string, pair: string | null, o?: object): Promise<RefEnc>;
  encodeBatch(t: string[], o?: object): Promise<RefEnc[]>;
  decodeBatch(ids: number[][], skip: boolean): Promise<string[]>;
  getVocab(withAdded: boolean): Record<string, number>;
  idToToken(id: number): string | null;
  tokenToId(t: string): number | null;
}

const base = polyglot();
const tpl = base && polyglotVariants(base).find(([n]) => n === 'TemplateProcessing')![1];

function lines(): string[] {
  const f = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'runtime call/budgets');
  return f ? readFileSync(f, 'utf8').split('\n').filter(Boolean).slice(0, 60) : [];
}

describe.runIf(base)('call / batchDecode / vocabulary queries match the reference', () => {
  const json = JSON.stringify(tpl);
  const ours = Tokenizer.fromJSON(json);
  const r = refFromJSON(json) as unknown as RefTok;
  const texts = lines().slice(0, 24);

  it('call: ids, masks and type ids of texts and pairs, padded to the longest, truncated to maxLength', async () => {
    r.disableTruncation();
    r.setPadding({ padId: 0, padToken: '[PAD]' });
    const want = await r.encodeBatch(texts);
    const got = ours.call(texts, { padding: true });
    expect(got.inputIds).toEqual(want.map((e) => e.getIds()));
    expect(got.attentionMask).toEqual(want.map((e) => e.getAttentionMask()));
    expect(got.tokenTypeIds).toEqual(want.map((e) => e.getTypeIds()));
    // One text: one row.
    r.disablePadding();
    const one = await r.encode(texts[0]!, null);
    expect(ours.call(texts[0]!).inputIds).toEqual(one.getIds());
    // Pairs, truncation (maxLength alone turns it on, as in transformers), Int32Array rows.
    r.setTruncation(20, { strategy: 'LongestFirst' });
    const pairs = texts.slice(1, 9);
    const got2 = ours.call(texts.slice(0, 8), { textPair: pairs, maxLength: 20, returnInt32Array: true });
    for (let i = 0; i < 8; i++) {
      const e = await r.encode(texts[i]!, pairs[i]!);
      expect(Array.from((got2.inputIds as Int32Array[])[i]!)).toEqual(e.getIds());
      expect(Array.from((got2.tokenTypeIds as Int32Array[])[i]!)).toEqual(e.getTypeIds());
    }
    expect((got2.inputIds as Int32Array[])[0]).toBeInstanceOf(Int32Array);
    r.disableTruncation();
    // padding 'max_length' pads every row to maxLength.
    const got3 = ours.call(['짧다', '조금 더 긴 문장'], { padding: 'max_length', maxLength: 12, truncation: true, returnTokenTypeIds: false, addSpecialTokens: false });
    expect((got3.inputIds as number[][]).map((x) => x.length)).toEqual([12, 12]);
    expect(got3.tokenTypeIds).toBeUndefined();
  });

  it('PretrainedTokenizer.call: model_input_names and the config pad token / side', async () => {
    const pre = buildPretrained(json, JSON.stringify({ pad_token: '<|endoftext|>', padding_side: 'left', model_input_names: ['input_ids', 'attention_mask'], model_max_length: 16 }), null);
    r.setPadding({ padId: 2, padToken: '<|endoftext|>', direction: 'left' });
    r.setTruncation(16);
    const want = await r.encodeBatch(texts);
    const got = pre.call(texts, { padding: true, truncation: true });
    expect(got.inputIds).toEqual(want.map((e) => e.getIds()));
    expect(got.attentionMask).toEqual(want.map((e) => e.getAttentionMask()));
    expect(got.tokenTypeIds).toBeUndefined();
    r.disablePadding();
    r.disableTruncation();
  });

  it('batchDecode, getVocab, convertIdsToTokens, convertTokensToIds', async () => {
    const rows = (await r.encodeBatch(texts)).map((e) => e.getIds());
    expect(ours.batchDecode(rows)).toEqual(await r.decodeBatch(rows, false));
    expect(ours.batchDecode(rows, { skipSpecialTokens: true })).toEqual(await r.decodeBatch(rows, true));
    const v = ours.getVocab();
    const rv = r.getVocab(true);
    expect(Object.keys(v).length).toBe(Object.keys(rv).length);
    for (const [k, id] of Object.entries(rv)) expect(v[k], k).toBe(id);
    const ids = [0, 1, 2, 3, 100, 13417, 29999, 30000, 30002, 30003, 99999];
    expect(ours.convertIdsToTokens(ids)).toEqual(ids.map((id) => r.idToToken(id)));
    const toks = ['<|endoftext|>', 'ìķĪ', 'nope-not-a-token', ...ids.map((id) => r.idToToken(id)).filter((x): x is string => x !== null)];
    expect(ours.convertTokensToIds(toks)).toEqual(toks.map((t) => r.tokenToId(t)));
  });
});

describe.runIf(base)('countTokens / isWithinTokenLimit count exactly what encode returns', () => {
  const seed = runSeed('runtime token budgets');
  const texts = [...lines(), ...fc.sample(hostileString(20), { seed, numRuns: 200 * SOAK })];
  const pick = new Set(['polyglot-ko (fast path)', 'TemplateProcessing', 'NFC', 'added tokens with flags']);
  for (const [name, cfg] of polyglotVariants(base!).filter(([n]) => pick.has(n))) {
    it(name, () => {
      const tok = Tokenizer.fromJSON(JSON.stringify(cfg));
      for (const t of texts) {
        for (const opts of [{}, { addSpecialTokens: false }, { splitSpecialTokens: true }]) {
          const n = tok.encode(t, opts).ids.length;
          expect(tok.countTokens(t, opts), JSON.stringify(t)).toBe(n);
          expect(tok.isWithinTokenLimit(t, n, opts)).toBe(n);
          expect(tok.isWithinTokenLimit(t, n + 1, opts)).toBe(n);
          if (n > 0) expect(tok.isWithinTokenLimit(t, n - 1, opts)).toBe(false);
        }
      }
      // With truncation or padding the count is still encode's.
      tok.setTruncation({ maxLength: 7 });
      expect(tok.countTokens(texts[0]!)).toBe(tok.encode(texts[0]!).ids.length);
      tok.setTruncation(null);
      expect(tok.countTokens(texts[0]!, { padding: { length: 300 } })).toBe(300);
    });
  }

  it('stops once the limit is passed: a 1 MB text of distinct words tokenizes only the words before the limit', () => {
    const tok = Tokenizer.fromJSON(JSON.stringify(base));
    const words: string[] = [];
    for (let i = 0, len = 0; len < 1_000_000; i++) {
      const w = ` w${i.toString(36)}가`;
      words.push(w);
      len += w.length;
    }
    const text = words.join('');
    expect(tok.isWithinTokenLimit(text, 1000)).toBe(false);
    // White-box work count: the fast path caches every distinct word it tokenized.
    const cached = (tok as unknown as { fast: { cachedWords: number } }).fast.cachedWords;
    expect(cached).toBeLessThanOrEqual(1001);
    expect(cached).toBeGreaterThan(100);
  });
});
