// The Node-only Tokenizer: the platform-neutral one plus `fromFile` and `fromPretrained`. Exported from src/node.ts
// under the same name, so `import { Tokenizer } from 'mbbpe/node'` gets file loading.

import { readFileSync } from 'node:fs';
import { MbbpeError } from '../errors.js';
import { Tokenizer as BaseTokenizer, type TokenizerOptions } from '../tokenizer.js';
import { EncodePool } from './parallel.js';
import type { TokenizerParts } from './parse.js';
import type { NodePretrainedOptions } from '../hub/node.js';
import type { PretrainedTokenizer } from '../hub/pretrained.js';

/** A tokenizer file that cannot be read. */
export class TokenizerFileError extends MbbpeError {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`cannot read tokenizer file ${file}: ${reason}`, 'check the path (a tokenizer.json from Hugging Face or `mbbpe train`)');
    this.file = file;
  }
}

export class Tokenizer extends BaseTokenizer {
  /** As the core Tokenizer, with worker threads behind encodeBatchParallel unless `batchRunner` says otherwise (null: none). */
  constructor(parts: TokenizerParts, options: TokenizerOptions = {}) {
    super(parts, { ...options, batchRunner: options.batchRunner === undefined ? EncodePool.create : options.batchRunner });
  }

  /** Loads a tokenizer.json from disk (synchronously). */
  static fromFile<T extends typeof BaseTokenizer>(this: T, path: string): InstanceType<T> {
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
    // Loaded lazily: the hub subclasses this module's Tokenizer, so a static import would be circular.
    const hub = await import('../hub/node.js');
    return hub.fromPretrained(repoId, options);
  }
}
