// Streams corpus files (text, `.gz`, stdin as `-`, JSONL) or an iterable of sequences into word
// counts: text is read in blocks of whole lines, JSONL as one sequence per record; each line or
// sequence is optionally cleaned (a per-line filter) and segmented into morphemes joined by U+0CF1
// (MeCab), then pre-tokenized and counted (worker threads for plain text with neither).
// Memory grows with the number of distinct words, not with the corpus. Node-only; no progress
// display (the CLI draws it from `onProgress`).

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CountPool, type CountTally } from './count-pool.js';
import type { CountTable } from './counts/table.js';
import { TrainInputError } from './errors.js';
import { decodeBlock } from './lines.js';
import { segmentLines, type Segmenter } from './segment.js';
import { corpusBlocks, formatFromPath, jsonlTexts, type CorpusFormat } from './inputs.js';
import type { InputRange } from './sources.js';
import { WordCounts, wordSplitter } from './words.js';

export interface CountProgress {
  phase: 'count' | 'segment';
  bytesDone: number;
  bytesTotal: number;
}

export interface CountFilesOptions {
  /** tokenizer.json `pre_tokenizer` the words are made with. */
  preTokenizer: unknown;
  /** Worker threads for counting (default 1 = in this thread). */
  threads?: number;
  /** Morpheme segmentation applied to each line first (default none). */
  segmenter?: Segmenter;
  /**
   * Applied to each line's content (without its '\n') before segmentation: the text to use instead,
   * or null to drop the line (e.g. `Cleaner#cleanText`). Default none.
   */
  lineFilter?: (content: string) => string | null;
  /**
   * Tokens taken out of each line (after `lineFilter`) before segmentation and not counted: the
   * text between them is counted as separate pieces, as Hugging Face's trainer extracts added
   * tokens. For the cleaner's masks (`<|email|>`, …), which become special tokens. Default none.
   */
  splitTokens?: readonly string[];
  /** Read only these byte ranges of the files (a `--shard K/N` share, see sources.ts). Default: the whole files. */
  ranges?: readonly InputRange[];
  /** `text` or `jsonl` for every input. Default: from each file's name (`.jsonl`/`.ndjson`[`.gz`] → jsonl). */
  format?: CorpusFormat;
  /** JSONL: the field holding the text. Default `text`. */
  textField?: string;
  /** The stream read for the path `-`. Default: process.stdin. */
  stdin?: Readable;
  onProgress?: (p: CountProgress) => void;
}

export interface CountResult {
  counts: CountTable;
  bytes: number;
  lines: number;
  /** Lines that were not valid UTF-8 (decoded with U+FFFD). */
  invalidLines: number;
  /** Lines `lineFilter` dropped. */
  droppedLines: number;
}

const BLOCK = 1 << 20;

/** Checks every file is a readable regular file; returns their sizes. Fails before any counting. */
export async function checkInputs(files: readonly string[]): Promise<number[]> {
  if (files.length === 0) throw new TrainInputError('', 'no input files', 'pass at least one --input FILE');
  const sizes: number[] = [];
  if (files.filter((f) => f === '-').length > 1) throw new TrainInputError('-', 'stdin is given twice', 'read stdin once');
  for (const f of files) {
    if (f === '-') {
      sizes.push(0); // unknown until read
      continue;
    }
    let fh;
    try {
      fh = await open(f, 'r');
      const st = await fh.stat();
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
      sizes.push(st.size);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new TrainInputError(f, `cannot read (${why})`, 'check the path and its permissions');
    } finally {
      await fh?.close();
    }
  }
  if (!files.includes('-') && sizes.every((s) => s === 0)) throw new TrainInputError('', 'every input file is empty', 'pass files that contain text');
  return sizes;
}

/** A batch of lines or sequences to count, with what it adds to the summary. */
interface Batch {
  texts: string[];
  bytes: number;
  lines: number;
  invalid: number;
}

