// The public surface, name by name (issue 16 §4): what `mbbpe/runtime`, `mbbpe` and `mbbpe/node`
// export, values and types apart. A change here is a decision about the API: update docs/API.md in
// the same commit. Checked twice: in src/ with the TypeScript checker (types included) and in the
// built files (ESM and CJS), whose runtime keys must be exactly the values.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { builtPackageRoot } from './built.js';
import { entryExports } from './exports.js';

const RUNTIME_VALUES = [
  'DecodeStream', 'DecodeStreamError', 'DisallowedSpecialTokenError', 'InvalidOptionError', 'MbbpeError',
  'SNAPSHOT_FORMAT_VERSION', 'SnapshotError', 'Tokenizer', 'TokenizerConfigError', 'TokenizerFileError',
  'TruncationError', 'UnknownIdError', 'isSnapshot',
];
const RUNTIME_TYPES = [
  'AddedToken', 'BatchRunner', 'BatchRunnerFactory', 'CallOptions', 'CallResult', 'DecodeOptions',
  'EncodeInput', 'EncodeOptions', 'Encoding', 'OffsetUnit', 'PaddingOptions', 'Row', 'TokenizerJsonSource',
  'TokenizerOptions', 'TokenizerParts', 'TruncationOptions', 'TruncationStrategy',
];
const INDEX_VALUES = [
  'Analyzer', 'CLEAN_STEPS', 'CacheApiStore', 'CleanFileError', 'CleanInputError', 'ChatTemplateError', 'CleanOptionsError',
  'Cleaner', 'CountsFileError', 'CountsSetError', 'DEFAULT_PII_TOKENS', 'DEFAULT_USER_COST', 'DedupStoreError',
  'DicDefs', 'DictionaryFormatError', 'DictionaryNotFoundError', 'DictionaryNotInstalledError',
  'HISTOGRAM_MAX', 'HubArgumentError', 'HubAuthError', 'HubCacheError', 'HubError', 'HubHttpError',
  'HubNetworkError', 'HubNotFoundError', 'HubOfflineError', 'HubProtocolError', 'HubServerError',
  'MORPHEME_MARKER', 'MemoryDedupSet', 'MemoryStore', 'Morpheme', 'MorphemeModeError', 'MorphemePreTokenizer',
  'PII_KINDS', 'PRESET_NAMES', 'PretrainedConfigError', 'PretrainedTokenizer', 'TRAIN_MARKER',
  'TiktokenExportError', 'TrainConfigError', 'TrainInputError', 'TrainOutputError', 'UNKNOWN_LEXICON',
  'WordCounts', 'bytesToPiece', 'clean', 'cleanLines', 'compileUserDictionary', 'defaultBrowserStore',
  'dumpDictionary', 'encodeWithMorphemes', 'evaluate', 'exportTiktoken', 'findPii', 'fromPretrained',
  'handleLexicon', 'handleToken', 'joinMorphemes', 'jsTiktokenRanks', 'loadPretrained', 'markMorphemes',
  'maskPii', 'renderEvalHtml', 'renderChatTemplate', 'renderEvalMarkdown', 'splitMorphemes', 'trainBpe', 'trainPreset',
  'trainedTokenizerJson',
];
const INDEX_TYPES = [
  'AnalyzerOptions', 'BpeTrainResult', 'BpeTrainerOptions', 'BrowserPretrainedOptions', 'CleanOptions',
  'CleanReport', 'CleanResult', 'CleanStep', 'CleanStepReport', 'CleanStream', 'CleanStreamOptions',
  'ApplyChatTemplateOptions', 'ChatCountOptions', 'ChatMessage', 'CompileOptions', 'CsvSource', 'DedupSet', 'DicDirFiles', 'DictionaryBuffers', 'EvalOptions', 'EvalReport',
  'EvalSubject', 'EvalTokenizer', 'HubLoadOptions', 'HubStore', 'Lexicon', 'MorphDictionary', 'MorphemePiece',
  'MorphemeWalker', 'PiiKind', 'PiiSpan', 'Preset', 'PresetName', 'PretrainedConfig',
  'PretrainedDecodeOptions', 'PretrainedEncodeOptions', 'PretrainedOptions', 'PretrainedSource', 'RenderChatOptions', 'StoreWrite',
  'StoredFile', 'TiktokenExport', 'TiktokenRefusal', 'TokenizerLike', 'TokenizerReport', 'TopToken',
  'TransformersCompat', 'UserWord',
];
const NODE_VALUES = [
  'EncodePool', 'EncodePoolError', 'FileDedupSet', 'FsStore', 'MorphPool', 'MorphPoolError', 'NodeAnalyzer',
  'NodeTokenizer', 'SEGMENT_MODES', 'WorkerPoolError', 'compileUserDictionaryFiles', 'countWords',
  'countWordsToFile', 'defaultDicDir', 'defaultHubCacheDir', 'encodeBatchParallel', 'formatFromPath',
  'openOutput', 'readCountsFile', 'readDicDefs', 'readDictionary', 'readDocuments', 'train', 'writeCountsFile',
  'writeDocuments',
];
const NODE_TYPES = [
  'CompileFilesOptions', 'CountOptions', 'CountSummary', 'CountsHeader', 'CountsSettings', 'CountsSource',
  'DocFormat', 'DocumentOutput', 'EncodePoolOptions', 'FileDedupOptions', 'JsonlRecord', 'LoadOptions',
  'MorphPoolOptions', 'NodePretrainedOptions', 'ReadDocumentsOptions', 'ReadHeader', 'SegmentMode',
  'TrainOptions', 'TrainProgress', 'TrainSummary', 'WorkerFailure',
];

