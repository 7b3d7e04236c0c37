// The worker pool: real worker threads (the worker entry bundled with esbuild into .cache/, as tsup
// will bundle it into dist/) and the in-thread fallback give the oracle's output, in input order.

import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinMorphemes } from '../../src/morph/marker.js';
import { MorphPool, MorphPoolError } from '../../src/morph/pool.js';
import { findWorkerScript } from '../../src/workers/script.js';
import { repoRoot } from '../support/shared.js';
import { analyzer } from './analyzer-load.js';

const dir = `${repoRoot}/test/morph/golden`;
const input = readFileSync(`${dir}/sentences.txt`);
const golden = readFileSync(`${dir}/sentences.mecab`, 'utf8');
const wakati = readFileSync(`${dir}/sentences.wakati`, 'utf8');
const lines = input.toString('utf8').split('\n').slice(0, -1);
const workerScript = `${repoRoot}/.cache/morph-worker-test/morph-worker.mjs`;

beforeAll(async () => {
  await build({
    entryPoints: [`${repoRoot}/src/morph/worker.ts`],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    logLevel: 'error',
  });
}, 120_000);

describe('MorphPool', () => {
  let pool: MorphPool;
  afterAll(async () => pool?.close());

  it('runs in worker threads when a worker bundle is given', async () => {
    pool = await MorphPool.create({ analyzer: await analyzer(), threads: 2, workerScript });
    expect(pool.mode).toBe('workers');
    const blocks = Array.from({ length: 12 }, () => pool.format('mecab', new Uint8Array(input)));
    const outs = await Promise.all(blocks);
    expect(outs.map((o) => new TextDecoder().decode(o)).join('')).toBe(golden.repeat(12));
    expect(new TextDecoder().decode(await pool.format('wakati', input))).toBe(wakati);
  });

  it('join() in workers equals joinMorphemes per line, in order', async () => {
    const a = await analyzer();
    const many = Array.from({ length: 30 }, (_, k) => lines.map((l) => `${k} ${l}`)).flat();
    const got = await pool.join(many, '|');
    expect(got).toEqual(many.map((l) => joinMorphemes(a, l, '|')));
  });

  it('falls back to in-thread work when no worker bundle sits next to the module (running from src/)', async () => {
    expect(findWorkerScript('morph-worker')).toBeNull();
    const p = await MorphPool.create({ analyzer: await analyzer(), threads: 2 });
    expect(p.mode).toBe('in-thread');
    expect(new TextDecoder().decode(await p.format('mecab', input))).toBe(golden);
    expect(await p.join(lines.slice(0, 5))).toEqual(lines.slice(0, 5).map((l) => joinMorphemes(p['analyzer'], l)));
    await p.close();
  });

  it('a worker that dies is reported as MorphPoolError, not a hang', async () => {
    const bad = `${repoRoot}/.cache/morph-worker-test/bad-worker.mjs`;
    writeFileSync(bad, "throw new Error('boom');\n");
    const err = await MorphPool.create({ analyzer: await analyzer(), threads: 2, workerScript: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MorphPoolError);
    expect((err as Error).message).toMatch(/boom/);
  });

  it('a closed pool rejects new work', async () => {
    const p = await MorphPool.create({ analyzer: await analyzer(), threads: 1, workerScript });
    await p.close();
    await expect(p.format('mecab', input)).rejects.toThrow(/pool closed/);
  });
});
