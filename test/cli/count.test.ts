import { describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';
import { runCli } from './runtime-cli-support.js';

const T = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli count');

describe.runIf(T)('mbbpe count', () => {
  it('counts tokens per line and in total', async () => {
    const enc = await runCli(['encode', '-t', T!], '안녕하세요\nhello world\n\n');
    const want = enc.out.split('\n').slice(0, 3).map((l) => (l ? l.split(' ').length : 0));
    const r = await runCli(['count', '-t', T!], '안녕하세요\nhello world\n\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${want.join('\n')}\ntotal ${want.reduce((a, b) => a + b, 0)}\n`);
    expect((await runCli(['count', '-t', T!, '--total'], '안녕하세요\nhello world\n')).out).toBe(`${want[0]! + want[1]!}\n`);
  });
  it('bad arguments exit 2; --words goes to the word-count mode', async () => {
    expect((await runCli(['count', '--nope'])).code).toBe(2);
    const w = await runCli(['count', '--words']);
    expect(w.code).toBe(2); // the word-count mode rejects a call without --input/--output
  });
});
