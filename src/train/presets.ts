// Training presets: the pipeline written into the trained tokenizer.json and the trainer options.
// `polyglot-ko` is the published Polyglot-Ko layout; `hf-defaults` is Hugging Face's `BpeTrainer`
// defaults with the same pipeline. It holds data only; train.ts and tokenizer-json.ts use it.

import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { TrainConfigError } from './errors.js';

export const PRESET_NAMES = ['polyglot-ko', 'hf-defaults'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** U+0CF1, the morpheme boundary marker of the Polyglot-Ko scheme. */
export const TRAIN_MARKER = '\u0CF1';

/** Sequence[Split(U+0CF1, Removed), ByteLevel(add_prefix_space=false)] as tokenizer.json stores it. */
export const POLYGLOT_PRE_TOKENIZER = {
  type: 'Sequence',
  pretokenizers: [
    { type: 'Split', pattern: { String: TRAIN_MARKER }, behavior: 'Removed', invert: false },
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  ],
} as const;

export const POLYGLOT_POST_PROCESSOR = { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true } as const;
export const POLYGLOT_DECODER = { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true } as const;

export interface Preset {
  name: PresetName;
  /** Model vocabulary size (special tokens and alphabet included), before the trailing added tokens. */
  vocabSize: number;
  minFrequency: number;
  /** Special tokens given to the trainer: ids 0..n-1, in the model vocabulary. */
  specialTokens: string[];
  /** Added after training at the next free ids (not in the model vocabulary), as HF's add_special_tokens does. */
  trailingTokens: string[];
  /** Characters always in the alphabet. */
  initialAlphabet: string[];
  preTokenizer: unknown;
  postProcessor: unknown;
  decoder: unknown;
}

export function preset(name: string): Preset {
  const pipeline = { preTokenizer: POLYGLOT_PRE_TOKENIZER, postProcessor: POLYGLOT_POST_PROCESSOR, decoder: POLYGLOT_DECODER };
  switch (name) {
    case 'polyglot-ko':
      return {
        name,
        vocabSize: 30000,
        minFrequency: 0,
        specialTokens: ['<|unused0|>', '<|unused1|>', '<|endoftext|>', '<|sep|>'],
        trailingTokens: ['<|acc|>', '<|tel|>', '<|rrn|>'],
        initialAlphabet: [...BYTE_TO_CHAR],
        ...pipeline,
      };
    case 'hf-defaults':
      return { name, vocabSize: 30000, minFrequency: 0, specialTokens: [], trailingTokens: [], initialAlphabet: [], ...pipeline };
  }
  throw new TrainConfigError('preset', `unknown preset ${JSON.stringify(name)}`, `use one of ${PRESET_NAMES.join(', ')}`);
}
