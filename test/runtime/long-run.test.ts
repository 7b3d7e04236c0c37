// Long-run guards (not timing tests): over 100k encodes of distinct and repeated words, the word
// caches stay within their bounds and the heap after GC does not grow between the 20k-th and the
// 100k-th encode beyond a small margin; results stay identical to a fresh tokenizer's.

import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CACHE_CAPACITY } from '../../src/models/bpe/model.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { polyglot } from './configs.js';

const base = polyglot();

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe.runIf(base)('long run: bounded caches, stable heap', () => {
  it('100k encodes', () => {
    const p = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'runtime long-run');
    if (!p) return;
    const lines = readFileSync(p, 'utf8').split('\n').slice(0, 20_000);
    const json = JSON.stringify(base);
    const tok = Tokenizer.fromJSON(json);
    const collect = gc();
    // Every 5th text carries a never-seen word, so the caches keep filling and must evict.
    const text = (i: number): string => (i % 5 === 0 ? `${lines[i % lines.length]} 낱말${i.toString(36)}꿹${(i * 7919).toString(36)}` : lines[i % lines.length]!);
    const heapAt: number[] = [];
    // The word cache lives in typed arrays (outside the JS heap): bounded too.
    const buffersAt: number[] = [];
    const fast = (tok as unknown as { fast: { cachedWords: number } | null }).fast;
    const model = (tok as unknown as { model: { cache: Map<string, unknown> } }).model;
    let maxFast = 0;
    let maxModel = 0;
    for (let i = 0; i < 100_000; i++) {
      tok.encode(text(i));
      if ((i & 1023) === 0) {
        maxFast = Math.max(maxFast, fast?.cachedWords ?? 0);
        maxModel = Math.max(maxModel, model.cache.size);
      }
      if (i === 20_000 || i === 99_999) {
        collect();
        const m = process.memoryUsage();
        heapAt.push(m.heapUsed);
        buffersAt.push(m.arrayBuffers);
      }
    }
    // Two generations of 65,536 words, and they did turn over (the churn reached a full generation).
    expect(maxFast).toBeLessThanOrEqual(2 * 65_536);
    expect(maxFast).toBeGreaterThan(65_536);
    expect(maxModel).toBeLessThanOrEqual(CACHE_CAPACITY);
    // The caches are cleared when full, so the heap may differ by at most about one cache's worth.
    const growth = heapAt[1]! - heapAt[0]!;
    process.stderr.write(`[long-run] heap after GC: ${(heapAt[0]! / 1e6).toFixed(1)} MB at 20k, ${(heapAt[1]! / 1e6).toFixed(1)} MB at 100k\n`);
    expect(growth).toBeLessThan(25e6);
    process.stderr.write(`[long-run] array buffers: ${(buffersAt[0]! / 1e6).toFixed(1)} MB at 20k, ${(buffersAt[1]! / 1e6).toFixed(1)} MB at 100k\n`);
    expect(buffersAt[1]! - buffersAt[0]!).toBeLessThan(25e6);
    // Same ids as a fresh tokenizer after all that churn.
    const fresh = Tokenizer.fromJSON(json);
    for (let i = 0; i < 2000; i += 7) expect(tok.encode(text(i)).ids).toEqual(fresh.encode(text(i)).ids);
  }, 180_000);
});
