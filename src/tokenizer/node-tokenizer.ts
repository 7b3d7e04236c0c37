// `NodeTokenizer`: the platform-neutral `Tokenizer` plus loaders that read files (`fromFile`) or the
// Hugging Face cache (`fromPretrained`). A subclass, not a second `Tokenizer`: what it loads is an
// instance of the `Tokenizer` that `mbbpe` and `mbbpe/runtime` export (issue 16 §1).

import { readFileSync } from 'node:fs';
import { TokenizerFileError } from '../config/errors.js';
import { Tokenizer, type TokenizerOptions } from '../tokenizer.js';
import { EncodePool } from './parallel.js';
import type { TokenizerParts } from './parse.js';
import type { NodePretrainedOptions } from '../hub/node.js';
import type { PretrainedTokenizer } from '../hub/pretrained.js';

export class NodeTokenizer extends Tokenizer {
  /** As the core Tokenizer, with worker threads behind encodeBatchParallel unless `batchRunner` says otherwise (null: none). */
  constructor(parts: TokenizerParts, options: TokenizerOptions = {}) {
    super(parts, { ...options, batchRunner: options.batchRunner === undefined ? EncodePool.create : options.batchRunner });
  }

  /** Loads a tokenizer.json or snapshot from disk (synchronously). Throws TokenizerFileError when unreadable. */
  static fromFile<T extends typeof Tokenizer>(this: T, path: string): InstanceType<T> {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new TokenizerFileError(path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    // Bytes, not text: the fast loader reads the vocab straight from them (no UTF-8 decode of 1.6 MB).
    return this.fromJSON(bytes) as InstanceType<T>;
  }

  /**
   * Loads the tokenizer of a Hugging Face Hub repo (e.g. `EleutherAI/polyglot-ko-1.3b`) through the
   * Hugging Face cache, downloading what is missing; see `fromPretrained` in src/hub/node.ts.
   */
  static async fromPretrained(repoId: string, options: NodePretrainedOptions = {}): Promise<PretrainedTokenizer> {
    // Loaded lazily: most users of fromFile never need the hub code.
    const hub = await import('../hub/node.js');
    return hub.fromPretrained(repoId, options);
  }
}
