// Headers for hand-made count files in the count-file tests.

import type { HeaderFields } from '../../src/train/counts/write.js';
import { POLYGLOT_PRE_TOKENIZER } from '../../src/train/presets.js';

export function header(over: Partial<HeaderFields> = {}, source: { fingerprint?: string; n?: number; parts?: number[] } = {}): HeaderFields {
  return {
    settings: { preset: 'polyglot-ko', pre_tokenizer: POLYGLOT_PRE_TOKENIZER, segment: 'none', dictionary: null, user_dictionaries: [], clean: false },
    sources: [{ fingerprint: source.fingerprint ?? 'f'.repeat(64), inputs: [{ name: 'corpus.txt', size: 10, head_tail: 'a'.repeat(64) }], n: source.n ?? 1, parts: source.parts ?? [0] }],
    bytes: 10,
    lines: 2,
    invalid_lines: 0,
    dropped_lines: 0,
    ...over,
  };
}

