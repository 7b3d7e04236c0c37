// Word counting on worker threads: blocks of whole lines go to the next free worker, each worker
// keeps its own word → count map, and the maps are summed at the end. Node-only. Workers run the
// `count-worker` bundle (count-worker.ts: the same words.ts and lines.ts code as this thread); with
// `threads: 1`, or when no bundle sits beside this module (running from src/), counting is in-thread.
// Spawning, dispatch and failure handling are the generic pool's (src/workers/pool.ts).

import { WorkerPool } from '../workers/pool.js';
import { WorkerPoolError, type WorkerFailure } from '../workers/errors.js';
import { findWorkerScript } from '../workers/script.js';
import { COUNT_WORKER_TAG, countBlock, type CountJob, type CountReply, type CountTally, type CountWorkerData } from './count-worker-job.js';
import { ByteCountTable } from './counts/byte-table.js';
import type { CountTable } from './counts/table.js';
import { WordCounts, wordSplitter } from './words.js';

export { countBlock, type CountTally } from './count-worker-job.js';

export class CountWorkerError extends WorkerPoolError {
  constructor(failure: WorkerFailure, detail: string) {
    super('count pool', failure, detail, 'rerun with --threads 1 to count in the main thread, and report the worker error');
  }
}

export interface CountPoolOptions {
  /** Path of the worker bundle (default: `count-worker.{js,cjs,mjs}` next to this module). */
  workerScript?: string;
}

/** Blocks queued or being counted per worker before `push` waits: bounds memory on fast readers. */
const BLOCKS_PER_WORKER = 3;

/** A pool of counting workers (or the in-thread fallback); feed blocks, then `finish()`. */
export class CountPool {
  readonly mode: 'workers' | 'in-thread';
  readonly tally: CountTally = { bytes: 0, lines: 0, invalidLines: 0 };
  private readonly local: WordCounts;
  private readonly pool: Promise<WorkerPool<CountJob, CountReply>> | null = null;
  /** Blocks sent and not yet counted, oldest first. */
  private readonly inFlight: Promise<void>[] = [];
  private readonly maxInFlight: number;
  private failure: Error | null = null;
  private readonly onTally: ((t: CountTally) => void) | undefined;

  constructor(preTokenizer: unknown, threads: number, onTally?: (t: CountTally) => void, options: CountPoolOptions = {}) {
    // Built here even when workers count: a bad pre-tokenizer fails now with its own typed error.
    this.local = new WordCounts(wordSplitter(preTokenizer));
    this.onTally = onTally;
    const n = Math.max(1, Math.floor(threads));
    this.maxInFlight = BLOCKS_PER_WORKER * n;
    const script = n > 1 ? (options.workerScript ?? findWorkerScript('count-worker')) : null;
    this.mode = script ? 'workers' : 'in-thread';
    if (!script) return;
    const workerData: CountWorkerData = { tag: COUNT_WORKER_TAG, preTokenizer };
    const error = (f: WorkerFailure, d: string) => new CountWorkerError(f, d);
    this.pool = WorkerPool.start<CountJob, CountReply>({ script, workerData, threads: n, error, depth: 2 });
    this.pool.catch((e: Error) => (this.failure ??= e)); // reported by the next push or finish
  }

  private add(t: CountTally): void {
    this.tally.bytes += t.bytes;
    this.tally.lines += t.lines;
    this.tally.invalidLines += t.invalidLines;
    this.onTally?.(this.tally);
  }

  /** Counts a block of whole lines. Resolves once the block is queued with room to spare (backpressure). */
  async push(bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.pool) {
      this.add(countBlock(this.local, bytes));
      return;
    }
    const pool = await this.pool;
    // Transfer only a buffer this block owns outright (a Buffer may be a view into a shared pool).
    const own = !(bytes instanceof Buffer) && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.from(bytes);
    const counted = pool.run({ kind: 'block', bytes: own }, [own.buffer as ArrayBuffer]).then(
      (r) => (r.kind === 'tally' ? this.add(r.tally) : undefined),
      (e: Error) => void (this.failure ??= e),
    );
    this.inFlight.push(counted);
    while (this.inFlight.length > this.maxInFlight) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  /** Waits for every block, sums the workers' counts, stops the workers. */
  async finish(): Promise<CountTable> {
    if (!this.pool) return this.local.counts;
    try {
      const pool = await this.pool;
      await Promise.all(this.inFlight.splice(0));
      if (this.failure) throw this.failure;
      // Each worker stops as soon as its table is in, which frees its own copy at once. Tables
      // travel as their typed arrays (ByteCountTableState) and are summed into the largest.
      const tables = (await pool.collect({ kind: 'finish' })).flatMap((r) => (r.kind === 'counts' ? [ByteCountTable.fromState(r.state)] : []));
      tables.sort((a, b) => b.size - a.size);
      const total = tables[0] ?? new ByteCountTable('byte-level');
      for (const t of tables.slice(1)) total.merge(t);
      return total;
    } finally {
      await this.close();
    }
  }

  /** Stops the workers (blocks not yet counted are dropped). Idempotent. */
  async close(): Promise<void> {
    const pool = await this.pool?.catch(() => null);
    await pool?.close();
  }
}
