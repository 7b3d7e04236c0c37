// The generic worker pool (src/workers/pool.ts) with real worker threads: the fixture worker is
// bundled here with esbuild, as tsup bundles the real worker entries. Results in submission order;
// every way a worker can fail (a job that throws, an exit or crash mid-job, two at once, a failed
// start) rejects the pending jobs with a typed error instead of hanging; close is idempotent; a pool
// left open, failed or closed lets the process exit.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPoolError, type WorkerFailure } from '../../src/workers/errors.js';
import { WorkerPool } from '../../src/workers/pool.js';
import { FIXTURE_TAG, type FixtureData, type FixtureJob, type FixtureReply } from './fixture-worker.js';

let dir = '';
let script = '';
let child = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mbbpe-pool-test-'));
  script = join(dir, 'fixture-worker.mjs');
  child = join(dir, 'child.mjs');
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node18', logLevel: 'error' } as const;
  await build({ ...common, entryPoints: ['test/workers/fixture-worker.ts'], outfile: script });
  await build({ ...common, entryPoints: ['test/workers/child.ts'], outfile: child });
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const error = (f: WorkerFailure, d: string) => new WorkerPoolError('test pool', f, d, 'a hint');

function start(threads: number, data: Partial<FixtureData> = {}, depth?: number): Promise<WorkerPool<FixtureJob, FixtureReply>> {
  return WorkerPool.start<FixtureJob, FixtureReply>({ script, workerData: { tag: FIXTURE_TAG, ...data }, threads, error, ...(depth ? { depth } : {}) });
}

