// A worker entry for the generic pool's tests: jobs that echo (after an optional sleep), throw,
// exit the thread, crash it with an uncaught exception, or count into per-worker state.

import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { JobMessage, WorkerMessage } from '../../src/workers/protocol.js';
import { serveJobs } from '../../src/workers/serve.js';

export const FIXTURE_TAG = 'mbbpe-test-pool';

export type FixtureJob =
  | { kind: 'echo'; value: number; sleepMs?: number }
  | { kind: 'throw'; message: string }
  | { kind: 'exit'; code: number; sleepMs?: number }
  | { kind: 'crash'; message: string }
  | { kind: 'add'; n: number }
  | { kind: 'total' };

export type FixtureReply = { value: number; thread: number };

export interface FixtureData {
  tag: typeof FIXTURE_TAG;
  /** Throw this while starting (before the ready message). */
  failStart?: string;
  /** Answer without serveJobs (see below). */
  raw?: boolean;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// `raw` workers speak the protocol by hand instead of through serveJobs, so that a `crash` job can
// throw out of the message listener itself: an uncaught exception while the job is in flight, as a
// bug outside any job handler would be (serveJobs turns a throwing handler into a job error).
const raw = workerData as Partial<FixtureData> | null;
if (parentPort && raw?.tag === FIXTURE_TAG && raw.raw) {
  const port = parentPort;
  port.on('message', ({ id, job }: JobMessage<FixtureJob>) => {
    if (job.kind === 'crash') throw new Error(job.message);
    port.postMessage({ type: 'reply', id, reply: { value: job.kind === 'echo' ? job.value : -1, thread: threadId } } satisfies WorkerMessage<FixtureReply>);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage<FixtureReply>);
}

if (!raw?.raw) serveJobs<FixtureData, FixtureJob, FixtureReply>(FIXTURE_TAG, (data) => {
  if (data.failStart) throw new Error(data.failStart);
  let total = 0;
  return (job) => {
    switch (job.kind) {
      case 'echo':
        if (job.sleepMs) sleep(job.sleepMs);
        return { value: job.value, thread: threadId };
      case 'throw':
        throw new Error(job.message);
      case 'exit':
        if (job.sleepMs) sleep(job.sleepMs);
        process.exit(job.code);
      // falls through (process.exit does not return)
      case 'crash':
        throw new Error(`crash jobs need a raw worker: ${job.message}`);
      case 'add':
        total += job.n;
        return { value: total, thread: threadId };
      case 'total':
        return { value: total, thread: threadId };
    }
  };
});
