// `mbbpe count`: number of tokens per input line and the total. With --words, delegates to the
// trainer area's word-count mode (src/cli/count-words.ts) when that module is present.

import type { CliIO, Command } from './command.js';
import { parseCommandArgs, textsOf, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { checkInputs, Out } from './io.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe count [TEXT] [options]
Prints the token count of TEXT, or of every line of --input / stdin, then "total N"
(a line ends at \\n; a \\r right before it is dropped).
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id
                           (ORG/NAME, via the HF cache; default: the package's vocab/mbbpe-ko-30k)
  -i, --input FILE|-       read lines from FILE or stdin (default when no TEXT: stdin)
      --total              print only the total
      --no-special         do not count the post-processor's special tokens
      --words ...          word-count mode, for training (see 'mbbpe count --words --help')
      --merge ...          sum word-count files (see 'mbbpe count --merge --help')`;


export const command: Command = {
  name: 'count',
  summary: 'token counts per line and in total',
  usage,
  async helpFor(argv: string[]): Promise<string> {
    return argv.includes('--words') || argv.includes('--merge') ? (await import('./count-words.js')).command.usage : usage;
  },
  async run(argv: string[], io: CliIO): Promise<number> {
    // The word-count shard mode belongs to the trainer (src/cli/count-words.ts).
    if (argv.includes('--words') || argv.includes('--merge')) return (await import('./count-words.js')).command.run(argv, io);
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...TOKENIZER_INPUT_OPTIONS,
        total: { type: 'boolean', default: false },
        'no-special': { type: 'boolean', default: false },
      },
    });
    const { values: v, positionals } = parsed;
    const texts = textsOf(positionals, v.input, io);
    if (v.input !== undefined) await checkInputs([v.input], io); // before the tokenizer loads
    const tok = await loadTokenizerArg(v.tokenizer);
    const opts = { addSpecialTokens: !v['no-special'] };
    const out = new Out(io.stdout);
    let total = 0;
    const one = async (text: string): Promise<void> => {
      const n = tok.encode(text, opts).ids.length;
      total += n;
      if (!v.total) await out.write(`${n}\n`);
    };
    for await (const text of texts) await one(text);
    await out.write(v.total ? `${total}\n` : `total ${total}\n`);
    await out.end();
    return 0;
  },
};
