// Typed errors of the trainer: bad options, unusable input, a counts file in the wrong shape.
// They are raised before the long phases start wherever the problem can be seen up front.

import { MbbpeError } from '../errors.js';

/** An option (vocab size, special tokens, alphabet, preset, …) that training cannot work with. */
export class TrainConfigError extends MbbpeError {
  /** The option's name in the API (`vocabSize`, `specialTokens`, …). */
  readonly option: string;
  readonly reason: string;

  constructor(option: string, reason: string, hint: string) {
    super(`invalid training option ${option}: ${reason}`, hint);
    this.option = option;
    this.reason = reason;
  }
}

/** An input file that cannot be read or holds nothing to train on. */
export class TrainInputError extends MbbpeError {
  /** The file concerned; empty when the problem concerns the whole input. */
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, hint: string) {
    super(file ? `input ${file}: ${reason}` : `input: ${reason}`, hint);
    this.file = file;
    this.reason = reason;
  }
}

/** A word-counts file (written by `mbbpe count`) that is malformed or made for another pipeline. */
export class CountsFileError extends MbbpeError {
  readonly file: string;
  /** 1-based line number of the problem (0 when it concerns the whole file). */
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string, hint: string) {
    super(`counts file ${file}${line ? ` line ${line}` : ''}: ${reason}`, hint);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** Where the output cannot be written (missing directory, not writable). */
export class TrainOutputError extends MbbpeError {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, hint: string) {
    super(`output ${path}: ${reason}`, hint);
    this.path = path;
    this.reason = reason;
  }
}

/**
 * Count files that are each sound but cannot be summed together: made with different settings, a
 * shard given twice, shards of a set missing, or shards of different inputs mixed up.
 */
export class CountsSetError extends MbbpeError {
  /** The files concerned (the two that disagree, or the set with a gap). */
  readonly files: string[];
  readonly reason: string;

  constructor(files: readonly string[], reason: string, hint: string) {
    super(`counts files ${files.join(', ')}: ${reason}`, hint);
    this.files = [...files];
    this.reason = reason;
  }
}
