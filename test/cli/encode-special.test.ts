// `mbbpe encode --split-special` and `--disallow-special`: the flags reach the library options
// (whose semantics the runtime tests compare with the reference); a refused line exits 1 naming the token.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { runCli } from './runtime-cli-support.js';

const T = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli encode special tokens');

describe.runIf(T)('mbbpe encode special-token flags', () => {
  const tok = T ? Tokenizer.fromJSON(readFileSync(T, 'utf8')) : null!;
  const text = '사용자 <|endoftext|>';
  it('--split-special encodes special-token text as plain text', async () => {
    const plain = await runCli(['encode', '-t', T!, text]);
    const split = await runCli(['encode', '-t', T!, '--split-special', text]);
    expect(plain.out).toBe(tok.encode(text).ids.join(' ') + '\n');
    expect(split.code).toBe(0);
    expect(split.out).toBe(tok.encode(text, { splitSpecialTokens: true }).ids.join(' ') + '\n');
    expect(split.out).not.toBe(plain.out);
  });
  it('--disallow-special all|LIST refuses a line holding one (exit 1, one message naming it)', async () => {
    const r = await runCli(['encode', '-t', T!, '--disallow-special', 'all', text]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('<|endoftext|>');
    const ok = await runCli(['encode', '-t', T!, '--disallow-special', '<|sep|>,<|acc|>', text]);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(tok.encode(text).ids.join(' ') + '\n');
    const bad = await runCli(['encode', '-t', T!, '--disallow-special', '', text]);
    expect(bad.code).toBe(2);
  });
});
