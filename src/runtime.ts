// `mbbpe/runtime`: the tokenizer runtime alone (load, encode, decode, snapshots), platform-neutral.
// The main entry re-exports all of it; importing this one instead skips compiling the analyser,
// trainer, cleaner and Hub code — a few ms of a process's cold start (see bench/RESULTS.md).
// Every export is listed in docs/API.md and test/package/surface.test.ts.

export { Tokenizer, type TokenizerParts, type TokenizerJsonSource, type Encoding, type AddedToken, type TokenizerOptions, type BatchRunner, type BatchRunnerFactory } from './tokenizer.js';
export type { EncodeOptions, EncodeInput, DecodeOptions, TruncationOptions, TruncationStrategy, PaddingOptions, OffsetUnit } from './tokenizer/options.js';
export { DecodeStream } from './tokenizer/decode-stream.js';
export type { CallOptions, CallResult, Row } from './tokenizer/call.js';
export { MbbpeError } from './errors.js';
export { TokenizerConfigError, TokenizerFileError, UnknownIdError, DecodeStreamError, InvalidOptionError, SnapshotError, TruncationError, DisallowedSpecialTokenError } from './config/errors.js';
export { isSnapshot, SNAPSHOT_FORMAT_VERSION } from './config/snapshot.js';
