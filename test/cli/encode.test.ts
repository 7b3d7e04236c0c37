import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';
import { refFromJSON } from '../runtime/support.js';
import { runCli } from './runtime-cli-support.js';

const T = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli encode');

describe.runIf(T)('mbbpe encode', () => {
  it('encodes TEXT to ids like the reference', async () => {
    const r = await runCli(['encode', '-t', T!, '안녕하세요, 반갑습니다!']);
    expect(r.code).toBe(0);
    const ref = await refFromJSON((await import('node:fs')).readFileSync(T!, 'utf8')).encode('안녕하세요, 반갑습니다!');
    expect(r.out).toBe(ref.getIds().join(' ') + '\n');
  });
  it('jsonl: one object per input line, line without its newline, offsets in the chosen unit', async () => {
    const lines = ['첫 줄 😀', '', 'second line<|endoftext|>'];
    const r = await runCli(['encode', '-t', T!, '--format', 'jsonl', '--offsets', 'codepoint'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    const got = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(got).toHaveLength(3);
    const ref = refFromJSON((await import('node:fs')).readFileSync(T!, 'utf8'));
    for (let i = 0; i < lines.length; i++) {
      const e = await ref.encode(lines[i]!);
      expect(got[i]).toEqual({ ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() });
    }
  });
  it('utf16 offsets slice the line; --input FILE; tokens format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-enc-'));
    const f = join(dir, 'in.txt');
    writeFileSync(f, '가😀나\r\nab\n');
    const r = await runCli(['encode', '-t', T!, '-i', f, '-f', 'jsonl']);
    const [a] = r.out.split('\n').map((l) => (l ? JSON.parse(l) : null));
    for (const [s, e] of a.offsets) expect('가😀나\r'.slice(s, e).length).toBeGreaterThan(0);
    const t = await runCli(['encode', '-t', T!, '-f', 'tokens', 'ab cd']);
    const ref = await refFromJSON((await import('node:fs')).readFileSync(T!, 'utf8')).encode('ab cd');
    expect(t.out).toBe(ref.getTokens().join(' ') + '\n');
  });
  it('--no-special and bad arguments', async () => {
    expect((await runCli(['encode', '-t', T!, '--no-special', 'x'])).code).toBe(0);
    const bad = await runCli(['encode', '-t', T!, '--format', 'xml', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format must be one of/);
    expect(bad.err).toMatch(/usage: mbbpe encode/);
    expect((await runCli(['encode', '--bogus'])).code).toBe(2);
    expect((await runCli(['encode', '-t', T!, 'a', 'b'])).code).toBe(2);
  });
  it('a missing tokenizer file is a clear error (exit 1)', async () => {
    const r = await runCli(['encode', '-t', '/nonexistent/tokenizer.json', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read tokenizer file/);
  });
});
