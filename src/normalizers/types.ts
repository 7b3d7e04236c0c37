// The normalizer stage: rewrites a NormalizedString in place, keeping alignments to the input.

import type { NormalizedString } from '../tokenizer/normalized.js';

export interface Normalizer {
  normalize(ns: NormalizedString): void;
}
