// The messages between a WorkerPool and its workers. Every pool speaks this one protocol, so the
// ready handshake, replies and errors are read in one place (pool.ts) and written in one (serve.ts).

/** Main thread → worker: one job. */
export interface JobMessage<J> {
  id: number;
  job: J;
}

/** Worker → main thread. `ready` once the worker has built its state and listens for jobs. */
export type WorkerMessage<R> =
  | { type: 'ready' }
  | { type: 'reply'; id: number; reply: R }
  | { type: 'error'; id: number; message: string };

/** What a worker's workerData carries so that only threads our pools started serve jobs. */
export interface TaggedData {
  tag: string;
}
