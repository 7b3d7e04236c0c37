// `mbbpe decode`: ids (arguments, or one sequence per input line) → text, one line per sequence.
// An input line may be ids separated by spaces/commas, a JSON array, or a JSON object with "ids".

import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { Out, readLines } from './io.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe decode [ID...] [options]
Decodes the ids given as arguments, or each line of --input / stdin (ids separated by spaces or
commas, a JSON array, or a JSON line from 'mbbpe encode --format jsonl').
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id
                           (ORG/NAME, via the HF cache; default: the package's vocab/mbbpe-ko-30k)
  -i, --input FILE|-       read lines from FILE or stdin (default when no ID: stdin)
      --skip-special       drop special tokens
      --strict             fail on ids that have no token (default: skip them, like Hugging Face)`;

/** Ids of one input line; UsageError on anything else. */
export function parseIds(line: string, where: string): number[] {
  const t = line.trim();
  if (t === '') return [];
  let arr: unknown;
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      arr = JSON.parse(t);
    } catch {
      throw new UsageError(`${where}: not valid JSON`);
    }
    if (arr && typeof arr === 'object' && !Array.isArray(arr)) arr = (arr as { ids?: unknown }).ids;
  } else arr = t.split(/[\s,]+/).map(Number);
  if (!Array.isArray(arr) || !arr.every((x) => Number.isInteger(x) && x >= 0)) {
    throw new UsageError(`${where}: expected non-negative integer ids`);
  }
  return arr as number[];
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
    const ids = positionals.length ? parseIds(positionals.join(' '), 'arguments') : null;
    const tok = await loadTokenizerArg(v.tokenizer);
    const opts = { skipSpecialTokens: v['skip-special'], strict: v.strict };
    const out = new Out(io.stdout);
    if (ids) await out.write(tok.decode(ids, opts) + '\n');
    else {
      let n = 0;
      for await (const line of readLines(v.input ?? '-', io)) await out.write(tok.decode(parseIds(line, `line ${++n}`), opts) + '\n');
    }
    await out.end();
    return 0;
  },
};
