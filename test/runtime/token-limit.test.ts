// isWithinTokenLimit stops counting early (the added-token scan, pre-tokenization and merges all
// stop once the count passes the limit): under fast-check, at every limit from 0 to past the count,
// it must give exactly encode(text).ids.length or false, with added tokens (flags, normalized, more
// first characters than the indexOf scan takes) and post-processors that add special tokens. The
// added-token scan itself is checked against the reference's ids.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { added, polyglot, polyglotVariants } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

type J = Record<string, unknown>;
const base = polyglot();

// Eleven added tokens with distinct first characters: past the indexOf scan's limit of eight.
const MANY = ['#a', '$b', '%c', '&d', '*e', '+f', '=g', '@h', '^i', '~j', '가나'].map((c, i) =>
  added(30003 + i, c, i % 3 === 0 ? { special: false } : i % 3 === 1 ? { lstrip: true } : { rstrip: true }),
);

function configs(b: J): Array<[string, J]> {
  const pick = new Set(['polyglot-ko (fast path)', 'added tokens with flags', 'TemplateProcessing', 'added tokens with flags + Lowercase']);
  return [...polyglotVariants(b).filter(([n]) => pick.has(n)), ['eleven added tokens (table scan)', { ...b, added_tokens: [...(b.added_tokens as J[]), ...MANY] }]];
}

/** Texts of a few hundred characters with added-token contents (and near misses) between hostile pieces. */
function texts(cfg: J, seed: number, numRuns: number): string[] {
  const contents = (cfg.added_tokens as Array<{ content: string }>).map((t) => t.content);
  const piece = fc.oneof(
    { weight: 3, arbitrary: hostileString(6) },
    { weight: 2, arbitrary: fc.constantFrom(...contents) },
    { weight: 1, arbitrary: fc.constantFrom(...contents).map((c) => c.slice(0, -1)) },
    { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', 'ab', 'abc', 'Hello') },
  );
  return fc.sample(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), { seed, numRuns });
}

describe.runIf(base)('isWithinTokenLimit = encode().ids.length or false, at every limit', () => {
  const seed = runSeed('token limit');
  for (const [name, cfg] of configs(base!)) {
    it(name, async () => {
      const json = JSON.stringify(cfg);
      const tok = Tokenizer.fromJSON(json);
      const sample = texts(cfg, seed, 300 * SOAK);
      let stoppedEarly = 0;
      for (const t of sample) {
        for (const opts of [{}, { addSpecialTokens: false }, { splitSpecialTokens: true }]) {
          const n = tok.encode(t, opts).ids.length;
          expect(tok.countTokens(t, opts), `seed ${seed} ${JSON.stringify(t)}`).toBe(n);
          // Every limit up to the count (each stops at a different place), and past it.
          for (let limit = 0; limit <= n + 1; limit += limit < 8 ? 1 : 1 + (limit >> 2)) {
            expect(tok.isWithinTokenLimit(t, limit, opts), `seed ${seed} limit ${limit} ${JSON.stringify(t)}`).toBe(n <= limit ? n : false);
            if (limit < n) stoppedEarly++;
          }
          expect(tok.isWithinTokenLimit(t, n, opts)).toBe(n);
        }
      }
      expect(stoppedEarly).toBeGreaterThan(sample.length);
      // The scan that finds added tokens gives the reference's ids.
      const r = refFromJSON(json);
      const want = await r.encodeBatch(sample);
      sample.forEach((t, i) => expect(tok.encode(t).ids, `seed ${seed} ${JSON.stringify(t)}`).toEqual(want[i]!.getIds()));
    });
  }
});
