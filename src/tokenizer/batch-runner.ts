// The seam between a Tokenizer and worker threads for encodeBatchParallel / encodeIdsBatchParallel.
// Platform-neutral: the core only knows this interface; `mbbpe/node` supplies the implementation
// (`EncodePool.create`), given to each tokenizer as its `batchRunner` option — no module-level hook,
// so a Tokenizer from `mbbpe` and one from `mbbpe/node` behave alike once given the same runner.

import type { Tokenizer } from '../tokenizer.js';
import type { Encoding } from './encoding.js';
import type { EncodeOptions } from './options.js';

/** Encodes batches off the calling thread with a tokenizer's current settings (EncodePool is one). */
export interface BatchRunner {
  /** The same encodings as `tok.encodeBatch(texts, opts)`, in order. */
  encodeBatch(texts: readonly string[], opts?: EncodeOptions): Promise<Encoding[]>;
  /** The same ids as `tok.encodeIds` of each text, as Int32Arrays. */
  encodeIdsBatch(texts: readonly string[], opts?: Pick<EncodeOptions, 'addSpecialTokens'>): Promise<Int32Array[]>;
  /** Stops its threads; later calls fail. */
  close(): Promise<void>;
}

/** Starts a runner for `tok` with `threads` workers; `EncodePool.create` from `mbbpe/node` is one. */
export type BatchRunnerFactory = (tok: Tokenizer, options: { threads: number }) => Promise<BatchRunner>;

/**
 * A tokenizer's one runner, started on first use and kept for later batches; started again when
 * the thread count asked for changes, or after a start that failed (that call rejects).
 */
export class BatchRunnerSlot {
  private current: { threads: number; runner: Promise<BatchRunner> } | null = null;

  constructor(private readonly factory: BatchRunnerFactory) {}

  /** The runner with `threads` workers (default 2) for `tok`. */
  get(tok: Tokenizer, threads: number | undefined): Promise<BatchRunner> {
    const n = Math.max(1, Math.floor(threads ?? 2));
    const have = this.current;
    if (have && have.threads === n) return have.runner;
    if (have) void have.runner.then((r) => r.close()).catch(() => undefined);
    const runner = this.factory(tok, { threads: n });
    this.current = { threads: n, runner };
    runner.catch(() => {
      if (this.current?.runner === runner) this.current = null;
    });
    return runner;
  }

  /** Stops the runner, if one was started (a start that failed was already reported to its caller). */
  async close(): Promise<void> {
    const have = this.current;
    this.current = null;
    if (!have) return;
    const runner = await have.runner.catch(() => null);
    await runner?.close();
  }
}
