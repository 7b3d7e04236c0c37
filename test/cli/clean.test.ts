// `mbbpe clean` run in-process through the dispatcher: text and JSONL in and out (other JSONL
// fields and in-document line breaks kept), the report file, step/PII switches, the file-backed
// dedup set, and exit codes for bad arguments (2) and unreadable or malformed input (1).

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const io = memoryIO;

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-clean-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);

describe('mbbpe clean', () => {
  it('cleans a text file line by line and writes a report', async () => {
    writeFileSync(
      p('in.txt'),
      [
        '\ufeff<p>영화가   정말 재밌어요 ㅋㅋㅋㅋㅋㅋ</p>',
        '연락 주세요 010-1234-5678 또는 hong@naver.com',
        '',
        '굿',
        '영화가 정말 재밌어요 ㅋㅋㅋ',
        '첫 줄<br>둘째 줄',
        '{}{}{}{}{}',
      ].join('\r\n') + '\r\n',
    );
    const s = io();
    const code = await main(['clean', '-i', p('in.txt'), '-o', p('out.txt'), '--report', p('report.json')], s);
    expect(s.err()).toMatch(/7 documents in, 3 out/);
    expect(code).toBe(0);
    expect(readFileSync(p('out.txt'), 'utf8')).toBe('영화가 정말 재밌어요 ㅋㅋㅋ\n연락 주세요 <|tel|> 또는 <|email|>\n첫 줄 둘째 줄\n');
    const report = JSON.parse(readFileSync(p('report.json'), 'utf8'));
    expect(report.documentsIn).toBe(7);
    expect(report.documentsOut).toBe(3);
    expect(report.emptyDropped).toBe(1);
    expect(report.steps.short.dropped).toBe(2);
    expect(report.steps.dedup.dropped).toBe(1);
    expect(report.steps.fragment.dropped).toBe(1);
    expect(report.pii).toEqual({ tel: 1, rrn: 0, acc: 0, card: 0, email: 1 });
  });

  it('keeps JSONL fields, key order and line breaks inside documents', async () => {
    const docs = [
      { id: 1, text: '제목\n\n\n\n본문   입니다.  \n전화 02-2123-4567', meta: { src: 'web' } },
      { text: '<b>둘째</b> 문서 ㅎㅎㅎㅎㅎ', id: 2 },
      { id: 3, text: '' },
    ];
    writeFileSync(p('in.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n\n');
    const s = io();
    expect(await main(['clean', '--input', p('in.jsonl'), '--output', p('out.jsonl'), '-q'], s)).toBe(0);
    expect(s.err()).toBe('');
    const lines = readFileSync(p('out.jsonl'), 'utf8').split('\n');
    expect(lines).toEqual([
      JSON.stringify({ id: 1, text: '제목\n\n본문 입니다.\n전화 <|tel|>', meta: { src: 'web' } }),
      JSON.stringify({ text: '둘째 문서 ㅎㅎㅎ', id: 2 }),
      '',
    ]);
  });

  it('switches steps, PII kinds and tokens from flags; reads stdin and writes stdout', async () => {
    const s = io('a@b.co 010-1234-5678 ㅋㅋㅋㅋㅋ\na@b.co 010-1234-5678 ㅋㅋㅋㅋㅋ\n');
    const code = await main(['clean', '-i', '-', '-o', '-', '--skip', 'repeat,dedup', '--pii', 'email', '--token', 'email=[메일]', '-q'], s);
    expect(code).toBe(0);
    expect(s.out()).toBe('[메일] 010-1234-5678 ㅋㅋㅋㅋㅋ\n[메일] 010-1234-5678 ㅋㅋㅋㅋㅋ\n');
    const t = io('<b>굿</b>\n');
    expect(await main(['clean', '-i', '-', '-o', '-', '--steps', 'html', '-q'], t)).toBe(0);
    expect(t.out()).toBe('굿\n');
  });

  it('uses a file-backed dedup set, across runs with --dedup-reuse', async () => {
    writeFileSync(p('d1.txt'), '첫 번째 문서입니다\n두 번째 문서입니다\n첫 번째 문서입니다\n');
    writeFileSync(p('d2.txt'), '두 번째 문서입니다\n세 번째 문서입니다\n');
    const s1 = io();
    expect(await main(['clean', '-i', p('d1.txt'), '-o', p('d1.out'), '--dedup-file', p('set.dedup'), '-q'], s1)).toBe(0);
    expect(readFileSync(p('d1.out'), 'utf8')).toBe('첫 번째 문서입니다\n두 번째 문서입니다\n');
    const again = io();
    expect(await main(['clean', '-i', p('d2.txt'), '-o', p('d2.out'), '--dedup-file', p('set.dedup')], again)).toBe(1);
    expect(again.err()).toMatch(/already exists/);
    const s2 = io();
    expect(await main(['clean', '-i', p('d2.txt'), '-o', p('d2.out'), '--dedup-file', p('set.dedup'), '--dedup-reuse', '-q'], s2)).toBe(0);
    expect(readFileSync(p('d2.out'), 'utf8')).toBe('세 번째 문서입니다\n');
  });

  it('splits text files at \\n only, keeps long lines and multi-byte characters whole', async () => {
    const long = Array.from({ length: 120_000 }, (_, i) => '가나다라마바사 '[i % 8]).join('').trim();
    writeFileSync(p('lines.txt'), `첫째 줄\r둘째 부분\n${long}\n마지막 줄 개행 없음`);
    const s = io();
    expect(await main(['clean', '-i', p('lines.txt'), '-o', p('lines.out'), '--skip', 'whitespace', '-q'], s)).toBe(0);
    expect(readFileSync(p('lines.out'), 'utf8').split('\n')).toEqual(['첫째 줄\r둘째 부분', long, '마지막 줄 개행 없음', '']);
  });

  it('exits 2 with usage on bad arguments', async () => {
    const cases = [
      ['clean', '-o', p('x')],
      ['clean', '-i', p('in.txt')],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--steps', 'html,nope'],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--min-chars', 'abc'],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--format', 'csv'],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--token', 'phone=<|p|>'],
      ['clean', '-i', p('in.txt'), '-i', p('in.jsonl'), '-o', p('x')],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--bogus'],
      ['clean', '-i', p('in.txt'), '-o', p('x'), '--dedup-reuse'],
    ];
    for (const argv of cases) {
      const s = io();
      expect(await main(argv, s), argv.join(' ')).toBe(2);
      expect(s.err()).toMatch(/usage: mbbpe clean/);
    }
  });

  it('exits 1 with the file and line on unreadable or malformed input', async () => {
    const s = io();
    expect(await main(['clean', '-i', p('missing.txt'), '-o', p('x')], s)).toBe(1);
    expect(s.err()).toMatch(/missing\.txt: cannot read input/);
    writeFileSync(p('bad.jsonl'), '{"text": "좋아요 정말"}\n{"text": 3}\n');
    const b = io();
    expect(await main(['clean', '-i', p('bad.jsonl'), '-o', p('bad.out')], b)).toBe(1);
    expect(b.err()).toMatch(/bad\.jsonl:2: object has no string field 'text'/);
    writeFileSync(p('bad2.jsonl'), '{"text": "좋아요"\n');
    const c = io();
    expect(await main(['clean', '-i', p('bad2.jsonl'), '-o', p('bad.out')], c)).toBe(1);
    expect(c.err()).toMatch(/bad2\.jsonl:1: invalid JSON/);
    const o = io();
    expect(await main(['clean', '-i', p('in.txt'), '-o', join(dir, 'no-such-dir', 'out.txt')], o)).toBe(1);
    expect(o.err()).toMatch(/cannot write output/);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it('prints its usage on --help', async () => {
    const s = io();
    expect(await main(['clean', '--help'], s)).toBe(0);
    expect(s.out()).toMatch(/--dedup-file PATH/);
  });
});

describe('mbbpe clean JSONL exactness', () => {
  it('changes only the text value: big integer ids, spacing, escapes and key order stay byte-exact', async () => {
    const lines = [
      '{"id": 12345678901234567890, "text" : "전화   010-1234-5678\\n\\n\\n다음 문단", "x": [1, {"text": "안쪽"}], "f": 1.10}',
      '{ "meta":{"a":"}\\"{"} ,"text":"\\uD55C\\uAD6D\\uC5B4 문장입니다","n":-0.0e5 }',
      '{"text":"앞의   값","text":"뒤의   값이 이깁니다","id":7}',
    ];
    writeFileSync(p('exact.jsonl'), lines.join('\n') + '\n');
    const s = io();
    expect(await main(['clean', '-i', p('exact.jsonl'), '-o', p('exact.out.jsonl'), '-q'], s)).toBe(0);
    expect(readFileSync(p('exact.out.jsonl'), 'utf8').split('\n')).toEqual([
      '{"id": 12345678901234567890, "text" : "전화 <|tel|>\\n\\n다음 문단", "x": [1, {"text": "안쪽"}], "f": 1.10}',
      '{ "meta":{"a":"}\\"{"} ,"text":"한국어 문장입니다","n":-0.0e5 }',
      '{"text":"앞의   값","text":"뒤의 값이 이깁니다","id":7}',
      '',
    ]);
  });

  it('cleans a differently named field with --text-field', async () => {
    writeFileSync(p('body.jsonl'), '{"body":"<b>본문</b> 입니다 ㅋㅋㅋㅋ","text":"그대로 둠"}\n');
    const s = io();
    expect(await main(['clean', '-i', p('body.jsonl'), '-o', p('body.out.jsonl'), '--text-field', 'body', '-q'], s)).toBe(0);
    expect(readFileSync(p('body.out.jsonl'), 'utf8')).toBe('{"body":"본문 입니다 ㅋㅋㅋ","text":"그대로 둠"}\n');
  });
});
