// Node-only: encodeBatch on worker threads. EncodePool starts N workers that each load the same
// tokenizer.json; a batch is cut into contiguous chunks of similar text length, encoded in parallel
// and reassembled in order, then padded like encodeBatch. Results equal tok.encodeBatch exactly.
// An EncodePool is a BatchRunner: give `EncodePool.create` to a Tokenizer as its `batchRunner`
// option for tok.encodeBatchParallel, or call the pool directly. Spawning, dispatch and failure
// handling are the generic pool's (src/workers/pool.ts).
// Not handled: subclasses' encode overrides (PretrainedTokenizer call options) — workers run the
// base Tokenizer with the pool tokenizer's truncation and padding at call time.

import type { Tokenizer } from '../tokenizer.js';
import { WorkerPool } from '../workers/pool.js';
import { WorkerPoolError, type WorkerFailure } from '../workers/errors.js';
import { findWorkerScript } from '../workers/script.js';
import type { BatchRunner } from './batch-runner.js';
import type { Encoding } from './encoding.js';
import type { EncodeOptions } from './options.js';
import { ENCODE_WORKER_TAG, unpack, unpackIds, type EncodeJob, type EncodeReply, type EncodeWorkerData } from './parallel-job.js';

export class EncodePoolError extends WorkerPoolError {
  constructor(failure: WorkerFailure, detail: string) {
    super('encode pool', failure, detail, 'create a new pool (EncodePool.create, or tok.close() before the next encodeBatchParallel); if it persists, use tok.encodeBatch');
  }
}

export interface EncodePoolOptions {
  /** Worker threads (default 2). */
  threads?: number;
  /** Path of the worker bundle (default: `encode-worker.{js,cjs,mjs}` next to this module). */
  workerScript?: string;
  /** Below this many UTF-16 units in a batch, encode in the calling thread (default 64k). */
  minParallelChars?: number;
}

export class EncodePool implements BatchRunner {
  /** 'workers' when threads run the jobs, 'in-thread' for the fallback (no worker bundle found). */
  readonly mode: 'workers' | 'in-thread';
  readonly threads: number;
  private readonly tok: Tokenizer;
  private readonly pool: WorkerPool<EncodeJob, EncodeReply> | null;
  private readonly minChars: number;
  private closed = false;

  private constructor(tok: Tokenizer, threads: number, pool: WorkerPool<EncodeJob, EncodeReply> | null, minChars: number) {
    this.tok = tok;
    this.threads = threads;
    this.pool = pool;
    this.mode = pool ? 'workers' : 'in-thread';
    this.minChars = minChars;
  }

  /**
   * Starts the workers (each parses the tokenizer once). Also a BatchRunnerFactory: pass
   * `{ batchRunner: EncodePool.create }` to Tokenizer.fromJSON for tok.encodeBatchParallel.
   */
  static async create(tok: Tokenizer, options: EncodePoolOptions = {}): Promise<EncodePool> {
    const threads = Math.max(1, Math.floor(options.threads ?? 2));
    const minChars = options.minParallelChars ?? 65_536;
    const script = options.workerScript ?? findWorkerScript('encode-worker');
    if (script === null) return new EncodePool(tok, threads, null, minChars);
    const workerData: EncodeWorkerData = { tag: ENCODE_WORKER_TAG, json: tok.jsonSource() };
    const error = (f: WorkerFailure, d: string) => new EncodePoolError(f, d);
    const pool = await WorkerPool.start<EncodeJob, EncodeReply>({ script, workerData, threads, error });
    return new EncodePool(tok, threads, pool, minChars);
  }

  /** One chunk on the workers (only called once chunks() has said the batch goes there). */
  private run(texts: string[], opts: EncodeOptions, idsOnly: boolean): Promise<EncodeReply> {
    const tok = this.tok;
    return this.pool!.run({ texts, opts: { addSpecialTokens: opts.addSpecialTokens, offsets: opts.offsets }, truncation: tok.truncation, idsOnly, padding: idsOnly ? tok.padding : null });
  }

  /** The batch in chunks for the workers, or null when it is better done in this thread. */
  private chunks(texts: readonly string[]): string[][] | null {
    if (this.closed) throw new EncodePoolError('closed', '');
    let chars = 0;
    for (const t of texts) chars += t.length;
    if (this.pool === null || chars < this.minChars || texts.length < 2) return null;
    // Chunks of about equal text length, a few per thread so a slow chunk does not idle the others.
    const nChunks = Math.min(texts.length, this.threads * 4);
    const per = chars / nChunks;
    const chunks: string[][] = [];
    let cur: string[] = [];
    let acc = 0;
    for (const t of texts) {
      cur.push(t);
      acc += t.length;
      if (acc >= per * (chunks.length + 1) && chunks.length < nChunks - 1) {
        chunks.push(cur);
        cur = [];
      }
    }
    if (cur.length > 0) chunks.push(cur);
    return chunks;
  }

  /** tok.encodeBatch(texts, opts) on the workers: same encodings, same order, same padding. */
  async encodeBatch(texts: readonly string[], opts: EncodeOptions = {}): Promise<Encoding[]> {
    const chunks = this.chunks(texts);
    if (chunks === null) return this.tok.encodeBatch(texts, opts);
    const parts = await Promise.all(chunks.map((c) => this.run(c, opts, false)));
    const out = parts.flatMap((r) => unpack(r.packed!));
    this.tok.padBatch(out);
    return out;
  }

  /** tok.encodeIds of each text on the workers, as Int32Arrays (views of one buffer per chunk). */
  async encodeIdsBatch(texts: readonly string[], opts: Pick<EncodeOptions, 'addSpecialTokens'> = {}): Promise<Int32Array[]> {
    const chunks = this.chunks(texts);
    if (chunks === null) return texts.map((t) => Int32Array.from(this.tok.encodeIds(t, opts)));
    const parts = await Promise.all(chunks.map((c) => this.run(c, opts, true)));
    return parts.flatMap((r) => unpackIds(r.packedIds!));
  }

  /** Stops the workers; pending jobs fail. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}

/** One-shot convenience: starts a pool, encodes, closes it. Keep an EncodePool for repeated batches. */
export async function encodeBatchParallel(tok: Tokenizer, texts: readonly string[], opts: EncodeOptions & EncodePoolOptions = {}): Promise<Encoding[]> {
  const pool = await EncodePool.create(tok, opts);
  try {
    return await pool.encodeBatch(texts, opts);
  } finally {
    await pool.close();
  }
}
