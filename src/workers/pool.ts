// One worker-thread pool for every parallel stage of mbbpe (morpheme analysis, batch encoding, word
// counting): starts N workers on one script, waits for each to say it is ready, hands jobs to idle
// workers in the order they were submitted and settles each job's promise with its worker's reply
// (so `Promise.all` over submitted jobs gives results in input order). Node-only.
// Not handled: restarting workers. A worker that crashes or exits fails the whole pool — every job
// pending then and every later one rejects with the pool's typed error — and the caller starts a
// new pool; a job that throws fails that job only.

import { Worker } from 'node:worker_threads';
import type { PoolErrorFactory, WorkerPoolError } from './errors.js';
import type { JobMessage, TaggedData, WorkerMessage } from './protocol.js';

export interface WorkerPoolOptions {
  /** Path of the worker bundle (an entry that calls `serveJobs` with `workerData.tag`). */
  script: string;
  /** Given to every worker; must be structured-cloneable (SharedArrayBuffers are shared, not copied). */
  workerData: TaggedData;
  /** Number of workers (at least 1). */
  threads: number;
  /**
   * Jobs sent to a worker before its first is answered (default 1). 2 keeps a worker busy while its
   * reply travels back, for long streams of similar jobs (word counting); 1 balances uneven jobs best.
   */
  depth?: number;
  /** The pool's typed error (a WorkerPoolError subclass). */
  error: PoolErrorFactory;
}

interface Job<J, R> {
  id: number;
  job: J;
  transfer: readonly ArrayBuffer[];
  resolve: (reply: R) => void;
  reject: (e: Error) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
}

interface Slot<J, R> {
  worker: Worker;
  /** Settled by the worker's ready message (or its failure to get there). */
  start: Waiter | null;
  ready: boolean;
  /** Jobs sent and not yet answered, oldest first (a worker answers in order). */
  jobs: Job<J, R>[];
  /** Stop this worker once its job is answered (collect). */
  retire: boolean;
  /** Set once the worker is stopped on purpose: its exit is then no failure. */
  stopped: Promise<unknown> | null;
}

export class WorkerPool<J, R> {
  private readonly slots: Slot<J, R>[] = [];
  private readonly queue: Job<J, R>[] = [];
  /** Callers waiting for the queue and every worker to be idle (collect). */
  private readonly drains: Waiter[] = [];
  private readonly error: PoolErrorFactory;
  private readonly depth: number;
  private nextId = 0;
  /** Why new jobs are refused: the first failure, or the pool closing. */
  private refusal: WorkerPoolError | null = null;
  private closing: Promise<void> | null = null;

  private constructor(error: PoolErrorFactory, depth: number) {
    this.error = error;
    this.depth = depth;
  }

