// EncodePool: worker-thread encodeBatch gives exactly tok.encodeBatch's encodings (same order,
// truncation with overflowing windows, batch padding) and encodeIdsBatch exactly encodeIds's ids,
// with the real worker bundle (built here with esbuild from src/tokenizer/encode-worker.ts) and
// with the in-thread fallback.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { EncodePool } from '../../src/tokenizer/parallel.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, runSeed } from './support.js';

const base = polyglot();

describe.runIf(base)('EncodePool equals encodeBatch', () => {
  let dir = '';
  let script = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbbpe-encode-worker-'));
    script = join(dir, 'encode-worker.mjs');
    await build({ entryPoints: ['src/tokenizer/encode-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'error' });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const seed = runSeed('runtime parallel');
  const texts = (() => {
    const p = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'runtime parallel');
    const lines = p ? readFileSync(p, 'utf8').split('\n').slice(0, 1500) : [];
    return [...lines, ...fc.sample(hostileString(), { seed, numRuns: 500 })];
  })();

  for (const [name, cfg] of polyglotVariants(base!).filter(([n]) => n === 'polyglot-ko (fast path)' || n === 'TemplateProcessing')) {
    it(`${name}: workers and in-thread fallback`, async () => {
      const tok = Tokenizer.fromJSON(JSON.stringify(cfg));
      const pool = await EncodePool.create(tok, { threads: 2, workerScript: script, minParallelChars: 0 });
      const fallback = await EncodePool.create(tok, { threads: 2, workerScript: undefined, minParallelChars: 0 });
      try {
        expect(pool.mode).toBe('workers');
        const settings: Array<() => void> = [
          () => (tok.setTruncation(null), tok.setPadding(null)),
          () => (tok.setTruncation({ maxLength: 12, stride: 3, direction: 'left' }), tok.setPadding({ padId: 2, padToken: '<|endoftext|>' })),
        ];
        for (const set of settings) {
          set();
          for (const opts of [{}, { addSpecialTokens: false, offsets: 'byte' as const }]) {
            const want = tok.encodeBatch(texts, opts);
            expect(await pool.encodeBatch(texts, opts)).toEqual(want);
            expect(await fallback.encodeBatch(texts, opts)).toEqual(want);
            // The ids-only path: encodeIds of each text (padding applies per text there).
            const wantIds = texts.map((t) => tok.encodeIds(t, opts));
            for (const got of [await pool.encodeIdsBatch(texts, opts), await fallback.encodeIdsBatch(texts, opts)]) {
              expect(got.every((a) => a instanceof Int32Array)).toBe(true);
              expect(got.map((a) => Array.from(a))).toEqual(wantIds);
            }
          }
        }
      } finally {
        await pool.close();
        await fallback.close();
      }
    }, 120_000);
  }
});

describe.runIf(base)('Tokenizer#encodeBatchParallel (Node backend registered by tokenizer/parallel.ts)', () => {
  it('equals encodeBatch and reuses one pool until close()', async () => {
    const tok = Tokenizer.fromJSON(JSON.stringify(base));
    const texts = fc.sample(hostileString(), { seed: 7, numRuns: 300 });
    tok.setTruncation({ maxLength: 9, stride: 2 });
    expect(await tok.encodeBatchParallel(texts, { threads: 2 })).toEqual(tok.encodeBatch(texts));
    expect(await tok.encodeBatchParallel(texts, { threads: 2, addSpecialTokens: false })).toEqual(tok.encodeBatch(texts, { addSpecialTokens: false }));
    const ids = await tok.encodeIdsBatchParallel(texts, { threads: 2 });
    expect(ids.map((a) => Array.from(a))).toEqual(texts.map((t) => tok.encodeIds(t)));
    await tok.close();
  });
});
