// The pre-tokenizer stage: a list of pieces, each a NormalizedString, some already turned into
// tokens (added tokens found earlier). Pre-tokenizers only split and map the untokenized pieces.

import type { NormalizedString } from '../tokenizer/normalized.js';

/** A token produced before the model runs (an added token); offsets in the piece's code units. */
export interface PresetToken {
  id: number;
  value: string;
}

export interface Piece {
  ns: NormalizedString;
  /** Set for pieces that are already a token (added tokens); pre-tokenizers leave them alone. */
  preset?: PresetToken | undefined;
}

export interface PreTokenizer {
  /** Splits every untokenized piece; drops empty results (as the reference does). */
  preTokenize(pieces: Piece[]): Piece[];
}

export type SplitBehavior = 'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';
export const SPLIT_BEHAVIORS: readonly SplitBehavior[] = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'];
