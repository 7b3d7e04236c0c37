// Typed errors for loading a tokenizer.json: every problem names the JSON path it was found at
// and says how to fix it. Encoding-time errors of the runtime live here too (one place to look).

import { MbbpeError } from '../errors.js';

/** A tokenizer.json that is malformed, incomplete or uses a component mbbpe does not support. */
export class TokenizerConfigError extends MbbpeError {
  /** JSON path of the offending value, e.g. `$.pre_tokenizer.pretokenizers[1].type`. */
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, hint = '') {
    super(`tokenizer.json ${path}: ${reason}`, hint);
    this.path = path;
    this.reason = reason;
  }
}

/** `decode(ids, { strict: true })` met an id that has no token. */
export class UnknownIdError extends MbbpeError {
  readonly id: number;
  readonly position: number;

  constructor(id: number, position: number, vocabSize: number) {
    super(
      `id ${id} at position ${position} has no token (vocabulary ids are 0..${vocabSize - 1} with gaps for none)`,
      'drop { strict: true } to skip such ids like Hugging Face tokenizers does',
    );
    this.id = id;
    this.position = position;
  }
}

/** The decode stream produced text that does not extend what it already emitted. */
export class DecodeStreamError extends MbbpeError {
  constructor(message: string) {
    super(message, 'create a new stream with tok.decodeStream() and push the ids again');
  }
}

/** An argument to an API call is out of range (e.g. truncation stride >= maxLength). */
export class InvalidOptionError extends MbbpeError {
  readonly option: string;

  constructor(option: string, reason: string, hint = '') {
    super(`option ${option}: ${reason}`, hint);
    this.option = option;
  }
}

/**
 * Truncation that cannot be done as asked, where the reference returns an error (only_second
 * without a pair, a sequence too short to remove enough tokens) or panics (a stride not below the
 * length a sequence is cut to, e.g. when longest_first gives each of a pair half of maxLength).
 */
export class TruncationError extends MbbpeError {
  readonly reason: string;

  constructor(reason: string, hint: string) {
    super(`truncation: ${reason}`, hint);
    this.reason = reason;
  }
}

/** Bytes that look like an mbbpe snapshot but cannot be one this version reads. */
export class SnapshotError extends MbbpeError {
  readonly reason: string;

  constructor(reason: string) {
    super(`tokenizer snapshot: ${reason}`, 'make the snapshot again from its tokenizer.json with this mbbpe (mbbpe export --format snapshot)');
    this.reason = reason;
  }
}
