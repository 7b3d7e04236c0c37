// `mbbpe clean`: runs the cleaning pipeline over text or JSONL files and writes the kept documents
// in the same format, with a per-step report. Argument parsing and the summary live here only;
// the pipeline is src/clean/, the file I/O src/clean/node/.

import { stat } from 'node:fs/promises';
import { clean, CleanFileError, CleanInputError, CLEAN_STEPS as STEP_NAMES, PII_KINDS, type CleanReport, type CleanStreamOptions, type PiiKind, type CleanStep as StepName } from '../clean/index.js';
import { FileDedupSet, formatFromPath, openOutput, readDocuments, writeDocuments, type DocFormat, type DocumentOutput } from '../clean/node/index.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs } from './args.js';
import { CliInputError } from './errors.js';
import { checkInputs } from './io.js';

const usage = `usage: mbbpe clean --input FILE... --output FILE [options]

Cleans a corpus before training: HTML/Markdown remnants, whitespace, repeated characters,
PII masking (<|tel|> <|rrn|> <|acc|> <|card|> <|email|>), fragment and short-document drops,
exact deduplication. Line breaks inside documents are kept.
The output (and --report) is written atomically: a temporary file beside it, renamed at the end.
Text files: one document per line. JSONL (.jsonl/.ndjson or --format jsonl): one object per
line, the text in --text-field; the rest of each line is kept byte for byte.

  -i, --input FILE         input file; repeat for several ('-' reads stdin)
  -o, --output FILE        output file ('-' writes stdout)
      --format text|jsonl  format of input and output (default: from the input file names)
      --text-field NAME    JSONL field holding the text (default: text)
      --steps LIST         steps to run, comma-separated (default: all of
                           ${STEP_NAMES.join(',')})
      --skip LIST          steps to switch off, comma-separated
      --pii LIST           PII kinds to mask (default: all of ${PII_KINDS.join(',')})
      --token KIND=TOKEN   replacement token for a PII kind; repeatable (e.g. --token 'card=<|acc|>')
      --max-repeat N       cut a character repeated more than N times to N (default: 3)
      --min-chars N        drop documents with fewer non-space characters (default: 5)
      --max-symbol-ratio R drop documents whose share of code/markup symbols exceeds R (default: 0.5)
      --max-blank-lines N  keep at most N blank lines in a row (default: 1)
      --dedup-file PATH    keep the dedup set in this file instead of memory (large corpora)
      --dedup-reuse        let --dedup-file extend an existing file (dedup across runs)
      --on-error stop|skip a line that cannot be a document (not UTF-8; JSONL: not an object with
                           the text field): stop with its file and line (default: stop; no output
                           file is left), or skip it and count it in the summary and the report
      --report FILE        write the report as JSON (with skippedLines and the first 100 skipped)
  -q, --quiet              no summary on stderr`;

function list<T extends string>(flag: string, value: string, known: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const it of items) {
    if (!known.includes(it as T)) throw new UsageError(`${flag}: unknown '${it}' (known: ${known.join(', ')})`);
  }
  return items as T[];
}

function num(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw new UsageError(`${flag}: expected a ${integer ? 'whole number' : 'number'} >= 0, got '${value}'`);
  }
  return n;
}

function parse(argv: string[]) {
  return parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
      'text-field': { type: 'string' },
      steps: { type: 'string' },
      skip: { type: 'string' },
      pii: { type: 'string' },
      token: { type: 'string', multiple: true },
      'max-repeat': { type: 'string' },
      'min-chars': { type: 'string' },
      'max-symbol-ratio': { type: 'string' },
      'max-blank-lines': { type: 'string' },
      'dedup-file': { type: 'string' },
      'dedup-reuse': { type: 'boolean' },
      report: { type: 'string' },
      'on-error': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
  }).values;
}

