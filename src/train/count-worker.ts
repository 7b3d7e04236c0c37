// Worker-thread entry of the word-counting pool (built by tsup as `count-worker` beside dist/node.js):
// counts blocks of lines with the same WordCounts and splitter as the main thread (words.ts, lines.ts)
// and replies with its count table (as typed arrays) when asked to finish.

import { serveJobs } from '../workers/serve.js';
import { COUNT_WORKER_TAG, countBlock, type CountJob, type CountReply, type CountWorkerData } from './count-worker-job.js';
import { WordCounts, wordSplitter } from './words.js';

serveJobs<CountWorkerData, CountJob, CountReply>(COUNT_WORKER_TAG, (data) => {
  const wc = new WordCounts(wordSplitter(data.preTokenizer));
  return (job) => (job.kind === 'block' ? { kind: 'tally', tally: countBlock(wc, job.bytes) } : { kind: 'counts', state: wc.counts.toState() });
});
