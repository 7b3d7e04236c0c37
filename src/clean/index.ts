// The platform-neutral surface of the cleaning pipeline (re-exported from src/index.ts).
// Not here: file reading/writing and the file-backed dedup set (src/clean/node/, via mbbpe/node).

export { clean, cleanLines, type CleanStream, type CleanStreamOptions } from './stream.js';
export { Cleaner, type CleanReport, type CleanResult, type StepReport as CleanStepReport } from './cleaner.js';
export {
  DEFAULT_PII_TOKENS,
  PII_KINDS,
  STEP_NAMES as CLEAN_STEPS,
  type CleanOptions,
  type PiiKind,
  type StepName as CleanStep,
} from './options.js';
export { MemoryDedupSet, type DedupSet } from './dedup.js';
export { findPii, maskPii } from './pii/mask.js';
export type { PiiSpan } from './pii/common.js';
export { CleanFileError, CleanInputError, CleanOptionsError, DedupStoreError } from './errors.js';
