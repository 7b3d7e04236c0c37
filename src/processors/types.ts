// The post-processor stage: adds special tokens around one encoding and/or adjusts offsets.

import type { Encoding } from '../tokenizer/encoding.js';

export interface PostProcessor {
  /** How many tokens `process` adds to a single sequence when special tokens are on. */
  addedTokens(): number;
  process(e: Encoding, addSpecialTokens: boolean): Encoding;
}
