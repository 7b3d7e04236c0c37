// Worker-thread entry of the morpheme pool: builds an analyser over the dictionary buffers the main
// thread shares (SharedArrayBuffer, no copy) and answers `format` / `join` jobs. It needs its own
// bundle next to dist/node.js (tsup entry `morph-worker`); pool.ts falls back to in-thread otherwise.

import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from './analyzer.js';
import { ByteSink } from './format.js';
import { POOL_WORKER_TAG, runJob, type PoolJob, type PoolReply, type PoolWorkerData } from './pool-job.js';

// Only a thread our pool started (tagged workerData) runs the loop: this file may end up in a bundle
// that a user loads in a worker of their own.
const data = workerData as Partial<PoolWorkerData> | null;
if (parentPort && data?.tag === POOL_WORKER_TAG && data.buffers && data.options) {
  const port = parentPort;
  const analyzer = Analyzer.fromBuffers(data.buffers, data.options);
  const sink = new ByteSink();
  port.on('message', (job: PoolJob) => {
    let reply: PoolReply;
    try {
      reply = runJob(analyzer, job, sink);
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply, reply.out ? [reply.out.buffer as ArrayBuffer] : []);
  });
  port.postMessage({ id: -1 } satisfies PoolReply); // ready
}
