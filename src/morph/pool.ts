// A worker-thread pool for segmenting many lines in parallel: the dictionary is loaded once and
// shared with every worker through SharedArrayBuffers; results come back in input order. If no
// worker bundle is found next to this module (e.g. running from src/), jobs run in-thread instead.

import { Worker } from 'node:worker_threads';
import { MbbpeError } from '../errors.js';
import { findWorkerScript } from '../worker-script.js';
import type { Analyzer } from './analyzer.js';
import type { DictionaryBuffers } from './dictionary.js';
import type { BinaryInput } from './bytes.js';
import { ByteSink } from './format.js';
import type { SegmentFormat } from './lines.js';
import { MORPHEME_MARKER } from './marker.js';
import { POOL_WORKER_TAG, runJob, type PoolJob, type PoolReply, type PoolWorkerData } from './pool-job.js';

export class MorphPoolError extends MbbpeError {
  constructor(message: string) {
    super(message, 'rerun with --threads 1 to analyse in the main thread and report the worker error');
  }
}

export interface MorphPoolOptions {
  /** The analyser whose dictionary and options the workers use (its buffers are shared, not copied). */
  analyzer: Analyzer;
  /** Number of worker threads (default: 2). */
  threads?: number;
  /** Path of the worker bundle (default: `morph-worker.{js,cjs,mjs}` next to this module). */
  workerScript?: string;
}

/** Copies a buffer into shared memory unless it already is shared. */
function shared(input: BinaryInput | string | undefined): BinaryInput | string | undefined {
  if (input === undefined || typeof input === 'string') return input;
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

type JobBody = PoolJob extends infer J ? (J extends PoolJob ? Omit<J, 'id'> : never) : never;

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class MorphPool {
  /** 'workers' when worker threads run the jobs, 'in-thread' for the fallback. */
  readonly mode: 'workers' | 'in-thread';
  readonly threads: number;
  private readonly analyzer: Analyzer;
  private readonly slots: Slot[] = [];
  /** Every worker started, ready or not (close() terminates them all). */
  private readonly workers: Worker[] = [];
  private readonly queue: PoolJob[] = [];
  private readonly waiting = new Map<number, { resolve: (r: PoolReply) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failed: Error | null = null;
  private closing = false;
  private readonly sink = new ByteSink();

  private constructor(analyzer: Analyzer, threads: number, mode: 'workers' | 'in-thread') {
    this.analyzer = analyzer;
    this.threads = threads;
    this.mode = mode;
  }

  static async create(options: MorphPoolOptions): Promise<MorphPool> {
    const threads = Math.max(1, Math.floor(options.threads ?? 2));
    const script = options.workerScript ?? findWorkerScript('morph-worker');
    if (script === null) return new MorphPool(options.analyzer, threads, 'in-thread');
    const pool = new MorphPool(options.analyzer, threads, 'workers');
    const b = options.analyzer.dictionary.buffers;
    const buffers = {
      sysDic: shared(b.sysDic),
      unkDic: shared(b.unkDic),
      matrix: shared(b.matrix),
      charBin: shared(b.charBin),
      dicrc: shared(b.dicrc),
      // User dictionaries (and addWords lexicons added before the pool was created) travel too.
      ...(b.userDics ? { userDics: b.userDics.map((u) => shared(u)), userDicNames: b.userDicNames } : {}),
    } as DictionaryBuffers;
    const data: PoolWorkerData = { tag: POOL_WORKER_TAG, buffers, options: { ...options.analyzer.options } };
    const spawned = Array.from({ length: threads }, () => pool.spawn(script, data));
    try {
      await Promise.all(spawned);
    } catch (e) {
      await Promise.allSettled(spawned);
      await pool.close();
      throw e;
    }
    return pool;
  }

  private spawn(script: string, data: PoolWorkerData): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(script, { workerData: data });
      this.workers.push(worker);
      const slot: Slot = { worker, busy: false };
      worker.on('message', (r: PoolReply) => {
        if (r.id === -1) {
          this.slots.push(slot);
          worker.unref();
          resolve();
          return;
        }
        const w = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        slot.busy = false;
        if (w) r.error !== undefined ? w.reject(new MorphPoolError(`worker failed: ${r.error}`)) : w.resolve(r);
        this.pump();
      });
      worker.on('error', (e) => {
        this.fail(new MorphPoolError(`worker crashed: ${e.message}`));
        reject(this.failed);
      });
      worker.on('exit', (code) => {
        if (this.closing) return;
        this.fail(new MorphPoolError(`worker exited unexpectedly with code ${code}`));
        reject(this.failed);
      });
    });
  }

  private fail(e: Error): void {
    this.failed = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) {
        continue;
      }
      const job = this.queue.shift();
      if (!job) {
        slot.worker.unref(); // idle workers must not keep the process alive
        continue;
      }
      slot.busy = true;
      slot.worker.ref();
      slot.worker.postMessage(job);
    }
  }

  private submit(job: JobBody): Promise<PoolReply> {
    if (this.failed) return Promise.reject(this.failed);
    const full = { ...job, id: this.nextId++ } as PoolJob;
    if (this.mode === 'in-thread') {
      try {
        return Promise.resolve(runJob(this.analyzer, full, this.sink));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(full.id, { resolve, reject });
      this.queue.push(full);
      this.pump();
    });
  }

  /** Formats a block of `\n`-terminated lines (see lines.ts `formatLines`); resolves to the output bytes. */
  async format(format: SegmentFormat, block: Uint8Array): Promise<Uint8Array> {
    // Posting a view clones its whole ArrayBuffer: send a tight copy of stream-chunk slices.
    const tight = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength ? block : block.slice();
    return (await this.submit({ kind: 'format', format, block: tight })).out!;
  }

  /** `joinMorphemes` for every line, in input order. */
  async join(lines: string[], marker: string = MORPHEME_MARKER): Promise<string[]> {
    const per = Math.max(1, Math.min(1000, Math.ceil(lines.length / (this.threads * 4))));
    const jobs: Promise<PoolReply>[] = [];
    for (let i = 0; i < lines.length; i += per) jobs.push(this.submit({ kind: 'join', lines: lines.slice(i, i + per), marker }));
    return (await Promise.all(jobs)).flatMap((r) => r.lines!);
  }

  /** Stops the workers; pending jobs are rejected. */
  async close(): Promise<void> {
    this.closing = true;
    this.fail(new MorphPoolError('pool closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.slots.length = 0;
  }
}
