// `mbbpe inspect`: what a tokenizer.json contains — vocabulary size, special tokens, and a
// one-line summary of each pipeline stage. Human-readable by default, `--json` for scripts.

import type { CliIO, Command } from './command.js';
import { parseCommandArgs, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe inspect [options]
Prints the vocabulary size, the special tokens and the pipeline of a tokenizer.
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
    ];
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
