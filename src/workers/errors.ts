// The typed error every worker pool fails with. Each pool subclasses it with its own name and fix
// (MorphPoolError, EncodePoolError, CountWorkerError), so callers can catch one class for all pools.

import { MbbpeError } from '../errors.js';

/**
 * What went wrong: `crash` a worker threw outside a job (its start-up included) or sent a message
 * that could not be read; `exit` a worker stopped without being told to; `job` one job threw
 * (the pool itself keeps working); `closed` the pool was closed before or while the job ran.
 */
export type WorkerFailure = 'crash' | 'exit' | 'job' | 'closed';

export class WorkerPoolError extends MbbpeError {
  /** The pool, as named in the message (e.g. `morph pool`). */
  readonly pool: string;
  readonly failure: WorkerFailure;
  /** The worker's error message, its exit code, or why the pool closed. */
  readonly detail: string;

  constructor(pool: string, failure: WorkerFailure, detail: string, hint: string) {
    super(`${pool}: ${describe(failure, detail)}`, hint);
    this.pool = pool;
    this.failure = failure;
    this.detail = detail;
  }
}

function describe(failure: WorkerFailure, detail: string): string {
  switch (failure) {
    case 'crash':
      return `worker crashed: ${detail}`;
    case 'exit':
      return `worker exited unexpectedly (${detail})`;
    case 'job':
      return `worker failed: ${detail}`;
    case 'closed':
      return detail ? `pool closed (${detail})` : 'pool closed';
  }
}

/** The error a pool rejects with; each pool passes its own subclass's constructor. */
export type PoolErrorFactory = (failure: WorkerFailure, detail: string) => WorkerPoolError;
