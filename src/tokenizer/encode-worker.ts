// Worker-thread entry of EncodePool (built by tsup as `encode-worker` beside dist/node.js): builds
// the tokenizer from the tokenizer.json text it is given, then encodes jobs without padding (the
// pool pads the whole batch), or only their ids for encodeIdsBatch.

import { Tokenizer } from '../tokenizer.js';
import { serveJobs } from '../workers/serve.js';
import { ENCODE_WORKER_TAG, pack, packIds, type EncodeJob, type EncodeReply, type EncodeWorkerData } from './parallel-job.js';

serveJobs<EncodeWorkerData, EncodeJob, EncodeReply>(
  ENCODE_WORKER_TAG,
  (data) => {
    const tok = Tokenizer.fromJSON(data.json);
    return (job) => {
      tok.setTruncation(job.truncation);
      if (job.idsOnly) {
        tok.setPadding(job.padding ?? null);
        return { packedIds: packIds(job.texts.map((t) => tok.encodeIds(t, job.opts))) };
      }
      tok.setPadding(null);
      return { packed: pack(tok.encodeBatch(job.texts, job.opts)) };
    };
  },
  // The flat id arrays are built for this reply alone: move them instead of copying.
  { transfer: (r) => (r.packedIds ? [r.packedIds.starts.buffer, r.packedIds.ids.buffer] : []) },
);
