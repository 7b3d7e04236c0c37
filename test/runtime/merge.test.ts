// The hot merge core (linear scan for short words, heap for long ones) against a naive O(n²)
// reference BPE written here from the definition: repeatedly merge the adjacent pair of lowest
// rank, leftmost first. Random words over the Polyglot-Ko byte alphabet, short and long.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpeModel } from '../../src/models/bpe/model.js';
import { HEAP_CUTOFF } from '../../src/models/bpe/merge.js';
import { sharedFile } from '../support/shared.js';
import { runSeed, SOAK } from './support.js';

function naiveBpe(symbols: string[], ranks: Map<string, number>): string[] {
  const s = [...symbols];
  for (;;) {
    let best = Infinity;
    let pos = -1;
    for (let i = 0; i + 1 < s.length; i++) {
      const r = ranks.get(`${s[i]} ${s[i + 1]}`);
      if (r !== undefined && r < best) {
        best = r;
        pos = i;
      }
    }
    if (pos < 0) return s;
    s.splice(pos, 2, s[pos]! + s[pos + 1]!);
  }
}

const p = sharedFile('vocab/polyglot-ko/tokenizer.json', 'runtime merge');

describe.runIf(p)('merge core equals a naive BPE', () => {
  const j = JSON.parse(readFileSync(p!, 'utf8')) as { model: { vocab: Record<string, number>; merges: string[] } };
  const ranks = new Map(j.model.merges.map((m, i) => [m, i]));
  const model = new BpeModel(new Map(Object.entries(j.model.vocab)), j.model.merges.map((m) => m.split(' ') as [string, string]), {
    unkToken: null,
    fuseUnk: false,
    byteFallback: false,
    ignoreMerges: false,
    continuingSubwordPrefix: null,
    endOfWordSuffix: null,
  });
  const enc = new TextEncoder();
  const alphabet = [...'가나다라마바사아자차카타파하한국어를은는이에서 abcdefghijklmnopqrstuvwxyz0123456789.,!?'];
  const seed = runSeed('merge core');

  it('on short and long random words', async () => {
    const { BYTE_TO_CHAR } = await import('../../src/models/bpe/byte-level.js');
    const bl = (text: string): string => [...enc.encode(text)].map((b) => BYTE_TO_CHAR[b]!).join('');
    const texts = [
      ...fc.sample(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((a) => a.join('')), { seed, numRuns: 3000 * SOAK }),
      ...fc.sample(fc.array(fc.constantFrom(...alphabet), { minLength: HEAP_CUTOFF, maxLength: 400 }).map((a) => a.join('')), { seed: seed + 1, numRuns: 200 * SOAK }),
    ];
    for (const t of texts) {
      const w = bl(t);
      const ours = model.tokenizeUncached(w);
      const got: string[] = [];
      for (let k = 0; k < ours.length; k += 3) got.push(model.vocabR[ours[k]!]!);
      expect(got, `seed ${seed}: ${JSON.stringify(t)}`).toEqual(naiveBpe([...w], ranks));
      // Offsets tile the word.
      let at = 0;
      for (let k = 0; k < ours.length; k += 3) {
        expect(ours[k + 1]).toBe(at);
        at = ours[k + 2]!;
      }
      expect(at).toBe(w.length);
    }
  });
});
