// Word counting on worker threads: blocks of whole lines go to the least busy worker, each worker
// keeps its own word → count map, and the maps are summed at the end. Node-only. Workers run the
// self-contained program of count-worker-source.ts; pre-tokenizers outside its fast path (and
// `threads: 1`) count in this thread.

import { Worker } from 'node:worker_threads';
import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { MbbpeError } from '../errors.js';
import { COUNT_WORKER_SOURCE } from './count-worker-source.js';
import { ByteCountTable } from './counts/byte-table.js';
import type { CountTable } from './counts/table.js';
import { decodeBlock } from './lines.js';
import { fastSplitSpec, WordCounts, wordSplitter } from './words.js';

export class CountWorkerError extends MbbpeError {
  constructor(message: string) {
    super(message, 'rerun with --threads 1 to count in the main thread, and report the worker error');
  }
}

type ToWorker = { kind: 'block'; bytes: Uint8Array } | { kind: 'finish' };
type FromWorker =
  | { kind: 'done'; bytes: number; lines: number; invalid: number }
  | { kind: 'counts'; counts: Map<string, number> }
  | { kind: 'error'; message: string };

/** Lines and invalid lines seen, summed over blocks. */
export interface CountTally {
  bytes: number;
  lines: number;
  invalidLines: number;
}

/** Counts the words of one block into `wc`; returns its tally. */
export function countBlock(wc: WordCounts, bytes: Uint8Array): CountTally {
  const { lines, invalid } = decodeBlock(bytes);
  for (const line of lines) wc.addLine(line);
  return { bytes: bytes.length, lines: lines.length, invalidLines: invalid };
}

interface Slot {
  worker: Worker;
  pending: number;
  /** Resolvers of the blocks in flight, oldest first (a worker answers in order). */
  done: (() => void)[];
  /** Promises of the last three blocks sent, oldest first. */
  recent: Promise<void>[];
}

/** A pool of counting workers (or the in-thread fallback); feed blocks, then `finish()`. */
export class CountPool {
  readonly mode: 'workers' | 'in-thread';
  readonly tally: CountTally = { bytes: 0, lines: 0, invalidLines: 0 };
  private readonly slots: Slot[] = [];
  private readonly local: WordCounts;
  private failure: Error | null = null;
  private onTally: ((t: CountTally) => void) | undefined;

  constructor(preTokenizer: unknown, threads: number, onTally?: (t: CountTally) => void) {
    this.local = new WordCounts(wordSplitter(preTokenizer));
    this.onTally = onTally;
    const spec = threads > 1 ? fastSplitSpec(preTokenizer) : null;
    this.mode = spec ? 'workers' : 'in-thread';
    if (!spec) return;
    const workerData = { ...spec, byteCodes: BYTE_TO_CHAR.map((c) => c.charCodeAt(0)) };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(COUNT_WORKER_SOURCE, { eval: true, workerData });
      const slot: Slot = { worker, pending: 0, done: [], recent: [] };
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'done') {
          slot.pending--;
          this.add({ bytes: m.bytes, lines: m.lines, invalidLines: m.invalid });
          slot.done.shift()?.();
        } else if (m.kind === 'error') this.fail(new CountWorkerError(`count worker failed: ${m.message}`));
      });
      worker.on('error', (e) => this.fail(new CountWorkerError(`count worker crashed: ${e.message}`)));
      this.slots.push(slot);
    }
  }

  private add(t: CountTally): void {
    this.tally.bytes += t.bytes;
    this.tally.lines += t.lines;
    this.tally.invalidLines += t.invalidLines;
    this.onTally?.(this.tally);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const s of this.slots) for (const d of s.done.splice(0)) d();
  }

  /** Counts a block of whole lines. Resolves once the block is queued with room to spare (backpressure). */
  async push(bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.mode === 'in-thread') {
      this.add(countBlock(this.local, bytes));
      return;
    }
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.pending < slot.pending) slot = s;
    slot.pending++;
    // Transfer only a buffer this block owns outright (a Buffer may be a view into a shared pool).
    const own = !(bytes instanceof Buffer) && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.from(bytes);
    slot.recent.push(new Promise<void>((resolve) => slot.done.push(resolve)));
    if (slot.recent.length > 3) slot.recent.shift();
    slot.worker.postMessage({ kind: 'block', bytes: own } satisfies ToWorker, [own.buffer as ArrayBuffer]);
    // At most three blocks in flight per worker, so memory stays bounded on fast readers: past that,
    // wait until the oldest of the last three is done (the worker keeps two to chew on meanwhile).
    if (slot.pending > 2) await slot.recent[0];
    if (this.failure) throw this.failure;
  }

  /** Waits for every block, sums the workers' counts, stops the workers. */
  async finish(): Promise<CountTable> {
    if (this.mode === 'in-thread') return this.local.counts;
    try {
      const maps = await Promise.all(
        this.slots.map(
          (s) =>
            new Promise<Map<string, number>>((resolve, reject) => {
              s.worker.on('message', (m: FromWorker) => {
                if (m.kind !== 'counts') return;
                resolve(m.counts);
                void s.worker.terminate(); // frees the worker's own copy of the map at once
              });
              s.worker.on('error', reject);
              // After `resolve` this rejection is a no-op; before it, the worker died without its counts.
              s.worker.on('exit', () => reject(this.failure ?? new CountWorkerError('count worker exited early')));
              s.worker.postMessage({ kind: 'finish' } satisfies ToWorker);
            }),
        ),
      );
      if (this.failure) throw this.failure;
      const total = new ByteCountTable('byte-level'); // workers run the byte-level fast path only
      for (const m of maps) for (const [w, n] of m) total.add(w, n);
      return total;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
