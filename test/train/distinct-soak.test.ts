// Issue 11's corpus, only with MBBPE_SOAK=1 (about a minute and 3 GB): 20 million distinct words
// (scripts/gen-distinct.mjs, generated here, not committed) trained with --preset hf-defaults
// --segment none must give exactly the vocabulary and merges Hugging Face's trainer gave
// (test/train/golden/distinct-20m.json, recorded once by scripts/golden/train-distinct.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { train } from '../../src/train/train.js';

const soak = process.env.MBBPE_SOAK === '1';
if (!soak) process.stderr.write('SKIP distinct-soak: set MBBPE_SOAK=1 to train on 20M distinct words against the HF golden\n');
const golden = JSON.parse(readFileSync(resolve(__dirname, 'golden/distinct-20m.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'mbbpe-distinct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe.runIf(soak)('soak: 20M distinct words vs the Hugging Face golden', () => {
  it('identical vocabulary and merges', async () => {
    const corpus = join(dir, 'distinct-20m.txt');
    execFileSync(process.execPath, [resolve(__dirname, '../../scripts/gen-distinct.mjs'), '20000000', corpus]);
    expect(statSync(corpus).size).toBe(golden.corpus.bytes);
    const out = join(dir, 'tokenizer.json');
    const s = await train({ input: [corpus], output: out, preset: 'hf-defaults', segment: 'none', threads: 2 });
    expect(s.words).toBe(20_000_001); // each word once (with its space, or first in its line without), and the line end
    const model = JSON.parse(readFileSync(out, 'utf8')).model;
    const vocab: string[] = [];
    for (const [t, id] of Object.entries(model.vocab as Record<string, number>)) vocab[id] = t;
    const merges = (model.merges as Array<string | [string, string]>).map((m) => (typeof m === 'string' ? [m.slice(0, m.indexOf(' ')), m.slice(m.indexOf(' ') + 1)] : m));
    expect(vocab.length).toBe(golden.vocabSize);
    expect(merges.length).toBe(golden.mergeCount);
    expect(merges.slice(0, 100)).toEqual(golden.firstMerges);
    expect(merges.slice(-100)).toEqual(golden.lastMerges);
    expect(sha(vocab)).toBe(golden.vocabSha256);
    expect(sha(merges)).toBe(golden.mergesSha256);
  }, 1_800_000);
});
