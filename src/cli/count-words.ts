// `mbbpe count --words`: the word counts of a corpus, or of one `--shard K/N` of it, written to a file
// that `mbbpe train --from-counts` trains on; `mbbpe count --merge` sums such files into one. So
// counting can run as N jobs of a cluster array, merging as one job or a tree of them.

import { mergeCountFiles, DEFAULT_FAN_IN } from '../train/counts/merge.js';
import { PRESET_NAMES, type PresetName } from '../train/presets.js';
import { countWordsToFile, SEGMENT_MODES, type SegmentMode } from '../train/train.js';
import { parseShardSpec, type ShardSpec } from '../train/counts/shard.js';
import { TrainConfigError } from '../train/errors.js';
import { CORPUS_FORMATS, type CorpusFormat } from '../train/inputs.js';
import { checkOutput } from '../train/write-atomic.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs } from './args.js';
import { progressView } from './train-progress.js';
import { checkCorpus, choiceArg, intArg } from './train.js';

const usage = `usage: mbbpe count --words --input FILE... --output PATH [--shard K/N] [--preset polyglot-ko|hf-defaults]
                   [--segment mecab|none] [--clean] [--threads N] [--dic-dir DIR] [--user-dic FILE]... [--quiet]
       mbbpe count --merge COUNTS... --output PATH [--fan-in N] [--tmp-dir DIR] [--quiet]

Counts the training words of a corpus (segmented, pre-tokenized exactly as 'mbbpe train' does) and
writes them to PATH (atomically), sorted by word, with the settings, the inputs' fingerprint and a
checksum in the file. Train on one or more count files with 'mbbpe train --from-counts A B ...'.
  -w, --words           count words (accepted for clarity)
  -i, --input FILE      corpus file (repeatable; extra arguments are inputs too; '-' reads stdin,
                        FILE.gz is decompressed)
      --format FMT      text (every line a sequence) or jsonl (every line a JSON object whose
                        --text-field is one sequence); default: from the names (.jsonl/.ndjson[.gz])
      --text-field NAME JSONL field holding the text (default: text)
  -o, --output PATH     count file to write (its directory must exist)
      --shard K/N       count only shard K of N (0 <= K < N; default: everything): the inputs,
                        concatenated in the order given, are cut into N byte ranges and this job
                        counts the lines that start in range K, so N jobs with the same arguments
                        count every line exactly once. Not with stdin, not with --clean.
      --preset NAME     polyglot-ko (default) or hf-defaults: recorded; 'train' takes it from the file
      --segment MODE    mecab (default) or none: recorded; 'train' takes it from the file
      --clean           clean each line first (as 'mbbpe train --clean')
  -j, --threads N       worker threads (default 1)
      --dic-dir DIR     a compiled mecab-ko-dic directory
      --user-dic FILE   a user dictionary for --segment mecab: compiled .dic or CSV (repeatable, searched
                        in order after the system dictionary; default none)
  -q, --quiet           no progress and no summary
Merging (sums count files: shards of one split, or counts of different corpora, never the same
shard twice nor files of different settings):
      --merge           the arguments are count files to sum into --output
      --fan-in N        files open at once (default ${DEFAULT_FAN_IN}); more inputs are merged in
                        several passes through temporary files, so memory stays bounded
      --tmp-dir DIR     where those temporary files go (default: the output's directory)`;

const options = {
  words: { type: 'boolean', short: 'w', default: false },
  merge: { type: 'boolean', default: false },
  input: { type: 'string', short: 'i', multiple: true },
  output: { type: 'string', short: 'o' },
  shard: { type: 'string' },
  format: { type: 'string' },
  'text-field': { type: 'string' },
  preset: { type: 'string' },
  segment: { type: 'string' },
  threads: { type: 'string', short: 'j' },
  'dic-dir': { type: 'string' },
  'user-dic': { type: 'string', multiple: true },
  'fan-in': { type: 'string' },
  'tmp-dir': { type: 'string' },
  clean: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
} as const;

function shardArg(v: string | undefined): ShardSpec | undefined {
  if (v === undefined) return undefined;
  try {
    return parseShardSpec(v);
  } catch (e) {
    if (e instanceof TrainConfigError) throw new UsageError(`--shard ${v}: ${e.reason} (${e.hint})`);
    throw e;
  }
}

