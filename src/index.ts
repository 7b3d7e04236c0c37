// The public, platform-neutral surface of mbbpe: nothing here imports `node:` modules, so it runs
// in browsers and bundlers. File, worker and network loading live in `mbbpe/node` (src/node.ts).
// Each area keeps its exports between its own markers. Every export is listed in docs/API.md and in
// test/package/surface.test.ts: adding or removing one is a decision, not a side effect; internals
// that tests or the CLI need are imported from their modules, not from here.

// RUNTIME-BEGIN
export * from './runtime.js';
// RUNTIME-END

// MORPH-BEGIN
export { Analyzer, type AnalyzerOptions } from './morph/analyzer.js';
export type { MorphDictionary, DictionaryBuffers } from './morph/dictionary.js';
export { Morpheme } from './morph/morpheme.js';
export { DictionaryFormatError, DictionaryNotFoundError, DictionaryNotInstalledError } from './morph/errors.js';
export { joinMorphemes, MORPHEME_MARKER } from './morph/marker.js';
export type { Lexicon } from './morph/lexicon.js';
export { handleLexicon, handleToken, UNKNOWN_LEXICON } from './morph/token-handle.js';
export { compileUserDictionary, DEFAULT_USER_COST, type CompileOptions, type CsvSource } from './morph/dict/compile.js';
export { DicDefs, type DicDirFiles } from './morph/dict/defs.js';
export { dumpDictionary } from './morph/dict/dump.js';
export type { UserWord } from './morph/dict/user.js';
export { splitMorphemes, MorphemePreTokenizer, type MorphemePiece } from './morph/pre-tokenizer.js';
// MORPH-END

// TRAIN-BEGIN
export { trainBpe, type BpeTrainerOptions, type BpeTrainResult } from './models/bpe/trainer.js';
export { WordCounts } from './train/words.js';
export { preset as trainPreset, PRESET_NAMES, TRAIN_MARKER, type Preset, type PresetName } from './train/presets.js';
export { tokenizerJson as trainedTokenizerJson } from './train/tokenizer-json.js';
export { TrainConfigError, TrainInputError, TrainOutputError, CountsFileError, CountsSetError } from './train/errors.js';
// TRAIN-END

// CLEAN-BEGIN
export * from './clean/index.js';
// CLEAN-END

// HUB-BEGIN
export { fromPretrained, defaultBrowserStore, type BrowserPretrainedOptions } from './hub/index.js';
export {
  PretrainedTokenizer,
  loadPretrained,
  type PretrainedOptions,
  type PretrainedEncodeOptions,
  type PretrainedDecodeOptions,
  type ChatCountOptions,
  type PretrainedSource,
  type TransformersCompat,
} from './hub/pretrained.js';
export type { PretrainedConfig } from './hub/tokenizer-config.js';
export type { HubLoadOptions } from './hub/resolve.js';
export { MemoryStore, type HubStore, type StoredFile, type StoreWrite } from './hub/store.js';
export { CacheApiStore } from './hub/cache-api-store.js';
export {
  HubError,
  HubOfflineError,
  HubHttpError,
  HubAuthError,
  HubNotFoundError,
  HubServerError,
  HubNetworkError,
  HubProtocolError,
  HubCacheError,
  HubArgumentError,
  PretrainedConfigError,
} from './hub/errors.js';
// HUB-END

// EVAL-BEGIN
export { evaluate, type EvalOptions, type EvalReport, type EvalSubject, type EvalTokenizer } from './eval/evaluate.js';
export { HISTOGRAM_MAX, type TokenizerReport, type TopToken } from './eval/metrics.js';
export { renderHtml as renderEvalHtml, renderMarkdown as renderEvalMarkdown } from './eval/render.js';
export { bytesToPiece } from './eval/pieces.js';
export { encodeWithMorphemes, markMorphemes, MorphemeModeError, type MorphemeWalker } from './tokenizer/morpheme-aware.js';
export { ChatTemplateError, renderChat as renderChatTemplate, type ChatMessage, type RenderChatOptions } from './chat/template.js';
export type { ApplyChatTemplateOptions } from './chat/apply.js';
// EVAL-END

// EXPORT-BEGIN
export { exportTiktoken, type TiktokenExport, type TokenizerLike } from './export/tiktoken.js';
export { TiktokenExportError, type TiktokenRefusal } from './export/errors.js';
export { jsTiktokenRanks } from './export/js-tiktoken.js';
// EXPORT-END
