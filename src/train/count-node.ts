// Streams corpus files into word counts: files are read in blocks of whole lines, optionally
// cleaned (a per-line filter) and segmented into morphemes joined by U+0CF1 (MeCab), then
// pre-tokenized and counted (worker threads when there is neither).
// Memory grows with the number of distinct words, not with the corpus. Node-only; no progress
// display (the CLI draws it from `onProgress`).

import { open } from 'node:fs/promises';
import { CountPool, type CountTally } from './count-pool.js';
import type { CountTable } from './counts/table.js';
import { TrainInputError } from './errors.js';
import { decodeBlock } from './lines.js';
import { segmentLines, type Segmenter } from './segment.js';
import { blocksOfRange, wholeRanges, type InputRange } from './sources.js';
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
  /** Read only these byte ranges of the files (a `--shard K/N` share, see sources.ts). Default: the whole files. */
  ranges?: readonly InputRange[];
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
  for (const f of files) {
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
  if (sizes.every((s) => s === 0)) throw new TrainInputError('', 'every input file is empty', 'pass files that contain text');
  return sizes;
}

/** Word counts of `files`, read as Hugging Face's `train_from_files` reads them (line by line, endings kept). */
export async function countWordsInFiles(files: readonly string[], options: CountFilesOptions): Promise<CountResult> {
  const sizes = await checkInputs(files);
  const ranges = options.ranges ?? wholeRanges(files, sizes);
  const bytesTotal = ranges.reduce((a, r) => a + r.end - r.start, 0);
  const report = options.onProgress;
  if (options.segmenter || options.lineFilter) return countTransformed(ranges, options, bytesTotal);

  const pool = new CountPool(options.preTokenizer, options.threads ?? 1, (t: CountTally) =>
    report?.({ phase: 'count', bytesDone: t.bytes, bytesTotal }),
  );
  try {
    for (const r of ranges) for await (const block of blocksOfRange(r, BLOCK)) await pool.push(block);
    const counts = await pool.finish();
    return { counts, bytes: pool.tally.bytes, lines: pool.tally.lines, invalidLines: pool.tally.invalidLines, droppedLines: 0 };
  } finally {
    await pool.close();
  }
}

/** The in-thread path for lines that are filtered and/or segmented before counting. */
async function countTransformed(ranges: readonly InputRange[], options: CountFilesOptions, bytesTotal: number): Promise<CountResult> {
  const wc = new WordCounts(wordSplitter(options.preTokenizer));
  const r = { bytes: 0, lines: 0, invalidLines: 0, droppedLines: 0 };
  const filter = options.lineFilter;
  const seg = options.segmenter;
  for (const range of ranges) {
    for await (const block of blocksOfRange(range, BLOCK)) {
      const { lines, invalid } = decodeBlock(block);
      let kept = lines;
      if (filter) {
        kept = [];
        for (const line of lines) {
          const nl = line.endsWith('\n');
          const out = filter(nl ? line.slice(0, -1) : line);
          if (out === null) r.droppedLines++;
          else kept.push(nl ? out + '\n' : out);
        }
      }
      for (const line of seg ? await segmentLines(seg, kept) : kept) wc.addLine(line);
      r.bytes += block.length;
      r.lines += lines.length;
      r.invalidLines += invalid;
      options.onProgress?.({ phase: seg ? 'segment' : 'count', bytesDone: r.bytes, bytesTotal });
    }
  }
  return { counts: wc.counts, ...r };
}