  /** Starts the workers and resolves once every one is ready; rejects (with no worker left running) if any fails to start. */
  static async start<J, R>(options: WorkerPoolOptions): Promise<WorkerPool<J, R>> {
    const pool = new WorkerPool<J, R>(options.error, Math.max(1, Math.floor(options.depth ?? 1)));
    const threads = Math.max(1, Math.floor(options.threads));
    const started = Array.from({ length: threads }, () => pool.spawn(options.script, options.workerData));
    try {
      await Promise.all(started);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Runs `job` on the next idle worker; `transfer` lists buffers of the job to move rather than copy. */
  run(job: J, transfer: readonly ArrayBuffer[] = []): Promise<R> {
    if (this.refusal) return Promise.reject(this.refusal);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, transfer, resolve, reject });
      this.pump();
    });
  }

  /**
   * For workers that accumulate state (word counting): once every job submitted so far is done,
   * sends `job` to every worker, stops each one as soon as it has replied (its memory is freed while
   * the others still work), then closes the pool. Resolves to the replies in worker order.
   */
  async collect(job: J): Promise<R[]> {
    if (this.refusal) throw this.refusal;
    this.refusal = this.error('closed', 'its results were collected');
    await new Promise<void>((resolve, reject) => {
      this.drains.push({ resolve, reject });
      this.pump();
    });
    try {
      const replies = this.slots.map(
        (slot) =>
          new Promise<R>((resolve, reject) => {
            slot.retire = true;
            this.post(slot, { id: this.nextId++, job, transfer: [], resolve, reject });
          }),
      );
      return await Promise.all(replies);
    } finally {
      await this.close();
    }
  }

  /** Stops every worker; jobs still pending reject with the pool's `closed` error. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.fail(this.error('closed', ''));
      await Promise.all(this.slots.map((s) => this.stop(s)));
    })();
    return this.closing;
  }

  private spawn(script: string, workerData: TaggedData): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData });
      } catch (e) {
        reject(this.error('crash', e instanceof Error ? e.message : String(e)));
        return;
      }
      const slot: Slot<J, R> = { worker, start: { resolve, reject }, ready: false, jobs: [], retire: false, stopped: null };
      this.slots.push(slot);
      worker.on('message', (m: WorkerMessage<R>) => this.onMessage(slot, m));
      worker.on('error', (e: Error) => this.fail(this.error('crash', e.message)));
      worker.on('messageerror', (e: Error) => this.fail(this.error('crash', `unreadable message: ${e.message}`)));
      worker.on('exit', (code: number) => {
        if (slot.stopped === null) this.fail(this.error('exit', `exit code ${code}`));
      });
      if (this.refusal) this.fail(this.refusal); // closed or failed while this one was being started
    });
  }

  private onMessage(slot: Slot<J, R>, m: WorkerMessage<R>): void {
    if (m.type === 'ready') {
      slot.ready = true;
      slot.start?.resolve();
      slot.start = null;
      this.pump();
      return;
    }
    const job = slot.jobs[0];
    if (job === undefined || job.id !== m.id) {
      this.fail(this.error('crash', `answered job ${m.id}, which it was not running`));
      return;
    }
    slot.jobs.shift();
    if (m.type === 'reply') job.resolve(m.reply);
    else job.reject(this.error('job', m.message));
    if (slot.retire) void this.stop(slot);
    this.pump();
  }

  /** Hands queued jobs to idle workers; lets idle workers not keep the process alive. */
  private pump(): void {
    // Fill every idle worker first, then top workers up to `depth`.
    for (let level = 0; level < this.depth && this.queue.length > 0; level++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) break;
        if (slot.ready && slot.jobs.length === level && slot.stopped === null && !slot.retire) this.post(slot, this.queue.shift()!);
      }
    }
    let busy = this.queue.length > 0;
    for (const slot of this.slots) {
      if (slot.jobs.length > 0) busy = true;
      else if (slot.ready && slot.stopped === null) slot.worker.unref();
    }
    if (!busy) for (const d of this.drains.splice(0)) d.resolve();
  }

  private post(slot: Slot<J, R>, job: Job<J, R>): void {
    const message: JobMessage<J> = { id: job.id, job: job.job };
    try {
      slot.worker.postMessage(message, job.transfer);
    } catch (e) {
      // Not cloneable (or a buffer already transferred): this job fails, the worker stays idle.
      job.reject(this.error('job', `cannot send the job: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    slot.jobs.push(job);
    slot.worker.ref(); // a job in flight keeps the process alive
  }

  /**
   * A worker crashed or exited, or the pool closes: refuse new jobs, reject every pending one and
   * every start still waiting, stop every worker. Runs for each failure, not just the first (two
   * workers may die at once): a later one rejects whatever is pending at that moment the same way,
   * so nothing is left waiting; new jobs keep being refused with the first reason.
   */
  private fail(e: WorkerPoolError): void {
    this.refusal ??= e;
    const jobs = this.queue.splice(0);
    for (const slot of this.slots) {
      jobs.push(...slot.jobs.splice(0));
      slot.start?.reject(e);
      slot.start = null;
      void this.stop(slot);
    }
    for (const job of jobs) job.reject(e);
    for (const d of this.drains.splice(0)) d.reject(e);
  }

  private stop(slot: Slot<J, R>): Promise<unknown> {
    slot.stopped ??= slot.worker.terminate();
    return slot.stopped;
  }
}
