// Worker-thread entry of the morpheme pool: builds an analyser over the dictionary buffers the main
// thread shares (SharedArrayBuffer, no copy) and answers `format` / `join` jobs. It needs its own
// bundle next to dist/node.js (tsup entry `morph-worker`); pool.ts falls back to in-thread otherwise.

import { serveJobs } from '../workers/serve.js';
import { Analyzer } from './analyzer.js';
import { ByteSink } from './format.js';
import { POOL_WORKER_TAG, runJob, type PoolJob, type PoolReply, type PoolWorkerData } from './pool-job.js';

serveJobs<PoolWorkerData, PoolJob, PoolReply>(
  POOL_WORKER_TAG,
  (data) => {
    const analyzer = Analyzer.fromBuffers(data.buffers, data.options);
    const sink = new ByteSink();
    return (job) => runJob(analyzer, job, sink);
  },
  // sink.take() hands out a fresh buffer per reply: move it rather than copy it.
  { transfer: (reply) => (reply.out ? [reply.out.buffer as ArrayBuffer] : []) },
);
