// `mbbpe chat`: renders a conversation (one JSON array of { role, content } messages on stdin) with
// a tokenizer's chat template, or a template file, as transformers' apply_chat_template does.

import { readFile } from 'node:fs/promises';
import { MbbpeError } from '../errors.js';
import { InvalidOptionError } from '../config/errors.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { CliDataError, CliInputError } from './errors.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe chat [-t TOKENIZER] [--template FILE] [options] < messages.json
Reads one JSON array of {"role": …, "content": …} messages from stdin and prints the conversation
rendered with the tokenizer's chat template (tokenizer_config.json "chat_template").
  -t, --tokenizer ARG          a folder with tokenizer.json + tokenizer_config.json, or a Hugging Face repo id
                               (default: the package's vocabulary, which has no chat template: pass --template)
      --template FILE          a Jinja chat template file instead of the tokenizer's (or a template name
                               with --template-name)
      --template-name NAME     one of the config's named templates (default: "default", "tool_use" with --tools)
  -f, --format FMT             text (default) | ids — ids: the rendered text encoded without added special tokens
      --add-generation-prompt  end with the header of an assistant turn
      --tools FILE             a JSON array of tool schemas, passed to the template as tools
      --documents FILE         a JSON array of documents, passed as documents`;

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliInputError(path, code === 'ENOENT' ? 'does not exist' : 'cannot be read', 'check the path', code);
  }
  if (what === 'template') return text;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliDataError(path, `not valid JSON (${(e as Error).message})`, `pass a JSON array of ${what}`);
  }
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      tokenizer: { type: 'string', short: 't' },
      template: { type: 'string' },
      'template-name': { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      'add-generation-prompt': { type: 'boolean', default: false },
      tools: { type: 'string' },
      documents: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' (messages come on stdin)`);
  if (v.format !== 'text' && v.format !== 'ids') throw new UsageError('--format must be text or ids');
  if (v.template !== undefined && v['template-name'] !== undefined) throw new UsageError('give --template or --template-name, not both');
  const template = v.template !== undefined ? ((await readJsonFile(v.template, 'template')) as string) : v['template-name'];
  const tools = v.tools !== undefined ? await readJsonFile(v.tools, 'tool schemas') : undefined;
  const documents = v.documents !== undefined ? await readJsonFile(v.documents, 'documents') : undefined;
  const tok = await loadTokenizerArg(v.tokenizer);
  const text = await readStdin(io);
  let messages: unknown;
  try {
    messages = JSON.parse(text);
  } catch (e) {
    throw new CliDataError('stdin', text.trim() === '' ? 'no messages (empty input)' : `not valid JSON (${(e as Error).message})`, 'pipe one JSON array of {"role", "content"} objects');
  }
  const opts = {
    addGenerationPrompt: v['add-generation-prompt'],
    ...(template !== undefined ? { chatTemplate: template } : {}),
    ...(tools !== undefined ? { tools: tools as unknown[] } : {}),
    ...(documents !== undefined ? { documents: documents as unknown[] } : {}),
  };
  try {
    if (v.format === 'ids') io.stdout.write(tok.applyChatTemplate(messages as never, opts).join(' ') + '\n');
    else io.stdout.write(tok.applyChatTemplate(messages as never, { ...opts, tokenize: false }));
  } catch (e) {
    if (e instanceof InvalidOptionError) throw new CliDataError('stdin', e.message, 'pipe one JSON array of {"role", "content"} objects');
    if (e instanceof MbbpeError) throw e;
    throw e;
  }
  return 0;
}

export const command: Command = { name: 'chat', summary: "render a conversation with a model's chat template", usage, run };
