// The BPE trainer's option error. It lives beside the trainer, below src/train/ (which re-exports
// it with the other training errors), so models/ never imports from the layers built on it.

import { MbbpeError } from '../../errors.js';

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
