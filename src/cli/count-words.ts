// `mbbpe count --words`: the word counts of one corpus shard, written to a file that
// `mbbpe train --from-counts` sums — counting can run on any number of machines, merging on one.

import { PRESET_NAMES, type PresetName } from '../train/presets.js';
import { countWordsToFile, SEGMENT_MODES, type SegmentMode } from '../train/train.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs } from './args.js';
import { progressView } from './train-progress.js';
import { choiceArg, intArg } from './train.js';

const usage = `usage: mbbpe count --words --input FILE... --output PATH [--preset polyglot-ko|hf-defaults]
                   [--segment mecab|none] [--clean] [--threads N] [--dic-dir DIR] [--user-dic FILE]... [--quiet]

Counts the training words of a corpus shard (segmented, pre-tokenized exactly as 'mbbpe train' does)
and writes them to PATH (atomically). Sum shards with 'mbbpe train --from-counts A B ...'.
  -w, --words           count words (the only kind of count; accepted for clarity)
  -i, --input FILE      corpus file (repeatable; extra arguments are inputs too)
  -o, --output PATH     counts file to write (its directory must exist)
      --preset NAME     polyglot-ko (default) or hf-defaults: must match the later 'train --preset'
      --segment MODE    mecab (default) or none
      --clean           clean each line first (as 'mbbpe train --clean')
  -t, --threads N       worker threads (default 1)
      --dic-dir DIR     a compiled mecab-ko-dic directory
      --user-dic FILE   a user dictionary for --segment mecab: compiled .dic or CSV (repeatable, searched
                        in order after the system dictionary; default none)
  -q, --quiet           no progress and no summary`;

async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      words: { type: 'boolean', short: 'w', default: false },
      input: { type: 'string', short: 'i', multiple: true },
      output: { type: 'string', short: 'o' },
      preset: { type: 'string' },
      segment: { type: 'string' },
      threads: { type: 'string', short: 't' },
      'dic-dir': { type: 'string' },
      'user-dic': { type: 'string', multiple: true },
      clean: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  const v = parsed.values;
  const input = [...(v.input ?? []), ...parsed.positionals];
  if (input.length === 0) throw new UsageError('give at least one --input FILE');
  if (v.output === undefined) throw new UsageError('--output PATH is required');
  const preset = choiceArg<PresetName>('preset', v.preset, PRESET_NAMES);
  const segment = choiceArg<SegmentMode>('segment', v.segment, SEGMENT_MODES);
  const threads = intArg('threads', v.threads, 1, 256);
  const view = progressView(io, v.quiet, 'mbbpe count');
  let s;
  try {
    s = await countWordsToFile({
      input,
      output: v.output,
      ...(preset ? { preset } : {}),
      ...(segment ? { segment } : {}),
      ...(threads !== undefined ? { threads } : {}),
      ...(v['dic-dir'] !== undefined ? { dicDir: v['dic-dir'] } : {}),
      ...(v['user-dic'] !== undefined ? { userDic: v['user-dic'] } : {}),
      ...(v.clean ? { clean: true } : {}),
      onProgress: (p) => view.update(p),
    });
  } finally {
    view.stop();
  }
  if (!v.quiet)
    io.stderr.write(
      `mbbpe count: wrote ${v.output}: ${s.counts.size} distinct words from ${s.lines} lines (${(s.bytes / 1e6).toFixed(1)} MB), ` +
        `${s.invalidLines} lines not valid UTF-8, ${v.clean ? `${s.droppedLines} dropped by --clean, ` : ''}segment ${s.segment}, ${(s.countMs / 1000).toFixed(1)}s\n`,
    );
  return 0;
}

export const command: Command = { name: 'count', summary: 'count the training words of a corpus shard (for train --from-counts)', usage, run };
