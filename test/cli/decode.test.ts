import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';
import { refFromJSON } from '../runtime/support.js';
import { runCli } from './runtime-cli-support.js';

const T = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli decode');

describe.runIf(T)('mbbpe decode', () => {
  it('decodes ids given as arguments like the reference', async () => {
    const ref = refFromJSON(readFileSync(T!, 'utf8'));
    const ids = (await ref.encode('한국어 토크나이저 <|endoftext|>')).getIds();
    const r = await runCli(['decode', '-t', T!, ...ids.map(String)]);
    expect(r.code).toBe(0);
    expect(r.out).toBe((await ref.decode(ids, false)) + '\n');
    const s = await runCli(['decode', '-t', T!, '--skip-special', ...ids.map(String)]);
    expect(s.out).toBe((await ref.decode(ids, true)) + '\n');
  });
  it('reads space, comma, JSON-array and jsonl lines from stdin', async () => {
    const enc = await runCli(['encode', '-t', T!, '-f', 'jsonl'], '안녕\n세상\n');
    const r = await runCli(['decode', '-t', T!], `${enc.out}[13417]\n13417, 284\n`);
    expect(r.out).toBe('안녕\n세상\n안녕\n안녕하\n');
  });
  it('unknown ids: skipped by default, exit 1 with --strict; garbage is a usage error', async () => {
    expect((await runCli(['decode', '-t', T!, '13417', '30050'])).out).toBe('안녕\n');
    expect((await runCli(['decode', '-t', T!, '--strict', '13417', '30050'])).code).toBe(1);
    expect((await runCli(['decode', '-t', T!, 'x1'])).code).toBe(2);
  });
});
