// `mbbpe clean` on bad lines: the output is written atomically (a run that stops leaves no partial
// file and keeps an older one intact), and `--on-error skip` leaves unusable lines out, counted in
// the summary and the report (issue 14, bug 3).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-clean-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);
const good = (i: number) => `{"id": ${i}, "text": "좋은 문장 번호 ${i}입니다 정말로"}`;
// 200 good records around one without the text field, so a partial file would have bytes in it.
const records = [...Array.from({ length: 100 }, (_, i) => good(i)), '{"id": 100, "body": "텍스트 없음"}', ...Array.from({ length: 100 }, (_, i) => good(101 + i))];

describe('mbbpe clean: atomic output and --on-error', () => {
  it('stops on a bad record: exit 1 naming file:line, no output file, no temporary file left', async () => {
    writeFileSync(p('a.jsonl'), records.join('\n') + '\n');
    const s = memoryIO();
    expect(await main(['clean', '-i', p('a.jsonl'), '-o', p('a.out.jsonl'), '-q'], s)).toBe(1);
    expect(s.err()).toMatch(/a\.jsonl:101: object has no string field 'text'/);
    expect(s.err()).toMatch(/--on-error skip/); // CLI advice names flags
    expect(s.err()).not.toMatch(/textField|onError/);
    expect(s.err().trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(p('a.out.jsonl'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an older output file keeps its content when a run stops', async () => {
    writeFileSync(p('old.jsonl'), 'previous run\n');
    expect(await main(['clean', '-i', p('a.jsonl'), '-o', p('old.jsonl'), '-q'], memoryIO())).toBe(1);
    expect(readFileSync(p('old.jsonl'), 'utf8')).toBe('previous run\n');
  });

  it('--on-error skip: the bad record is left out and counted in the summary and the report', async () => {
    const s = memoryIO();
    expect(await main(['clean', '-i', p('a.jsonl'), '-o', p('b.out.jsonl'), '--on-error', 'skip', '--report', p('r.json')], s)).toBe(0);
    const out = readFileSync(p('b.out.jsonl'), 'utf8').trimEnd().split('\n');
    expect(out).toHaveLength(200);
    expect(out.some((l) => l.includes('"id": 100,'))).toBe(false);
    expect(s.err()).toMatch(/skipped 1 unusable lines .*first .*a\.jsonl:101: object has no string field 'text'/);
    const r = JSON.parse(readFileSync(p('r.json'), 'utf8'));
    expect(r.skippedLines).toBe(1);
    expect(r.skipped).toEqual([{ file: p('a.jsonl'), line: 101, reason: "object has no string field 'text'" }]);
    expect(r.documentsIn).toBe(200);
  });

  it('a line that is not UTF-8: stop names file, line and byte; skip counts it and keeps line numbers', async () => {
    const bytes = Buffer.concat([Buffer.from('첫째 줄 문장입니다\n'), Buffer.from([0x41, 0xff, 0x42, 0x0a]), Buffer.from('셋째 줄 문장입니다\n{"x": 1\n')]);
    writeFileSync(p('c.txt'), bytes);
    const s = memoryIO();
    expect(await main(['clean', '-i', p('c.txt'), '-o', p('c.out'), '-q'], s)).toBe(1);
    // "첫째 줄 문장입니다\n" is 27 bytes; the bad byte is the second of line 2.
    expect(s.err()).toMatch(/c\.txt:2: not valid UTF-8 \(byte 28\)/);
    expect(existsSync(p('c.out'))).toBe(false);
    const k = memoryIO();
    expect(await main(['clean', '-i', p('c.txt'), '-o', p('c.out'), '--on-error', 'skip', '--skip', 'dedup,short,fragment'], k)).toBe(0);
    expect(readFileSync(p('c.out'), 'utf8')).toBe('첫째 줄 문장입니다\n셋째 줄 문장입니다\n{"x": 1\n');
    expect(k.err()).toMatch(/skipped 1 unusable lines .*c\.txt:2/);
    // JSONL: the line after a skipped non-UTF-8 line is still called line 3.
    writeFileSync(p('d.jsonl'), Buffer.concat([Buffer.from(good(1) + '\n'), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('{"body": 1}\n')]));
    const j = memoryIO();
    expect(await main(['clean', '-i', p('d.jsonl'), '-o', p('d.out'), '--on-error', 'skip', '--report', p('d.json'), '-q'], j)).toBe(0);
    expect(JSON.parse(readFileSync(p('d.json'), 'utf8')).skipped.map((x: { line: number }) => x.line)).toEqual([2, 3]);
  });

  it('--output a directory fails before reading; --on-error takes only stop or skip', async () => {
    const s = memoryIO();
    expect(await main(['clean', '-i', p('a.jsonl'), '-o', dir], s)).toBe(1);
    expect(s.err()).toMatch(/is a directory/);
    const u = memoryIO();
    expect(await main(['clean', '-i', p('a.jsonl'), '-o', p('x'), '--on-error', 'ignore'], u)).toBe(2);
    expect(u.err()).toMatch(/--on-error must be stop or skip/);
  });
});
