// A worker-thread pool for segmenting many lines in parallel: the dictionary is loaded once and
// shared with every worker through SharedArrayBuffers; results come back in input order. If no
// worker bundle is found next to this module (e.g. running from src/), jobs run in-thread instead.
// Spawning, dispatch and failure handling are the generic pool's (src/workers/pool.ts).

import { WorkerPool } from '../workers/pool.js';
import { WorkerPoolError, type WorkerFailure } from '../workers/errors.js';
import { findWorkerScript } from '../workers/script.js';
import type { Analyzer } from './analyzer.js';
import type { DictionaryBuffers } from './dictionary.js';
import type { BinaryInput } from './bytes.js';
import { ByteSink } from './format.js';
import type { SegmentFormat } from './lines.js';
import { MORPHEME_MARKER } from './marker.js';
import { POOL_WORKER_TAG, runJob, type PoolJob, type PoolReply, type PoolWorkerData } from './pool-job.js';

export class MorphPoolError extends WorkerPoolError {
  constructor(failure: WorkerFailure, detail: string) {
    super('morph pool', failure, detail, 'rerun with threads: 1 to analyse in the main thread and report the worker error');
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

export class MorphPool {
  /** 'workers' when worker threads run the jobs, 'in-thread' for the fallback. */
  readonly mode: 'workers' | 'in-thread';
  readonly threads: number;
  private readonly analyzer: Analyzer;
  private readonly pool: WorkerPool<PoolJob, PoolReply> | null;
  private readonly sink = new ByteSink();
  private closed = false;

  private constructor(analyzer: Analyzer, threads: number, pool: WorkerPool<PoolJob, PoolReply> | null) {
    this.analyzer = analyzer;
    this.threads = threads;
    this.pool = pool;
    this.mode = pool ? 'workers' : 'in-thread';
  }

  static async create(options: MorphPoolOptions): Promise<MorphPool> {
    const threads = Math.max(1, Math.floor(options.threads ?? 2));
    const script = options.workerScript ?? findWorkerScript('morph-worker');
    if (script === null) return new MorphPool(options.analyzer, threads, null);
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
    const workerData: PoolWorkerData = { tag: POOL_WORKER_TAG, buffers, options: { ...options.analyzer.options } };
    const error = (f: WorkerFailure, d: string) => new MorphPoolError(f, d);
    const pool = await WorkerPool.start<PoolJob, PoolReply>({ script, workerData, threads, error });
    return new MorphPool(options.analyzer, threads, pool);
  }

  private submit(job: PoolJob, transfer: ArrayBuffer[] = []): Promise<PoolReply> {
    if (this.pool) return this.pool.run(job, transfer);
    if (this.closed) return Promise.reject(new MorphPoolError('closed', ''));
    try {
      return Promise.resolve(runJob(this.analyzer, job, this.sink));
    } catch (e) {
      return Promise.reject(e);
    }
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

  /** Stops the workers; pending jobs are rejected. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}