/** The rejection of `p` (fails the test if `p` resolves). */
async function rejection(p: Promise<unknown>): Promise<WorkerPoolError> {
  const r = await p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.v)}`);
  expect(r.e).toBeInstanceOf(WorkerPoolError);
  return r.e as WorkerPoolError;
}

describe('WorkerPool', () => {
  it('gives each job its own result, in submission order, over all threads', async () => {
    for (const depth of [1, 2]) {
      const pool = await start(2, {}, depth);
      try {
        expect(pool.threads).toBe(2);
        // Early jobs sleep longest, so replies arrive out of order.
        const jobs = Array.from({ length: 24 }, (_, i) => pool.run({ kind: 'echo', value: i, sleepMs: (24 - i) % 7 }));
        const replies = await Promise.all(jobs);
        expect(replies.map((r) => r.value)).toEqual(Array.from({ length: 24 }, (_, i) => i));
        expect(new Set(replies.map((r) => r.thread)).size).toBe(2);
      } finally {
        await pool.close();
      }
    }
  });

  it('a job that throws fails that job only (twice in a row too); the pool keeps working', async () => {
    const pool = await start(1);
    try {
      const a = pool.run({ kind: 'throw', message: 'first bad job' });
      const b = pool.run({ kind: 'throw', message: 'second bad job' });
      const c = pool.run({ kind: 'echo', value: 7 });
      const ea = await rejection(a);
      expect([ea.failure, ea.detail, ea.pool]).toEqual(['job', 'first bad job', 'test pool']);
      expect(ea.message).toMatch(/^test pool: worker failed: first bad job \(a hint\)$/);
      const eb = await rejection(b);
      expect([eb.failure, eb.detail]).toEqual(['job', 'second bad job']);
      expect((await c).value).toBe(7);
      expect((await pool.run({ kind: 'echo', value: 8 })).value).toBe(8);
    } finally {
      await pool.close();
    }
  });

  it('a worker that exits mid-job fails every pending job and every later one', async () => {
    const pool = await start(2);
    const running = pool.run({ kind: 'echo', value: 1, sleepMs: 300 });
    const dying = pool.run({ kind: 'exit', code: 3, sleepMs: 20 });
    const queued = [pool.run({ kind: 'echo', value: 2 }), pool.run({ kind: 'echo', value: 3 })];
    const e = await rejection(dying);
    expect([e.failure, e.detail]).toEqual(['exit', 'exit code 3']);
    for (const p of [running, ...queued]) expect(await rejection(p)).toBe(e);
    expect(await rejection(pool.run({ kind: 'echo', value: 4 }))).toBe(e);
    await pool.close();
    await pool.close();
  });

  it('a worker that crashes mid-job (uncaught exception) fails the pool with a crash error', async () => {
    const pool = await start(1, { raw: true });
    expect((await pool.run({ kind: 'echo', value: 5 })).value).toBe(5);
    const crashing = pool.run({ kind: 'crash', message: 'kaboom' });
    const after = pool.run({ kind: 'echo', value: 6 });
    const e = await rejection(crashing);
    expect([e.failure, e.detail]).toEqual(['crash', 'kaboom']);
    expect(await rejection(after)).toBe(e);
    await pool.close();
  });

  it('two workers failing at once: both failures reject what they find pending, nothing hangs', async () => {
    const pool = await start(2, { raw: true });
    const jobs = [pool.run({ kind: 'crash', message: 'one' }), pool.run({ kind: 'crash', message: 'two' }), pool.run({ kind: 'echo', value: 1 })];
    const errors = await Promise.all(jobs.map(rejection));
    expect(errors.every((e) => e.failure === 'crash')).toBe(true);
    expect(['one', 'two']).toContain(errors[0]!.detail);
    // Later jobs are refused with the first failure.
    expect(await rejection(pool.run({ kind: 'echo', value: 2 }))).toBe(errors[0]);
    await pool.close();

    // An exit and a crash on different workers of a serveJobs pool (the second lands while the
    // first is being handled).
    const mixed = await start(2);
    const exiting = mixed.run({ kind: 'exit', code: 9 });
    const exiting2 = mixed.run({ kind: 'exit', code: 10 });
    const [e1, e2] = await Promise.all([rejection(exiting), rejection(exiting2)]);
    expect(e1.failure).toBe('exit');
    expect(e2.failure).toBe('exit');
    await mixed.close();
  });

  it('a worker that fails to start rejects start() with its error (and stops the others)', async () => {
    const e = await rejection(start(2, { failStart: 'no dictionary' }));
    expect([e.failure, e.detail]).toEqual(['crash', 'no dictionary']);
    // A script that is no pool worker ends without saying ready: an exit, not a hang.
    const stray = join(dir, 'stray.mjs');
    writeFileSync(stray, 'export {};\n');
    const e2 = await rejection(WorkerPool.start({ script: stray, workerData: { tag: FIXTURE_TAG }, threads: 2, error }));
    expect([e2.failure, e2.detail]).toEqual(['exit', 'exit code 0']);
    const e3 = await rejection(WorkerPool.start({ script: join(dir, 'missing.mjs'), workerData: { tag: FIXTURE_TAG }, threads: 1, error }));
    expect(e3.failure).toBe('crash');
  });

  it('close() during jobs rejects them as closed; close is idempotent; a closed pool refuses jobs', async () => {
    const pool = await start(2);
    const pending = [pool.run({ kind: 'echo', value: 1, sleepMs: 200 }), pool.run({ kind: 'echo', value: 2, sleepMs: 200 }), pool.run({ kind: 'echo', value: 3 })];
    const closing = [pool.close(), pool.close()];
    const errors = await Promise.all(pending.map(rejection));
    expect(errors.map((e) => e.failure)).toEqual(['closed', 'closed', 'closed']);
    await Promise.all(closing);
    await pool.close();
    expect((await rejection(pool.run({ kind: 'echo', value: 4 }))).failure).toBe('closed');
  });

  it('a job that cannot be sent fails alone', async () => {
    const pool = await start(1);
    try {
      const e = await rejection(pool.run({ kind: 'echo', value: (() => 1) as unknown as number }));
      expect(e.failure).toBe('job');
      expect((await pool.run({ kind: 'echo', value: 1 })).value).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('collect() waits for every job, then gets each worker\'s state and closes the pool', async () => {
    const pool = await start(2, {}, 2);
    const adds = Array.from({ length: 40 }, (_, i) => pool.run({ kind: 'add', n: i + 1 }));
    const totals = await pool.collect({ kind: 'total' });
    await Promise.all(adds);
    expect(totals).toHaveLength(2);
    expect(totals.reduce((a, r) => a + r.value, 0)).toBe((40 * 41) / 2);
    expect((await rejection(pool.run({ kind: 'echo', value: 1 }))).failure).toBe('closed');
    expect((await rejection(pool.collect({ kind: 'total' }))).failure).toBe('closed');
  });

  it('collect() on a pool that fails meanwhile rejects with the failure', async () => {
    const pool = await start(2);
    const dying = pool.run({ kind: 'exit', code: 4, sleepMs: 50 });
    const e = await rejection(pool.collect({ kind: 'total' }));
    expect(e.failure).toBe('exit');
    expect(await rejection(dying)).toBe(e);
    await pool.close();
  });
});

describe('WorkerPool leaves no thread behind', () => {
  for (const scenario of ['never-closed', 'closed', 'failed', 'closed-during-jobs', 'start-fails']) {
    it(`the process exits by itself (${scenario})`, () => {
      // The timeout only guards against a hang (the test fails then); it is not a performance check.
      const r = spawnSync(process.execPath, [child, script, scenario], { encoding: 'utf8', timeout: 60_000 });
      expect(r.error).toBeUndefined();
      expect(r.signal).toBeNull();
      expect(r.stderr).toBe('');
      expect([r.status, r.stdout]).toEqual([0, `${scenario}: returned\n`]);
    }, 90_000);
  }
});
