// The jobs of the word-counting pool and the block counter that both its workers and the in-thread
// path run, so the two cannot drift. Kept apart from count-worker.ts so that importing the pool never
// executes the worker's message loop.

import type { ByteCountTableState } from './counts/byte-table.js';
import { decodeBlock } from './lines.js';
import type { WordCounts } from './words.js';

/** Tag in `workerData` that marks a thread as one of our counting workers. */
export const COUNT_WORKER_TAG = 'mbbpe-count-worker';

export interface CountWorkerData {
  tag: typeof COUNT_WORKER_TAG;
  /** tokenizer.json's `pre_tokenizer` (each worker builds the same splitter as the main thread). */
  preTokenizer: unknown;
}

/** `block`: count a block of whole lines; `finish`: reply with everything counted. */
export type CountJob = { kind: 'block'; bytes: Uint8Array } | { kind: 'finish' };
export type CountReply = { kind: 'tally'; tally: CountTally } | { kind: 'counts'; state: ByteCountTableState };

/** Bytes, lines and invalid lines seen, summed over blocks. */
export interface CountTally {
  bytes: number;
  lines: number;
  invalidLines: number;
}

/** Counts the words of one block into `wc`; returns its tally. */
export function countBlock(wc: WordCounts, bytes: Uint8Array): CountTally {
  const { lines, invalid } = decodeBlock(bytes);
  for (const line of lines) wc.addLine(line);
  return { bytes: bytes.length, lines: lines.length, invalidLines: invalid };
}