function pickFormat(inputs: string[], explicit: string | undefined): DocFormat {
  if (explicit !== undefined) {
    if (explicit !== 'text' && explicit !== 'jsonl') throw new UsageError(`--format: expected text or jsonl, got '${explicit}'`);
    return explicit;
  }
  const kinds = new Set(inputs.filter((p) => p !== '-').map(formatFromPath));
  if (kinds.size > 1) throw new UsageError('inputs mix .jsonl and text files; clean them separately or pass --format');
  return kinds.values().next().value ?? 'text';
}

/** The options of the pipeline from the flags (the file-backed set is added by the caller). */
export function optionsFromFlags(v: ReturnType<typeof parse>, format: DocFormat): CleanStreamOptions {
  const steps: Partial<Record<StepName, boolean>> = {};
  if (v.steps !== undefined) {
    const on = list('--steps', v.steps, STEP_NAMES);
    for (const s of STEP_NAMES) steps[s] = on.includes(s);
  }
  if (v.skip !== undefined) for (const s of list('--skip', v.skip, STEP_NAMES)) steps[s] = false;
  const pii: Partial<Record<PiiKind, boolean>> = {};
  if (v.pii !== undefined) {
    const on = list('--pii', v.pii, PII_KINDS);
    for (const k of PII_KINDS) pii[k] = on.includes(k);
  }
  const piiTokens: Partial<Record<PiiKind, string>> = {};
  for (const t of v.token ?? []) {
    const eq = t.indexOf('=');
    const kind = t.slice(0, eq) as PiiKind;
    if (eq < 0 || !PII_KINDS.includes(kind)) throw new UsageError(`--token: expected KIND=TOKEN with KIND one of ${PII_KINDS.join(', ')}, got '${t}'`);
    piiTokens[kind] = t.slice(eq + 1);
  }
  const o: CleanStreamOptions = { steps, pii, piiTokens, lineBreaks: format === 'text' ? 'space' : 'keep' };
  if (v['text-field'] !== undefined) o.textField = v['text-field'];
  const maxRepeat = num('--max-repeat', v['max-repeat'], true);
  if (maxRepeat !== undefined) o.maxRepeat = maxRepeat;
  const minChars = num('--min-chars', v['min-chars'], true);
  if (minChars !== undefined) o.minChars = minChars;
  const ratio = num('--max-symbol-ratio', v['max-symbol-ratio'], false);
  if (ratio !== undefined) o.maxSymbolRatio = ratio;
  const blank = num('--max-blank-lines', v['max-blank-lines'], true);
  if (blank !== undefined) o.maxBlankLines = blank;
  return o;
}

