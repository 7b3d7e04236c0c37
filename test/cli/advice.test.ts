// API errors name API options, CLI errors name CLI flags (issue 14, bug 8): the library's hints say
// `(input)`, `threads: 1`, `{ reuse: true }`; the CLI prints the same errors with `--input`, `-j 1`,
// `--dedup-reuse` (src/cli/advice.ts).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDedupSet } from '../../src/clean/node/index.js';
import { cliAdvice } from '../../src/cli/advice.js';
import { main } from '../../src/cli/dispatch.js';
import { MorphPoolError } from '../../src/morph/pool.js';
import { CountWorkerError } from '../../src/train/count-pool.js';
import { train } from '../../src/train/train.js';
import { memoryIO } from '../support/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-advice-'));
const ok = join(dir, 'ok.txt');
writeFileSync(ok, '안녕하세요 반갑습니다\n');
const FLAG = /(^|[\s(])--?[a-z]/;

async function apiError(f: () => unknown): Promise<Error> {
  try {
    await f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('API errors name API options', () => {
  it('train({}) and train({ output: missing dir }) name input/fromCounts/output, no flags', async () => {
    const a = await apiError(() => train({}));
    expect(a.message).toMatch(/pass corpus files \(input\) or counts files \(fromCounts\)/);
    expect(a.message).not.toMatch(FLAG);
    const b = await apiError(() => train({ input: [ok], output: join(dir, 'no', 'such', 't.json'), segment: 'none' }));
    expect(b.message).toMatch(/another output path/);
    expect(b.message).not.toMatch(FLAG);
  });
  it('FileDedupSet.open of an existing file and the worker pools name { reuse: true } and threads: 1', async () => {
    const f = join(dir, 'dedup.bin');
    writeFileSync(f, 'x');
    const e = await apiError(() => FileDedupSet.open(f));
    expect(e.message).toMatch(/\{ reuse: true \}/);
    expect(e.message).not.toMatch(FLAG);
    for (const w of [new MorphPoolError('crash', 'boom'), new CountWorkerError('crash', 'boom')]) {
      expect(w.message).toMatch(/threads: 1/);
      expect(w.message).not.toMatch(FLAG);
    }
  });
});

describe('CLI errors name CLI flags', () => {
  it('the same errors through mbbpe name --dedup-reuse, --output; the pools -j 1', async () => {
    const f = join(dir, 'dedup2.bin');
    writeFileSync(f, 'x');
    const s = memoryIO();
    expect(await main(['clean', '-i', ok, '-o', join(dir, 'out.txt'), '--dedup-file', f, '-q'], s)).toBe(1);
    expect(s.err()).toMatch(/\(--dedup-reuse\)/);
    const t = memoryIO();
    expect(await main(['train', '-i', ok, '-o', join(dir, 'no', 'such', 't.json'), '--segment', 'none', '-q'], t)).toBe(1);
    expect(t.err()).toMatch(/another --output/);
    expect(cliAdvice(new MorphPoolError('crash', 'boom').message)).toMatch(/rerun with -j 1 to analyse/);
    expect(cliAdvice(new CountWorkerError('exit', '3').message)).toMatch(/rerun with -j 1 to count/);
    expect(cliAdvice('pass corpus files (input) or counts files (fromCounts), not both')).toBe('pass corpus files (--input) or counts files (--from-counts), not both');
  });
});
