// encodeIds (ids without tokens/offsets, the fast entry) against the reference's ids, on corpus lines
// and fast-check strings, for pipelines that take its fast path and ones that fall back to encode.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

const base = polyglot();
const PICK = ['polyglot-ko (fast path)', 'polyglot-ko general path (empty normalizer)', 'added tokens with flags', 'TemplateProcessing', 'GPT-2 style', 'Llama-3 style, fast path (no normalizer)'];

describe.runIf(base)('encodeIds equals the reference ids', () => {
  const seed = runSeed('runtime encodeIds');
  const texts = (() => {
    const out: string[] = [];
    for (const rel of ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-precedents/precedents_paragraphs.txt', 'corpora/english-tinyshakespeare/tinyshakespeare_lines.txt']) {
      const p = sharedFile(rel, 'runtime encodeIds');
      if (p) out.push(...readFileSync(p, 'utf8').split('\n').slice(0, 1500));
    }
    return [...out, ...fc.sample(hostileString(), { seed, numRuns: 2000 * SOAK })];
  })();
  for (const [name, cfg] of polyglotVariants(base!).filter(([n]) => PICK.includes(n))) {
    it(name, async () => {
      const json = JSON.stringify(cfg);
      const r = refFromJSON(json);
      const tok = Tokenizer.fromJSON(json);
      for (const add of [true, false]) {
        const want = (await r.encodeBatch(texts, { addSpecialTokens: add })).map((e) => e.getIds());
        let bad = 0;
        texts.forEach((t, i) => {
          if (JSON.stringify(tok.encodeIds(t, { addSpecialTokens: add })) !== JSON.stringify(want[i])) bad++;
        });
        expect(bad, `${name} add=${add}: ${bad} of ${texts.length} differ`).toBe(0);
      }
    }, 120_000);
  }
});
