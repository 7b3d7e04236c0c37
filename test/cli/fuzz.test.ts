// CLI fuzz: every command × {missing, unreadable, directory, empty, binary} input, and bad flag
// values (a fixed table plus fast-check over flag names and values). No user input may reach
// "internal error" (in-process: `main` rejecting). An input that cannot be read → exit 1 and one
// line on stderr naming it; malformed arguments → exit 2 with the command's usage.

import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-fuzz-'));
const out = join(dir, 'out');
mkdirSync(out);
const p = (name: string) => join(dir, name);

const INPUTS = {
  missing: p('no-such-file.txt'),
  unreadable: p('unreadable.txt'),
  directory: p('a-folder'),
  empty: p('empty.txt'),
  binary: p('binary.bin'),
};
writeFileSync(INPUTS.unreadable, '안녕하세요\n');
chmodSync(INPUTS.unreadable, 0o000);
mkdirSync(INPUTS.directory);
writeFileSync(INPUTS.empty, '');
// Every byte value, high ones first: not UTF-8 from byte 0 on (0xff can never appear in UTF-8).
writeFileSync(INPUTS.binary, Buffer.from(Array.from({ length: 512 }, (_, i) => 255 - (i % 256))));
// chmod 000 does not stop root: that one case cannot be made here.
const isRoot = process.getuid?.() === 0;

type Kind = keyof typeof INPUTS;

/** How each command takes its input file. */
const COMMANDS: Record<string, (f: string) => string[]> = {
  encode: (f) => ['encode', '-i', f],
  decode: (f) => ['decode', '-i', f],
  count: (f) => ['count', '-i', f],
  'count --words': (f) => ['count', '--words', '-i', f, '-o', join(out, 'c.counts'), '--segment', 'none', '-q'],
  segment: (f) => ['segment', '-i', f],
  clean: (f) => ['clean', '-i', f, '-o', join(out, 'c.txt'), '-q'],
  train: (f) => ['train', '-i', f, '-o', join(out, 't.json'), '--segment', 'none', '--vocab-size', '300', '-q'],
  inspect: (f) => ['inspect', '-t', f],
  export: (f) => ['export', '--format', 'snapshot', '-t', f, '-o', join(out, 'snap')],
};

/**
 * Binary input that is not an error by design (README "Line endings"): segment stays byte-identical
 * to native mecab, which analyses any bytes; train and count --words decode invalid UTF-8 as U+FFFD
 * and count those lines, as their summary says.
 */
const BINARY_ACCEPTED = new Set(['segment', 'train', 'count --words']);

async function run(argv: string[], stdin = ''): Promise<{ code: number; err: string }> {
  const io = memoryIO(stdin);
  // `main` rejecting is what the binary reports as "internal error".
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, err: io.err() };
}

function expectOneLine(err: string, what: string): void {
  expect(err, what).not.toMatch(/internal error/i);
  expect(err.endsWith('\n'), what).toBe(true);
  expect(err.trimEnd().split('\n'), what).toHaveLength(1);
}

function expectUsage(r: { code: number; err: string }, name: string, what: string): void {
  expect(r.code, `${what}: ${r.err}`).toBe(2);
  expect(r.err, what).not.toMatch(/internal error/i);
  expect(r.err, what).toMatch(new RegExp(`^mbbpe ${name.split(' ')[0]}: [^\\n]+\\n\\nusage: mbbpe ${name.split(' ')[0]}`));
}

describe('mbbpe CLI fuzz: unreadable and odd inputs', () => {
  for (const [name, argv] of Object.entries(COMMANDS)) {
    for (const kind of Object.keys(INPUTS) as Kind[]) {
      const f = INPUTS[kind];
      it(`${name} × ${kind} input`, async () => {
        if (kind === 'unreadable' && isRoot) {
          console.warn(`SKIP (cli fuzz): ${name} × unreadable — running as root, chmod 000 does not stop reads`);
          return;
        }
        const r = await run(argv(f));
        const what = `${name} ${kind}: ${r.err}`;
        if (kind === 'binary' && BINARY_ACCEPTED.has(name)) {
          expect(r.code, what).toBe(0);
          expect(r.err, what).not.toMatch(/internal error/i);
          return;
        }
        expect(r.code, what).toBe(1);
        expectOneLine(r.err, what);
        expect(r.err, what).toContain(f);
      });
    }
  }
});

