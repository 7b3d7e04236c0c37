// Node-only: encodeBatch on worker threads. EncodePool starts N workers that each load the same
// tokenizer.json; a batch is cut into contiguous chunks of similar text length, encoded in parallel
// and reassembled in order, then padded like encodeBatch. Results equal tok.encodeBatch exactly.
// Not handled: subclasses' encode overrides (PretrainedTokenizer call options) — workers run the
// base Tokenizer with the pool tokenizer's truncation and padding at call time.

import { Worker } from 'node:worker_threads';
import { MbbpeError } from '../errors.js';
import { findWorkerScript } from '../worker-script.js';
import { setParallelBackend, type Tokenizer } from '../tokenizer.js';
import type { Encoding } from './encoding.js';
import type { EncodeOptions } from './options.js';
import { ENCODE_WORKER_TAG, unpack, unpackIds, type EncodeJob, type EncodeReply, type EncodeWorkerData } from './parallel-job.js';

export class EncodePoolError extends MbbpeError {
  constructor(reason: string) {
    super(`encode pool: ${reason}`, 'create a new pool (EncodePool.create); if it persists, use tok.encodeBatch');
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

interface Pending {
  resolve: (r: EncodeReply) => void;
  reject: (e: Error) => void;
}

export class EncodePool {
  /** 'workers' when threads run the jobs, 'in-thread' for the fallback (no worker bundle found). */
  readonly mode: 'workers' | 'in-thread';
  readonly threads: number;
  private readonly tok: Tokenizer;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: EncodeJob[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly minChars: number;
  private nextId = 0;
  private failed: Error | null = null;
  private closing = false;

  private constructor(tok: Tokenizer, threads: number, mode: 'workers' | 'in-thread', minChars: number) {
    this.tok = tok;
    this.threads = threads;
    this.mode = mode;
    this.minChars = minChars;
  }

  /** Starts the workers (each parses the tokenizer once). */
  static async create(tok: Tokenizer, options: EncodePoolOptions = {}): Promise<EncodePool> {
    const threads = Math.max(1, Math.floor(options.threads ?? 2));
    const minChars = options.minParallelChars ?? 65_536;
    const script = options.workerScript ?? findWorkerScript('encode-worker');
    if (script === null) return new EncodePool(tok, threads, 'in-thread', minChars);
    const pool = new EncodePool(tok, threads, 'workers', minChars);
    const data: EncodeWorkerData = { tag: ENCODE_WORKER_TAG, json: tok.jsonSource() };
    const started = Array.from({ length: threads }, () => pool.spawn(script, data));
    try {
      await Promise.all(started);
    } catch (e) {
      await Promise.allSettled(started);
      await pool.close();
      throw e;
    }
    return pool;
  }

  private spawn(script: string, data: EncodeWorkerData): Promise<void> {
    return new Promise((resolve, reject) => {
      const w = new Worker(script, { workerData: data });
      this.workers.push(w);
      w.on('message', (r: EncodeReply) => {
        if (r.id === -1) {
          this.idle.push(w);
          resolve();
          this.pump();
          return;
        }
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        this.idle.push(w);
        if (p) r.error !== undefined || (!r.packed && !r.packedIds) ? p.reject(new EncodePoolError(`worker failed: ${r.error}`)) : p.resolve(r);
        this.pump();
      });
      w.on('error', (e) => {
        this.fail(new EncodePoolError(`worker crashed: ${e.message}`));
        reject(this.failed);
      });
      w.on('exit', (code) => {
        if (this.closing) return;
        this.fail(new EncodePoolError(`worker exited with code ${code}`));
        reject(this.failed);
      });
    });
  }

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const w = this.idle.pop()!;
      w.ref(); // a job in flight keeps the process alive
      w.postMessage(job);
    }
    // Idle workers must not keep the process alive (workers still starting stay referenced).
    for (const w of this.idle) w.unref();
  }

  private run(texts: string[], opts: EncodeOptions, idsOnly: boolean): Promise<EncodeReply> {
    if (this.failed) return Promise.reject(this.failed);
    const job: EncodeJob = { id: this.nextId++, texts, opts: { addSpecialTokens: opts.addSpecialTokens, offsets: opts.offsets }, truncation: this.tok.truncation, idsOnly, padding: idsOnly ? this.tok.padding : null };
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      this.queue.push(job);
      this.pump();
    });
  }

  /** The batch in chunks for the workers, or null when it is better done in this thread. */
  private chunks(texts: readonly string[]): string[][] | null {
    if (this.closing) throw new EncodePoolError('the pool is closed');
    let chars = 0;
    for (const t of texts) chars += t.length;
    if (this.mode === 'in-thread' || chars < this.minChars || texts.length < 2) return null;
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

  /** Stops the workers; pending jobs fail. */
  async close(): Promise<void> {
    this.closing = true;
    this.fail(new EncodePoolError('the pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
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

/** One pool per tokenizer for tok.encodeBatchParallel, recreated when the thread count changes. */
const pools = new WeakMap<Tokenizer, { threads: number; pool: Promise<EncodePool> }>();

async function poolFor(tok: Tokenizer, threads: number): Promise<EncodePool> {
  const have = pools.get(tok);
  if (have && have.threads === threads) return have.pool;
  if (have) void have.pool.then((p) => p.close()).catch(() => undefined);
  const pool = EncodePool.create(tok, { threads });
  pools.set(tok, { threads, pool });
  return pool;
}

setParallelBackend(
  async (tok, texts, opts) => (await poolFor(tok, Math.max(1, Math.floor(opts.threads ?? 2)))).encodeBatch(texts, opts),
  async (tok) => {
    const have = pools.get(tok);
    pools.delete(tok);
    if (have) await (await have.pool).close();
  },
  async (tok, texts, opts) => (await poolFor(tok, Math.max(1, Math.floor(opts.threads ?? 2)))).encodeIdsBatch(texts, opts),
);
