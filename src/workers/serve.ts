// The worker side of a WorkerPool: a worker entry calls `serveJobs` with its tag and a function that
// builds its state from workerData and returns the job handler. Not handled: async handlers (every
// job of ours is synchronous CPU work; a worker runs one job at a time).

import { parentPort, workerData } from 'node:worker_threads';
import type { JobMessage, TaggedData, WorkerMessage } from './protocol.js';

export interface ServeOptions<R> {
  /** Buffers of a reply to transfer instead of copy (they must belong to the reply alone). */
  transfer?: (reply: R) => ArrayBuffer[];
}

/**
 * Serves jobs when this thread is a pool worker with workerData tagged `tag`; otherwise does nothing,
 * since a worker bundle may also be loaded in the main thread or in a worker of the user's own.
 * `start` runs once; if it throws, the worker dies and the pool reports a crash.
 */
export function serveJobs<D extends TaggedData, J, R>(tag: string, start: (data: D) => (job: J) => R, options: ServeOptions<R> = {}): void {
  const data = workerData as Partial<TaggedData> | null;
  const port = parentPort;
  if (port === null || data === null || typeof data !== 'object' || data.tag !== tag) return;
  const handle = start(data as D);
  port.on('message', ({ id, job }: JobMessage<J>) => {
    try {
      const reply = handle(job);
      port.postMessage({ type: 'reply', id, reply } satisfies WorkerMessage<R>, options.transfer?.(reply) ?? []);
    } catch (e) {
      // The job threw, or its reply cannot be posted (not cloneable): this job fails, the worker goes on.
      port.postMessage({ type: 'error', id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage<R>);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage<R>);
}
