import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';
import { refFromJSON } from '../runtime/support.js';
import { runCli } from './runtime-cli-support.js';

const T = sharedFile('vocab/polyglot-ko/tokenizer.json', 'cli inspect');

describe.runIf(T)('mbbpe inspect', () => {
  it('prints vocab size, special tokens and the pipeline', async () => {
    const r = await runCli(['inspect', '-t', T!]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/vocab size\s+30003 \(model 30000, merges 29740, added tokens 7\)/);
    expect(r.out).toMatch(/2=<\|endoftext\|>/);
    expect(r.out).toMatch(/pre-tokenizer\s+Sequence\[Split\(pattern=\{"String":"ೱ"\}, behavior="Removed"/);
    const j = JSON.parse((await runCli(['inspect', '-t', T!, '--json'])).out);
    expect(j.vocabSize).toBe(refFromJSON(readFileSync(T!, 'utf8')).getVocabSize(true));
    expect((await runCli(['inspect', 'extra'])).code).toBe(2);
    // A folder holding a tokenizer.json works too.
    // (Issue 14, bug 8: the folder's tokenizer_config.json is shown too, in the config lines.)
    const pipelineOnly = (out: string) => out.split('\n').filter((l) => !/^(config|  )/.test(l)).join('\n');
    expect(pipelineOnly((await runCli(['inspect', '-t', T!.replace(/tokenizer\.json$/, '')])).out)).toBe(pipelineOnly(r.out));
  });
});