const sorted = (...xs: string[][]) => xs.flat().sort();
const EXPECTED = {
  runtime: { values: sorted(RUNTIME_VALUES), types: sorted(RUNTIME_TYPES) },
  index: { values: sorted(RUNTIME_VALUES, INDEX_VALUES), types: sorted(RUNTIME_TYPES, INDEX_TYPES) },
  node: { values: sorted(RUNTIME_VALUES, INDEX_VALUES, NODE_VALUES), types: sorted(RUNTIME_TYPES, INDEX_TYPES, NODE_TYPES) },
};
const ENTRIES = ['runtime', 'index', 'node'] as const;

describe('public surface', () => {
  const actual = entryExports(ENTRIES);
  let dist = '';
  beforeAll(() => {
    dist = join(builtPackageRoot(), 'dist'); // may build (hookTimeout, not testTimeout)
  });

  it.each(ENTRIES)('src/%s.ts exports exactly the listed values and types', (e) => {
    expect(actual[e]!.values).toEqual(EXPECTED[e].values);
    expect(actual[e]!.types).toEqual(EXPECTED[e].types);
  });

  it.each(ENTRIES)('the built %s entry (ESM and CJS) has exactly the listed values', async (e) => {
    const esm = (await import(pathToFileURL(join(dist, `${e}.js`)).href)) as object;
    const cjs = createRequire(join(dist, 'index.cjs'))(join(dist, `${e}.cjs`)) as object;
    expect(Object.keys(esm).sort()).toEqual(EXPECTED[e].values);
    expect(Object.keys(cjs).sort()).toEqual(EXPECTED[e].values);
  });

  it('docs/API.md names every export', () => {
    const doc = readFileSync(join(repoRoot, 'docs/API.md'), 'utf8');
    const missing = EXPECTED.node.values.concat(EXPECTED.node.types).filter((n) => !new RegExp(`\\b${n}\\b`).test(doc));
    expect(missing).toEqual([]);
  });

  it('internals stay out of the surface', () => {
    for (const name of ['buildPretrained', 'loadHubFiles', 'wordSplitter', 'BYTE_TO_CHAR', 'CHAR_TO_BYTE', 'parseTokenizerJson', 'preTokenizerFromConfig', 'resolveTokenizerArg']) {
      expect(EXPECTED.node.values).not.toContain(name);
    }
  });
});
