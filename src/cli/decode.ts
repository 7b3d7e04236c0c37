// `mbbpe decode`: ids (arguments, or one sequence per input line) → text, one line per sequence.
// An input line may be ids separated by spaces/commas, a JSON array, or a JSON object with "ids".

import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { checkInputs, Out, readLines } from './io.js';
import { loadTokenizerArg } from './tokenizer-arg.js';
import { CliDataError } from './errors.js';
import { UnknownIdError } from '../config/errors.js';
import type { Tokenizer } from '../tokenizer/node-tokenizer.js';

const usage = `usage: mbbpe decode [ID...] [options]
Decodes the ids given as arguments, or each line of --input / stdin (ids separated by spaces or
commas, a JSON array, or a JSON line from 'mbbpe encode --format jsonl').
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id
                           (ORG/NAME, via the HF cache; default: the package's vocab/mbbpe-ko-30k)
  -i, --input FILE|-       read lines from FILE or stdin (default when no ID: stdin)
      --skip-special       drop special tokens
      --strict             fail on ids that have no token (default: skip them, like Hugging Face)`;

/**
 * Ids of one input line, or of the arguments. Anything else is bad arguments (UsageError, exit 2)
 * when it came from the command line, bad data (CliDataError, exit 1) when it came from the input.
 */
export function parseIds(line: string, where: string, fromArgs = false): number[] {
  const bad = (reason: string): Error =>
    fromArgs ? new UsageError(`${where}: ${reason}`) : new CliDataError(where, reason, "each line must hold ids (e.g. '13417 284'), a JSON array of ids, or a JSON line from 'mbbpe encode --format jsonl'");
  const t = line.trim();
  if (t === '') return [];
  let arr: unknown;
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      arr = JSON.parse(t);
    } catch {
      throw bad('not valid JSON');
    }
    if (arr && typeof arr === 'object' && !Array.isArray(arr)) arr = (arr as { ids?: unknown }).ids;
  } else arr = t.split(/[\s,]+/).map(Number);
  if (!Array.isArray(arr) || !arr.every((x) => Number.isInteger(x) && x >= 0)) {
    throw bad('expected non-negative integer ids');
  }
  return arr as number[];
}

/** `tok.decode`, with the CLI's advice (a flag, not an API option) when `--strict` refuses an id. */
function decodeCli(tok: Pick<Tokenizer, "decode">, ids: number[], opts: { skipSpecialTokens: boolean; strict: boolean }, where: string): string {
  try {
    return tok.decode(ids, opts);
  } catch (e) {
    if (e instanceof UnknownIdError) throw new CliDataError(where, `id ${e.id} (position ${e.position}) has no token`, 'drop --strict to skip such ids, as Hugging Face tokenizers does');
    throw e;
  }
}

export const command: Command = {
  name: 'decode',
  summary: 'token ids → text',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...TOKENIZER_INPUT_OPTIONS,
        'skip-special': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
      },
    });
    const { values: v, positionals } = parsed;
    if (positionals.length && v.input !== undefined) throw new UsageError('give IDs or --input, not both');
    const ids = positionals.length ? parseIds(positionals.join(' '), 'arguments', true) : null;
    if (v.input !== undefined) await checkInputs([v.input], io); // before the tokenizer loads
    const tok = await loadTokenizerArg(v.tokenizer);
    const opts = { skipSpecialTokens: v['skip-special'], strict: v.strict };
    const out = new Out(io.stdout);
    const where = (n: number): string => `${v.input === undefined || v.input === '-' ? 'stdin' : v.input}:${n}`;
    if (ids) await out.write(decodeCli(tok, ids, opts, 'arguments') + '\n');
    else {
      let n = 0;
      for await (const line of readLines(v.input ?? '-', io)) {
        const at = where(++n);
        await out.write(decodeCli(tok, parseIds(line, at), opts, at) + '\n');
      }
    }
    await out.end();
    return 0;
  },
};
