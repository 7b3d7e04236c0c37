// fast-check differential runs against the native mecab-ko oracle: random mixed-script lines through
// the string API and the CLI, and random raw bytes (invalid UTF-8 included) through the CLI.
// Set MBBPE_FC_SEED to replay a run; MBBPE_SOAK=1 runs many more cases.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzer, mecabFromApi } from './analyzer-load.js';
import { runCli } from './cli-io.js';
import { ByteSink } from '../../src/morph/format.js';
import { formatLines } from '../../src/morph/lines.js';
import { oracle } from './oracle.js';

const ora = oracle('morph oracle differential');
const seed = Number(process.env.MBBPE_FC_SEED ?? Date.now() % 2 ** 31);
const soak = process.env.MBBPE_SOAK === '1';
process.stderr.write(`[morph oracle-diff] fast-check seed ${seed} (replay with MBBPE_FC_SEED=${seed})\n`);

const range = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCodePoint(c));
// Characters chosen to hit every branch: whitespace kinds, Hangul syllables/jamo, particles,
// Latin/digits/symbols, Hanja, kana, Greek/Cyrillic, non-BMP, U+FFFF, NBSP/ZWSP/BOM, lone surrogates.
const char = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...'가나다이은는을를에서의도로와과하다었습니요고지만것수있없그저우리한국어사람학교먹는다했') },
  { weight: 10, arbitrary: range(0xac00, 0xd7a3) },
  { weight: 8, arbitrary: fc.constantFrom(' ', ' ', ' ', '\t', '\r', '\v') },
  { weight: 4, arbitrary: range(0x21, 0x7e) },
  { weight: 2, arbitrary: range(0x3131, 0x318e) },
  { weight: 2, arbitrary: range(0x1100, 0x11ff) },
  { weight: 2, arbitrary: range(0x4e00, 0x9fff) },
  { weight: 1, arbitrary: range(0x3040, 0x30ff) },
  { weight: 1, arbitrary: range(0x370, 0x4ff) },
  { weight: 1, arbitrary: range(0xa0, 0x24f) },
  { weight: 1, arbitrary: range(0x1f300, 0x1faff) },
  { weight: 1, arbitrary: fc.constantFrom('\u00a0', '\u200b', '\ufeff', '\u3000', '\uffff', '\ufffd', '\ud800', '\udfff', 'ｱ', '①', '\u0301') },
);
const line = fc.array(char, { maxLength: 60 }).map((cs) => cs.join(''));
const lines = fc.array(line, { minLength: 1, maxLength: 40 });

describe.skipIf(ora === null)('random input vs native mecab-ko', () => {
  for (const vanilla of [false, true]) {
    it(`string API and CLI (${vanilla ? 'vanilla, penalty off' : 'mecab-ko, penalty on'})`, async () => {
      const a = await analyzer(!vanilla);
      const inputs: string[] = [];
      fc.assert(
        fc.property(lines, (ls) => {
          const input = ls.join('\n') + '\n';
          inputs.push(input);
          const want = ora!.run(input, vanilla).toString('utf8');
          const api = ls.map((l) => mecabFromApi(a, l)).join('');
          // TextEncoder turns lone surrogates into U+FFFD, as the bytes the oracle saw.
          // ignoreBOM: a line may begin with U+FEFF, which a default TextDecoder would silently drop.
          expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(api))).toBe(want);
        }),
        { seed, numRuns: soak ? 400 : 25 },
      );
      // The CLI (byte path) once on everything generated (each CLI run reloads the dictionary).
      const all = inputs.join('');
      const { out } = await runCli(['segment', ...(vanilla ? ['--no-space-penalty'] : [])], all);
      expect(out.toString('utf8')).toBe(ora!.run(all, vanilla).toString('utf8'));
    });
  }

  it('raw bytes, invalid UTF-8 included, through segment (mecab and wakati)', async () => {
    const byte = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x01, max: 0xff }).filter((b) => b !== 0x0a) },
      { weight: 4, arbitrary: fc.constantFrom(0x20, 0x09, 0xea, 0xb0, 0x80, 0xed, 0x95, 0x9c, 0xf0, 0x9f, 0xc3, 0xa9, 0x41) },
    );
    const blines = fc.array(fc.array(byte, { maxLength: 40 }), { minLength: 1, maxLength: 30 });
    const a = await analyzer();
    const inputs: Buffer[] = [];
    fc.assert(
      fc.property(blines, (ls) => {
        const input = Buffer.from(ls.flatMap((l) => [...l, 0x0a]));
        inputs.push(input);
        for (const format of ['mecab', 'wakati'] as const) {
          const want = ora!.run(input, false, format === 'wakati' ? ['-Owakati'] : []);
          const sink = new ByteSink();
          formatLines(a, format, input, sink); // the code path of `mbbpe segment`
          expect(Buffer.from(sink.take()).toString('latin1')).toBe(want.toString('latin1'));
        }
      }),
      { seed, numRuns: soak ? 300 : 20 },
    );
    const all = Buffer.concat(inputs);
    for (const args of [[], ['-Owakati']]) {
      const { out } = await runCli(['segment', ...(args.length ? ['--format', 'wakati'] : [])], all);
      expect(out.toString('latin1')).toBe(ora!.run(all, false, args).toString('latin1'));
    }
  });
});
