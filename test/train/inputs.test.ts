// Inputs other than plain files: stdin (`-`), `.gz`, JSONL records, an (async) iterable of lines;
// and `-o -`. The plain-file path itself is checked against the reference in train-api.test.ts, so
// here every other input must give the same tokenizer as the plain file (or the reference's
// pre-tokenizer applied to each sequence, for sequences without line endings).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { trainBpe } from '../../src/models/bpe/trainer.js';
import { TrainConfigError, TrainInputError } from '../../src/train/errors.js';
import { train } from '../../src/train/train.js';
import { memoryIO } from '../support/cli-io.js';
import { linesWithEnding, refWordCounts } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-inputs-'));
const sample = corpusSamples(30_000, 'train inputs').find((s) => s.name.startsWith('nsmc/'));
const base = { preset: 'hf-defaults', segment: 'none', vocabSize: 1500 } as const;

describe.runIf(sample !== undefined)('training inputs: stdin, .gz, JSONL, iterables', () => {
  const text = sample?.text ?? '';
  const plain = () => train({ ...base, input: [sample!.file] }).then((s) => JSON.stringify(s.tokenizer));

  it('a .gz file trains exactly as the plain file; a corrupt one is a clear error', async () => {
    const gz = join(dir, 'corpus.txt.gz');
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    const want = await plain();
    expect(JSON.stringify((await train({ ...base, input: [gz] })).tokenizer)).toBe(want);
    const bad = join(dir, 'bad.txt.gz');
    writeFileSync(bad, Buffer.from('not gzip at all\n'));
    await expect(train({ ...base, input: [bad] })).rejects.toThrow(TrainInputError);
    await expect(train({ ...base, input: [bad] })).rejects.toThrow(/bad\.txt\.gz: not a valid gzip file/);
    await expect(train({ ...base, input: [gz], shard: '0/2' })).rejects.toThrow(/\.gz file cannot be read from the middle/);
  });

  it('JSONL (by name or --format), one sequence per record, any text field; bad records name the line', async () => {
    const want = await plain();
    const lines = linesWithEnding(text);
    const jsonl = join(dir, 'corpus.jsonl');
    writeFileSync(jsonl, lines.map((l, i) => JSON.stringify({ id: i, body: l })).join('\n') + '\n\n');
    expect(JSON.stringify((await train({ ...base, input: [jsonl], textField: 'body' })).tokenizer)).toBe(want);
    const other = join(dir, 'corpus.data');
    writeFileSync(other, lines.map((l) => JSON.stringify({ text: l })).join('\n'));
    expect(JSON.stringify((await train({ ...base, input: [other], format: 'jsonl' })).tokenizer)).toBe(want);
    const gz = join(dir, 'corpus.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(jsonl)));
    expect(JSON.stringify((await train({ ...base, input: [gz], textField: 'body' })).tokenizer)).toBe(want);

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "a"}\n{"text": 3}\n');
    await expect(train({ ...base, input: [bad] })).rejects.toThrow(/bad\.jsonl: line 2: no string field 'text'/);
    writeFileSync(bad, '{"text": "a"}\n\n{"text": "b"\n');
    await expect(train({ ...base, input: [bad] })).rejects.toThrow(/bad\.jsonl: line 3: invalid JSON/);
    await expect(train({ ...base, input: [jsonl], format: 'csv' as 'text' })).rejects.toThrow(TrainConfigError);
  });

  it('lines: an array or an async generator of sequences, each used as given', async () => {
    const want = await plain();
    const lines = linesWithEnding(text);
    expect(JSON.stringify((await train({ ...base, lines })).tokenizer)).toBe(want);
    async function* gen() {
      for (const l of lines) yield l;
    }
    expect(JSON.stringify((await train({ ...base, lines: gen() })).tokenizer)).toBe(want);
    // Without line endings each sequence is pre-tokenized alone: the reference's words of each.
    const bare = lines.map((l) => l.replace(/\r?\n$/, ''));
    const counts = new Map<string, number>();
    for (const l of bare) for (const [w, c] of refWordCounts(l)) counts.set(w, (counts.get(w) ?? 0) + c);
    const ref = trainBpe(counts, { vocabSize: 1500 });
    const ours = (await train({ ...base, lines: bare })).tokenizer.model as { merges: unknown[] };
    expect(ours.merges).toEqual(ref.merges);
    await expect(train({ ...base, lines: [], input: [sample!.file] })).rejects.toThrow(/both input files and lines/);
    await expect(train({ ...base, lines: [1 as unknown as string] })).rejects.toThrow(/not a string/);
  });

  it('CLI: train -i - reads stdin, -o - writes stdout; count --words -i - too', async () => {
    const want = await plain();
    const io = memoryIO(Buffer.from(text));
    expect(await main(['train', '-i', '-', '-o', '-', '--preset', 'hf-defaults', '--segment', 'none', '--vocab-size', '1500'], io)).toBe(0);
    expect(io.out()).toBe(want);
    expect(io.err()).toMatch(/wrote stdout/);
    const counts = join(dir, 'stdin.counts');
    expect(await main(['count', '--words', '-i', '-', '-o', counts, '--preset', 'hf-defaults', '--segment', 'none', '-q'], memoryIO(Buffer.from(text)))).toBe(0);
    const out = join(dir, 'from-counts.json');
    expect(await main(['train', '--from-counts', counts, '-o', out, '--vocab-size', '1500', '-q'], memoryIO())).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(want);
  });

  it('CLI: --min-word-count drops and reports the rare words (default off, equal to HF)', async () => {
    const io = memoryIO();
    const out = join(dir, 'min.json');
    expect(await main(['train', '-i', sample!.file, '-o', out, '--preset', 'hf-defaults', '--segment', 'none', '--vocab-size', '1500', '--min-word-count', '2'], io)).toBe(0);
    const rare = [...refWordCounts(text)].filter(([, c]) => c < 2).length;
    expect(io.err()).toContain(`--min-word-count 2: dropped ${rare} distinct words`);
    const kept = new Map([...refWordCounts(text)].filter(([, c]) => c >= 2));
    expect((JSON.parse(readFileSync(out, 'utf8')) as { model: { merges: unknown } }).model.merges).toEqual(trainBpe(kept, { vocabSize: 1500 }).merges);
  });
});
