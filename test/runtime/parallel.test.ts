// EncodePool: worker-thread encodeBatch gives exactly tok.encodeBatch's encodings (same order,
// truncation with overflowing windows, batch padding) and encodeIdsBatch exactly encodeIds's ids,
// with the real worker bundle (built here with esbuild from src/tokenizer/encode-worker.ts) and
// with the in-thread fallback.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { Tokenizer as CoreTokenizer } from '../../src/index.js';
import { EncodePool as NodeEncodePool, EncodePoolError, NodeTokenizer, type BatchRunnerFactory } from '../../src/node.js';
import { EncodePool } from '../../src/tokenizer/parallel.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, runSeed } from './support.js';

const base = polyglot();

let dir = '';
let script = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mbbpe-encode-worker-'));
  script = join(dir, 'encode-worker.mjs');
  await build({ entryPoints: ['src/tokenizer/encode-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'error' });
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(base)('EncodePool equals encodeBatch', () => {

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

/** A batchRunner over EncodePool with the test's worker bundle; records each pool it starts. */
function workerRunner(started: EncodePool[], workerScript = script): BatchRunnerFactory {
  return async (tok, o) => {
    const pool = await NodeEncodePool.create(tok, { ...o, workerScript, minParallelChars: 0 });
    started.push(pool);
    return pool;
  };
}

describe.runIf(base)('Tokenizer#encodeBatchParallel (the batchRunner option)', () => {
  it('equals encodeBatch and reuses one pool until close()', async () => {
    const started: EncodePool[] = [];
    const tok = Tokenizer.fromJSON(JSON.stringify(base), { batchRunner: workerRunner(started) });
    const texts = fc.sample(hostileString(), { seed: 7, numRuns: 300 });
    tok.setTruncation({ maxLength: 9, stride: 2 });
    expect(await tok.encodeBatchParallel(texts, { threads: 2 })).toEqual(tok.encodeBatch(texts));
    expect(await tok.encodeBatchParallel(texts, { threads: 2, addSpecialTokens: false })).toEqual(tok.encodeBatch(texts, { addSpecialTokens: false }));
    const ids = await tok.encodeIdsBatchParallel(texts, { threads: 2 });
    expect(ids.map((a) => Array.from(a))).toEqual(texts.map((t) => tok.encodeIds(t)));
    expect(started.map((p) => p.mode)).toEqual(['workers']);
    await tok.close();
    await expect(started[0]!.encodeBatch(texts)).rejects.toThrow(EncodePoolError);
  });

  it('a Tokenizer from mbbpe uses the workers of an EncodePool from mbbpe/node', async () => {
    const texts = fc.sample(hostileString(), { seed: 8, numRuns: 200 });
    const started: EncodePool[] = [];
    const tok = CoreTokenizer.fromJSON(JSON.stringify(base), { batchRunner: workerRunner(started) });
    const want = tok.encodeBatch(texts);
    expect(await tok.encodeBatchParallel(texts)).toEqual(want);
    expect(started.map((p) => [p.mode, p.threads])).toEqual([['workers', 2]]);
    // A new thread count starts a new pool (and stops the old one).
    expect(await tok.encodeBatchParallel(texts, { threads: 1 })).toEqual(want);
    expect(started.map((p) => p.threads)).toEqual([2, 1]);
    await tok.close();
    // The same pool, used directly over the core tokenizer: functions over (tokenizer, pool).
    const pool = await NodeEncodePool.create(tok, { workerScript: script, minParallelChars: 0 });
    try {
      expect(pool.mode).toBe('workers');
      expect(await pool.encodeBatch(texts)).toEqual(want);
    } finally {
      await pool.close();
    }
  });

  it('without a batchRunner encodes in this thread; the Node Tokenizer has EncodePool by default', async () => {
    const texts = fc.sample(hostileString(), { seed: 9, numRuns: 50 });
    const core = CoreTokenizer.fromJSON(JSON.stringify(base));
    expect(core['runner']).toBeNull();
    expect(await core.encodeBatchParallel(texts)).toEqual(core.encodeBatch(texts));
    const node = NodeTokenizer.fromJSON(JSON.stringify(base));
    expect(node['runner']).not.toBeNull();
    expect(NodeTokenizer.fromJSON(JSON.stringify(base), { batchRunner: null })['runner']).toBeNull();
    expect(await node.encodeBatchParallel(texts)).toEqual(core.encodeBatch(texts));
    await node.close();
  });

  it('a pool that fails to start rejects that call with EncodePoolError; the next call starts again', async () => {
    const bad = join(dir, 'bad-worker.mjs');
    writeFileSync(bad, "throw new Error('no encoder here');\n");
    let workerScript = bad;
    const started: EncodePool[] = [];
    const factory: BatchRunnerFactory = (tok, o) => workerRunner(started, workerScript)(tok, o);
    const tok = Tokenizer.fromJSON(JSON.stringify(base), { batchRunner: factory });
    const texts = ['가나다', 'abc def'];
    const err = await tok.encodeBatchParallel(texts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EncodePoolError);
    expect((err as Error).message).toMatch(/no encoder here/);
    workerScript = script;
    expect(await tok.encodeBatchParallel(texts)).toEqual(tok.encodeBatch(texts));
    expect(started.map((p) => p.mode)).toEqual(['workers']);
    await tok.close();
  });
});
