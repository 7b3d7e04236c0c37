// Differential tests of every supported component and flag: tokenizer.json files built for the
// test (configs.ts) loaded by both mbbpe and the reference, compared on corpus lines and on
// generated hostile strings — ids, tokens, code-point offsets and decode.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants, smallVariants } from './configs.js';
import { compareBatch, describeMismatches, hostileString, refFromJSON, runSeed, SOAK } from './support.js';

export function corpusLines(perFile: number): string[] {
  const files = ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-english-news/news_en.txt', 'corpora/korean-precedents/precedents_paragraphs.txt', 'corpora/nsmc-nfd/nsmc_sample_NFD_DERIVED.txt', 'corpora/chatbot-data/questions.txt'];
  const out: string[] = [];
  for (const f of files) {
    const p = sharedFile(f, 'runtime components');
    if (p) out.push(...readFileSync(p, 'utf8').slice(0, 300_000).split('\n').slice(0, perFile));
  }
  return out;
}

const PER_CONFIG = 3000 * SOAK;

describe('components match the reference', () => {
  const seed = runSeed('components');
  const lines = corpusLines(60);
  const generated = fc.sample(hostileString(), { seed, numRuns: PER_CONFIG });
  const base = polyglot();
  const configs = [...(base ? polyglotVariants(base) : []), ...smallVariants()];
  for (const [name, cfg] of configs) {
    it(name, async () => {
      const json = JSON.stringify(cfg);
      const r = refFromJSON(json);
      const ours = Tokenizer.fromJSON(json);
      const texts = [...lines, ...generated];
      const ms = [...(await compareBatch(r, ours, texts)), ...(await compareBatch(r, ours, texts.slice(0, 500), { addSpecialTokens: false, skipSpecial: true }))];
      expect(ms.length, `${ms.length} mismatches (seed ${seed})\n${describeMismatches(ms)}`).toBe(0);
    });
  }
});
