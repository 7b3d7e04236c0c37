// The post-processor stage, shaped like the reference's `PostProcessor` trait: `process` takes the
// encoding of the first sequence and that of the pair (or null), adds special tokens and/or adjusts
// offsets, and returns one merged encoding; `addedTokens(isPair)` says how many tokens it adds.

import type { Encoding } from '../tokenizer/encoding.js';

export interface PostProcessor {
  /** How many tokens `process` adds when special tokens are on: to one sequence, or to a pair. */
  addedTokens(isPair: boolean): number;
  /** Post-processes one sequence (pair null) or a pair, merging the result into one encoding. */
  process(encoding: Encoding, pair: Encoding | null, addSpecialTokens: boolean): Encoding;
  /**
   * The reference's `process_encodings`: a list of encodings in (the sequences, or what an earlier
   * processor of a Sequence made of them), a list out, not yet merged. `process` is this plus the merge.
   */
  processEncodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[];
}
