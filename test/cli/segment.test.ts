// `mbbpe segment` argument handling and formats, run in-process. Expected outputs come from the
// oracle goldens in test/morph/golden (made by native mecab-ko), never from our own code.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { runCli } from '../morph/cli-io.js';

const dir = `${repoRoot}/test/morph/golden`;
const input = readFileSync(`${dir}/sentences.txt`);
const golden = readFileSync(`${dir}/sentences.mecab`, 'utf8');
const blocks = golden.split(/(?<=EOS\n)/);
const lines = input.toString('utf8').split('\n').slice(0, -1);

describe('mbbpe segment', () => {
  it('reads stdin by default and writes MeCab format', async () => {
    const r = await runCli(['segment'], input);
    expect(r.code).toBe(0);
    expect(r.out.toString('utf8')).toBe(golden);
  });

  it('--input - is stdin; a last line without newline is analysed; empty input prints nothing', async () => {
    expect((await runCli(['segment', '--input', '-'], `${lines[0]}\n${lines[1]}`)).out.toString()).toBe(blocks[0]! + blocks[1]!);
    expect((await runCli(['segment'], '')).out.toString()).toBe('');
    expect((await runCli(['segment'], '\n')).out.toString()).toBe('EOS\n');
  });

  it('--format jsonl: one array per line, same analysis as the oracle, UTF-16 offsets', async () => {
    const r = await runCli(['segment', '-f', 'jsonl'], input);
    const out = r.out.toString('utf8').split('\n').slice(0, -1);
    expect(out).toHaveLength(lines.length);
    out.forEach((json, i) => {
      const ms = JSON.parse(json) as { surface: string; pos: string; features: string[]; start: number; end: number }[];
      const want = blocks[i]!.split('\n').slice(0, -2).map((l) => l.split('\t'));
      expect(ms.map((m) => [m.surface, m.features.join(',')])).toEqual(want);
      for (const m of ms) {
        expect(lines[i]!.slice(m.start, m.end)).toBe(m.surface);
        expect(m.pos).toBe(m.features[0]);
      }
    });
  });

  it('--threads 2 gives the same bytes (in order)', async () => {
    const r = await runCli(['segment', '--threads', '2'], Buffer.concat(Array(20).fill(input)));
    expect(r.code).toBe(0);
    expect(r.out.toString('utf8')).toBe(golden.repeat(20));
    // From src/ there is no worker bundle: the fallback is announced (pool.test.ts covers workers).
    expect(r.err).toMatch(/--threads ignored/);
  });

  it('--nfc normalises before analysis', async () => {
    const nfd = lines[0]!.normalize('NFD');
    expect((await runCli(['segment', '--nfc'], nfd + '\n')).out.toString()).toBe(blocks[0]);
    expect((await runCli(['segment'], nfd + '\n')).out.toString()).not.toBe(blocks[0]);
  });

  it('bad arguments exit 2 with usage', async () => {
    for (const args of [['--format', 'xml'], ['--threads', '0'], ['--threads', 'x'], ['--bogus'], ['extra']]) {
      const r = await runCli(['segment', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/usage: mbbpe segment/);
    }
  });

  it('a missing input file or dictionary exits 1 with a message', async () => {
    const r = await runCli(['segment', '--input', 'no/such/file.txt']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read input no\/such\/file\.txt: ENOENT/);
    const d = await runCli(['segment', '--dic-dir', 'no/such/dir'], 'a\n');
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/cannot read dictionary file/);
  });

  it('--help prints usage', async () => {
    const r = await runCli(['segment', '--help']);
    expect(r.code).toBe(0);
    expect(r.out.toString()).toMatch(/--no-space-penalty/);
  });
});
