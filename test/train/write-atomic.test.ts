import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainOutputError } from '../../src/train/errors.js';
import { writeFileAtomic } from '../../src/train/write-atomic.js';

describe('writeFileAtomic', () => {
  it('a write that fails half way leaves the old file and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-atomic-'));
    const target = join(dir, 'tokenizer.json');
    writeFileSync(target, 'old');
    function* pieces(): Generator<string> {
      yield 'x'.repeat(3 << 20); // flushed to the temporary file before the failure
      throw new Error('interrupted');
    }
    await expect(writeFileAtomic(target, pieces())).rejects.toThrow(TrainOutputError);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['tokenizer.json']);
  });

  it('replaces the file in one step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-atomic-'));
    const target = join(dir, 'out.json');
    await writeFileAtomic(target, ['a', 'b', 'c']);
    expect(readFileSync(target, 'utf8')).toBe('abc');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('refuses a missing directory or a directory as target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-atomic-'));
    await expect(writeFileAtomic(join(dir, 'no/x.json'), 'a')).rejects.toThrow(/does not exist/);
    await expect(writeFileAtomic(dir, 'a')).rejects.toThrow(/is a directory/);
  });
});
