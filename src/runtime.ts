// `mbbpe/runtime`: the tokenizer runtime alone (load, encode, decode, snapshots), platform-neutral.
// The main entry re-exports all of it; importing this one instead skips compiling the analyser,
// trainer, cleaner and Hub code — a few ms of a process's cold start (see bench/RESULTS.md).

export { Tokenizer, parseTokenizerJson, type TokenizerParts, type TokenizerJsonSource, type Encoding, type AddedToken, type TokenizerOptions, type BatchRunner, type BatchRunnerFactory } from './tokenizer.js';
export type { EncodeOptions, EncodeInput, DecodeOptions, TruncationOptions, TruncationStrategy, PaddingOptions, OffsetUnit } from './tokenizer/options.js';
export { DecodeStream } from './tokenizer/decode-stream.js';
export { TokenizerConfigError, UnknownIdError, DecodeStreamError, InvalidOptionError, SnapshotError, TruncationError } from './config/errors.js';
export { isSnapshot, SNAPSHOT_FORMAT_VERSION } from './config/snapshot.js';
export { preTokenizerFromConfig, type StringPreTokenizer } from './pre-tokenizers/from-config.js';
export { BYTE_TO_CHAR, CHAR_TO_BYTE } from './models/bpe/byte-level.js';