async function runMerge(files: string[], v: { output: string; quiet: boolean; 'fan-in'?: string; 'tmp-dir'?: string }, io: CliIO): Promise<number> {
  if (files.length === 0) throw new UsageError('--merge needs the count files to sum');
  if (files.includes('-')) throw new UsageError('--merge reads count files by name (several at once), not stdin');
  const fanIn = intArg('fan-in', v['fan-in'], 2, 1024);
  const view = progressView(io, v.quiet, 'mbbpe count');
  const t0 = performance.now();
  let s;
  try {
    s = await mergeCountFiles(files, v.output, {
      ...(fanIn !== undefined ? { fanIn } : {}),
      ...(v['tmp-dir'] !== undefined ? { tmpDir: v['tmp-dir'] } : {}),
      onProgress: (p) => view.update(p),
    });
  } finally {
    view.stop();
  }
  if (!v.quiet)
    io.stderr.write(
      `mbbpe count: wrote ${v.output}: ${s.words} distinct words, summed from ${s.files} files in ${s.passes} pass${s.passes > 1 ? 'es' : ''} ` +
        `(${s.lines} lines, ${(s.bytes / 1e6).toFixed(1)} MB of corpus), ${((performance.now() - t0) / 1000).toFixed(1)}s\n`,
    );
  return 0;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({ args: argv, strict: true, allowPositionals: true, options });
  const v = parsed.values;
  const input = [...(v.input ?? []), ...parsed.positionals];
  if (v.output === undefined) throw new UsageError('--output PATH is required');
  if (v.merge) {
    for (const o of ['shard', 'preset', 'segment', 'dic-dir', 'user-dic', 'threads', 'format', 'text-field'] as const)
      if (v[o] !== undefined) throw new UsageError(`--${o} applies when counting, not with --merge (the settings are read from the files)`);
    if (v.clean) throw new UsageError('--clean applies when counting, not with --merge');
    return runMerge(input, { ...v, output: v.output }, io);
  }
  if (input.length === 0) throw new UsageError('give at least one --input FILE');
  const shard = shardArg(v.shard);
  if (shard && input.includes('-')) throw new UsageError('--shard needs files: a shard is a byte range of the inputs, and stdin has no size to cut');
  if (shard && v.clean)
    throw new UsageError("--clean cannot be combined with --shard: it drops duplicate lines across the whole corpus, which no single shard sees; clean first ('mbbpe clean'), then count the cleaned files with --shard");
  const preset = choiceArg<PresetName>('preset', v.preset, PRESET_NAMES);
  const segment = choiceArg<SegmentMode>('segment', v.segment, SEGMENT_MODES);
  const threads = intArg('threads', v.threads, 1, 256);
  const format = choiceArg<CorpusFormat>('format', v.format, CORPUS_FORMATS);
  if (v.output !== '-') await checkOutput(v.output); // before the inputs are opened (a FIFO or a slow mount must not delay it)
  await checkCorpus(input, io);
  const view = progressView(io, v.quiet, 'mbbpe count');
  let s;
  try {
    s = await countWordsToFile({
      input,
      output: v.output,
      stdin: io.stdin,
      ...(format ? { format } : {}),
      ...(v['text-field'] !== undefined ? { textField: v['text-field'] } : {}),
      ...(preset ? { preset } : {}),
      ...(segment ? { segment } : {}),
      ...(threads !== undefined ? { threads } : {}),
      ...(v['dic-dir'] !== undefined ? { dicDir: v['dic-dir'] } : {}),
      ...(v['user-dic'] !== undefined ? { userDic: v['user-dic'] } : {}),
      ...(v.clean ? { clean: true } : {}),
      ...(shard ? { shard } : {}),
      onProgress: (p) => view.update(p),
    });
  } finally {
    view.stop();
  }
  if (!v.quiet)
    io.stderr.write(
      `mbbpe count: wrote ${v.output}: ${s.counts.size} distinct words from ${s.lines} lines (${(s.bytes / 1e6).toFixed(1)} MB)` +
        `${shard ? ` of shard ${shard.k}/${shard.n}` : ''}, ` +
        `${s.invalidLines} lines not valid UTF-8, ${v.clean ? `${s.droppedLines} dropped by --clean, ` : ''}segment ${s.segment}, ${(s.countMs / 1000).toFixed(1)}s\n`,
    );
  return 0;
}

export const command: Command = { name: 'count', summary: 'count the training words of a corpus or shard, or merge count files (for train --from-counts)', usage, run };