/** Word counts of `files`, read as Hugging Face's `train_from_files` reads them (line by line, endings kept). */
export async function countWordsInFiles(files: readonly string[], options: CountFilesOptions): Promise<CountResult> {
  const sizes = await checkInputs(files);
  const ranges = options.ranges ?? files.map((file, i) => ({ file, start: 0, end: sizes[i]! })).filter((r) => r.file === '-' || r.end > 0);
  // Compressed sizes for `.gz`, 0 for stdin: progress counts the input bytes consumed.
  const bytesTotal = ranges.reduce((a, r) => a + r.end - r.start, 0);
  const report = options.onProgress;
  const formatOf = (f: string): CorpusFormat => options.format ?? formatFromPath(f);
  let consumed = 0;
  const read = { ...(options.stdin ? { stdin: options.stdin } : {}), onConsumed: (n: number) => (consumed += n) };
  if (options.segmenter || options.lineFilter || options.splitTokens?.length || ranges.some((r) => formatOf(r.file) === 'jsonl')) {
    const field = options.textField ?? 'text';
    async function* batches(): AsyncGenerator<Batch> {
      for (const r of ranges) {
        let lineNo = 1;
        for await (const block of corpusBlocks(r, read)) {
          if (formatOf(r.file) === 'jsonl') {
            const j = jsonlTexts(block, r.file, lineNo, field);
            lineNo += j.lines;
            yield { texts: j.texts, bytes: block.length, lines: j.texts.length, invalid: j.invalid };
          } else {
            const { lines, invalid } = decodeBlock(block);
            yield { texts: lines, bytes: block.length, lines: lines.length, invalid };
          }
        }
      }
    }
    return countBatches(batches(), options, () => ({ bytesDone: consumed, bytesTotal }));
  }

  const pool = new CountPool(options.preTokenizer, options.threads ?? 1, () => report?.({ phase: 'count', bytesDone: consumed, bytesTotal }));
  try {
    for (const r of ranges) for await (const block of corpusBlocks(r, read)) await pool.push(block);
    const counts = await pool.finish();
    return { counts, bytes: pool.tally.bytes, lines: pool.tally.lines, invalidLines: pool.tally.invalidLines, droppedLines: 0 };
  } finally {
    await pool.close();
  }
}

/**
 * Word counts of sequences given one by one (the `lines` option of `train()`): each string is one
 * sequence used as it is — no '\n' is added or split on — as Hugging Face's `train_from_iterator`.
 */
export async function countWordsInSequences(seqs: Iterable<string> | AsyncIterable<string>, options: CountFilesOptions): Promise<CountResult> {
  let bytes = 0;
  async function* batches(): AsyncGenerator<Batch> {
    let texts: string[] = [];
    let size = 0;
    for await (const t of seqs as AsyncIterable<string>) {
      if (typeof t !== 'string') throw new TrainInputError('', `the lines iterable gave a ${t === null ? 'null' : typeof t}, not a string`, 'give strings, one sequence each');
      texts.push(t);
      size += Buffer.byteLength(t);
      if (texts.length === 4096) {
        bytes += size;
        yield { texts, bytes: size, lines: texts.length, invalid: 0 };
        texts = [];
        size = 0;
      }
    }
    bytes += size;
    if (texts.length > 0) yield { texts, bytes: size, lines: texts.length, invalid: 0 };
  }
  return countBatches(batches(), options, () => ({ bytesDone: bytes, bytesTotal: 0 }));
}

/** The in-thread path: lines or sequences, filtered and/or segmented before counting. */
async function countBatches(batches: AsyncIterable<Batch>, options: CountFilesOptions, progress: () => { bytesDone: number; bytesTotal: number }): Promise<CountResult> {
  const wc = new WordCounts(wordSplitter(options.preTokenizer));
  const r = { bytes: 0, lines: 0, invalidLines: 0, droppedLines: 0 };
  const filter = options.lineFilter;
  const seg = options.segmenter;
  const split = options.splitTokens?.length ? tokenSplitter(options.splitTokens) : null;
  for await (const b of batches) {
    let kept = b.texts;
    if (filter) {
      kept = [];
      for (const line of b.texts) {
        const nl = line.endsWith('\n');
        const out = filter(nl ? line.slice(0, -1) : line);
        if (out === null) r.droppedLines++;
        else kept.push(nl ? out + '\n' : out);
      }
    }
    if (split) kept = kept.flatMap(split);
    for (const line of seg ? await segmentLines(seg, kept) : kept) wc.addLine(line);
    r.bytes += b.bytes;
    r.lines += b.lines;
    r.invalidLines += b.invalid;
    options.onProgress?.({ phase: seg ? 'segment' : 'count', ...progress() });
  }
  return { counts: wc.counts, ...r };
}

/** Splits a line at every occurrence of `tokens` (longest first), dropping them and empty pieces. */
export function tokenSplitter(tokens: readonly string[]): (line: string) => string[] {
  const sorted = [...new Set(tokens)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  return (line) => {
    if (!sorted.some((t) => line.includes(t))) return [line];
    return line.split(re).filter((piece) => piece.length > 0);
  };
}
