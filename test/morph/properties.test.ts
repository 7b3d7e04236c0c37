// Properties of the analyser that hold for any input: morpheme spans are in order, never overlap,
// and together with the skipped whitespace tile the input; odd inputs (emoji, lone surrogates, NUL,
// U+FFFF, long runs, 1 MB lines, blanks) give an answer in bounded time. Also checks long runs
// against the native oracle, where MeCab's own group scan is quadratic but output must not differ.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinMorphemes, MORPHEME_MARKER } from '../../src/morph/marker.js';
import { MorphemePreTokenizer, splitMorphemes } from '../../src/morph/pre-tokenizer.js';
import type { Analyzer } from '../../src/morph/analyzer.js';
import { analyzer, mecabFromApi } from './analyzer-load.js';
import { oracle } from './oracle.js';
import { breathe, withCpuMs } from '../support/cpu-time.js';
import { runCli } from './cli-io.js';

const seed = Number(process.env.MBBPE_FC_SEED ?? Date.now() % 2 ** 31);
process.stderr.write(`[morph properties] fast-check seed ${seed} (replay with MBBPE_FC_SEED=${seed})\n`);
const MECAB_SPACE = /^[\t\n\v\r ]*$/;

/** Asserts the tiling property and returns the morphemes. */
function checkTiling(a: Analyzer, text: string) {
  const ms = a.analyze(text);
  let pos = 0;
  for (const m of ms) {
    expect(m.begin).toBe(pos);
    expect(m.start).toBeGreaterThanOrEqual(m.begin);
    expect(m.end).toBeGreaterThan(m.start);
    expect(MECAB_SPACE.test(text.slice(m.begin, m.start))).toBe(true);
    expect(m.surface).toBe(text.slice(m.start, m.end));
    pos = m.end;
  }
  expect(MECAB_SPACE.test(text.slice(pos))).toBe(true);
  return ms;
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom('가', '나', '은', '는', ' ', '\t', '\n', 'a', '1', '😀', '\ud800', '\udc00', '\u0000', '\uffff', '\u00a0', '.'), { maxLength: 80 }).map((x) => x.join('')),
);

describe('analyser properties', () => {
  it('spans tile any input (fast-check, penalty on and off)', async () => {
    const on = await analyzer(true);
    const off = await analyzer(false);
    fc.assert(
      fc.property(anyText, (t) => {
        checkTiling(on, t);
        checkTiling(off, t);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('joinMorphemes only inserts markers; splitMorphemes pieces concatenate to the text', async () => {
    const a = await analyzer();
    fc.assert(
      fc.property(anyText, (t) => {
        const joined = joinMorphemes(a, t, MORPHEME_MARKER);
        if (!t.includes(MORPHEME_MARKER)) expect(joined.split(MORPHEME_MARKER).join('')).toBe(t);
        const pieces = splitMorphemes(a, t);
        expect(pieces.map((p) => p.piece).join('')).toBe(t);
        pieces.forEach((p) => expect(t.slice(p.start, p.end)).toBe(p.piece));
        expect(new MorphemePreTokenizer(a).preTokenize(t)).toEqual(pieces);
        // Each piece is whitespace + exactly one morpheme (or a trailing whitespace piece).
        expect(pieces.filter((p) => !MECAB_SPACE.test(p.piece)).map((p) => p.piece.replace(/^[\t\n\v\r ]+/, ''))).toEqual(a.morphs(t));
      }),
      { seed, numRuns: 300 },
    );
  });

  it('odd inputs give an answer', async () => {
    const a = await analyzer();
    for (const t of ['', ' ', '   \t  ', '\n', '\u0000', '\u0000\u0000가', '\uffff', '\ud800', '\udfff\ud800', '😀', '가\u0000나', '\r\n', '\ufeff']) {
      checkTiling(a, t);
    }
    expect(a.analyze('')).toEqual([]);
    expect(a.analyze('  \t ')).toEqual([]);
    expect(a.morphs('가\u0000나').join('')).toBe('가\u0000나');
  });

  it('1 MB lines finish in bounded time (Korean, one long run, emoji wall, spaces)', async () => {
    const a = await analyzer();
    const korean = '아버지가방에들어가신다 우리는 학교에서 공부합니다. '.repeat(12_000); // ~1 MB UTF-8
    const inputs = [korean, 'a'.repeat(1 << 20), '😀'.repeat(1 << 18), ' '.repeat(1 << 20), 'ㅋ'.repeat(350_000)];
    for (const t of inputs) {
      await breathe();
      // CPU time, not wall time (issue 14, bug 10): machine load cannot fail it; a quadratic scan
      // of a 1 MB run costs far more than the bound, the linear analysis a few seconds at most.
      const { value: n, cpuMs } = withCpuMs(() => a.morphs(t).length);
      process.stderr.write(`[morph properties] ${JSON.stringify(t.slice(0, 3))}… ${t.length} chars: ${n} morphemes in ${cpuMs.toFixed(0)} ms CPU\n`);
      expect(cpuMs).toBeLessThan(30_000);
    }
  }, 180_000);
});

const ora = oracle('morph long-run parity');
describe.skipIf(ora === null)('long same-kind runs vs native mecab-ko (bounded group scan)', () => {
  it('runs of 1..3000 chars of every category match the oracle', async () => {
    const a = await analyzer();
    const lines: string[] = [];
    for (const unit of ['a', 'Z', '1', '😀', '漢', 'ㅋ', '뷁', '!', 'α', 'Я', 'あ', 'ア', '\u00a0', 'a1', '가a']) {
      for (const n of [1, 2, 14, 15, 16, 17, 23, 24, 25, 26, 40, 3000]) lines.push(unit.repeat(n), `가 ${unit.repeat(n)}은`);
    }
    const want = ora!.run(lines.join('\n') + '\n').toString('utf8');
    expect(lines.map((l) => mecabFromApi(a, l)).join('')).toBe(want);
  });

  it('64 KiB whitespace (lookup clamp, u16 rlength wrap-around, strlen search) matches through segment', async () => {
    const sp = (n: number, c = ' ') => c.repeat(n);
    const lines = [
      sp(65534) + 'a', sp(65535) + 'a', sp(65536) + 'a', sp(70000) + '가나', 'a' + sp(65535) + '나',
      '가' + sp(66000) + '가다', sp(65535, '\t') + '가', sp(65533) + '가방', sp(65534) + '가방', sp(65535) + '가방에',
      sp(131071) + '은는', '가'.repeat(30000) + sp(65535) + '이다', sp(65535) + '😀😀', sp(65535) + 'ab12',
    ];
    const input = lines.join('\n') + '\n';
    const { out } = await runCli(['segment'], input);
    expect(Buffer.compare(out, ora!.run(input))).toBe(0);
  });
});