export function summary(r: CleanReport, skipped: Skipped = { count: 0, first: [] }): string {
  const pct = (n: number) => (r.documentsIn ? ((100 * n) / r.documentsIn).toFixed(2) : '0.00');
  const lines = [`clean: ${r.documentsIn} documents in, ${r.documentsOut} out (${pct(r.documentsOut)}%)`];
  for (const s of STEP_NAMES) {
    const st = r.steps[s];
    if (st.changed) lines.push(`  ${s.padEnd(10)} changed ${st.changed} (${pct(st.changed)}%)`);
    if (st.dropped) lines.push(`  ${s.padEnd(10)} dropped ${st.dropped} (${pct(st.dropped)}%)`);
  }
  lines.push(`  pii masked: ${PII_KINDS.map((k) => `${k} ${r.pii[k]}`).join(', ')}`);
  if (skipped.count > 0) {
    const f = skipped.first[0]!;
    lines.push(`  skipped ${skipped.count} unusable lines (--on-error skip), first ${f.file}:${f.line}: ${f.reason}`);
  }
  return lines.join('\n') + '\n';
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const v = parse(argv);
  const inputs = v.input ?? [];
  if (inputs.length === 0) throw new UsageError('--input is required');
  if (v.output === undefined) throw new UsageError('--output is required');
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError("stdin ('-') can be read only once");
  if (v['dedup-reuse'] && v['dedup-file'] === undefined) throw new UsageError('--dedup-reuse needs --dedup-file');
  const format = pickFormat(inputs, v.format);
  const options = optionsFromFlags(v, format);
  const onError = v['on-error'] ?? 'stop';
  if (onError !== 'stop' && onError !== 'skip') throw new UsageError(`--on-error must be stop or skip, got '${onError}'`);
  await checkInputs(inputs, io).catch((e: unknown) => {
    if (!(e instanceof CliInputError)) throw e;
    throw new CleanFileError(e.path, e.code !== undefined ? `cannot read input (${e.code}: ${e.reason})` : e.reason, e.hint);
  });
  await checkOutputPath(v.output);
  const dedup = v['dedup-file'] !== undefined ? FileDedupSet.open(v['dedup-file'], { reuse: v['dedup-reuse'] ?? false }) : undefined;
  if (dedup) options.dedupSet = dedup;
  const skipped: Skipped = { count: 0, first: [] };
  let out: DocumentOutput | undefined;
  try {
    // JSONL records carry their text as `text` whatever the JSON field is called (see readDocuments).
    const docs = readDocuments(inputs, {
      format,
      textField: options.textField ?? 'text',
      stdin: io.stdin,
      onError,
      onSkip: (e) => {
        if (skipped.first.length < MAX_LISTED) skipped.first.push({ file: e.file, line: e.line, reason: e.reason });
        skipped.count++;
      },
    });
    options.textField = 'text';
    out = await openWritable(v.output, io);
    const cleaned = clean(docs, options);
    await writeDocuments(cleaned, out.stream).catch((e: unknown) => {
      throw e instanceof CleanInputError ? withCliHint(e) : e;
    });
    await out.done();
    out = undefined;
    const report = { ...cleaned.report, skippedLines: skipped.count, skipped: skipped.first };
    if (v.report !== undefined) {
      const r = await openWritable(v.report, io);
      r.stream.write(JSON.stringify(report, null, 2) + '\n');
      await r.done();
    }
    if (!v.quiet) io.stderr.write(summary(cleaned.report, skipped));
  } finally {
    await out?.abort(); // stopped on an error: no partial output file
    dedup?.close();
  }
  return 0;
}

/** Lines left out by `--on-error skip`: how many, and the first few with their reasons. */
interface Skipped {
  count: number;
  first: { file: string; line: number; reason: string }[];
}
const MAX_LISTED = 100;

/** The pipeline's input error with advice in flags, not API options. */
function withCliHint(e: CleanInputError): CleanInputError {
  const hint = e.reason.startsWith('not valid UTF-8')
    ? 'convert the file to UTF-8 (e.g. iconv -f cp949 -t utf-8), or leave such lines out with --on-error skip'
    : e.reason.startsWith('object has no string field')
      ? 'name the text field with --text-field, or leave such lines out with --on-error skip'
      : e.reason.startsWith('invalid JSON')
        ? 'each line of a JSONL file must be one JSON object (--format text reads plain text), or leave such lines out with --on-error skip'
        : 'leave such lines out with --on-error skip';
  return new CleanInputError(e.file, e.line, e.reason, hint);
}

/** `--output` must not be a directory (the rename at the end would fail after all the work). */
async function checkOutputPath(path: string): Promise<void> {
  if (path === '-') return;
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) throw new CleanFileError(path, 'cannot write output (is a directory)', 'name a file for --output, e.g. DIR/clean.txt');
}

async function openWritable(path: string, io: CliIO): Promise<DocumentOutput> {
  return openOutput(path, io.stdout).catch((e: NodeJS.ErrnoException) => {
    throw new CleanFileError(path, `cannot write output (${e.code ?? e.message})`, 'check that the folder exists and is writable');
  });
}

export const command: Command = {
  name: 'clean',
  summary: 'clean a corpus: markup, whitespace, repeats, PII masking, short/fragment drops, dedup',
  usage,
  run,
};
