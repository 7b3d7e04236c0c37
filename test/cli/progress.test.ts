// Progress on long work (issue 14, bug 9): clean, segment, encode, count and decode over an --input
// show the same periodic lines as train (a bar on a terminal), byte-based over the input size, on
// stderr only; --quiet silences them; quick runs (shorter than the interval) print nothing.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-progress-'));
const text = join(dir, 'in.txt');
// Larger than one 256 KiB read (segment's buffer; ids: 64 KiB), so there are several progress updates.
const lines = Array.from({ length: 8000 }, (_, i) => `아버지가 방에 들어가신다 ${i}번째 문장입니다`);
writeFileSync(text, lines.join('\n') + '\n');
const size = Buffer.byteLength(lines.join('\n') + '\n');
const ids = join(dir, 'ids.txt');
writeFileSync(ids, Array.from({ length: 12000 }, (_, i) => `${i % 500} ${(i * 7) % 500}`).join('\n') + '\n');
const idsSize = Buffer.byteLength(Array.from({ length: 12000 }, (_, i) => `${i % 500} ${(i * 7) % 500}`).join('\n') + '\n');

const CASES: [string, string[], string, number][] = [
  ['encode', ['encode', '-i', text], 'encoding', size],
  ['count', ['count', '-i', text], 'counting tokens', size],
  ['decode', ['decode', '-i', ids], 'decoding', idsSize],
  ['segment', ['segment', '-i', text, '-f', 'wakati'], 'segmenting', size],
  ['clean', ['clean', '-i', text, '-o', join(dir, 'clean.txt')], 'cleaning', size],
];

async function run(argv: string[], o: { everyMs?: number; tty?: boolean } = {}) {
  const io = memoryIO();
  if (o.everyMs !== undefined) io.progressEveryMs = o.everyMs;
  if (o.tty) io.isTTY = true;
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, out: io.outBytes(), err: io.err() };
}

describe('progress on stderr for long inputs', () => {
  for (const [name, argv, what, total] of CASES) {
    it(`${name}: periodic byte lines on stderr, stdout unchanged; --quiet silences them`, async () => {
      const loud = await run(argv, { everyMs: 0 });
      expect(loud.code, loud.err).toBe(0);
      const mb = (total / 1e6).toFixed(2);
      const progressLines = loud.err.split('\n').filter((l) => l.startsWith(`mbbpe ${name}: ${what} `));
      expect(progressLines.length, loud.err).toBeGreaterThan(1);
      expect(progressLines.at(-1)).toContain(`${mb}/${mb} MB (100%)`);
      for (const l of progressLines) expect(l).toMatch(new RegExp(`^mbbpe ${name}: ${what} \\d+\\.\\d\\d/${mb} MB \\(\\d+%\\), \\d+\\.\\d\\d MB/s`));
      const quiet = await run([...argv, '-q'], { everyMs: 0 });
      expect(quiet.code).toBe(0);
      expect(quiet.err).toBe('');
      expect(quiet.out.equals(loud.out)).toBe(true); // progress never reaches stdout
    });
  }

  it('a run shorter than the interval (default 5 s) prints no progress', async () => {
    for (const [name, argv, what] of CASES) {
      const r = await run(argv);
      expect(r.err, name).not.toContain(`${what} `);
    }
  });

  it('stdin has no size: plain lines with bytes and rate, no percentage', async () => {
    const io = memoryIO(lines.join('\n') + '\n');
    io.progressEveryMs = 0;
    expect(await main(['count', '--total'], io)).toBe(0);
    const l = io.err().split('\n').filter((x) => x.startsWith('mbbpe count: counting tokens'));
    expect(l.length).toBeGreaterThan(0);
    for (const x of l) expect(x).toMatch(/^mbbpe count: counting tokens \d+\.\d\d MB, \d+\.\d\d MB\/s$/);
  });

  it('on a terminal: the cli-progress bar, on stderr', async () => {
    const r = await run(['encode', '-i', text], { everyMs: 0, tty: true });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/mbbpe encode encoding \[[█░]+\] 100%/);
    const q = await run(['encode', '-i', text, '-q'], { everyMs: 0, tty: true });
    expect(q.err).toBe('');
    expect(q.out.equals(r.out)).toBe(true);
  });
});
