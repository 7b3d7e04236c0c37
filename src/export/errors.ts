// The one error the tiktoken export throws: the tokenizer cannot be expressed exactly as a tiktoken
// rank file + split pattern. It names the condition that failed, where, and what would fix it.

import { MbbpeError } from '../errors.js';

/** Why a tokenizer cannot be exported to tiktoken; each value is one checked condition. */
export type TiktokenRefusal =
  | 'not-bpe' // model is not BPE
  | 'model-option' // dropout, continuing_subword_prefix, end_of_word_suffix
  | 'normalizer' // tiktoken has no normalizer
  | 'pre-tokenizer' // not ByteLevel / Split(single char, Removed)+ByteLevel
  | 'post-processor' // adds tokens tiktoken would not add
  | 'decoder' // not ByteLevel, so decode would differ
  | 'truncation-padding' // tiktoken neither truncates nor pads
  | 'not-byte-level' // a token is not written in the GPT-2 byte alphabet
  | 'missing-byte' // one of the 256 single-byte tokens is absent
  | 'merge-invalid' // a merge names or yields a token absent from the vocab, or yields one twice
  | 'merge-order' // merge order differs from id (rank) order, or an operand comes later than its merge
  | 'unreachable-token' // BPE of a token's own bytes does not yield the token
  | 'added-token'; // an added token uses lstrip/rstrip/single_word, or is a prefix of another

export class TiktokenExportError extends MbbpeError {
  readonly reason: TiktokenRefusal;
  /** Where the problem is: a JSON path in tokenizer.json, e.g. `$.model.merges[17]`. */
  readonly path: string;

  constructor(reason: TiktokenRefusal, path: string, detail: string, hint: string) {
    super(`cannot export to tiktoken (${reason}) at ${path}: ${detail}`, hint);
    this.reason = reason;
    this.path = path;
  }
}

/** The tokenizer file to export could not be read. */
export class ExportFileError extends MbbpeError {
  readonly file: string;

  constructor(file: string, reason: string, hint: string) {
    super(`${file}: ${reason}`, hint);
    this.file = file;
  }
}
