// Run in a child process by pool.test.ts: uses a pool in one of several ways and then just returns,
// so the process exits only if the pool leaves no thread (or handle) keeping it alive.

import { WorkerPoolError } from '../../src/workers/errors.js';
import { WorkerPool } from '../../src/workers/pool.js';
import { FIXTURE_TAG, type FixtureData, type FixtureJob, type FixtureReply } from './fixture-worker.js';

const [script, scenario] = process.argv.slice(2) as [string, string];
const error = (f: WorkerPoolError['failure'], d: string) => new WorkerPoolError('child pool', f, d, '');

async function main(): Promise<void> {
  if (scenario === 'start-fails') {
    const workerData: FixtureData = { tag: FIXTURE_TAG, failStart: 'no' };
    await WorkerPool.start({ script, workerData, threads: 2, error }).catch(() => undefined);
    return;
  }
  const pool = await WorkerPool.start<FixtureJob, FixtureReply>({ script, workerData: { tag: FIXTURE_TAG }, threads: 2, error });
  const jobs = Array.from({ length: 8 }, (_, i) => pool.run({ kind: 'echo', value: i, sleepMs: 5 }));
  await Promise.all(jobs);
  if (scenario === 'never-closed') return;
  if (scenario === 'closed') await pool.close();
  if (scenario === 'failed') await pool.run({ kind: 'exit', code: 1 }).catch(() => undefined);
  if (scenario === 'closed-during-jobs') {
    const pending = [pool.run({ kind: 'echo', value: 1, sleepMs: 200 }), pool.run({ kind: 'echo', value: 2, sleepMs: 200 }), pool.run({ kind: 'echo', value: 3 })];
    const settled = Promise.allSettled(pending);
    await pool.close();
    await settled;
  }
}

void main().then(() => process.stdout.write(`${scenario}: returned\n`));