/** Bad values for each value-taking flag; the input is missing so that nothing long ever starts. */
const BAD_VALUES: [string, string[]][] = [
  ['encode', ['--format', 'xml']],
  ['encode', ['--offsets', 'bytes']],
  ['encode', ['--offsets', 'byte']], // without --format jsonl there are no offsets to show
  ['count', ['--bogus']],
  ['count --words', ['--preset', 'gpt2']],
  ['count --words', ['--threads', '0']],
  ['count --words', ['-j', '1.5']],
  ['count --words', ['--segment', 'kiwi']],
  ['segment', ['--format', 'wakachi']],
  ['segment', ['--threads', '-1']],
  ['segment', ['-j', 'x']],
  ['segment', ['-t', '2']],
  ['train', ['--vocab-size', 'NaN']],
  ['train', ['--vocab-size', '1e9']],
  ['train', ['--min-frequency', '-1']],
  ['train', ['--threads', '']],
  ['train', ['-j', '999']],
  ['clean', ['--max-repeat', '1.5']],
  ['clean', ['--steps', 'nope']],
  ['clean', ['--on-error', 'ignore']],
  ['clean', ['--format', 'csv']],
  ['decode', ['--strict=yes']],
  ['inspect', ['extra-argument']],
  ['export', ['--format', 'onnx']],
  ['export', ['--name', '../x']],
];

describe('mbbpe CLI fuzz: bad flag values exit 2 with the usage', () => {
  for (const [name, extra] of BAD_VALUES) {
    it(`${name} ${extra.join(' ')}`, async () => {
      const r = await run([...COMMANDS[name]!(INPUTS.missing), ...extra]);
      expectUsage(r, name, `${name} ${extra.join(' ')}`);
      if (name === 'count --words') expect(r.err).toMatch(/usage: mbbpe count --words/);
    });
  }
  it('a flag missing its value, an unknown flag: one clear message, balanced quotes', async () => {
    const r = await run(['encode', '--bogus']);
    expectUsage(r, 'encode', 'unknown flag');
    const first = r.err.split('\n')[0]!;
    expect(first).toMatch(/unknown option '--bogus'/);
    expect((first.match(/'/g) ?? []).length % 2).toBe(0);
    expect((first.match(/"/g) ?? []).length % 2).toBe(0);
    expectUsage(await run(['encode', '-t']), 'encode', 'missing value');
    expect((await run(['encode', '-t'])).err).toMatch(/--tokenizer needs a value/);
  });
});

/** Value-taking flags per command (the generator draws from these and from unknown names). */
const FLAGS: Record<string, string[]> = {
  encode: ['--format', '-f', '--offsets', '--tokenizer'],
  decode: ['--tokenizer'],
  count: ['--tokenizer'],
  'count --words': ['--preset', '--segment', '--threads', '-j', '--dic-dir', '--output'],
  segment: ['--format', '-f', '--threads', '-j', '--dic-dir'],
  clean: ['--format', '--text-field', '--steps', '--skip', '--pii', '--token', '--max-repeat', '--min-chars', '--max-symbol-ratio', '--max-blank-lines', '--on-error'],
  train: ['--preset', '--segment', '--vocab-size', '--min-frequency', '--special-tokens', '--threads', '-j', '--dic-dir'],
  inspect: ['--tokenizer'],
  export: ['--format', '--name', '--output'],
};

describe('mbbpe CLI fuzz: generated flags and values (fast-check)', () => {
  it('any flag with any value: exit 1 (the input is missing) or 2 (usage), never an internal error', async () => {
    const value = fc.oneof(
      fc.constantFrom('', '-', '--', '-1', '0', '1.5', 'NaN', '1e9', '99999999999999999999', 'x', '안녕', '\u0000', '=', ','),
      fc.string({ maxLength: 12 }),
    );
    const names = Object.keys(COMMANDS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.oneof(fc.constant('?'), fc.constantFrom('--bogus', '-Z', '--')), value), { maxLength: 3 }),
        async (name, pairs) => {
          const flags = FLAGS[name]!;
          const extra = pairs.flatMap(([f, v], i) => [f === '?' ? flags[i % flags.length]! : f, v]);
          const argv = [...COMMANDS[name]!(INPUTS.missing), ...extra];
          // Hub ids would go to the network: a --tokenizer value that is not a path stays a path here.
          for (let i = 0; i < argv.length - 1; i++) if (argv[i] === '--tokenizer' || argv[i] === '-t') argv[i + 1] = join(dir, `tok-${i}`, String(argv[i + 1]).replace(/\//g, '_') + '.json');
          const r = await run(argv);
          const what = `${JSON.stringify(argv)} → ${r.code}: ${r.err}`;
          expect([1, 2], what).toContain(r.code);
          if (r.code === 1) expectOneLine(r.err, what);
          else expect(r.err, what).toMatch(/\n\nusage: mbbpe /);
        },
      ),
      { numRuns: 150, seed: 20261203 },
    );
  });
});
