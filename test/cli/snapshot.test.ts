// `mbbpe export --format snapshot` and `--tokenizer file.mbbpe` for the other commands: the snapshot
// gives the same output as the tokenizer.json it was made from.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSnapshot } from '../../src/config/snapshot.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { runCli } from './runtime-cli-support.js';

const REPO_VOCAB = resolve(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json');
const POLY = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli snapshot');
const TEXT = '안녕하세요, 반갑습니다! Hello 😀 world\t123';

describe('mbbpe export --format snapshot', () => {
  for (const [name, json] of [['mbbpe-ko-30k', REPO_VOCAB], ['polyglot-ko', POLY]] as const) {
    it.runIf(json)(`${name}: the .mbbpe file encodes, decodes and counts like the tokenizer.json`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mbbpe-cli-snap-'));
      const out = join(dir, 'nested', 'out');
      const r = await runCli(['export', '--format', 'snapshot', '--tokenizer', json!, '--output', out, '--name', 'x']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const file = join(out, 'x.mbbpe');
      expect(r.out).toContain(file);
      expect(r.out).toMatch(/wrote a snapshot of \d+ tokens/);
      expect(existsSync(file)).toBe(true);
      expect(isSnapshot(readFileSync(file))).toBe(true);

      for (const args of [[TEXT], ['-f', 'tokens', TEXT], ['-f', 'jsonl', '--offsets', 'codepoint'], ['--no-special', TEXT]]) {
        const stdin = args.includes('jsonl') ? `${TEXT}\n둘째 줄\n\nthird <|endoftext|> line\n` : '';
        const a = await runCli(['encode', '--tokenizer', json!, ...args], stdin);
        const b = await runCli(['encode', '--tokenizer', file, ...args], stdin);
        expect(a.code, a.err).toBe(0);
        expect(b.err).toBe('');
        expect(b.code).toBe(0);
        expect(b.out).toBe(a.out);
        expect(a.out.length).toBeGreaterThan(2);
      }
      const ids = (await runCli(['encode', '--tokenizer', json!, TEXT])).out.trim();
      const d1 = await runCli(['decode', '--tokenizer', json!, ...ids.split(' ')]);
      const d2 = await runCli(['decode', '--tokenizer', file, ...ids.split(' ')]);
      expect(d2.code, d2.err).toBe(d1.code);
      expect(d2.out).toBe(d1.out);
      const c1 = await runCli(['count', '--tokenizer', json!], `${TEXT}\n${TEXT}\n`);
      const c2 = await runCli(['count', '--tokenizer', file], `${TEXT}\n${TEXT}\n`);
      expect(c2.code, c2.err).toBe(c1.code);
      expect(c2.out).toBe(c1.out);
      // A second export of the snapshot itself works and gives the same encodings.
      const r2 = await runCli(['export', '--format', 'snapshot', '--tokenizer', file, '--output', dir, '--name', 'y']);
      expect(r2.code, r2.err).toBe(0);
      const e3 = await runCli(['encode', '--tokenizer', join(dir, 'y.mbbpe'), TEXT]);
      expect(e3.out).toBe(ids + '\n');
    });
  }

  it('default name is the tokenizer directory name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-cli-snap-'));
    const r = await runCli(['export', '--format', 'snapshot', '--tokenizer', REPO_VOCAB, '--output', dir]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, 'mbbpe-ko-30k.mbbpe'))).toBe(true);
  });

  it('usage errors exit 2 with a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-cli-snap-'));
    const bad = await runCli(['export', '--format', 'nope', '--output', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format: unknown format 'nope'/);
    const noFmt = await runCli(['export', '--output', dir]);
    expect(noFmt.code).toBe(2);
    expect(noFmt.err).toMatch(/--format is required/);
    const noOut = await runCli(['export', '--format', 'snapshot']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--output DIR is required/);
    const badName = await runCli(['export', '--format', 'snapshot', '--output', dir, '--name', '../evil']);
    expect(badName.code).toBe(2);
    expect(badName.err).toMatch(/--name/);
  });

  it('a damaged .mbbpe file is a clear error (exit 1), not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-cli-snap-'));
    const r = await runCli(['export', '--format', 'snapshot', '--tokenizer', REPO_VOCAB, '--output', dir, '--name', 'z']);
    expect(r.code, r.err).toBe(0);
    const f = join(dir, 'z.mbbpe');
    const bytes = readFileSync(f);
    writeFileSync(f, bytes.subarray(0, bytes.length - 10));
    const e = await runCli(['encode', '--tokenizer', f, 'x']);
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/tokenizer snapshot/);
  });
});
