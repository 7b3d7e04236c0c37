// The Node-only surface: everything in the platform-neutral entry (the same objects, never a
// same-named other class) plus loaders that read files, start worker threads or use the network.
// Each area keeps its exports between its own markers; every export is in docs/API.md and
// test/package/surface.test.ts.

export * from './index.js';

// RUNTIME-BEGIN
export { NodeTokenizer } from './tokenizer/node-tokenizer.js';
export { EncodePool, EncodePoolError, encodeBatchParallel, type EncodePoolOptions } from './tokenizer/parallel.js';
export { WorkerPoolError, type WorkerFailure } from './workers/errors.js';
// RUNTIME-END

// MORPH-BEGIN
export { NodeAnalyzer, readDictionary, defaultDicDir, type LoadOptions } from './morph/load-node.js';
export { compileUserDictionaryFiles, readDicDefs, type CompileFilesOptions } from './morph/dict/load-node.js';
export { MorphPool, MorphPoolError, type MorphPoolOptions } from './morph/pool.js';
// MORPH-END

// TRAIN-BEGIN
export {
  train,
  countWords,
  countWordsToFile,
  SEGMENT_MODES,
  type TrainOptions,
  type TrainSummary,
  type CountOptions,
  type CountSummary,
  type TrainProgress,
  type SegmentMode,
} from './train/train.js';
export { readCountsFile, writeCountsFile, type CountsHeader, type CountsSettings, type CountsSource, type ReadHeader } from './train/counts-file.js';
// TRAIN-END

// HUB-BEGIN
// The Hugging Face file cache is `NodeTokenizer.fromPretrained` (or `fromPretrained(id, { store: new FsStore(dir) })`);
// `fromPretrained` itself is the platform-neutral one, as in `mbbpe`.
export type { NodePretrainedOptions } from './hub/node.js';
export { FsStore, defaultHubCacheDir } from './hub/fs-store.js';
// HUB-END

// CLEAN-BEGIN
export * from './clean/node/index.js';
// CLEAN-END
