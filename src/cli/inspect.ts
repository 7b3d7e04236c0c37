// `mbbpe inspect`: what a tokenizer.json contains — vocabulary size, special tokens, and a
// one-line summary of each pipeline stage. Human-readable by default, `--json` for scripts.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIO, Command } from './command.js';
import { parseCommandArgs, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe inspect [options]
Prints the vocabulary size, the special tokens and the pipeline of a tokenizer; for a folder (or a
Hub id), also what its tokenizer_config.json says: bos/eos/pad/unk, model max length, chat template.
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id
                           (ORG/NAME, via the HF cache; default: the package's vocab/mbbpe-ko-30k)
      --json               machine-readable output`;

type J = Record<string, unknown>;

/** "Sequence[Split(String "ೱ", Removed), ByteLevel(add_prefix_space=false)]"-style summary. */
export function summarize(c: unknown): string {
  if (c === null || c === undefined) return 'none';
  const o = c as J;
  const type = String(o.type ?? '?');
  const kids = (o.pretokenizers ?? o.normalizers ?? o.decoders ?? o.processors) as unknown[] | undefined;
  if (type === 'Sequence' && Array.isArray(kids)) return `Sequence[${kids.map(summarize).join(', ')}]`;
  const fields = Object.entries(o)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .filter((s) => s.length < 120);
  return fields.length ? `${type}(${fields.join(', ')})` : type;
}

interface FolderConfig {
  file: string | null;
  /** Whether a chat template is there (in tokenizer_config.json or chat_template.jinja); null: not looked at. */
  chatTemplate: { present: boolean; names: string[]; source: string | null } | null;
}

/** tokenizer_config.json (and chat_template.jinja) of a `--tokenizer` folder; nothing for a file or a Hub id. */
async function readFolderConfig(arg: string | undefined): Promise<FolderConfig> {
  if (arg === undefined || !(await stat(arg).catch(() => null))?.isDirectory()) return { file: null, chatTemplate: null };
  const file = join(arg, 'tokenizer_config.json');
  const raw = await readFile(file, 'utf8').catch(() => null);
  let names: string[] = [];
  let source: string | null = null;
  if (raw !== null) {
    // Parsed already by the loader (which would have failed on bad JSON); only the template is read here.
    const t = (JSON.parse(raw) as { chat_template?: unknown }).chat_template;
    if (typeof t === 'string') names = ['default'];
    else if (Array.isArray(t)) names = t.map((x) => String((x as { name?: unknown }).name ?? '?'));
    if (names.length) source = 'tokenizer_config.json';
  }
  // transformers >= 4.43 saves the template beside the config.
  if (names.length === 0 && (await stat(join(arg, 'chat_template.jinja')).catch(() => null))?.isFile()) {
    names = ['default'];
    source = 'chat_template.jinja';
  }
  return { file: raw === null ? null : file, chatTemplate: { present: names.length > 0, names, source } };
}

function configLines(c: { source: string | null; bosToken: T; eosToken: T; padToken: T; unkToken: T; modelMaxLength: number | null; chatTemplate: FolderConfig['chatTemplate'] }): string[] {
  if (c.source === null) return ['config          none (a tokenizer.json alone; pass its folder to read tokenizer_config.json)'];
  const t = (x: T) => (x === null ? 'none' : `${x.content}${x.id === null ? ' (not in the vocabulary)' : ` (${x.id})`}`);
  const chat = c.chatTemplate === null ? 'not checked' : c.chatTemplate.present ? `yes (${c.chatTemplate.names.join(', ')}; ${c.chatTemplate.source})` : 'no';
  return [
    `config          ${c.source}`,
    `  bos ${t(c.bosToken)}, eos ${t(c.eosToken)}, pad ${t(c.padToken)}, unk ${t(c.unkToken)}`,
    `  model max length ${c.modelMaxLength ?? 'none (no limit)'}, chat template ${chat}`,
  ];
}
type T = { content: string; id: number | null } | null;

export const command: Command = {
  name: 'inspect',
  summary: 'vocabulary size, special tokens and pipeline of a tokenizer',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseCommandArgs({ args: argv, strict: true, allowPositionals: false, options: { tokenizer: TOKENIZER_INPUT_OPTIONS.tokenizer, json: { type: 'boolean', default: false } } }).values;
    const tok = await loadTokenizerArg(v.tokenizer);
    const cfg = tok.config;
    const model = cfg.model as J;
    const merges = Array.isArray(model.merges) ? model.merges.length : 0;
    const modelFlags: J = {};
    for (const k of ['unk_token', 'fuse_unk', 'byte_fallback', 'ignore_merges', 'continuing_subword_prefix', 'end_of_word_suffix']) {
      if (model[k] !== undefined && model[k] !== null && model[k] !== false) modelFlags[k] = model[k];
    }
    const folderConfig = await readFolderConfig(v.tokenizer);
    const pc = tok.pretrained;
    const tokenWithId = (t: string | null) => (t === null ? null : { content: t, id: tok.tokenizer.tokenToId(t) ?? null });
    const config = {
      // Where tokenizer_config.json was read from: a folder, the Hub cache, or nothing (a tokenizer.json alone).
      source: folderConfig.file ?? (tok.source ? `hub:${tok.source.repoId}@${tok.source.revision}` : null),
      bosToken: tokenWithId(pc.bosToken),
      eosToken: tokenWithId(pc.eosToken),
      padToken: tokenWithId(pc.padToken),
      unkToken: tokenWithId(pc.unkToken),
      modelMaxLength: pc.modelMaxLength,
      tokenizerClass: pc.tokenizerClass,
      chatTemplate: folderConfig.chatTemplate,
    };
    const info = {
      vocabSize: tok.vocabSize,
      modelVocab: Object.keys((model.vocab as J) ?? {}).length,
      merges,
      addedTokens: tok.addedTokens.length,
      specialTokens: tok.specialTokens,
      pipeline: {
        normalizer: summarize(cfg.normalizer),
        preTokenizer: summarize(cfg.pre_tokenizer),
        model: `BPE(${Object.entries(modelFlags).map(([k, x]) => `${k}=${JSON.stringify(x)}`).join(', ')})`,
        postProcessor: summarize(cfg.post_processor),
        decoder: summarize(cfg.decoder),
      },
      truncation: tok.truncation,
      padding: tok.padding,
      config,
    };
    if (v.json) {
      io.stdout.write(JSON.stringify(info, null, 2) + '\n');
      return 0;
    }
    const lines = [
      `vocab size      ${info.vocabSize} (model ${info.modelVocab}, merges ${merges}, added tokens ${info.addedTokens})`,
      `special tokens  ${info.specialTokens.map((t) => `${t.id}=${t.content}`).join(' ') || 'none'}`,
      `normalizer      ${info.pipeline.normalizer}`,
      `pre-tokenizer   ${info.pipeline.preTokenizer}`,
      `model           ${info.pipeline.model}`,
      `post-processor  ${info.pipeline.postProcessor}`,
      `decoder         ${info.pipeline.decoder}`,
      `truncation      ${info.truncation ? JSON.stringify(info.truncation) : 'none'}`,
      `padding         ${info.padding ? JSON.stringify(info.padding) : 'none'}`,
      ...configLines(config),
    ];
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
