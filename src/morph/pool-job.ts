// The jobs a morpheme pool runs and the function that runs one, shared by the worker entry and the
// pool's in-thread fallback. Kept apart from worker.ts so that importing the pool never executes the
// worker's message loop.

import type { Analyzer, AnalyzerOptions } from './analyzer.js';
import type { DictionaryBuffers } from './dictionary.js';
import type { ByteSink } from './format.js';
import { formatLines, type SegmentFormat } from './lines.js';
import { joinMorphemes } from './marker.js';

/** Tag in `workerData` that marks a thread as one of our pool's workers. */
export const POOL_WORKER_TAG = 'mbbpe-morph-pool';

export type PoolJob = { kind: 'format'; format: SegmentFormat; block: Uint8Array } | { kind: 'join'; lines: string[]; marker: string };
export type PoolReply = { out?: Uint8Array; lines?: string[] };

export interface PoolWorkerData {
  tag: typeof POOL_WORKER_TAG;
  buffers: DictionaryBuffers;
  options: AnalyzerOptions;
}

/** Runs one job on an analyser (shared by workers and the in-thread fallback). */
export function runJob(analyzer: Analyzer, job: PoolJob, sink: ByteSink): PoolReply {
  if (job.kind === 'format') {
    formatLines(analyzer, job.format, job.block, sink);
    return { out: sink.take() };
  }
  return { lines: job.lines.map((l) => joinMorphemes(analyzer, l, job.marker)) };
}
