// `mbbpe export --format tiktoken|snapshot`: a binary snapshot of a tokenizer (see config/snapshot.ts),
// or a tokenizer.json's vocabulary as tiktoken data — the rank
// file, the split pattern + special tokens, and js-tiktoken's compact form — into a directory.
// Argument parsing and file writing live here; the conversion and its refusals are src/export/.

import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { jsTiktokenRanks } from '../export/js-tiktoken.js';
import { exportTiktoken } from '../export/tiktoken.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe export --format tiktoken|snapshot [--tokenizer ARG] --output DIR [--name NAME]

--format snapshot writes DIR/NAME.mbbpe: a binary snapshot of the loaded tokenizer that loads
several times faster than its tokenizer.json (pass it to --tokenizer, Tokenizer.fromFile or
Tokenizer.fromJSON). It is a cache for this mbbpe's snapshot format, not an exchange format.

--format tiktoken writes the vocabulary of a byte-level BPE tokenizer.json so that tiktoken gives the same ids:
  DIR/NAME.tiktoken             rank file (base64 token bytes, space, rank = our id)
  DIR/NAME.tiktoken.json        pat_str, special_tokens, explicit_n_vocab
  DIR/NAME.js-tiktoken.json     the same for js-tiktoken: new Tiktoken(JSON.parse(file))
Encode with allowed_special="all" to match Hugging Face tokenizers, which always splits out added
tokens. Refuses (exit 1, with the reason) when tiktoken cannot reproduce the tokenizer exactly:
a normalizer, merge order differing from id order, a pre-tokenizer no regex can express, ...

      --format FORMAT     tiktoken or snapshot (required)
  -t, --tokenizer ARG     a tokenizer.json, a folder holding one, or a Hugging Face repo id
                          (default: the package's vocab/mbbpe-ko-30k)
  -o, --output DIR        directory to write into (created if missing)
      --name NAME         file name stem and encoding name (default: the tokenizer's directory name,
                          mbbpe-ko-30k for the default)`;

function parse(argv: string[]) {
  return parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      format: { type: 'string' },
      tokenizer: TOKENIZER_INPUT_OPTIONS.tokenizer,
      output: { type: 'string', short: 'o' },
      name: { type: 'string' },
    },
  }).values;
}

export const command: Command = {
  name: 'export',
  summary: 'write a tokenizer as tiktoken rank file + split pattern (exact, or refused with the reason)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parse(argv);
    if (v.format === undefined) throw new UsageError('--format is required (tiktoken or snapshot)');
    if (v.format !== 'tiktoken' && v.format !== 'snapshot') throw new UsageError(`--format: unknown format '${v.format}' (supported: tiktoken, snapshot)`);
    if (!v.output) throw new UsageError('--output DIR is required');
    const name = v.name ?? (v.tokenizer ? basename(dirname(resolve(v.tokenizer))) || 'tokenizer' : 'mbbpe-ko-30k');
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new UsageError(`--name: '${name}' must be letters, digits, '.', '_' or '-'`);

    if (v.format === 'snapshot') {
      const tok = await loadTokenizerArg(v.tokenizer);
      const bytes = tok.toSnapshot();
      await mkdir(v.output, { recursive: true });
      const file = join(v.output, `${name}.mbbpe`);
      await writeFile(file, bytes);
      io.stdout.write(`wrote a snapshot of ${tok.vocabSize} tokens (${bytes.length} bytes)\n  ${file}\n`);
      return 0;
    }
    const ex = exportTiktoken(await loadTokenizerArg(v.tokenizer));
    const meta = {
      name,
      pat_str: ex.pattern,
      special_tokens: ex.specialTokens,
      // tiktoken checks explicit_n_vocab against ranks + specials; only meaningful without id gaps.
      ...(ex.denseIds ? { explicit_n_vocab: ex.nVocab } : {}),
      mergeable_ranks: `${name}.tiktoken`,
      encode_with: { allowed_special: 'all' },
    };
    await mkdir(v.output, { recursive: true });
    const files = [join(v.output, `${name}.tiktoken`), join(v.output, `${name}.tiktoken.json`), join(v.output, `${name}.js-tiktoken.json`)] as const;
    await writeFile(files[0], ex.rankFile);
    await writeFile(files[1], JSON.stringify(meta, null, 2) + '\n');
    await writeFile(files[2], JSON.stringify(jsTiktokenRanks(ex)) + '\n');
    io.stdout.write(
      `exported ${ex.stats.mergeableTokens} ranks + ${Object.keys(ex.specialTokens).length} special tokens (ids 0..${ex.nVocab - 1}) from ${ex.stats.merges} merges\n` +
        files.map((f) => `  ${f}\n`).join(''),
    );
    return 0;
  },
};
