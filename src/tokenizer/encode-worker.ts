// Worker-thread entry of EncodePool (built by tsup as `encode-worker` beside dist/node.js): builds
// the tokenizer from the tokenizer.json text it is given, then encodes jobs without padding (the
// pool pads the whole batch), or only their ids for encodeIdsBatchParallel. Replies with id -1 once ready.

import { parentPort, workerData } from 'node:worker_threads';
import { Tokenizer } from '../tokenizer.js';
import { ENCODE_WORKER_TAG, pack, packIds, type EncodeJob, type EncodeReply, type EncodeWorkerData } from './parallel-job.js';

const data = workerData as EncodeWorkerData;
if (parentPort && data?.tag === ENCODE_WORKER_TAG) {
  const port = parentPort;
  const tok = Tokenizer.fromJSON(data.json);
  tok.setPadding(null);
  port.on('message', (job: EncodeJob) => {
    let reply: EncodeReply;
    try {
      tok.setTruncation(job.truncation);
      if (job.idsOnly) {
        tok.setPadding(job.padding ?? null);
        const packedIds = packIds(job.texts.map((t) => tok.encodeIds(t, job.opts)));
        port.postMessage({ id: job.id, packedIds } satisfies EncodeReply, [packedIds.starts.buffer, packedIds.ids.buffer]);
        return;
      }
      tok.setPadding(null);
      reply = { id: job.id, packed: pack(tok.encodeBatch(job.texts, job.opts)) };
    } catch (e) {
      reply = { id: job.id, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
  port.postMessage({ id: -1 } satisfies EncodeReply);
}
